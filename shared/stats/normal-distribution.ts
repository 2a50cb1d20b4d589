/**
 * The standard normal distribution's CDF and quantile, enough for confidence levels between 50% and
 * 99.9999%. erf uses its everywhere-positive Taylor series (Abramowitz & Stegun 7.1.6), which loses no
 * precision to cancellation; the quantile inverts the CDF by bisection to the last bit.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x < -10) return 0
  if (x > 10) return 1
  return 0.5 * (1 + erf(x / Math.SQRT2))
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1
  const z = Math.abs(x)
  if (z > 6) return sign
  // erf(z) = 2/√π · e^(−z²) · Σ 2ⁿ z^(2n+1) / (1·3·…·(2n+1))
  let term = z
  let sum = z
  for (let n = 1; n < 500; n++) {
    term *= (2 * z * z) / (2 * n + 1)
    sum += term
    if (term < sum * 1e-17) break
  }
  return sign * (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum
}

/** Φ⁻¹(p): the z with Φ(z) = p. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`)
  if (p === 0.5) return 0
  let low = -10
  let high = 10
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2
    if (mid === low || mid === high) break
    if (normalCdf(mid) < p) low = mid
    else high = mid
  }
  return (low + high) / 2
}
