import { describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { runAction } from '../harness/run-action.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from './fixtures.js'

/**
 * The canary judge's decisions through the deploy bundle (issue 13), with a metrics command (run with node, no
 * shell) that prints fixed samples, so every number the judge sees is known.
 */
function metricsScript(samples: Record<string, unknown>): string {
  return `console.log(${JSON.stringify(JSON.stringify(samples))})\n`
}

async function deploy(
  analysis: string,
  samples: Record<string, unknown>,
  inputs: Record<string, string> = {}
) {
  const workspace = await deployWorkspace({ 'analysis.yml': analysis, 'metrics.mjs': metricsScript(samples) })
  const result = await runAction({
    action: 'deploy',
    workspace,
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      environment: 'staging',
      stages: '50%:1s, 100%',
      interval: '1s',
      analysis: 'analysis.yml',
      'record-deployment': 'false',
      ...COMMAND_TARGET,
      ...inputs
    }
  })
  const report = result.outputs.report ? JSON.parse(await readFile(result.outputs.report, 'utf8')) : undefined
  return { result, report, log: await targetLog(workspace) }
}

/** Deterministic samples: `count` values spread ±5% around `center`. */
const spread = (center: number, count: number, seed: number) =>
  Array.from({ length: count }, (_, k) => center * (1 + 0.05 * Math.sin(k * 1.7 + seed)))

describe('critical effect-size gates (Kayenta NetflixACAJudge defaults)', () => {
  // Kayenta (NetflixACAJudge.scala) reads effectSize.criticalIncrease / criticalDecrease with the measure's
  // neutral effect as the default (1.0 for meanRatio, 0.5 for CLES), never the allowed_* values.
  test('a Low at mean ratio 1.06 with allowed_decrease 1.2 is not critical: Kayenta scores 80 and promotes', async () => {
    // The canary is mostly 20% lower, but one spike lifts its mean to 1.06 × the baseline's: the location shift is
    // a clear decrease (Low), the mean ratio 1.06 is within allowed_decrease 1.2 but above the neutral 1.0.
    const baseline = spread(1, 40, 1)
    const low = spread(0.8, 39, 2)
    const baselineMean = baseline.reduce((a, b) => a + b, 0) / baseline.length
    low.push(1.06 * baselineMean * 40 - low.reduce((a, b) => a + b, 0))
    const samples: Record<string, { canary: number[]; baseline: number[] }> = {
      throughput: { canary: low, baseline }
    }
    for (const name of ['m2', 'm3', 'm4', 'm5'])
      samples[name] = { canary: spread(1, 40, 3), baseline: spread(1, 40, 3) }
    const analysis = `provider: { command: [node, metrics.mjs] }
metrics:
  - { name: throughput, direction: decrease, critical: true, allowed_decrease: 1.2 }
  - { name: m2 }
  - { name: m3 }
  - { name: m4 }
  - { name: m5 }
`
    const { result, report } = await deploy(analysis, samples, { 'pass-score': '80', 'marginal-score': '50' })
    const analysed = report.timeline.find((event: { kind: string }) => event.kind === 'analysis')
    const throughput = analysed.outcome.metrics.find(
      (metric: { name: string }) => metric.name === 'throughput'
    )
    expect(throughput.effectSize).toBeCloseTo(1.06, 10)
    expect(throughput).toMatchObject({ classification: 'Low', critical: false })
    expect(result.outputs).toMatchObject({ result: 'promoted', score: '80' })
  })
})
