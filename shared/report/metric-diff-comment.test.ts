import { describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { guessDirection } from '../metrics/direction.js'
import { diffMetrics } from '../metrics/metric-diff.js'
import { toMetricSet } from '../metrics/metric-file.js'
import { COMMENT_LIMIT, renderDiffReport, type DiffReport } from './metric-diff-comment.js'

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden')

/** Compares with a reviewed golden file; `UPDATE_GOLDEN=1 npm test` rewrites them for review in the diff. */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

function report(baseline: Record<string, number> | undefined, candidate: Record<string, number>): DiffReport {
  return {
    title: 'Model metrics',
    marker: '<!-- mlci:metric-diff:model-metrics -->',
    baselineSource: 'file metrics/main.json',
    changes: diffMetrics(baseline && toMetricSet(baseline), toMetricSet(candidate), {
      directionOf: guessDirection
    }),
    show: 'changed',
    precision: 4
  }
}

describe('metric-diff comment', () => {
  test('directions: improvements and regressions both ways, new, removed, unchanged folded', async () => {
    const body = renderDiffReport(
      report(
        { accuracy: 0.9, val_loss: 0.31, latency_p95_ms: 40, f1: 0.8, epochs: 10, old_metric: 1, auc: 0.95 },
        { accuracy: 0.912, val_loss: 0.35, latency_p95_ms: 38.5, f1: 0.8, epochs: 12, auc: 0.9, recall: 0.7 }
      )
    )
    await expectGolden('directions.md', body)
  })

  test('float noise never shows, and precision is significant digits', async () => {
    const body = renderDiffReport({
      ...report({ a_acc: 0.1 + 0.2, rmse: 3.14159265 }, { a_acc: 0.3, rmse: 3.2 }),
      precision: 3
    })
    expect(body).not.toMatch(/0000000/)
    await expectGolden('precision.md', body)
  })

  test('hostile metric names are escaped: no mentions, HTML, images or broken tables', async () => {
    const body = renderDiffReport(
      report(
        { '@org/team': 1, '<img src=x onerror=alert(1)>': 1 },
        {
          '@org/team': 2,
          '<img src=x onerror=alert(1)>': 0.5,
          'a|b': 1,
          '`code` **bold**': 2,
          'line\nbreak': 3,
          '![x](https://evil.test/p.png)': 4
        }
      )
    )
    expect(body).not.toMatch(/@org/)
    expect(body).not.toMatch(/<img/)
    expect(body).not.toMatch(/!\[x\]/)
    await expectGolden('hostile.md', body)
  })

  test('show: all keeps every row in one table', async () => {
    await expectGolden(
      'show-all.md',
      renderDiffReport({ ...report({ acc: 0.9, loss: 0.2 }, { acc: 0.9, loss: 0.1 }), show: 'all' })
    )
  })

  test('a first run without baseline lists every metric as new', async () => {
    await expectGolden(
      'no-baseline.md',
      renderDiffReport({ ...report(undefined, { acc: 0.9 }), baselineSource: 'none (first run)' })
    )
  })

  test('from a results file: verdict, intervals, policy statuses, undefined metrics and slices', async () => {
    const rules: Record<string, 'pass' | 'warn' | 'fail'> = { accuracy: 'fail', f1: 'warn', roc_auc: 'pass' }
    const changes = diffMetrics(
      { accuracy: { value: 0.91 }, f1: { value: 0.8 }, roc_auc: { value: 0.95 }, mcc: { value: 0.6 } },
      {
        accuracy: { value: 0.88, ci: { low: 0.86, high: 0.9 } },
        f1: { value: 0.79, ci: { low: 0.77, high: 0.81 } },
        roc_auc: { value: 0.951, ci: { low: 0.94, high: 0.96 } },
        mcc: { value: null, reason: 'only one class in the labels: MCC is undefined' }
      },
      { directionOf: guessDirection, ruleOf: name => rules[name] }
    )
    const body = renderDiffReport({
      ...report(undefined, {}),
      changes,
      verdict: 'fail',
      baselineSource: "check-run at 1a2b3c4d5e6f (check run 'mlci/evaluate')",
      slices: [
        {
          column: 'region',
          values: {
            EU: { accuracy: { value: 0.9, ci: { low: 0.87, high: 0.93 } } },
            '<b>@all</b>': { accuracy: { value: 0.85 } }
          }
        }
      ]
    })
    expect(body).not.toMatch(/<b>|@all/)
    await expectGolden('results.md', body)
  })

  test('history: one Mermaid line chart per changed metric, names made safe for Mermaid', async () => {
    const point = (label: string, accuracy: number, loss: number) => ({
      label,
      metrics: { accuracy: { value: accuracy }, 'loss"]\n```': { value: loss } }
    })
    const body = renderDiffReport({
      ...report({ accuracy: 0.9, 'loss"]\n```': 0.3 }, { accuracy: 0.93, 'loss"]\n```': 0.3 }),
      history: [point('a1b2c3d', 0.88, 0.3), point('e4f5a6b', 0.9, 0.3), point('PR #12', 0.93, 0.3)]
    })
    expect(body.match(/```mermaid/g)).toHaveLength(2)
    expect(body).not.toContain('loss"]')
    await expectGolden('history.md', body)
  })

  test('5,000 metrics are cut under 65,536 characters at a row boundary, with a note', () => {
    const baseline: Record<string, number> = {}
    const candidate: Record<string, number> = {}
    for (let i = 0; i < 5000; i++) {
      baseline[`slice_${i}.accuracy`] = 0.5 + i / 20000
      candidate[`slice_${i}.accuracy`] = 0.5 + i / 20000 + (i % 3 === 0 ? 0.01 : -0.01)
    }
    const body = renderDiffReport(report(baseline, candidate))
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 200)
    const lines = body.trimEnd().split('\n')
    const tableRows = lines.filter(line => line.startsWith('| slice'))
    for (const row of tableRows) expect(row).toMatch(/\|$/)
    const note = lines[lines.length - 1]
    expect(note).toMatch(new RegExp(`^> ${5000 - tableRows.length} more rows not shown`))
    expect(body.startsWith('<!-- mlci:metric-diff:model-metrics -->')).toBe(true)
  })

  test("mode post: another run's numbers, slices and verdict are shown as its claims, never as ours", () => {
    const body = renderDiffReport({
      ...report({ accuracy: 0.97 }, { accuracy: 0.95 }),
      verdict: 'pass',
      slices: [{ column: 'region', values: { eu: { accuracy: { value: 0.99 } } } }],
      claimedBy: {
        runNumber: 18,
        url: 'https://github.example/o/r/actions/runs/7?a=(b)',
        baselineClaimed: false
      }
    })
    expect(body).not.toContain('**Verdict')
    expect(body).toContain(
      "Verdict claimed by [workflow run #18](https://github.example/o/r/actions/runs/7?a=%28b%29): ✅ pass. The candidate's numbers are that run's claim too, not recomputed by this workflow; the baseline was read by this workflow."
    )
    expect(body).toContain('| metric | baseline | candidate (claimed) |')
    expect(body).toContain('<summary>by region (1 slices, claimed)</summary>')
    const cut = renderDiffReport(
      {
        ...report(
          Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`m${i}`, 1])),
          Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`m${i}`, 2]))
        ),
        claimedBy: { runNumber: 18, url: 'https://github.example/run', baselineClaimed: true }
      },
      COMMENT_LIMIT
    )
    expect(cut.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(cut).toContain('| metric | baseline (claimed) | candidate (claimed) |')
    expect(cut).toContain('baseline (claimed by the same run): file metrics/main.json')
  })
})
