/**
 * Survival functions for drift p-values. Formulas: the Kolmogorov distribution's series
 * Q(x) = 2 Σ (−1)^(k−1) e^(−2k²x²) (SciPy's kstwobign.sf), and the regularised upper incomplete gamma
 * Q(a, x) by its series for x < a + 1 and Lentz's continued fraction otherwise (Numerical Recipes §6.2),
 * with log Γ from the Lanczos approximation (g = 7, n = 9).
 */
export function kolmogorovSurvival(x: number): number {
  if (x <= 0) return 1
  if (x < 0.2) {
    // The alternating series converges slowly here; use the complementary theta-function form.
    const s = Math.sqrt(2 * Math.PI) / x
    let sum = 0
    for (let k = 1; k <= 50; k++) sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * x * x))
    return 1 - s * sum
  }
  let sum = 0
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x)
    sum += (k % 2 === 1 ? 1 : -1) * term
    if (term < 1e-300) break
  }
  return Math.min(1, Math.max(0, 2 * sum))
}

export function chiSquareSurvival(statistic: number, dof: number): number {
  if (dof <= 0) return statistic > 0 ? 0 : 1
  return upperGammaRegularized(dof / 2, statistic / 2)
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]

export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z)
  z -= 1
  let x = LANCZOS[0]
  for (let i = 1; i < 9; i++) x += LANCZOS[i] / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x)
}

function upperGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 1
  const logPrefix = -x + a * Math.log(x) - logGamma(a)
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix))
  }
  const tiny = 1e-300
  let b = x + 1 - a
  let c = 1 / tiny
  let d = 1 / b
  let h = d
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < tiny) d = tiny
    c = b + an / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-17) break
  }
  return Math.exp(logPrefix) * h
}
