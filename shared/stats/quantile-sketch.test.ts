import { describe, expect, test } from '@jest/globals'
import { QuantileSketch } from './quantile-sketch.js'
import { seededRandom } from './seeded-random.js'

describe('quantile sketch', () => {
  const random = seededRandom(7)
  const data = Float64Array.from({ length: 300_000 }, () => -Math.log(1 - random()) * 50)
  const sorted = Float64Array.from(data).sort()
  const quantiles = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]

  test('is exact below 4096 values, and counts negative values and zeros too', () => {
    const sketch = new QuantileSketch()
    for (const v of data.subarray(0, 4095)) sketch.add(v)
    const exact = Float64Array.from(data.subarray(0, 4095)).sort()
    expect(sketch.quantile(0.5)).toBe(exact[2047])
    expect(sketch.weightedPoints().weights.every(w => w === 1)).toBe(true)
    const mixed = new QuantileSketch()
    for (let i = 0; i < 10_000; i++) mixed.add(i % 5 === 0 ? 0 : i % 2 === 0 ? -i : i)
    expect(Math.abs(mixed.quantile(0.2) + 5000)).toBeLessThan(50)
    const zeros = mixed.weightedPoints()
    expect(zeros.weights[zeros.values.indexOf(0)]).toBe(2000)
  })

  test('keeps every quantile of 300,000 values within 0.5% of the true value, alone or merged from three shards', () => {
    const whole = new QuantileSketch()
    for (const v of data) whole.add(v)
    const shards = [0, 1, 2].map(k => {
      const shard = new QuantileSketch()
      for (const v of data.subarray(k * 100_000, (k + 1) * 100_000)) shard.add(v)
      // Through JSON, as profiles of matrix shards travel.
      return new QuantileSketch(JSON.parse(JSON.stringify(shard.toJSON())))
    })
    const merged = shards[0]
    merged.merge(shards[1])
    merged.merge(shards[2])
    for (const sketch of [whole, merged]) {
      const { weights } = sketch.weightedPoints()
      expect(weights.reduce((a, b) => a + b, 0)).toBe(data.length)
      for (const q of quantiles) {
        // The value of rank q·n, as numpy's 'inverted_cdf' quantile.
        const truth = sorted[Math.ceil(q * sorted.length) - 1]
        expect(Math.abs(sketch.quantile(q) - truth) / truth).toBeLessThanOrEqual(0.005 + 1e-12)
      }
    }
    // Shards merged are the whole, bucket for bucket.
    expect(merged.toJSON()).toEqual(whole.toJSON())
    // Small: a few thousand buckets, whatever the data size.
    expect(whole.weightedPoints().values.length).toBeLessThan(4000)
  })
})
