import { expect, test } from '@jest/globals'
import { summarize } from './metric-classification.js'
import { renderRolloutReport } from './rollout-report.js'
import type { RolloutResult } from './rollout.js'
import { parseInlineStages } from './stages.js'

test('the summary escapes metric names, reasons and the model URI from the user', () => {
  const [stage] = parseInlineStages('10%:1m, 100%', 'stages')
  const at = new Date('2026-01-01T00:01:00Z')
  const result: RolloutResult = {
    result: 'rolled-back',
    finalTrafficPercent: 0,
    score: 0,
    reason: 'critical metric a|b <img src=x> @ml-team failed: High',
    timeline: [
      {
        kind: 'analysis',
        at,
        stage,
        decision: 'roll back',
        outcome: {
          window: { start: at, end: at },
          status: 'judged',
          metrics: [
            {
              name: 'a|b <img src=x> @ml-team',
              classification: 'High',
              critical: true,
              groups: ['g'],
              interval: { lower: 0.02, upper: 0.04, estimate: 0.03 },
              effectSize: 1.3,
              canary: summarize([0.13, 0.13]),
              baseline: summarize([0.1, 0.1])
            }
          ],
          score: { score: 0, groups: [] },
          verdict: 'Fail'
        }
      }
    ]
  }
  const markdown = renderRolloutReport({
    modelUri: 'oci://x/[y](http://evil)',
    environment: 'prod',
    result,
    startedAt: new Date('2026-01-01T00:00:00Z')
  })
  expect(markdown).not.toContain('<img')
  expect(markdown).not.toContain('@ml-team')
  expect(markdown).not.toContain('[y](')
  expect(markdown).toContain(
    '| a\\|b &lt;img src=x&gt; @&#8203;ml-team | High (critical) | 0.13 (n=2) | 0.1 (n=2) | \\[0.02, 0.04\\] (0.03) | 1.3 |'
  )
  expect(markdown).toContain('| +1m00s | 1 | 10% | analysis: score 0 (Fail) → roll back |')
})
