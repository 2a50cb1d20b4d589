import { KeySet } from './key-set.js'

/**
 * The keys of a uniqueness rule. Identifier columns usually count up (row ids, auto-increment keys,
 * timestamps as integers): while every key is a canonical integer (`0`, `-12`, no sign or leading zero
 * that would let two texts share a value) greater than the one before, no two can be equal, so they are
 * only appended to a sorted run, with no hashing. The run is stored as segments of keys that go up by one
 * on consecutive lines (a dense id column is one segment: memory stays flat however many rows), else 16
 * bytes a key. The first key that breaks the run ends it; from then on a canonical integer is looked up in
 * the run by binary search, and every key goes into a hashed KeySet. Equality stays equality of texts: two
 * canonical integers are equal exactly when their texts are, and no other text equals a canonical integer's.
 */
export class UniqueKeys {
  /** Segment i holds keys starts[i] + k at lines lines[i] + k, for k below counts[i]. */
  private starts = new Float64Array(0)
  private lines = new Int32Array(0)
  private counts = new Int32Array(0)
  private segments = 0
  private runOpen = true
  private runKeys = 0
  private expected = 0
  private readonly set = new KeySet()

  /** Expects about `keys` keys in all, so that the hashed set is sized once if the run ends. */
  reserve(keys: number): void {
    this.expected = Math.max(this.expected, keys)
    if (!this.runOpen) this.set.reserve(keys - this.runKeys)
  }

  /** Adds the key; returns -1 when it is new, else the line where it was first seen. */
  addOrFind(key: string, line: number): number {
    const value = canonicalInteger(key)
    const first = this.inRun(value, line)
    return first === undefined ? this.set.addOrFind(key, line) : first
  }

  /** addOrFind for a key written in ASCII bytes[start, end). */
  addOrFindAscii(bytes: Uint8Array, start: number, end: number, line: number): number {
    const value = canonicalIntegerAscii(bytes, start, end)
    const first = this.inRun(value, line)
    return first === undefined ? this.set.addOrFindAscii(bytes, start, end, line) : first
  }

  /** -1 when the key extended the run, its first line when the run holds it, else undefined (the set decides). */
  private inRun(value: number, line: number): number | undefined {
    const last = this.segments - 1
    if (this.runOpen) {
      if (value === value && (last < 0 || value >= this.starts[last] + this.counts[last])) {
        const count = last < 0 ? 0 : this.counts[last]
        if (count > 0 && value === this.starts[last] + count && line === this.lines[last] + count) {
          this.counts[last] = count + 1
        } else {
          if (this.segments === this.starts.length) this.growSegments()
          this.starts[this.segments] = value
          this.lines[this.segments] = line
          this.counts[this.segments++] = 1
        }
        this.runKeys++
        return -1
      }
      this.runOpen = false
      this.set.reserve(this.expected - this.runKeys)
    }
    if (value !== value || last < 0) return undefined
    // The last segment starting at or below the value.
    let low = 0
    let high = last + 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.starts[mid] <= value) low = mid + 1
      else high = mid
    }
    const at = low - 1
    if (at < 0 || value >= this.starts[at] + this.counts[at]) return undefined
    return this.lines[at] + (value - this.starts[at])
  }

  private growSegments(): void {
    const capacity = Math.max(256, this.starts.length * 2)
    const starts = new Float64Array(capacity)
    starts.set(this.starts)
    const lines = new Int32Array(capacity)
    lines.set(this.lines)
    const counts = new Int32Array(capacity)
    counts.set(this.counts)
    this.starts = starts
    this.lines = lines
    this.counts = counts
  }
}

/** The value of a canonical decimal integer of at most 15 digits (exact as a double), else NaN. */
function canonicalInteger(text: string): number {
  const length = text.length
  let i = text.charCodeAt(0) === 45 ? 1 : 0
  const digits = length - i
  if (digits < 1 || digits > 15) return NaN
  if (text.charCodeAt(i) === 48 && (digits > 1 || i === 1)) return NaN
  let value = 0
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    value = value * 10 + d
  }
  return text.charCodeAt(0) === 45 ? -value : value
}

function canonicalIntegerAscii(bytes: Uint8Array, start: number, end: number): number {
  let i = bytes[start] === 45 ? start + 1 : start
  const digits = end - i
  if (digits < 1 || digits > 15) return NaN
  if (bytes[i] === 48 && (digits > 1 || i > start)) return NaN
  let value = 0
  for (; i < end; i++) {
    const d = bytes[i] - 48
    if (d < 0 || d > 9) return NaN
    value = value * 10 + d
  }
  return bytes[start] === 45 ? -value : value
}
