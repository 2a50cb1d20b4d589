/**
 * "Did you mean" for a misspelt key: the closest candidate by Damerau–Levenshtein distance (a swap of
 * two neighbouring letters counts as one edit, the commonest typo), if it is close enough to be a guess
 * rather than noise.
 */
export function suggestNearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const tolerance = Math.max(2, Math.floor(word.length / 3))
  return bestDistance <= tolerance ? best : undefined
}

/**
 * The known word `word` is a misspelling of, in a vocabulary that also admits words of its own (JSON Schema's
 * annotations, a Table Schema field's own properties): only a near miss counts, one edit in four letters (at
 * least one), so that `minimun` is taken for `minimum` but `unit` is not taken for `not`, nor `kind` for `id`.
 */
export function misspeltFrom(word: string, known: readonly string[]): string | undefined {
  const guess = suggestNearest(word, known)
  if (guess === undefined) return undefined
  return editDistance(word.toLowerCase(), guess.toLowerCase()) <= Math.max(1, Math.floor(word.length / 4))
    ? guess
    : undefined
}

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[a.length][b.length]
}
