const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y

/**
 * Parses a duration such as `90s`, `10m`, `1h30m` or `250ms` into milliseconds.
 * A bare number is not accepted: `10` could mean seconds or minutes, and guessing wrong
 * silently stretches a bake or an analysis window. Returns undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  let total = 0
  PART.lastIndex = 0
  while (PART.lastIndex < trimmed.length) {
    const start = PART.lastIndex
    const match = PART.exec(trimmed)
    if (!match || match.index !== start) return undefined
    total += Number(match[1]) * UNIT_MS[match[2]]
  }
  return total
}

/** Formats milliseconds back into the shortest form parseDuration reads (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s'
  let rest = ms
  let text = ''
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit]
    const count = Math.floor(rest / size)
    if (count > 0) {
      text += `${count}${unit}`
      rest -= count * size
    }
  }
  return text
}
