import { expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runAction } from '../harness/run-action.js'

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.on('error', reject)
    child.on('close', code =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`git ${args.join(' ')} exited ${code}`))
    )
  })
}

test('baseline git:<ref>:<path> reads the file at that commit and names the commit', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-git-'))
  const identity = ['-c', 'user.name=mlci', '-c', 'user.email=mlci@example.invalid']
  await git(['init', '-q', '-b', 'main'], workspace)
  await writeFile(path.join(workspace, 'metrics.json'), '{"accuracy": 0.93}')
  await git(['add', 'metrics.json'], workspace)
  await git([...identity, 'commit', '-q', '-m', 'baseline'], workspace)
  const sha = await git(['rev-parse', 'HEAD'], workspace)
  await writeFile(path.join(workspace, 'metrics.json'), '{"accuracy": 0.90}')
  await writeFile(
    path.join(workspace, 'policy.yaml'),
    'metrics:\n  accuracy: { direction: higher, max_drop: 0.02 }\n'
  )
  const result = await runAction({
    action: 'evaluate',
    workspace,
    inputs: {
      metrics: 'metrics.json',
      policy: 'policy.yaml',
      baseline: 'git:main:metrics.json',
      'check-name': ''
    }
  })
  expect(result.outputs['baseline-source']).toBe(`git at ${sha.slice(0, 12)} (git:main:metrics.json)`)
  expect(result.outputs.verdict).toBe('fail')
  const rule = JSON.parse(result.outputs['failed-rules'])[0]
  expect(rule).toMatchObject({ metric: 'accuracy', rule: 'max_drop', line: 2 })
  expect(rule.actual).toBeCloseTo(0.03, 12)
})

test('multiclass from probability columns by prefix, and regression, read from JSONL and CSV', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-tasks-'))
  const rows = [
    { label: 'cat', prob_cat: 0.7, prob_dog: 0.2, prob_eel: 0.1 },
    { label: 'dog', prob_cat: 0.3, prob_dog: 0.6, prob_eel: 0.1 },
    { label: 'eel', prob_cat: 0.2, prob_dog: 0.5, prob_eel: 0.3 },
    { label: 'cat', prob_cat: 0.4, prob_dog: 0.35, prob_eel: 0.25 }
  ]
  await writeFile(path.join(workspace, 'multi.jsonl'), rows.map(row => JSON.stringify(row)).join('\n') + '\n')
  await writeFile(path.join(workspace, 'reg.csv'), 'label,prediction\n1.5,1.0\n2.0,2.5\n3.5,3.0\n')
  const multiclass = await runAction({
    action: 'evaluate',
    workspace,
    inputs: {
      predictions: 'multi.jsonl',
      'score-columns': 'prob_',
      bootstrap: '0',
      baseline: 'none',
      'check-name': ''
    }
  })
  const multi = JSON.parse(readFileSync(multiclass.outputs.results, 'utf8')).candidate
  expect(multi.task).toBe('multiclass')
  expect(multi.metrics.accuracy.value).toBeCloseTo(0.75, 12)
  // log loss = −mean(log 0.7, log 0.6, log 0.3, log 0.4)
  expect(multi.metrics.log_loss.value).toBeCloseTo(
    -(Math.log(0.7) + Math.log(0.6) + Math.log(0.3) + Math.log(0.4)) / 4,
    12
  )
  const regression = await runAction({
    action: 'evaluate',
    workspace,
    inputs: { predictions: 'reg.csv', bootstrap: '0', baseline: 'none', 'check-name': '' }
  })
  const reg = JSON.parse(regression.outputs.metrics)
  expect(JSON.parse(readFileSync(regression.outputs.results, 'utf8')).candidate.task).toBe('regression')
  expect(reg.mae).toBeCloseTo(0.5, 12)
  expect(reg.rmse).toBeCloseTo(0.5, 12)
})
