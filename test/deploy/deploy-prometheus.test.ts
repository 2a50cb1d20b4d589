import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { runAction, startAction } from '../harness/run-action.js'
import { startPrometheus, type RunningPrometheus, type SeriesSpec } from '../servers/prometheus.js'
import { describeIfBinaries } from '../servers/test-if-binaries.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from './fixtures.js'

/**
 * The deploy action end to end against a real Prometheus holding a backfilled hour of a past rollout:
 * each run replays it with `analysis-end`, so the bake takes seconds and every sample is known.
 */
const T0 = Date.UTC(2026, 0, 1) / 1000
const HOUR_END = new Date((T0 + 3600) * 1000).toISOString()
const STEP = 15
const COUNT = 3600 / STEP + 1

/** Deterministic jitter of ±5% around a centre, different per series. */
function jittered(center: number, seed: number) {
  return { count: COUNT, valueAt: (i: number) => center * (1 + 0.05 * Math.sin(i * 1.7 + seed * 3.1)) }
}

function scenario(name: string, canaryLatency: number, canaryErrors: number): SeriesSpec[] {
  const series = (metric: string, version: string, values: SeriesSpec['values']): SeriesSpec => ({
    name: metric,
    type: 'gauge',
    labels: { scenario: name, version },
    start: T0,
    step: STEP,
    values
  })
  return [
    series('model_latency_seconds', 'baseline', jittered(0.1, 1)),
    series('model_latency_seconds', 'canary', jittered(canaryLatency, 2)),
    series('model_error_ratio', 'baseline', jittered(0.001, 3)),
    series('model_error_ratio', 'canary', jittered(canaryErrors, 4))
  ]
}

function analysisFile(url: string, scenarioName: string): string {
  const query = (metric: string, version: string) =>
    `'${metric}{scenario="${scenarioName}",version="${version}"}'`
  return `provider: { prometheus: { url: "${url}", step: 30s } }
lookback: 30m
metrics:
  - name: error_rate
    canary: ${query('model_error_ratio', 'canary')}
    baseline: ${query('model_error_ratio', 'baseline')}
    direction: increase
    critical: true
    group: errors
  - name: latency
    canary: ${query('model_latency_seconds', 'canary')}
    baseline: ${query('model_latency_seconds', 'baseline')}
    direction: increase
    allowed_increase: 1.1
    group: latency
groups: { weights: { errors: 60, latency: 40 } }
`
}

const describePrometheus = await describeIfBinaries({ prometheus: 'prometheus', promtool: 'prometheus' })

