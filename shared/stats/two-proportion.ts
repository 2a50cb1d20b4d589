import { normalQuantile } from './normal-distribution.js'

/**
 * Confidence intervals for binomial proportions: Wilson's score interval for one, and Newcombe's hybrid score
 * interval (Newcombe 1998, method 10) for the difference of two independent ones, p1 − p2. Both keep close to
 * their nominal coverage at small counts and at 0 or n events, where the Wald interval collapses to a point
 * (Fagerland, Lydersen & Laake 2015 recommend Newcombe's for the difference). statsmodels computes the same
 * as `proportion_confint(method='wilson')` and `confint_proportions_2indep(compare='diff', method='newcomb')`.
 */
export interface ProportionInterval {
  lower: number
  upper: number
  estimate: number
}

/** Wilson's score interval for `events` out of `trials` (trials > 0). */
export function wilsonInterval(events: number, trials: number, confidenceLevel: number): ProportionInterval {
  const z = normalQuantile(1 - (1 - confidenceLevel) / 2)
  const p = events / trials
  const z2 = z * z
  const centre = (events + z2 / 2) / (trials + z2)
  const half = ((z * Math.sqrt(trials)) / (trials + z2)) * Math.sqrt(p * (1 - p) + z2 / (4 * trials))
  // Rounding can leave the bounds an ulp outside [0, 1] or past the estimate at 0 or n events.
  return {
    lower: Math.max(0, Math.min(p, centre - half)),
    upper: Math.min(1, Math.max(p, centre + half)),
    estimate: p
  }
}

/** Newcombe's hybrid score interval for p1 − p2, p1 = events1/trials1, p2 = events2/trials2 (trials > 0). */
export function newcombeDifferenceInterval(
  events1: number,
  trials1: number,
  events2: number,
  trials2: number,
  confidenceLevel: number
): ProportionInterval {
  const one = wilsonInterval(events1, trials1, confidenceLevel)
  const two = wilsonInterval(events2, trials2, confidenceLevel)
  const difference = one.estimate - two.estimate
  return {
    lower: difference - Math.hypot(one.estimate - one.lower, two.upper - two.estimate),
    upper: difference + Math.hypot(one.upper - one.estimate, two.estimate - two.lower),
    estimate: difference
  }
}
