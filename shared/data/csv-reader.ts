import { isAscii, isUtf8 } from 'node:buffer'
import { stat } from 'node:fs/promises'
import { UserError } from '../errors/user-error.js'
import { CellSpans } from './cell-spans.js'
import type { RowBatch, SpanBatch, Table } from './table.js'
import { firstInvalidByte, invalidUtf8, readByteChunks } from './text-stream.js'

const QUOTE = 34
const LF = 10
const CR = 13
/**
 * 1 MiB reads. Cells are byte offsets into the chunk they came from, not strings, so a large chunk costs
 * no young-generation churn; it only bounds how many rows one batch can hold.
 */
const CHUNK_BYTES = 1 << 18

/**
 * An RFC 4180 reader for CSV and TSV, written for speed: it scans raw bytes and records where each cell
 * starts and ends, so a cell becomes a string (or a number, see `cell-number.ts`) only when someone asks.
 * Quoted fields may hold delimiters, doubled quotes and newlines; records end with LF, CRLF or a lone CR (old
 * Mac files), as in Python's csv; blank lines are skipped (as pandas does); every record keeps the physical
 * line it starts on (a lone CR ends a line, as in editors and Python's `line_num`). A record cut by a chunk
 * boundary is parsed again once the rest of it has arrived; while it is incomplete only a scan for its end
 * runs over new bytes, so a 10 MB field costs linear time, not quadratic. Every byte parsed is checked to
 * be UTF-8 first.
 */
export async function openDelimitedTable(
  file: string,
  name: string,
  format: 'csv' | 'tsv',
  gzip: boolean,
  batchRows: number
): Promise<Table> {
  const parser = new DelimitedParser(name, format === 'tsv' ? '\t' : ',', batchRows)
  const chunks = readByteChunks(file, name, gzip, CHUNK_BYTES)
  let ended = false
  const pull = async (): Promise<void> => {
    const next = await chunks.next()
    try {
      if (next.done) {
        ended = true
        parser.finish()
      } else {
        parser.push(next.value)
      }
    } catch (error) {
      if (error instanceof InvalidUtf8) throw await invalidUtf8(file, name, gzip, error.offset)
      throw error
    }
  }
  // The header is parsed before any row is asked for.
  try {
    while (!parser.readHeader() && !ended) await pull()
  } catch (error) {
    await chunks.return(undefined)
    throw error
  }
  const columns = parser.header
  if (columns === undefined) {
    throw new UserError(
      `${name} is empty: a ${format.toUpperCase()} file needs a header line naming its columns.`,
      { file: name, line: 1 }
    )
  }
  async function* spanBatches(): AsyncGenerator<SpanBatch> {
    try {
      for (;;) {
        try {
          for (let batch = parser.next(); batch !== undefined; batch = parser.next()) yield batch
        } catch (error) {
          if (error instanceof InvalidUtf8) throw await invalidUtf8(file, name, gzip, error.offset)
          throw error
        }
        if (ended) return
        await pull()
      }
    } finally {
      // Closes the file when the reader stops early (an error, or a caller that has read enough).
      await chunks.return(undefined)
    }
  }
  return {
    file: name,
    format,
    textual: true,
    location: 'line',
    columns,
    byteLength: gzip ? undefined : (await stat(file)).size,
    spanBatches,
    async *batches(): AsyncGenerator<RowBatch> {
      for await (const batch of spanBatches()) yield batch.cells.toRowBatch(batch)
    }
  }
}

/** Thrown by the parser (which sees bytes, not the file) and turned into a UserError naming the line. */
class InvalidUtf8 extends Error {
  constructor(readonly offset: number) {
    super(`invalid UTF-8 at byte ${offset}`)
  }
}

/**
 * Parses pushed bytes into span batches, pulled one at a time with `next()`. A batch's arrays, and the
 * bytes its cells point into, are reused: each batch is valid until `next()` or `push()` is called again,
 * so reading any amount of data allocates a fixed set of buffers (strings made from cells are copies).
 * Push a chunk only after `next()` has returned undefined.
 */
export class DelimitedParser {
  header: string[] | undefined
  private readonly delimiter: number
  /** Bytes not yet parsed are `buffer[pos, filled)`. */
  private buffer = Buffer.alloc(0)
  private pos = 0
  private filled = 0
  /** The unparsed bytes hold no record end before `scanned` (the scan resumes there, in state `scanState`). */
  private scanned = 0
  private scanState = FIELD_START
  /** How far parsing may go: bytes before it are checked UTF-8, up to a line end. */
  private checked = 0
  private final = false
  private cells = new CellSpans(this.buffer, true)
  private starts: Int32Array[] = []
  private ends: Int32Array[] = []
  private lines: Int32Array
  private rows = 0
  private rowOffset = 0
  /** Physical line of `buffer[pos]`. */
  private line = 1
  /** Offset in the whole (decompressed) stream of `buffer[0]`. */
  private streamOffset = 0
  private headerFields: string[] = []
  private first = true

