import { describe, expect, test } from '@jest/globals'
import { parseAnalysisConfig, type JudgeName } from './analysis-config.js'
import { ProviderUnavailableError, type MetricSamples, type MetricsProvider } from './metrics-provider.js'
import { runRollout, stagesTooShortToJudge, type Clock, type NoDataPolicy } from './rollout.js'
import type { TargetCall } from './rollout-target.js'
import { parseInlineStages, parsePlan } from './stages.js'

/** Virtual time: sleeping advances the clock at once, so a ten-minute bake takes no time. */
function virtualClock(): Clock & { slept: number[] } {
  let time = Date.UTC(2026, 0, 1)
  const slept: number[] = []
  return {
    slept,
    now: () => time,
    sleep: async ms => {
      slept.push(ms)
      time += ms
    }
  }
}

const ANALYSIS = `provider: { command: [./metrics] }
failure_limit: 1
metrics:
  - { name: latency, direction: increase, max: 0.2, group: latency }
  - { name: errors, direction: increase, critical: true, max: 0.01, group: errors }
`

const healthy = (index: number): MetricSamples => ({
  latency: { canary: spread(0.1, index), baseline: spread(0.1, index + 1) },
  errors: { canary: spread(0.001, index), baseline: spread(0.001, index + 2) }
})

function spread(center: number, seed: number): number[] {
  return Array.from({ length: 40 }, (_, i) => center * (1 + 0.05 * Math.sin(i * 7 + seed)))
}

/** Answers each analysis with the next entry of `answers` (the last repeats); an Error entry is thrown. */
function scriptedProvider(answers: Array<MetricSamples | Error>): MetricsProvider & { windows: number } {
  let calls = 0
  return {
    get windows() {
      return calls
    },
    async fetch() {
      const answer = answers[Math.min(calls++, answers.length - 1)]
      if (answer instanceof Error) throw answer
      return answer
    }
  }
}

function setup(
  answers: Array<MetricSamples | Error>,
  options: { noData?: NoDataPolicy; judge?: JudgeName; stages?: string } = {}
) {
  const calls: TargetCall[] = []
  const provider = scriptedProvider(answers)
  const judge = options.judge ?? 'mann-whitney'
  const run = () =>
    runRollout({
      stages: parseInlineStages(options.stages ?? '10%:10m, 50%:10m, 100%', 'stages'),
      intervalMs: 5 * 60_000,
      analysis: {
        config: parseAnalysisConfig(ANALYSIS, 'analysis.yml', judge),
        judge,
        provider,
        thresholds: { pass: 95, marginal: 75 },
        noData: options.noData ?? 'fail'
      },
      target: { call: async call => void calls.push(call) },
      clock: virtualClock()
    })
  return { calls, provider, run }
}

