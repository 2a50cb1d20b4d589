import { logGamma } from './special-functions.js'

/**
 * The exact conditional test and interval for the ratio of two event rates (errors per request): given k events
 * in all, the canary's share X is Binomial(k, θ) with θ = r·n1 / (r·n1 + n2), where r is the ratio of the rates and
 * n1, n2 the trials (exposures). Clopper-Pearson bounds for θ become bounds for r = θ/(1−θ) · n2/n1, and
 * r = 1 lies outside the interval exactly when the one-sided binomial test of θ = n1/(n1+n2) is significant at
 * (1 − level)/2, so the interval and the test never disagree. Exact for Poisson counts, so for rare events such as
 * errors (the binomial count of rare events is Poisson to within p), conservative for common ones; it holds its
 * level at any count, where Newcombe's interval for the difference of proportions raises 2 to 4 times the nominal
 * one-sided false alarms with a 5% canary at a 0.1% error rate, and the score interval up to 2.3 times
 * (bench/aa-count-tests.py, exact enumeration; bench/aa-canary.mjs).
 * statsmodels: `proportion_confint(x, k, method='beta')` for θ, `test_poisson_2indep(method='exact-cond')` for the
 * test; SciPy: `binomtest(x, k, n1/(n1+n2))`.
 */
export interface RateRatioInterval {
  /** r's bounds; `upper` is Infinity when every event is the canary's. */
  lower: number
  upper: number
  /** (x1/n1) / (x2/n2): Infinity when x2 = 0 < x1, NaN without events. */
  estimate: number
}

export function rateRatioInterval(
  events1: number,
  trials1: number,
  events2: number,
  trials2: number,
  confidenceLevel: number
): RateRatioInterval {
  const total = events1 + events2
  const tail = (1 - confidenceLevel) / 2
  const toRatio = (theta: number) => (theta >= 1 ? Infinity : (theta / (1 - theta)) * (trials2 / trials1))
  const estimate = total === 0 ? NaN : events1 / trials1 / (events2 / trials2)
  if (total === 0) return { lower: 0, upper: Infinity, estimate }
  // Clopper-Pearson: the θ where P(X ≥ x1) = tail (lower) and where P(X ≤ x1) = tail (upper).
  const lower =
    events1 === 0 ? 0 : solve(theta => binomialTail(events1, total, theta, 'atLeast') - tail, true)
  const upper =
    events1 === total ? 1 : solve(theta => binomialTail(events1, total, theta, 'atMost') - tail, false)
  return { lower: toRatio(lower), upper: toRatio(upper), estimate }
}

/**
 * The one-sided p-value that the first rate exceeds the second (`greater`) or falls below it (`less`): the
 * binomial tail of the first's share of the events under equal rates.
 */
export function rateRatioPValue(
  events1: number,
  trials1: number,
  events2: number,
  trials2: number,
  alternative: 'greater' | 'less'
): number {
  const total = events1 + events2
  if (total === 0) return 1
  const share = trials1 / (trials1 + trials2)
  return binomialTail(events1, total, share, alternative === 'greater' ? 'atLeast' : 'atMost')
}

/**
 * P(X ≥ x) or P(X ≤ x) for X ~ Binomial(n, p): the terms from x away from the mode (they rise to it, then fall),
 * summed in log space relative to the largest, stopping once they fall below e^-50 of it, so a tail costs the
 * width of the distribution, not n.
 */
function binomialTail(x: number, n: number, p: number, side: 'atLeast' | 'atMost'): number {
  if (side === 'atLeast' && x <= 0) return 1
  if (side === 'atMost' && x >= n) return 1
  if (p <= 0) return side === 'atLeast' ? 0 : 1
  if (p >= 1) return side === 'atLeast' ? 1 : 0
  const logOdds = Math.log(p / (1 - p))
  let i = x
  let logTerm =
    logGamma(n + 1) - logGamma(x + 1) - logGamma(n - x + 1) + x * Math.log(p) + (n - x) * Math.log1p(-p)
  let largest = logTerm
  let sum = 0
  for (;;) {
    if (logTerm > largest) {
      sum *= Math.exp(largest - logTerm)
      largest = logTerm
    }
    sum += Math.exp(logTerm - largest)
    if (logTerm < largest - 50) break
    if (side === 'atLeast') {
      if (i >= n) break
      logTerm += Math.log((n - i) / (i + 1)) + logOdds
      i++
    } else {
      if (i <= 0) break
      logTerm += Math.log(i / (n - i + 1)) - logOdds
      i--
    }
  }
  return Math.min(1, Math.exp(largest) * sum)
}

/** The root in (0, 1) of a function monotone in θ (increasing when `increasing`), by bisection (to ~1e-30). */
function solve(f: (theta: number) => number, increasing: boolean): number {
  let low = 0
  let high = 1
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2
    if (mid === low || mid === high) break
    if (f(mid) < 0 === increasing) low = mid
    else high = mid
  }
  return (low + high) / 2
}