  constructor(
    private readonly name: string,
    delimiter: string,
    private readonly batchRows: number
  ) {
    this.delimiter = delimiter.charCodeAt(0)
    this.lines = new Int32Array(batchRows)
  }

  /** Adds a chunk of bytes (copied: the caller may reuse it), or a string (encoded first; handy in tests). */
  push(chunk: Buffer | string): void {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    if (this.first && bytes.length > 0) {
      this.first = false
      // A UTF-8 byte order mark is not part of the first column's name.
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3)
        this.streamOffset += 3
      }
    }
    if (this.checked > this.pos) {
      // Pushed before next() ran dry: the parsed-ahead bytes are checked again with the new ones.
      this.scanned = this.pos
      this.scanState = FIELD_START
    }
    this.checked = this.pos
    const pending = this.filled - this.pos
    if (pending + bytes.length > this.buffer.length) {
      // Grow by doubling, so a record longer than any chunk (a 10 MB field) is copied O(log) times.
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, pending + bytes.length, CHUNK_BYTES))
      this.buffer.copy(grown, 0, this.pos, this.filled)
      this.buffer = grown
    } else if (this.pos > 0) {
      this.buffer.copyWithin(0, this.pos, this.filled)
    }
    this.streamOffset += this.pos
    this.scanned -= this.pos
    this.checked -= this.pos
    this.pos = 0
    bytes.copy(this.buffer, pending)
    this.filled = pending + bytes.length
    this.check()
  }

  finish(): void {
    this.final = true
    this.check()
  }

  /** Parses up to the header; false when the bytes pushed so far do not complete it. */
  readHeader(): boolean {
    while (this.header === undefined && this.pos < this.checked) {
      if (!this.parseRecord()) break
    }
    return this.header !== undefined
  }

  /** The next batch (at most batchRows rows, fewer where the pushed bytes end), or undefined. */
  next(): SpanBatch | undefined {
    this.rows = 0
    while (this.rows < this.batchRows && this.pos < this.checked) {
      if (!this.parseRecord()) break
    }
    if (this.rows === 0) return undefined
    const length = this.rows
    const cut = <T extends Int32Array>(array: T) =>
      length === this.batchRows ? array : array.subarray(0, length)
    const batch = {
      columns: this.header!,
      cells: this.cells,
      starts: this.starts.map(cut),
      ends: this.ends.map(cut),
      lines: cut(this.lines),
      length,
      rowOffset: this.rowOffset
    }
    this.rowOffset += length
    return batch
  }

  /**
   * Checks the bytes up to the last line end in the buffer (all of them at the end of input) for UTF-8,
   * and lets parsing go that far. While no record end has arrived, only `findRecordEnd` runs over the
   * new bytes: a record longer than a chunk is scanned once, not once per chunk.
   */
  private check(): void {
    let limit = this.filled
    if (!this.final) {
      const from = Math.max(this.scanned, this.pos)
      const [end, state] = findRecordEnd(this.buffer, from, this.filled, this.scanState, this.delimiter)
      if (end === -1) {
        this.scanned = this.filled
        this.scanState = state
        return
      }
      // Bytes up to the last line end are whole characters; the parser itself finds where records really end.
      limit = lastLineEnd(this.buffer, this.filled) + 1
    }
    if (limit <= this.pos) return
    const region = this.buffer.subarray(this.pos, limit)
    if (!isUtf8(region)) throw new InvalidUtf8(this.streamOffset + this.pos + firstInvalidByte(region))
    this.cells = new CellSpans(this.buffer.subarray(0, limit), isAscii(region))
    this.checked = limit
    // Parsing either consumes everything up to `limit` (a record boundary) or stops at a cut-off record.
    this.scanned = limit
    this.scanState = FIELD_START
  }

  /**
   * Parses one record at `pos` into the batch (or the header). Returns false, consuming nothing, when the
   * record is cut off by the end of the checked bytes and more input may complete it.
   */
  private parseRecord(): boolean {
    const bytes = this.buffer
    const n = this.final ? this.filled : this.checked
    const final = this.final
    const delimiter = this.delimiter
    let pos = this.pos
    const startLine = this.line
    let line = startLine
    let field = 0
    let blank = false
    for (;;) {
      let start: number
      let end: number
      let c = pos < n ? bytes[pos] : -1
      if (c === QUOTE) {
        let from = pos + 1
        let close: number
        let escaped = false
        for (;;) {
          close = bytes.indexOf(QUOTE, from)
          if (close >= n) close = -1
          if (close === -1 || close + 1 >= n || bytes[close + 1] !== QUOTE) break
          escaped = true
          from = close + 2
        }
        if (close === -1 || (close + 1 >= n && !final)) {
          if (final) {
            throw new UserError(
              `${this.name}:${line}: a quoted field opened here is never closed. Close it with a double quote, and double any quote inside it ("").`,
              { file: this.name, line }
            )
          }
          return this.cutOff()
        }
        line += countLineEnds(bytes, pos + 1, close)
        start = pos + 1
        end = escaped ? ~close : close
        pos = close + 1
        c = pos < n ? bytes[pos] : -1
        if (c === CR) {
          // CRLF or a lone CR ends the record; wait for the next byte when the CR is the last one so far.
          if (pos + 1 >= n && !final) return this.cutOff()
          if (pos + 1 < n && bytes[pos + 1] === LF) pos++
          c = LF
        }
        if (c !== delimiter && c !== LF && c !== -1) {
          throw new UserError(
            `${this.name}:${line}: unexpected text after the closing quote of field ${field + 1}. A quote inside a quoted field must be doubled ("").`,
            { file: this.name, line }
          )
        }
      } else {
        end = pos
        while (end < n) {
          c = bytes[end]
          if (c === delimiter || c === LF || c === CR) break
          end++
        }
        if (end >= n) {
          if (!final) return this.cutOff()
          c = -1
        }
        start = pos
        blank = field === 0 && end === pos
        pos = end
        if (c === CR) {
          if (pos + 1 >= n && !final) return this.cutOff()
          if (pos + 1 < n && bytes[pos + 1] === LF) pos++
          c = LF
        }
      }
      this.store(field, start, end)
      field++
      if (c === delimiter) {
        pos++
        continue
      }
      if (c === LF) {
        pos++
        line++
      }
      break
    }
    this.pos = pos
    this.line = line
    if (!(field === 1 && blank)) this.endRecord(field, startLine)
    return true
  }

  /** The record at `pos` continues past the checked bytes: wait for more, scanning only the new bytes. */
  private cutOff(): false {
    this.checked = this.pos
    this.scanned = this.pos
    this.scanState = FIELD_START
    return false
  }

  private store(field: number, start: number, end: number): void {
    if (this.header === undefined) {
      this.headerFields[field] = this.cells.text(start, end)
    } else if (field < this.starts.length) {
      this.starts[field][this.rows] = start
      this.ends[field][this.rows] = end
    }
  }

  private endRecord(fields: number, line: number): void {
    if (this.header === undefined) {
      this.setHeader(this.headerFields.slice(0, fields), line)
      return
    }
    if (fields !== this.header.length) {
      throw new UserError(
        `${this.name}:${line}: this row has ${fields} field(s) but the header has ${this.header.length}. Quote fields that contain the delimiter, or fix the row.`,
        { file: this.name, line }
      )
    }
    this.lines[this.rows++] = line
  }

  private setHeader(names: string[], line: number): void {
    const seen = new Map<string, number>()
    names.forEach((name, index) => {
      if (name.trim() === '') {
        throw new UserError(
          `${this.name}:${line}: column ${index + 1} of the header has no name. Name every column.`,
          { file: this.name, line }
        )
      }
      const earlier = seen.get(name)
      if (earlier !== undefined) {
        throw new UserError(
          `${this.name}:${line}: the header names column '${name}' twice (columns ${earlier + 1} and ${index + 1}). Rename one of them.`,
          { file: this.name, line }
        )
      }
      seen.set(name, index)
    })
    this.header = names
    this.starts = names.map(() => new Int32Array(this.batchRows))
    this.ends = names.map(() => new Int32Array(this.batchRows))
  }
}