describePrometheus('deploy against a backfilled Prometheus', () => {
  let prometheus: RunningPrometheus
  beforeAll(async () => {
    prometheus = await startPrometheus({
      openMetrics: [
        ...scenario('healthy', 0.1, 0.001),
        ...scenario('latency', 0.13, 0.001),
        ...scenario('errors', 0.1, 0.05)
      ]
    })
  })
  afterAll(async () => prometheus?.stop())

  async function deploy(scenarioName: string, inputs: Record<string, string> = {}) {
    const workspace = await deployWorkspace({ 'analysis.yml': analysisFile(prometheus.url, scenarioName) })
    const result = await runAction({
      action: 'deploy',
      workspace,
      inputs: {
        'model-uri': 'oci://127.0.0.1/models/churn:v2',
        environment: 'staging',
        stages: '25%:2s, 50%:2s, 100%',
        interval: '1s',
        analysis: 'analysis.yml',
        'analysis-end': HOUR_END,
        'record-deployment': 'false',
        ...COMMAND_TARGET,
        ...inputs
      }
    })
    return { result, log: await targetLog(workspace) }
  }

  test('a healthy canary is promoted through every stage to 100%', async () => {
    const { result, log } = await deploy('healthy')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'promoted', 'final-traffic': '100', score: '100' })
    expect(log).toEqual([
      'deploy stage=1 traffic=25 model=oci://127.0.0.1/models/churn:v2 environment=staging previous=',
      'deploy stage=2 traffic=50 model=oci://127.0.0.1/models/churn:v2 environment=staging previous=',
      'deploy stage=3 traffic=100 model=oci://127.0.0.1/models/churn:v2 environment=staging previous='
    ])
    expect(result.summary).toContain('✅ promoted to 100%')
    expect(result.summary).toMatch(/\| latency \| Pass \| 0\.1\d* \(n=61\) \|/)
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
    expect(report.timeline.filter((event: { kind: string }) => event.kind === 'analysis')).toHaveLength(4)
  })

  test('a latency regression is rolled back at the first analysis', async () => {
    const { result, log } = await deploy('latency')
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'rolled-back', 'final-traffic': '0', score: '60' })
    expect(log.map(line => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'deploy stage=1 traffic=25',
      'rollback stage=rollback traffic=0'
    ])
    expect(result.summary.match(/### Analysis/g)).toHaveLength(1)
    // The shift interval brackets the backfilled 30 ms regression.
    const [, lower, upper] = /\| latency \| High \|[^|]+\|[^|]+\| \\\[([\d.]+), ([\d.]+)\\\]/.exec(
      result.summary
    )!
    expect(Number(lower)).toBeGreaterThan(0.02)
    expect(Number(upper)).toBeLessThan(0.04)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/Rolled back .*score 60 is at or below/)
      })
    ])
  })

  test('a critical error-rate increase fails at once with score 0', async () => {
    const { result, log } = await deploy('errors')
    expect(result.outputs).toMatchObject({ result: 'rolled-back', score: '0' })
    expect(log).toHaveLength(2)
    expect(result.summary).toContain('High (critical)')
    expect(result.summary).toMatch(/critical metric error\\_rate failed: High/)
  })

  test('no data follows no-data: fail rolls back, pass promotes', async () => {
    const noDataEnd = new Date((T0 + 5 * 3600) * 1000).toISOString()
    const failed = await deploy('healthy', { 'analysis-end': noDataEnd, stages: '50%:1s, 100%' })
    expect(failed.result.outputs.result).toBe('rolled-back')
    expect(failed.result.summary).toContain('no data (critical metric error\\_rate has no data)')
    const passed = await deploy('healthy', {
      'analysis-end': noDataEnd,
      stages: '50%:1s, 100%',
      'no-data': 'pass'
    })
    expect(passed.result.outputs).toMatchObject({ result: 'promoted', score: '' })
    expect(passed.log).toHaveLength(2)
  })

  test("a query Prometheus refuses is the user's mistake: rolled back, then one annotation at its line", async () => {
    const workspace = await deployWorkspace({
      'analysis.yml': analysisFile(prometheus.url, 'healthy').replace(
        '\'model_latency_seconds{scenario="healthy",version="canary"}\'',
        "'sum(rate(model_latency_seconds[1m]'"
      )
    })
    const result = await runAction({
      action: 'deploy',
      workspace,
      inputs: {
        'model-uri': 'oci://127.0.0.1/models/churn:v2',
        stages: '50%:1s, 100%',
        interval: '1s',
        analysis: 'analysis.yml',
        'analysis-end': HOUR_END,
        'record-deployment': 'false',
        ...COMMAND_TARGET
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failed')
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'analysis.yml',
        line: 10,
        message: expect.stringMatching(
          /^analysis\.yml:10: Prometheus refused the query of metric 'latency': .*parse error/
        )
      })
    ])
    expect((await targetLog(workspace)).map(line => line.split(' ')[0])).toEqual(['deploy', 'rollback'])
  })

  test('Prometheus stopped mid-bake is no data, never a crash', async () => {
    const own = await startPrometheus({ openMetrics: scenario('healthy', 0.1, 0.001) })
    try {
      const workspace = await deployWorkspace({ 'analysis.yml': analysisFile(own.url, 'healthy') })
      const running = await startAction({
        action: 'deploy',
        workspace,
        inputs: {
          'model-uri': 'oci://127.0.0.1/models/churn:v2',
          stages: '50%:4s, 100%',
          interval: '1s',
          analysis: 'analysis.yml',
          'analysis-end': HOUR_END,
          'record-deployment': 'false',
          ...COMMAND_TARGET
        }
      })
      await running.waitForOutput(/Analysis of stage 1 .*score 100/)
      await own.stop()
      const result = await running.finished
      expect(result.stderr).toBe('')
      expect(result.outputs.result).toBe('rolled-back')
      expect(result.summary).toMatch(
        /no data \(Prometheus at http&#8203;:\/\/127\.0\.0\.1:\d+ did not answer/
      )
      expect((await targetLog(workspace)).map(line => line.split(' ')[0])).toEqual(['deploy', 'rollback'])
    } finally {
      await own.stop()
    }
  })

  test('no-data: pause never promotes on an earlier analysis: Prometheus stopped after a good one rolls back', async () => {
    const own = await startPrometheus({ openMetrics: scenario('healthy', 0.1, 0.001) })
    try {
      const workspace = await deployWorkspace({ 'analysis.yml': analysisFile(own.url, 'healthy') })
      const running = await startAction({
        action: 'deploy',
        workspace,
        inputs: {
          'model-uri': 'oci://127.0.0.1/models/churn:v2',
          stages: '50%:4s, 100%',
          interval: '1s',
          analysis: 'analysis.yml',
          'analysis-end': HOUR_END,
          'no-data': 'pause',
          'record-deployment': 'false',
          ...COMMAND_TARGET
        }
      })
      await running.waitForOutput(/Analysis of stage 1 .*score 100/)
      await own.stop()
      const result = await running.finished
      expect(result.stderr).toBe('')
      expect(result.stdout).toMatch(/Analysis of stage 1 \(50%\): no data .*→ hold \(no-data: pause\)/)
      expect(result.outputs).toMatchObject({ result: 'rolled-back', 'final-traffic': '0' })
      expect(result.annotations).toEqual([
        expect.objectContaining({
          level: 'error',
          message: expect.stringMatching(/Rolled back .*no data for the final analysis of the stage/)
        })
      ])
      expect((await targetLog(workspace)).map(line => line.split(' ')[0])).toEqual(['deploy', 'rollback'])
    } finally {
      await own.stop()
    }
  })
})
