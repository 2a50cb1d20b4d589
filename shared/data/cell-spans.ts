import type { RowBatch, SpanBatch } from './table.js'

/**
 * The buffer that the cells of a delimited file's span batches point into, turned into strings and numbers
 * on demand. When the buffer is all ASCII it is decoded once, and each cell's text is a slice of that
 * string (a fraction of the cost of decoding cells one by one, which only non-ASCII buffers pay).
 */
export class CellSpans {
  private decoded: string | undefined

  constructor(
    readonly bytes: Buffer,
    /** True when every byte that any cell covers is ASCII (then a byte offset is a character offset). */
    readonly ascii: boolean
  ) {}

  /** The text of the cell bytes[start, end); an `end` below zero (~end) marks a quoted cell holding doubled quotes. */
  text(start: number, end: number): string {
    const escaped = end < 0
    if (escaped) end = ~end
    let text: string
    if (this.ascii) {
      this.decoded ??= this.bytes.toString('latin1')
      text = this.decoded.slice(start, end)
    } else {
      text = this.bytes.toString('utf8', start, end)
    }
    return escaped ? text.replace(/""/g, '"') : text
  }

  /** `numericReading` of the cell, parsed from its bytes without making a string when it can be. */
  number(start: number, end: number): number {
    if (end >= 0 && this.ascii) {
      if (end - start >= MAX_NUMERIC_LENGTH) return NaN
      const c = start < end ? this.bytes[start] : -1
      if (!MAY_START_NUMBER[c & 0x7f] && c !== -1) return NaN
      const fast = parseDecimal(this.bytes, start, end)
      if (fast !== undefined) return fast
    }
    return numericReading(this.text(start, end))
  }

  /** True when the cell is exactly `true` or `false` (the profile's boolean reading). */
  isBooleanWord(start: number, end: number): boolean {
    const b = this.bytes
    const length = end - start
    if (length === 4)
      return b[start] === 116 && b[start + 1] === 114 && b[start + 2] === 117 && b[start + 3] === 101
    if (length === 5)
      return (
        b[start] === 102 &&
        b[start + 1] === 97 &&
        b[start + 2] === 108 &&
        b[start + 3] === 115 &&
        b[start + 4] === 101
      )
    return false
  }

  /** The batch with every cell as a string, for readers of `Table.batches()`. */
  toRowBatch(batch: SpanBatch): RowBatch {
    const values = batch.starts.map((starts, c) => {
      const ends = batch.ends[c]
      const column = new Array<string>(batch.length)
      for (let r = 0; r < batch.length; r++) column[r] = this.text(starts[r], ends[r])
      return column
    })
    // A row batch belongs to its reader, while a span batch's arrays are reused: copy the lines.
    return {
      columns: batch.columns,
      values,
      lines: batch.lines.slice(),
      length: batch.length,
      rowOffset: batch.rowOffset
    }
  }
}

/**
 * Longer cells are not read as numbers: long digit strings are identifiers, and Number() on them would
 * only lose digits.
 */
const MAX_NUMERIC_LENGTH = 40

/**
 * How the profile and the rules read a text cell as a number: Number(text) when shorter than 40 characters,
 * but only for a decimal number (or Infinity), as in data files and Python's float(): Number() also reads
 * `0x1F`, `0o7` and `0b1` as integers and blank text as 0, and none of them is a number in a data file.
 */
export function numericReading(text: string): number {
  if (text.length >= MAX_NUMERIC_LENGTH) return NaN
  const value = Number(text)
  if (value !== value) return value
  return NOT_DECIMAL.test(text) ? NaN : value
}

/** Blank text, or a binary, octal or hexadecimal literal (Number() refuses them signed): what Number() reads beyond decimals. */
const NOT_DECIMAL = /^\s*(?:$|0[xXoObB])/

/**
 * ASCII bytes that can begin a string Number() accepts: digits, sign, point, `I` (Infinity) and the
 * whitespace it trims. Any other first byte means NaN without parsing.
 */
const MAY_START_NUMBER = (() => {
  const table = new Uint8Array(128)
  for (const c of '0123456789+-.I \t\n\v\f\r') table[c.charCodeAt(0)] = 1
  return table
})()

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))

/**
 * The value of a plain decimal (`-12.5`, `3e-7`) written in bytes, or undefined when the text is anything
 * else or is beyond the exact fast path. At most 15 significant digits and a power of ten within ±22 are
 * both exact doubles, so one IEEE multiplication or division rounds correctly (Clinger 1990): the result is
 * always what Number() returns. Everything else (hex, Infinity, whitespace, long mantissas) goes to Number().
 */
function parseDecimal(b: Buffer, start: number, end: number): number | undefined {
  let i = start
  let negative = false
  if (b[i] === 45 || b[i] === 43) negative = b[i++] === 45
  let mantissa = 0
  let digits = 0
  let scale = 0
  let seen = false
  for (; i < end; i++) {
    const d = b[i] - 48
    if (d < 0 || d > 9) break
    seen = true
    if (mantissa === 0 && d === 0) continue
    if (++digits > 15) return undefined
    mantissa = mantissa * 10 + d
  }
  if (i < end && b[i] === 46) {
    for (i++; i < end; i++) {
      const d = b[i] - 48
      if (d < 0 || d > 9) break
      seen = true
      scale--
      if (mantissa === 0 && d === 0) continue
      if (++digits > 15) return undefined
      mantissa = mantissa * 10 + d
    }
  }
  if (!seen) return undefined
  if (i < end && (b[i] === 101 || b[i] === 69)) {
    i++
    let exponentNegative = false
    if (b[i] === 45 || b[i] === 43) exponentNegative = b[i++] === 45
    let exponent = 0
    const first = i
    for (; i < end; i++) {
      const d = b[i] - 48
      if (d < 0 || d > 9) break
      if (exponent < 100000) exponent = exponent * 10 + d
    }
    if (i === first) return undefined
    scale += exponentNegative ? -exponent : exponent
  }
  if (i !== end) return undefined
  if (mantissa === 0) return negative ? -0 : 0
  if (scale < -22 || scale > 22) return undefined
  const value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale]
  return negative ? -value : value
}