/** States of `findRecordEnd`, as in Python's csv: a quote opens a quoted field only at the field's start. */
const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
/** A quote inside a quoted field: the field's end, or the first of a doubled quote. */
const QUOTE_IN_QUOTED = 3

/**
 * The first record end (LF or CR outside a quoted field) in `bytes[from, to)`, or -1 and the state at `to`.
 * A quote is special only at the start of a field: `55" TV` is text, and must not make the rest of the file
 * look quoted (which kept every later byte in memory).
 */
function findRecordEnd(
  bytes: Uint8Array,
  from: number,
  to: number,
  state: number,
  delimiter: number
): [number, number] {
  for (let i = from; i < to; i++) {
    const c = bytes[i]
    if (state === QUOTED) {
      if (c === QUOTE) state = QUOTE_IN_QUOTED
    } else if (c === LF || c === CR) {
      return [i, state]
    } else if (c === delimiter) {
      state = FIELD_START
    } else if (c === QUOTE) {
      state = state === FIELD_START || state === QUOTE_IN_QUOTED ? QUOTED : UNQUOTED
    } else {
      state = UNQUOTED
    }
  }
  return [-1, state]
}

/** The last LF or CR in `bytes[0, to)`: a CR is looked for only after the last LF (a short way back). */
function lastLineEnd(bytes: Buffer, to: number): number {
  const lf = bytes.lastIndexOf(LF, to - 1)
  for (let at = to - 1; at > lf; at--) if (bytes[at] === CR) return at
  return lf
}

/** Line ends in `bytes[from, to)`: LF, CRLF and a lone CR each count once. */
function countLineEnds(bytes: Uint8Array, from: number, to: number): number {
  let count = 0
  for (let at = bytes.indexOf(LF, from); at !== -1 && at < to; at = bytes.indexOf(LF, at + 1)) count++
  for (let at = bytes.indexOf(CR, from); at !== -1 && at < to; at = bytes.indexOf(CR, at + 1)) {
    if (at + 1 >= to || bytes[at + 1] !== LF) count++
  }
  return count
}
