import { normalCdf } from './normal-distribution.js'

export interface PairedDifferenceTest {
  /** The score statistic: standard normal when the true difference equals the margin. */
  z: number
  /** One-sided p-value of H0 "difference ≤ margin": small when the difference is beyond the margin. */
  pBeyond: number
  /** One-sided p-value of H0 "difference ≥ margin": small when the difference is within the margin. */
  pWithin: number
  /**
   * Discordant examples expected under H0, n·(2p̃ + margin). Below MIN_EXPECTED_DISCORDANT the normal
   * approximation is not to be trusted (McNemar's b = 3, c = 0 gives z = 1.73, p = 0.04, where the exact
   * binomial test says 0.125).
   */
  expectedDiscordant: number
}

/**
 * The normal-theory McNemar test is used from 20 discordant pairs on (B. Rosner, Fundamentals of Biostatistics,
 * 7th ed., §10.4); here counted as expected under H0, so that a margin alone (two identical models on 10,000
 * examples against max_drop 0.01) still decides.
 */
export const MIN_EXPECTED_DISCORDANT = 20

/**
 * Tango's score test for the difference of two paired proportions against a margin (T. Tango, "Equivalence test
 * and confidence interval for the difference in proportions for the paired-sample design", Statistics in
 * Medicine 17:891–908, 1998; the non-inferiority form of J.-M. Nam, Biometrics 53:1422–1430, 1997).
 *
 * Of `n` paired examples, `firstOnly` are right only under the first model and `secondOnly` only under the
 * second; the difference is Δ = (firstOnly − secondOnly) / n. For H0: Δ = margin the statistic is
 *
 *   z = (firstOnly − secondOnly − n·margin) / √(n·(2·p̃ + margin·(1 − margin)))
 *
 * where p̃ is the maximum-likelihood estimate of the probability of a `secondOnly` example under the
 * restriction Δ = margin (the root of a quadratic, Tango's eq. 3). With margin 0 it is McNemar's statistic
 * (b − c)/√(b + c), so "mcnemar" keeps its name and gains the tolerance.
 */
export function pairedDifferenceTest(
  firstOnly: number,
  secondOnly: number,
  n: number,
  margin: number
): PairedDifferenceTest {
  const b = -firstOnly - secondOnly + (2 * n - firstOnly + secondOnly) * margin
  const c = -secondOnly * margin * (1 - margin)
  const restricted = (Math.sqrt(b * b - 8 * n * c) - b) / (4 * n)
  const variance = n * (2 * restricted + margin * (1 - margin))
  const excess = firstOnly - secondOnly - n * margin
  const expectedDiscordant = n * (2 * restricted + margin)
  // No discordant pair and no margin: nothing tells the models apart, no evidence either way.
  if (!(variance > 0)) return { z: 0, pBeyond: 1, pWithin: 1, expectedDiscordant }
  const z = excess / Math.sqrt(variance)
  return { z, pBeyond: normalCdf(-z), pWithin: normalCdf(z), expectedDiscordant }
}
