import { UserError } from '../errors/user-error.js'
import { locateDeepNesting, locateJsonError, MAX_NESTING, nestsDeeperThan } from './json-error.js'
import type { CellValue, RowBatch, Table } from './table.js'
import { readTextChunks } from './text-stream.js'

/**
 * JSON Lines: one JSON object per line, blank lines skipped. Columns are the keys in order of first
 * appearance; a key missing from a record reads as `undefined`, one holding null as `null`.
 */
export async function openJsonlTable(
  file: string,
  name: string,
  gzip: boolean,
  batchRows: number
): Promise<Table> {
  const parser = new JsonlParser(name, batchRows)
  const chunks = readTextChunks(file, name, gzip)
  let ended = false
  while (parser.columns.length === 0 && !ended) {
    const next = await chunks.next()
    if (next.done) {
      parser.finish()
      ended = true
    } else {
      parser.push(next.value)
    }
  }
  if (parser.columns.length === 0) {
    throw new UserError(
      `${name} holds no JSON object: a JSONL file needs one object per line, such as {"id": 1, "label": "cat"}.`,
      { file: name, line: 1 }
    )
  }
  return {
    file: name,
    format: 'jsonl',
    textual: false,
    location: 'line',
    get columns() {
      return parser.columns
    },
    async *batches() {
      for (;;) {
        yield* parser.take()
        if (ended) return
        const next = await chunks.next()
        if (next.done) {
          parser.finish()
          ended = true
        } else {
          parser.push(next.value)
        }
      }
    }
  }
}

class JsonlParser {
  columns: string[] = []
  private readonly index = new Map<string, number>()
  private ready: RowBatch[] = []
  private values: CellValue[][] = []
  private lines = new Int32Array(0)
  private rows = 0
  private rowOffset = 0
  private line = 1
  private carry = ''

  constructor(
    private readonly name: string,
    private readonly batchRows: number
  ) {
    this.startBatch()
  }

  push(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.record(text, start, end)
      start = end + 1
    }
    this.carry = text.slice(start)
  }

  finish(): void {
    if (this.carry !== '') this.record(this.carry, 0, this.carry.length)
    this.carry = ''
    if (this.rows > 0) this.emit()
  }

  take(): RowBatch[] {
    const ready = this.ready
    this.ready = []
    return ready
  }

  private record(text: string, start: number, end: number): void {
    const line = this.line++
    let source = text.slice(start, end)
    if (source.endsWith('\r')) source = source.slice(0, -1)
    if (source.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch {
      const at = locateJsonError(source)
      throw new UserError(
        `${this.name}:${line}: not valid JSON${at ? ` at column ${at.column}` : ''}. Each line must be one complete JSON object.`,
        { file: this.name, line, column: at?.column }
      )
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UserError(
        `${this.name}:${line}: expected a JSON object such as {"id": 1}, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value).slice(0, 40)}.`,
        { file: this.name, line }
      )
    }
    const row = this.rows
    let exact: Map<string, bigint> | undefined
    for (const key in value) {
      let cell = (value as Record<string, unknown>)[key]
      // JSON.parse rounds an integer beyond 2^53 to a double: an id keeps its exact digits as a bigint.
      if (typeof cell === 'number' && !Number.isSafeInteger(cell) && Number.isInteger(cell)) {
        exact ??= bigIntegerMembers(source)
        cell = exact.get(key) ?? cell
      }
      // A nested cell is shown as JSON (cell-text.ts), and JSON.stringify recurses: refuse what it cannot print.
      if (typeof cell === 'object' && cell !== null && nestsDeeperThan(cell, MAX_NESTING - 1)) {
        const at = locateDeepNesting(source)
        throw new UserError(
          `${this.name}:${line}: nested more than ${MAX_NESTING} levels deep${at ? ` at column ${at.column}` : ''}.`,
          { file: this.name, line, column: at?.column }
        )
      }
      let column = this.index.get(key)
      if (column === undefined) {
        column = this.columns.length
        this.index.set(key, column)
        this.columns = [...this.columns, key]
        this.values.push(new Array<CellValue>(this.batchRows))
      }
      this.values[column][row] = cell as CellValue
    }
    this.lines[row] = line
    if (++this.rows === this.batchRows) this.emit()
  }

  private startBatch(): void {
    this.values = this.columns.map(() => new Array<CellValue>(this.batchRows))
    this.lines = new Int32Array(this.batchRows)
    this.rows = 0
  }

  private emit(): void {
    const length = this.rows
    const full = length === this.batchRows
    this.ready.push({
      columns: this.columns,
      values: full ? this.values : this.values.map(column => column.slice(0, length)),
      lines: full ? this.lines : this.lines.slice(0, length),
      length,
      rowOffset: this.rowOffset
    })
    this.rowOffset += length
    this.startBatch()
  }
}

/**
 * The members of a JSON object's text (valid: JSON.parse read it) whose value is written as an integer,
 * as exact bigints by key (a later duplicate key wins, as in JSON.parse). Only run on a line that holds an
 * integer JSON.parse could not keep exactly.
 */
function bigIntegerMembers(source: string): Map<string, bigint> {
  const found = new Map<string, bigint>()
  let depth = 0
  let key = ''
  let value = false
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i)
    if (c === 34) {
      let end = i + 1
      while (source.charCodeAt(end) !== 34) end += source.charCodeAt(end) === 92 ? 2 : 1
      if (depth === 1 && !value) key = JSON.parse(source.slice(i, end + 1)) as string
      value = false
      i = end
    } else if (c === 123 || c === 91) {
      depth++
      value = false
    } else if (c === 125 || c === 93) {
      depth--
    } else if (depth === 1 && c === 58) {
      value = true
    } else if (depth === 1 && value && (c === 45 || (c >= 48 && c <= 57))) {
      const token = /^-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(source.slice(i))![0]
      if (/^-?\d+$/.test(token)) found.set(key, BigInt(token))
      value = false
      i += token.length - 1
    }
  }
  return found
}
