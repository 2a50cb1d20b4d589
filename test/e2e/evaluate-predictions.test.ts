import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runAction, type RunResult } from '../harness/run-action.js'
import { resultsSchemaErrors } from './results-schema.js'

/**
 * evaluate on per-example predictions, end to end through the bundle: metrics with intervals and slices,
 * paired significance deciding between fail, pass and inconclusive, and bad input reported at its file and line.
 */
interface Row {
  id: string
  label: number
  prediction: number
  score: number
  region: string
}

function csv(rows: Row[]): string {
  return (
    [
      'id,label,prediction,score,region',
      ...rows.map(r => `${r.id},${r.label},${r.prediction},${r.score},${r.region}`)
    ].join('\n') + '\n'
  )
}

/**
 * n examples; `baselineWrong` rows only the baseline gets wrong, `candidateWrong` rows only the candidate
 * gets wrong: the accuracy drop is (candidateWrong − baselineWrong) / n.
 */
function pairedFiles(
  n: number,
  candidateWrong: number,
  baselineWrong: number
): { candidate: string; baseline: string } {
  const make = (wrong: (i: number) => boolean) =>
    Array.from({ length: n }, (_, i) => {
      const label = i % 2
      const prediction = wrong(i) ? 1 - label : label
      const score = prediction === 1 ? 0.6 + (i % 7) / 20 : 0.4 - (i % 7) / 20
      return {
        id: `ex${i}`,
        label,
        prediction,
        score: Number(score.toFixed(3)),
        region: i % 3 === 0 ? 'eu' : 'us'
      }
    })
  return {
    candidate: csv(make(i => i < candidateWrong)),
    baseline: csv(make(i => i >= candidateWrong && i < candidateWrong + baselineWrong))
  }
}

async function run(files: Record<string, string>, inputs: Record<string, string>): Promise<RunResult> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-evaluate-predictions-'))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(workspace, name), text)
  return runAction({ action: 'evaluate', workspace, inputs: { 'check-name': '', ...inputs } })
}

const significancePolicy = (method: string) =>
  `metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05, method: ${method} }\n`

