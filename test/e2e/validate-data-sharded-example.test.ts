import { afterAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { REPO_ROOT, runAction } from '../harness/run-action.js'

/**
 * workflows-examples/validate-data-sharded.yml as written: its shard and merge jobs, with the two rules files its
 * comment tells users to create. A shard smaller than the dataset's `rows` minimum must not put an error on a
 * run the merge finds valid.
 */
const EXAMPLE = 'workflows-examples/validate-data-sharded.yml'
const text = readFileSync(path.join(REPO_ROOT, EXAMPLE), 'utf8')

/** The files the example's comment shows: `#   # <path>: …` followed by `#   ` content lines. */
function filesInComment(): Record<string, string> {
  const files: Record<string, string> = {}
  let current: string | undefined
  for (const line of text.split('\n')) {
    const header = /^# {3}# (\S+\.ya?ml):/.exec(line)
    if (header) files[(current = header[1])] = ''
    else if (current !== undefined && line.startsWith('#   ')) files[current] += `${line.slice(4)}\n`
    else current = undefined
  }
  return files
}

interface Step {
  uses?: string
  with?: Record<string, string>
}
const workflow = parseYaml(text) as { jobs: Record<string, { steps: Step[] }> }
const stepOf = (job: string) => workflow.jobs[job].steps.find(step => step.uses?.includes('validate-data'))!

/** 6,000 rows of shard `shard`: event_id, amount, country. */
function shardCsv(shard: number): string {
  const lines = ['event_id,amount,country']
  for (let i = 0; i < 6000; i++)
    lines.push(`${shard * 6000 + i},${((i * 37) % 1000) / 10},${['US', 'DE', 'FR', 'JP'][i % 4]}`)
  return `${lines.join('\n')}\n`
}

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map(dir => rm(dir, { recursive: true, force: true }))))

test('each shard of a valid dataset passes without an error annotation; the merge checks rows on the whole', async () => {
  const files = filesInComment()
  const shard = stepOf('shard').with!
  const merge = stepOf('merge').with!
  expect(Object.keys(files).sort()).toEqual([merge.rules, shard.rules].sort())
  expect(files[merge.rules]).toMatch(/^rows:/m)
  expect(files[shard.rules]).not.toMatch(/^rows:|null_fraction_max/m)

  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-sharded-'))
  dirs.push(workspace)
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true })
    await writeFile(path.join(workspace, file), content)
  }
  await mkdir(path.join(workspace, 'data'), { recursive: true })
  for (const n of [0, 1]) {
    await writeFile(path.join(workspace, `data/part-${n}.csv`), shardCsv(n))
    const result = await runAction({
      action: 'validate-data',
      workspace,
      inputs: {
        data: `data/part-${n}.csv`,
        rules: shard.rules,
        'fail-on': shard['fail-on'],
        report: `reports/shard-${n}.json`
      }
    })
    expect(result.stdout).not.toMatch(/::error/)
    expect(result.outputs.valid).toBe('true')
  }
  const merged = await runAction({
    action: 'validate-data',
    workspace,
    inputs: { mode: 'merge', data: 'reports/shard-*.json', rules: merge.rules }
  })
  expect(merged.stdout).not.toMatch(/::error/)
  expect(merged.outputs).toEqual(expect.objectContaining({ valid: 'true', rows: '12000' }))
  const report = JSON.parse(readFileSync(merged.outputs.report, 'utf8')) as { rules: { id: string }[] }
  expect(report.rules.map(rule => rule.id)).toEqual(expect.arrayContaining(['rows', 'unique(event_id)']))

  // The same shard against one rules file holding both kinds: the error on a green run the example avoids.
  await writeFile(
    path.join(workspace, 'both.yml'),
    `${/^rows:.*$/m.exec(files[merge.rules])![0]}\n${files[shard.rules]}`
  )
  const single = await runAction({
    action: 'validate-data',
    workspace,
    inputs: { data: 'data/part-0.csv', rules: 'both.yml', 'fail-on': 'never', report: 'reports/single.json' }
  })
  expect(single.stdout).toMatch(/::error.*rows/)
})
