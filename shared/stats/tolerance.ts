/**
 * Comparisons against a user's threshold, with a tolerance of a few units in the last place.
 *
 * A threshold is written in decimal and the value compared with it is computed in binary floating point, so a value
 * that is exactly on the threshold in decimal arithmetic can land one or two ulps either side of it: 0.86 − 0.85 is
 * 0.010000000000000009, and a KS statistic of exactly 1/10 is 0.09999999999999998. The error of such a result is
 * relative to the largest operand that produced it, not to the result (cancellation), so callers pass the
 * magnitudes of the operands along: `exceeds(baseline - candidate, maxDrop, baseline, candidate)`.
 *
 * Values within the tolerance count as ON the threshold. Every place that compares a computed number with a
 * threshold goes through these functions, so "at the limit" means the same thing everywhere. NaN is never at,
 * beyond or within anything: callers decide what a NaN means before they compare.
 */

/** How many units in the last place (of the largest magnitude involved) still count as equal. */
const THRESHOLD_ULPS = 8

/** True when `a` and `b` are equal up to THRESHOLD_ULPS of the largest of |a|, |b| and the given magnitudes. */
export function nearlyEqual(a: number, b: number, ...magnitudes: readonly number[]): boolean {
  if (a === b) return true
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false
  let scale = Math.max(Math.abs(a), Math.abs(b))
  for (const magnitude of magnitudes)
    if (Number.isFinite(magnitude)) scale = Math.max(scale, Math.abs(magnitude))
  return Math.abs(a - b) <= THRESHOLD_ULPS * Number.EPSILON * scale
}

/** `value > limit`, where a value within tolerance of the limit is on it, not beyond it. */
export function exceeds(value: number, limit: number, ...magnitudes: readonly number[]): boolean {
  return value > limit && !nearlyEqual(value, limit, ...magnitudes)
}

/** `value >= limit`, where a value within tolerance below the limit counts as reaching it. */
export function reaches(value: number, limit: number, ...magnitudes: readonly number[]): boolean {
  return value >= limit || nearlyEqual(value, limit, ...magnitudes)
}

/** `value < limit`, where a value within tolerance of the limit is on it, not below it. */
export function fallsBelow(value: number, limit: number, ...magnitudes: readonly number[]): boolean {
  return value < limit && !nearlyEqual(value, limit, ...magnitudes)
}
