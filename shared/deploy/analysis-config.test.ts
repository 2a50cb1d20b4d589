import { describe, expect, test } from '@jest/globals'
import { parseAnalysisConfig } from './analysis-config.js'
import { parseInlineStages, parsePlan } from './stages.js'

const ANALYSIS = `provider: { prometheus: { url: "http://127.0.0.1:9090/", step: 30s } }
lookback: 10m
metrics:
  - name: error_rate
    canary: 'sum(rate(errors{version="canary"}[1m]))'
    baseline: 'sum(rate(errors{version="baseline"}[1m]))'
    direction: increase
    critical: true
    group: errors
  - name: p95_latency
    canary: 'p95{version="canary"}'
    baseline: 'p95{version="baseline"}'
    direction: increase
    allowed_increase: 1.1
    group: latency
groups: { weights: { errors: 60, latency: 40 } }
`

function message(work: () => unknown): string {
  try {
    work()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected an error')
}

describe('parseAnalysisConfig', () => {
  test('reads the provider, the metrics with their gates and the group weights', () => {
    const config = parseAnalysisConfig(ANALYSIS, 'analysis.yml', 'mann-whitney')
    expect(config.provider).toMatchObject({
      kind: 'prometheus',
      url: 'http://127.0.0.1:9090',
      stepMs: 30_000
    })
    expect(config.lookbackMs).toBe(600_000)
    expect(config.metrics[0]).toMatchObject({
      name: 'error_rate',
      critical: true,
      groups: ['errors'],
      line: 4
    })
    expect(config.metrics[1].effectSize).toEqual({
      measure: 'meanRatio',
      allowedIncrease: 1.1,
      allowedDecrease: 1,
      criticalIncrease: 1,
      criticalDecrease: 1
    })
    expect(config.groupWeights).toEqual({ errors: 60, latency: 40 })
  })

  test('a count metric: four Prometheus queries under counts, or counts: true with a command', () => {
    const counts = `provider: { prometheus: { url: "http://127.0.0.1:9090" } }
metrics:
  - name: errors
    counts:
      numerator: { canary: 'sum(increase(errors{v="c"}[1m]))', baseline: 'sum(increase(errors{v="b"}[1m]))' }
      denominator: { canary: 'sum(increase(requests{v="c"}[1m]))', baseline: 'sum(increase(requests{v="b"}[1m]))' }
    direction: increase
`
    expect(parseAnalysisConfig(counts, 'a.yml', 'mann-whitney').metrics[0].counts).toEqual({
      queries: {
        numerator: {
          canary: 'sum(increase(errors{v="c"}[1m]))',
          baseline: 'sum(increase(errors{v="b"}[1m]))'
        },
        denominator: {
          canary: 'sum(increase(requests{v="c"}[1m]))',
          baseline: 'sum(increase(requests{v="b"}[1m]))'
        }
      }
    })
    const command = 'provider: { command: [./m] }\nmetrics:\n  - { name: errors, counts: true }\n'
    expect(parseAnalysisConfig(command, 'a.yml', 'mann-whitney').metrics[0].counts).toEqual({})
    expect(message(() => parseAnalysisConfig(command, 'a.yml', 'threshold'))).toMatch(
      /^a\.yml:3: .*use the mann-whitney judge/
    )
    expect(
      message(() => parseAnalysisConfig(counts.replace(/ {6}denominator.*\n/, ''), 'a.yml', 'mann-whitney'))
    ).toMatch(/give numerator: .* and denominator/)
    expect(
      message(() =>
        parseAnalysisConfig(
          command.replace('counts: true', 'counts: true, effect_size: cles'),
          'a.yml',
          'mann-whitney'
        )
      )
    ).toMatch(/rate ratio/)
  })

  test('mistakes name the file, the line and the fix', () => {
    expect(
      message(() =>
        parseAnalysisConfig(ANALYSIS.replace('direction: increase', 'direction: up'), 'a.yml', 'mann-whitney')
      )
    ).toBe("a.yml:7: metrics.0.direction: 'up' is not one of increase, decrease, either.")
    expect(
      message(() =>
        parseAnalysisConfig(ANALYSIS.replace('critical: true', 'criticl: true'), 'a.yml', 'mann-whitney')
      )
    ).toBe("a.yml:8: unknown key 'criticl': did you mean 'critical'?")
    expect(
      message(() =>
        parseAnalysisConfig(ANALYSIS.replace(/ {4}baseline: 'p95.*\n/, ''), 'a.yml', 'mann-whitney')
      )
    ).toMatch(/^a\.yml:10: metrics\.1\.baseline: the mann-whitney judge compares against a baseline/)
    expect(
      message(() =>
        parseAnalysisConfig(ANALYSIS.replace('latency: 40', 'latency: 41'), 'a.yml', 'mann-whitney')
      )
    ).toMatch(/the weights add up to 101/)
    expect(
      message(() =>
        parseAnalysisConfig('provider: { command: [] }\nmetrics: [{ name: a }]\n', 'a.yml', 'mann-whitney')
      )
    ).toMatch(/a\.yml:1: provider\.command: give the executable/)
    expect(
      message(() =>
        parseAnalysisConfig('provider: { command: [./m.sh] }\nmetrics: [{ name: a }]\n', 'a.yml', 'threshold')
      )
    ).toMatch(/the threshold judge needs a range for 'a'/)
  })
})

describe('stages', () => {
  test('inline: traffic and bake time', () => {
    expect(parseInlineStages('5%:10m, 25%:1m30s, 100%', 'stages')).toEqual([
      { index: 1, trafficPercent: 5, bakeMs: 600_000, analysis: true },
      { index: 2, trafficPercent: 25, bakeMs: 90_000, analysis: true },
      { index: 3, trafficPercent: 100, bakeMs: 0, analysis: true }
    ])
  })

  test.each([
    ['5%:10m, 25%', /the last stage must be 100%/],
    ['50%:1m, 25%:1m, 100%', /stage 2 \(25%\) must send more traffic than stage 1/],
    ['5:10m, 100%', /stage 1 '5:10m' is not TRAFFIC%\[:BAKE\]/],
    ['5%:10, 100%', /stage 1 '5%:10' is not/],
    ['0%:1m, 100%', /use more than 0/]
  ])('refuses %s', (text, expected) => {
    expect(message(() => parseInlineStages(text, 'stages'))).toMatch(expected)
  })

  test('a plan file, with per-stage intervals and analysis switched off', () => {
    const plan =
      'stages:\n  - { traffic: 10, bake: 2m, interval: 30s }\n  - { traffic: 100, bake: 1m, analysis: false }\n'
    expect(parsePlan(plan, 'plan.yml')).toEqual([
      { index: 1, trafficPercent: 10, bakeMs: 120_000, intervalMs: 30_000, analysis: true },
      { index: 2, trafficPercent: 100, bakeMs: 60_000, intervalMs: undefined, analysis: false }
    ])
    expect(message(() => parsePlan('stages:\n  - { traffic: 10, bake: soon }\n', 'plan.yml'))).toBe(
      "plan.yml:2: stages.0.bake: must be a duration such as 30s or 10m, got 'soon'."
    )
    // YAML reads a bare 10 as a number: the message says it lacks a unit, not that it is not a string.
    expect(message(() => parsePlan('stages:\n  - { traffic: 10, bake: 10 }\n', 'plan.yml'))).toBe(
      'plan.yml:2: stages.0.bake: must be a duration such as 30s or 10m, got the bare number 10: give it a unit (10s or 10m).'
    )
  })
})