describe('evaluate on predictions', () => {
  test.each(['paired-bootstrap', 'mcnemar'])(
    '%s: a significant 3.3%% accuracy drop fails, the same drop on few examples is inconclusive',
    async method => {
      const significant = pairedFiles(3000, 100, 0)
      const noisy = pairedFiles(150, 12, 7)
      const inputs = {
        predictions: 'candidate.csv',
        'baseline-predictions': 'baseline.csv',
        'score-column': 'score',
        'id-column': 'id',
        policy: 'policy.yaml',
        bootstrap: '300'
      }
      const failed = await run(
        {
          'candidate.csv': significant.candidate,
          'baseline.csv': significant.baseline,
          'policy.yaml': significancePolicy(method)
        },
        inputs
      )
      const warned = await run(
        {
          'candidate.csv': noisy.candidate,
          'baseline.csv': noisy.baseline,
          'policy.yaml': significancePolicy(method)
        },
        inputs
      )
      const ruleOf = (result: RunResult) => JSON.parse(readFileSync(result.outputs.results, 'utf8')).rules[0]
      expect(resultsSchemaErrors(failed.outputs.results)).toEqual([])
      expect(ruleOf(failed).actual).toBeCloseTo(100 / 3000, 9)
      expect(ruleOf(warned).actual).toBeCloseTo(5 / 150, 9)
      expect(failed.exitCode).toBe(1)
      expect(failed.outputs.verdict).toBe('fail')
      expect(ruleOf(failed).significance).toMatchObject({ method, significant: true })
      expect(warned.exitCode).toBe(0)
      expect(warned.outputs.verdict).toBe('inconclusive')
      expect(ruleOf(warned).significance).toMatchObject({ method, significant: false })
      // mcnemar: 19 discordant examples are too few for its normal approximation; the bootstrap straddles.
      expect(warned.summary).toMatch(/inconclusive(, neither significantly beyond| against) max\\_drop 0\.01/)
      expect(warned.outputs['baseline-source']).toBe('file (metrics of baseline.csv)')
    }
  )

  test('metrics with intervals and slices, and slice rules', async () => {
    const { candidate } = pairedFiles(600, 30, 0)
    const result = await run(
      {
        'predictions.csv': candidate,
        'policy.yaml':
          'metrics:\n  roc_auc: { min: 0.5 }\nslices:\n  column: region\n  metrics: { accuracy: { min: 0.9, max_gap: 0.01 } }\n'
      },
      {
        predictions: 'predictions.csv',
        'score-column': 'score',
        'slice-columns': 'region',
        policy: 'policy.yaml',
        bootstrap: '200',
        baseline: 'none'
      }
    )
    const results = JSON.parse(readFileSync(result.outputs.results, 'utf8'))
    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
    expect(results.candidate.task).toBe('binary')
    expect(results.candidate.metrics.accuracy.value).toBeCloseTo(570 / 600, 12)
    expect(results.candidate.metrics.accuracy.ci.low).toBeLessThan(570 / 600)
    expect(Object.keys(results.candidate.slices[0].values).sort()).toEqual(['eu', 'us'])
    // The 30 wrong rows are the first 30: 10 in eu (200 rows), 20 in us (400 rows): 0.95 each, no gap.
    expect(results.rules.find((r: { rule: string }) => r.rule === 'max_gap')).toMatchObject({
      status: 'pass',
      actual: 0
    })
    expect(JSON.parse(result.outputs.metrics).roc_auc).toBeGreaterThan(0.5)
    expect(result.exitCode).toBe(0)
  })

  const good = 'id,label,prediction,score\na,1,1,0.9\nb,0,0,0.2\n'
  test.each([
    [
      'a NaN score',
      { 'p.csv': 'id,label,prediction,score\na,1,1,0.9\nb,0,0,NaN\n' },
      {},
      /p\.csv:3: score is "NaN", not a finite probability/
    ],
    [
      'a probability above 1',
      { 'p.csv': 'id,label,prediction,score\na,1,1,1.5\n' },
      {},
      /p\.csv:2: score is 1\.5: a probability must be within \[0, 1\]/
    ],
    [
      'three label values for binary',
      { 'p.csv': 'id,label,prediction,score\na,1,1,0.9\nb,2,0,0.2\n' },
      { task: 'binary' },
      /p\.csv:3: label is "2": a binary task needs 0\/1/
    ],
    [
      'a missing column',
      { 'p.csv': 'id,truth,prediction,score\na,1,1,0.9\n' },
      {},
      /p\.csv has no column 'label'/
    ],
    ['an empty file', { 'p.csv': 'id,label,prediction,score\n' }, {}, /p\.csv has no rows/],
    [
      'paired files of different lengths',
      { 'p.csv': good, 'b.csv': 'id,label,prediction,score\na,1,1,0.9\n' },
      { 'baseline-predictions': 'b.csv' },
      /b\.csv has 1 example\(s\) but p\.csv has 2/
    ],
    [
      'paired files with different ids',
      { 'p.csv': good, 'b.csv': good.replace('b,0', 'c,0') },
      { 'baseline-predictions': 'b.csv', 'id-column': 'id' },
      /b\.csv has no example with id 'b' \(example 2 of p\.csv\)/
    ]
  ])('%s is a clear error, exit 1, no results file', async (_, files, inputs, message) => {
    const result = await run(files, {
      predictions: 'p.csv',
      'score-column': 'score',
      results: 'results.json',
      baseline: 'none',
      ...inputs
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
    ])
    expect(existsSync(path.join(result.workspace, 'results.json'))).toBe(false)
  })

  test('a metrics file that is neither JSON nor YAML is an error at its line', async () => {
    const result = await run(
      { 'metrics.json': '{"accuracy": 0.9,\n "loss": }\n' },
      { metrics: 'metrics.json', results: 'results.json' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        file: 'metrics.json',
        line: 2,
        message: expect.stringContaining('not valid JSON')
      })
    ])
    expect(existsSync(path.join(result.workspace, 'results.json'))).toBe(false)
  })
})
