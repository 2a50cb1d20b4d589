/**
 * McNemar's exact test on paired classifications: of the examples exactly one model gets right, does one
 * model win more often than a fair coin would allow? `baselineOnly` counts examples only the baseline gets
 * right, `candidateOnly` those only the candidate gets right. Returns the two-sided exact binomial p-value
 * (statsmodels' `mcnemar(table, exact=True)`, SciPy's `binomtest(b, b + c, 0.5)`).
 */
export function mcnemarExact(baselineOnly: number, candidateOnly: number): number {
  const n = baselineOnly + candidateOnly
  if (n === 0) return 1
  const k = Math.min(baselineOnly, candidateOnly)
  // P(X ≤ k) for X ~ Binomial(n, 1/2). The terms grow up to i = k (k ≤ n/2), so they are summed relative to
  // the largest, in log space: neither overflow nor underflow for millions of discordant pairs.
  const logTerms = new Float64Array(k + 1)
  let logTerm = -n * Math.LN2
  for (let i = 0; i <= k; i++) {
    logTerms[i] = logTerm
    logTerm += Math.log((n - i) / (i + 1))
  }
  const largest = logTerms[k]
  let relative = 0
  for (let i = k; i >= 0; i--) {
    const term = Math.exp(logTerms[i] - largest)
    relative += term
    if (term < 1e-18) break
  }
  return Math.min(1, 2 * Math.exp(largest) * relative)
}
