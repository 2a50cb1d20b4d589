import { expect, test } from '@jest/globals'
import {
  blockBinary,
  computeBinaryMetrics,
  computeBlockedBinaryMetrics,
  prepareBinary
} from './binary-metrics.js'
import { withBootstrap, withIntervals } from './bootstrap.js'
import { PoissonSampler } from './poisson-sampler.js'

/** Blocked resampling (what large inputs use) gives the intervals of per-example Poisson resampling. */
test('blocked and per-example Poisson bootstrap intervals agree within resampling noise', () => {
  const n = 8_000
  let state = 12345
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) | 0
    return (state >>> 0) / 2 ** 32
  }
  const labels = new Uint8Array(n)
  const predicted = new Uint8Array(n)
  const scores = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = next() < 0.3 ? 1 : 0
    // Rounded to 3 decimals: heavy ties, which blocks must never split.
    scores[i] = Math.round(Math.min(1, Math.max(0, next() * 0.8 + 0.25 * labels[i])) * 1000) / 1000
    predicted[i] = scores[i] >= 0.5 ? 1 : 0
  }
  const prepared = prepareBinary({ labels, predicted, scores })
  const options = { resamples: 300, confidence: 0.8, seed: 3 }
  const exact = withBootstrap(weights => computeBinaryMetrics(prepared, weights), options)
  const blocks = blockBinary(prepared, 400)
  expect(blocks.blocks).toBeGreaterThan(100)
  const blocked = withIntervals(
    computeBinaryMetrics(prepared, null),
    resample => computeBlockedBinaryMetrics(blocks, new PoissonSampler(resample * 7919 + 1)),
    options,
    computeBlockedBinaryMetrics(blocks, null)
  )
  for (const [name, estimate] of Object.entries(exact)) {
    const width = estimate.ci!.high - estimate.ci!.low
    expect(blocked[name].value).toBe(estimate.value)
    const lowGap = Math.abs(blocked[name].ci!.low - estimate.ci!.low) / width
    const highGap = Math.abs(blocked[name].ci!.high - estimate.ci!.high) / width
    if (lowGap > 0.2 || highGap > 0.2) {
      throw new Error(
        `${name}: blocked ${JSON.stringify(blocked[name].ci)} vs per-example ${JSON.stringify(estimate.ci)}`
      )
    }
  }
})

test('Poisson draws have mean and variance λ', () => {
  const sampler = new PoissonSampler(5)
  // Every table builds (a rounding stall once made one loop forever) and gives non-negative integers.
  for (let lambda = 0; lambda <= 130; lambda++) expect(Number.isInteger(sampler.draw(lambda))).toBe(true)
  for (const lambda of [1, 2, 3, 5, 8, 13, 17, 31, 44, 64, 200]) {
    let sum = 0
    let squares = 0
    const draws = 20_000
    for (let i = 0; i < draws; i++) {
      const x = sampler.draw(lambda)
      sum += x
      squares += x * x
    }
    const mean = sum / draws
    const variance = squares / draws - mean * mean
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / draws))
    expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.05)
  }
})
