import { KeySet } from './key-set.js'

/**
 * The keys of a uniqueness rule. Identifier columns usually count up (row ids, auto-increment keys,
 * timestamps as integers): while every key is a canonical integer (`0`, `-12`, no sign or leading zero
 * that would let two texts share a value) greater than the one before, no two can be equal, so they are
 * only appended to a sorted run, 12 bytes a key and no hashing. The first key that breaks the run ends
 * it; from then on a canonical integer is looked up in the run by binary search, and every key goes into
 * a hashed KeySet. Equality stays equality of texts: two canonical integers are equal exactly when their
 * texts are, and no other text equals a canonical integer's.
 */
export class UniqueKeys {
  private run = new Float64Array(0)
  private runLines = new Int32Array(0)
  private runLength = 0
  private runOpen = true
  private expected = 0
  private readonly set = new KeySet()

  /** Expects about `keys` keys in all, so that storage is sized once. */
  reserve(keys: number): void {
    this.expected = Math.max(this.expected, keys)
    if (!this.runOpen) this.set.reserve(keys - this.runLength)
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
    const length = this.runLength
    if (this.runOpen) {
      if (value === value && (length === 0 || value > this.run[length - 1])) {
        if (length === this.run.length) this.growRun()
        this.run[length] = value
        this.runLines[length] = line
        this.runLength = length + 1
        return -1
      }
      this.runOpen = false
      // The run is complete: give back what was reserved for it beyond its length.
      this.run = this.run.slice(0, length)
      this.runLines = this.runLines.slice(0, length)
      this.set.reserve(this.expected - length)
    }
    if (value !== value || length === 0) return undefined
    let low = 0
    let high = length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.run[mid] < value) low = mid + 1
      else high = mid
    }
    return low < length && this.run[low] === value ? this.runLines[low] : undefined
  }

  private growRun(): void {
    const capacity = Math.max(1024, this.run.length * 2, this.run.length === 0 ? this.expected : 0)
    const run = new Float64Array(capacity)
    run.set(this.run)
    const lines = new Int32Array(capacity)
    lines.set(this.runLines)
    this.run = run
    this.runLines = lines
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