describe('runRollout', () => {
  test('a healthy canary is promoted through every stage, analysed every interval', async () => {
    const { calls, provider, run } = setup([healthy(0), healthy(1), healthy(2), healthy(3)])
    const result = await run()
    expect(result).toMatchObject({ result: 'promoted', finalTrafficPercent: 100, score: 100 })
    expect(calls.map(call => `${call.action} ${call.stage} ${call.trafficPercent}%`)).toEqual([
      'deploy 1 10%',
      'deploy 2 50%',
      'deploy 3 100%'
    ])
    expect(provider.windows).toBe(4)
    expect(result.timeline.map(event => event.kind)).toEqual([
      'deploy',
      'analysis',
      'analysis',
      'promote',
      'deploy',
      'analysis',
      'analysis',
      'promote',
      'deploy',
      'promote'
    ])
  })

  test('a latency regression rolls back at the first analysis', async () => {
    const regressed = { ...healthy(0), latency: { canary: spread(0.15, 0), baseline: spread(0.1, 1) } }
    const { calls, run } = setup([regressed])
    const result = await run()
    expect(result).toMatchObject({ result: 'rolled-back', finalTrafficPercent: 0, score: 50 })
    expect(calls.map(call => call.action)).toEqual(['deploy', 'rollback'])
    expect(calls[1]).toEqual({ action: 'rollback', stage: 'rollback', trafficPercent: 0 })
    expect(result.reason).toMatch(/score 50 is at or below the marginal score 75/)
  })

  test('a critical error-rate increase fails at once with score 0', async () => {
    const failing = { ...healthy(0), errors: { canary: spread(0.05, 0), baseline: spread(0.001, 1) } }
    const { run } = setup([failing])
    const result = await run()
    expect(result).toMatchObject({ result: 'rolled-back', score: 0 })
    expect(result.reason).toMatch(/critical metric errors failed: High/)
  })

  test.each<[NoDataPolicy, string, string[]]>([
    ['fail', 'rolled-back', ['deploy', 'rollback']],
    ['pass', 'promoted', ['deploy', 'deploy', 'deploy']],
    ['pause', 'rolled-back', ['deploy', 'rollback']]
  ])('no data with no-data: %s → %s', async (policy, expected, actions) => {
    const empty: MetricSamples = {
      latency: { canary: [], baseline: [] },
      errors: { canary: [], baseline: [] }
    }
    const { calls, run } = setup([empty], { noData: policy })
    const result = await run()
    expect(result.result).toBe(expected)
    expect(calls.map(call => call.action)).toEqual(actions)
    if (policy === 'pause')
      expect(result.reason).toBe(
        'no data for the final analysis of the stage while it was paused: critical metric errors has no data'
      )
  })

  test('pause holds the stage until data arrives, then judges it', async () => {
    const { run, provider } = setup(
      [new ProviderUnavailableError('down'), new ProviderUnavailableError('down'), healthy(0)],
      {
        noData: 'pause',
        stages: '10%:10m, 100%'
      }
    )
    const result = await run()
    expect(result.result).toBe('promoted')
    expect(provider.windows).toBe(3)
  })

  test('pause never promotes without data: one good analysis, then no data until the pause ends, rolls back', async () => {
    const down = new ProviderUnavailableError('Prometheus at http://127.0.0.1:9 did not answer')
    const { calls, provider, run } = setup([healthy(0), down], { noData: 'pause', stages: '10%:10m, 100%' })
    const result = await run()
    expect(result.result).toBe('rolled-back')
    expect(calls.map(call => call.action)).toEqual(['deploy', 'rollback'])
    expect(result.reason).toMatch(/^no data for the final analysis of the stage/)
    // Analysed at 5 and 10 minutes, then held every interval for up to one more bake time.
    expect(provider.windows).toBe(4)
  })

  test('pause: the final window must itself pass; data arriving during the pause is judged then', async () => {
    const down = new ProviderUnavailableError('down')
    const late = setup([healthy(0), down, healthy(1)], { noData: 'pause', stages: '10%:10m, 100%' })
    expect((await late.run()).result).toBe('promoted')
    expect(late.provider.windows).toBe(3)
    const regressed = { ...healthy(0), latency: { canary: spread(0.15, 0), baseline: spread(0.1, 1) } }
    const failing = setup([healthy(0), down, regressed], { noData: 'pause', stages: '10%:10m, 100%' })
    const result = await failing.run()
    expect(result.result).toBe('rolled-back')
    expect(result.reason).toMatch(/score 50 is at or below the marginal score 75/)
  })

  describe('too few samples (inconclusive) is no verdict, under every no-data policy', () => {
    const few: MetricSamples = {
      latency: { canary: [0.3, 0.31], baseline: [0.1, 0.11] },
      errors: { canary: [0.05, 0.06], baseline: [0.001, 0.002] }
    }

    test.each<NoDataPolicy>(['fail', 'pass', 'pause'])(
      'no-data: %s: a stage that ends without enough samples holds one more bake time, then rolls back',
      async policy => {
        const { calls, provider, run } = setup([few], { noData: policy, stages: '10%:10m, 100%' })
        const result = await run()
        expect(result.result).toBe('rolled-back')
        expect(calls.map(call => call.action)).toEqual(['deploy', 'rollback'])
        // Analysed at 5 and 10 minutes, then held every interval for up to one more bake time, as under pause.
        expect(provider.windows).toBe(4)
        expect(result.reason).toMatch(
          /^the final analysis of the stage was still inconclusive: 2 of 2 metrics/
        )
        const decisions = result.timeline.flatMap(event =>
          event.kind === 'analysis' ? [event.decision] : []
        )
        expect(decisions).toEqual([
          'continue (inconclusive)',
          'hold (inconclusive)',
          'hold (inconclusive)',
          'hold (inconclusive)'
        ])
      }
    )

    test('enough samples later decide: a healthy final window promotes, a regression rolls back', async () => {
      const healthyLater = setup([few, healthy(1), few, healthy(3)])
      expect((await healthyLater.run()).result).toBe('promoted')
      const regressed = { ...healthy(0), latency: { canary: spread(0.15, 0), baseline: spread(0.1, 1) } }
      const failing = setup([few, regressed])
      const result = await failing.run()
      expect(result.result).toBe('rolled-back')
      expect(result.reason).toMatch(/score 50 is at or below the marginal score 75/)
    })
  })

  test('the threshold judge with pause: no data in the final window never promotes', async () => {
    const down = new ProviderUnavailableError('down')
    const { run } = setup([healthy(0), down], {
      noData: 'pause',
      judge: 'threshold',
      stages: '10%:10m, 100%'
    })
    expect((await run()).result).toBe('rolled-back')
  })

  test('a provider that is down rolls back for no data, with what to check in the reason', async () => {
    const down = new ProviderUnavailableError(
      'Prometheus at http://127.0.0.1:9 did not answer',
      'Check it is up.'
    )
    const { calls, run } = setup([down])
    const result = await run()
    expect(result).toMatchObject({ result: 'rolled-back', error: undefined })
    expect(result.reason).toBe('no data: Prometheus at http://127.0.0.1:9 did not answer. Check it is up.')
    expect(calls.map(call => call.action)).toEqual(['deploy', 'rollback'])
  })

  test('the threshold judge tolerates failure_limit failed analyses per stage', async () => {
    const high = { ...healthy(0), latency: { canary: spread(0.3, 0), baseline: spread(0.1, 1) } }
    const once = setup([high, healthy(1), healthy(2), healthy(3)], { judge: 'threshold' })
    expect((await once.run()).result).toBe('promoted')
    const twice = setup([high, high], { judge: 'threshold' })
    const result = await twice.run()
    expect(result.result).toBe('rolled-back')
    expect(result.reason).toBe('2 failed analyses exceed the failure limit 1')
  })

  test('a plan: per-stage intervals, and a stage that only bakes', async () => {
    const provider = scriptedProvider([healthy(0)])
    const clock = virtualClock()
    const result = await runRollout({
      stages: parsePlan(
        'stages:\n  - { traffic: 10, bake: 10m, interval: 2m }\n  - { traffic: 100, bake: 5m, analysis: false }\n',
        'plan.yml'
      ),
      intervalMs: 5 * 60_000,
      analysis: {
        config: parseAnalysisConfig(ANALYSIS, 'analysis.yml', 'mann-whitney'),
        judge: 'mann-whitney',
        provider,
        thresholds: { pass: 95, marginal: 75 },
        noData: 'fail'
      },
      target: { call: async () => undefined },
      clock
    })
    expect(result.result).toBe('promoted')
    expect(provider.windows).toBe(5)
    expect(clock.slept).toEqual([120_000, 120_000, 120_000, 120_000, 120_000, 300_000])
  })

  test('a failing deploy rolls back and fails', async () => {
    const calls: string[] = []
    const result = await runRollout({
      stages: parseInlineStages('10%:1m, 100%', 'stages'),
      intervalMs: 60_000,
      target: {
        call: async call => {
          calls.push(call.action)
          if (call.action === 'deploy') throw new (await import('./rollout-target.js')).TargetError('exit 3')
        }
      },
      clock: virtualClock()
    })
    expect(result).toMatchObject({ result: 'failed', finalTrafficPercent: 0 })
    expect(calls).toEqual(['deploy', 'rollback'])
  })
})

describe('stagesTooShortToJudge', () => {
  const prometheus = (extra = '') =>
    parseAnalysisConfig(
      `provider: { prometheus: { url: "http://127.0.0.1:9090", step: 60s } }\n${extra}metrics:\n` +
        "  - { name: latency, canary: 'a', baseline: 'b' }\n",
      'analysis.yml',
      'mann-whitney'
    )

  test('names the stages whose window holds fewer than 5 samples a side at 60 s steps', () => {
    const stages = parseInlineStages('10%:3m, 50%:4m, 100%', 'stages')
    expect(stagesTooShortToJudge(stages, prometheus(), 'mann-whitney')).toEqual([
      { stage: stages[0], samples: 4, needed: 5 }
    ])
    expect(stagesTooShortToJudge(stages, prometheus('lookback: 10m\n'), 'mann-whitney')).toEqual([])
    expect(stagesTooShortToJudge(stages, prometheus(), 'threshold')).toEqual([])
  })
})
