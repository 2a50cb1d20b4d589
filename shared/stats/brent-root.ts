/**
 * Brent's root finder in the form of R's `zeroin` (Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 4), which R's `uniroot` and Kayenta's BrentSolver use: bisection safeguarded by secant
 * and inverse quadratic interpolation steps. The caller passes f at both ends, which must differ in sign
 * (or be zero). Returns the last iterate once the bracket is narrower than `tolerance`.
 */
const EPSILON = 2.220446049250313e-16

export interface BrentOptions {
  tolerance: number
  maxIterations?: number
}

export function findRootBrent(
  f: (x: number) => number,
  lowerBound: number,
  upperBound: number,
  fLower: number,
  fUpper: number,
  options: BrentOptions
): number {
  let a = lowerBound
  let b = upperBound
  let fa = fLower
  let fb = fUpper
  let c = a
  let fc = fa
  if (fa === 0) return a
  if (fb === 0) return b
  const maxIterations = options.maxIterations ?? 1000
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const previousStep = b - a
    // Keep b the best estimate: the end with the smaller |f|.
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tolerance = 2 * EPSILON * Math.abs(b) + options.tolerance / 2
    let step = (c - b) / 2
    if (Math.abs(step) <= tolerance || fb === 0) return b

    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b
      let p: number
      let q: number
      if (a === c) {
        // Two points: a secant step.
        const t1 = fb / fa
        p = cb * t1
        q = 1 - t1
      } else {
        // Three points: inverse quadratic interpolation.
        const qa = fa / fc
        const t1 = fb / fc
        const t2 = fb / fa
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
        q = (qa - 1) * (t1 - 1) * (t2 - 1)
      }
      if (p > 0) q = -q
      else p = -p
      // Accept the interpolation only if it stays well inside the bracket and shrinks fast enough.
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
        step = p / q
      }
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance
    a = b
    fa = fb
    b += step
    fb = f(b)
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a
      fc = fa
    }
  }
  return b
}
