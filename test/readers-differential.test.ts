import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import fc from 'fast-check'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { UserError } from '../shared/errors/user-error.js'
import { openTable, type CellValue } from '../shared/data/table.js'
import { runPython } from './oracles/python.js'
import { describeIfPython } from './oracles/python-gate.js'

/**
 * Differential tests of the readers (issue 13): seeded random files read by us and by an independent
 * implementation — Python's csv and json, DuckDB for Parquet — must give the same cells and lines.
 */

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlci-diff-'))
})

async function readAll(file: string): Promise<{ columns: string[]; rows: CellValue[][]; lines: number[] }> {
  const table = await openTable(file)
  const rows: CellValue[][] = []
  const lines: number[] = []
  let columns: readonly string[] = table.columns
  for await (const batch of table.batches()) {
    columns = batch.columns
    for (let r = 0; r < batch.length; r++) {
      rows.push(batch.values.map(column => column[r]))
      lines.push(batch.lines[r])
    }
  }
  return { columns: [...columns], rows, lines }
}

/** A small seeded PRNG (mulberry32): the same files on every run. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0
  return n => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
  }
}

const PLAIN = [...'abcxyz019 é日😀']
const SPECIAL = [...'ab,"\r\né日😀 ']

/** A field: plain text, text with a quote inside (`55" TV`), or a quoted field holding delimiters, quotes, newlines. */
function randomField(next: (n: number) => number): string {
  const text = (alphabet: string[], max: number) =>
    Array.from({ length: next(max + 1) }, () => alphabet[next(alphabet.length)]).join('')
  const kind = next(3)
  if (kind === 0) return text(PLAIN, 12).replace(/^"/, '') || 'x'
  if (kind === 1) return `${text(PLAIN, 3)}5" ${text(PLAIN, 3)}`.replace(/^"/, '')
  return `"${text(SPECIAL, 16).replace(/"/g, '""')}"`
}

describeIfPython({ csv: 'python3', json: 'python3' })('readers against Python', () => {
  test('random CSV files (quotes, CRLF/CR, BOM, multi-byte characters across chunk ends) read as Python csv does', async () => {
    const texts: string[] = []
    for (let n = 0; n < 6; n++) {
      const next = random(1300 + n)
      const width = 2 + next(4)
      const ending = ['\n', '\r\n', '\r'][n % 3]
      const blankEvery = next(50)
      const lines = [Array.from({ length: width }, (_, i) => `c${i}`).join(',')]
      for (let r = 0, records = 2000 + next(7000); r < records; r++) {
        if (blankEvery > 0 && r % blankEvery === 0) lines.push('')
        lines.push(Array.from({ length: width }, () => randomField(next)).join(','))
      }
      const text = (n % 2 === 0 ? '\ufeff' : '') + lines.join(ending) + ending
      texts.push(text)
      await writeFile(path.join(dir, `f${n}.csv`), text)
    }
    // Files of 60 KB to 500 KB: the reader's 256 KiB chunks end inside records and characters.
    expect(Math.max(...texts.map(t => Buffer.byteLength(t)))).toBeGreaterThan(1 << 18)
    const python = await runPython<{ rows: string[][]; lines: number[] }[]>(
      `import csv, io, json, sys
out = []
for text in json.load(sys.stdin):
    if text.startswith('\\ufeff'):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=''))
    rows, lines, start = [], [], 1
    for record in reader:
        if record:
            rows.append(record)
            lines.append(start)
        start = reader.line_num + 1
    out.append({"rows": rows, "lines": lines})
print(json.dumps(out))`,
      texts
    )
    for (let n = 0; n < texts.length; n++) {
      const ours = await readAll(path.join(dir, `f${n}.csv`))
      expect(ours.columns).toEqual(python[n].rows[0])
      expect(ours.rows).toEqual(python[n].rows.slice(1))
      expect(ours.lines).toEqual(python[n].lines.slice(1))
    }
  })

  const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 })
  )
  const objectArbitrary = fc.dictionary(fc.constantFrom('id', 'a', 'b', 'é', 'c d'), jsonValue, {
    minKeys: 1
  })
  const write = (value: unknown): string =>
    typeof value === 'bigint'
      ? value.toString()
      : Array.isArray(value)
        ? `[${value.map(write).join(', ')}]`
        : value !== null && typeof value === 'object'
          ? `{${Object.entries(value)
              .map(([k, v]) => `${JSON.stringify(k)}: ${write(v)}`)
              .join(', ')}}`
          : JSON.stringify(value)

  test('random JSONL files read as Python json does: values, and the line of a broken one', async () => {
    const files: string[] = []
    for (let n = 0; n < 12; n++) {
      const objects = fc.sample(objectArbitrary, { numRuns: 400, seed: 1300 + n })
      const lines = objects.map(write)
      // Every other file breaks one line: cut short, a trailing comma, or an array for an object.
      if (n % 2 === 1) {
        const at = 50 + n * 20
        lines[at] = [lines[at].slice(0, -1), lines[at].replace(/}$/, ',}'), '[1, 2]'][n % 3]
      }
      if (n % 4 === 0) lines.splice(10, 0, '', '   ')
      files.push(lines.join(n % 3 === 0 ? '\r\n' : '\n') + '\n')
      await writeFile(path.join(dir, `j${n}.jsonl`), files[n])
    }
    const python = await runPython<({ rows: Record<string, unknown>[] } | { error: number })[]>(
      `import json, sys
def exact(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 - 1 else {"$int": str(value)}
    return value
out = []
for text in json.load(sys.stdin):
    rows, error = [], None
    for number, line in enumerate(text.split('\\n'), 1):
        line = line[:-1] if line.endswith('\\r') else line
        if line.strip() == '':
            continue
        try:
            value = json.loads(line)
        except ValueError:
            error = number
            break
        if not isinstance(value, dict):
            error = number
            break
        rows.append({k: exact(v) for k, v in value.items()})
    out.append({"error": error} if error else {"rows": rows})
print(json.dumps(out))`,
      files
    )
    for (let n = 0; n < files.length; n++) {
      const expected = python[n]
      let ours: Awaited<ReturnType<typeof readAll>> | undefined
      let line: number | undefined
      try {
        ours = await readAll(path.join(dir, `j${n}.jsonl`))
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        line = error.location.line
      }
      if ('error' in expected) {
        expect(line).toBe(expected.error)
        continue
      }
      expect(line).toBeUndefined()
      const rows = ours!.rows.map(row => {
        const object: Record<string, unknown> = {}
        row.forEach((cell, c) => {
          if (cell !== undefined)
            object[ours!.columns[c]] = typeof cell === 'bigint' ? { $int: cell.toString() } : cell
        })
        return object
      })
      const first = rows.findIndex((row, r) => JSON.stringify(row) !== JSON.stringify(expected.rows[r]))
      expect([n, first, rows[first]]).toEqual([n, first, expected.rows[first]])
      expect(rows.length).toBe(expected.rows.length)
    }
  })
})

describe('Parquet against DuckDB', () => {
  let duck: DuckDBConnection
  beforeAll(async () => {
    duck = await (await DuckDBInstance.create(':memory:')).connect()
    await duck.run("SET TimeZone = 'UTC'")
  })
  afterAll(() => duck?.closeSync())

  const SELECT = `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b, (i % 100)::TINYINT AS t,
    (i * 60)::SMALLINT AS s, (i * 100000)::INTEGER AS n, (4611686018427387904 + i * 1000003)::BIGINT AS big,
    (i % 200)::UTINYINT AS ut, (i * 1000000)::UINTEGER AS ui, (9223372036854775808::UBIGINT + i::UBIGINT) AS ub,
    (i / 3)::FLOAT AS f, CASE WHEN i % 9 = 0 THEN NULL ELSE i / 7 END::DOUBLE AS d, (i / 7)::DECIMAL(10,3) AS d10,
    (i / 7)::DECIMAL(38,10) AS d38, CASE WHEN i % 4 = 0 THEN NULL ELSE 'é日本' || (i % 3) END AS v,
    ('\\x00\\xFF' || i)::BLOB AS bl, uuid() AS u, DATE '1969-12-25' + i::INTEGER AS dt,
    TIME '12:00:00.5' + INTERVAL (i) SECOND AS tm, TIMESTAMP '1960-01-01 00:00:00.123456' + INTERVAL (i) HOUR AS ts,
    (TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE)::TIMESTAMP_MS AS tms,
    (TIMESTAMP '2024-01-01 00:00:00.123456789' + INTERVAL (i) MINUTE)::TIMESTAMP_NS AS tns,
    TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) HOUR AS tstz,
    [i, i + 1] AS l, {'a': i, 'b': 'x' || i, 'd': DATE '2024-01-01' + i::INTEGER} AS st, MAP {'k': i} AS m
    FROM range(500) r(i)`

  test.each([
    ['snappy', 'COMPRESSION snappy'],
    ['zstd, V2 encodings', "COMPRESSION zstd, PARQUET_VERSION 'V2', ROW_GROUP_SIZE 128"],
    ['gzip', 'COMPRESSION gzip'],
    ['uncompressed', 'COMPRESSION uncompressed, ROW_GROUP_SIZE 100'],
    ['lz4', 'COMPRESSION lz4'],
    ['lz4_raw', 'COMPRESSION lz4_raw'],
    ['brotli', "COMPRESSION brotli, PARQUET_VERSION 'V2'"]
  ])('every type, %s: our values are DuckDB’s', async (label, options) => {
    const file = path.join(dir, `p-${label.replace(/\W+/g, '-')}.parquet`)
    await duck.run(`COPY (${SELECT}) TO '${file}' (FORMAT parquet, ${options})`)
    const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowObjectsJson()
    // DuckDB's answer per column, in the form our reader documents (parquet-reader.ts).
    const expressions = described.map(({ column_name: name, column_type: type }) => {
      const column = `"${String(name)}"`
      if (type === 'BLOB') return `to_base64(${column})`
      if (String(type).startsWith('TIMESTAMP')) return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%n')`
      if (/\[\]$|^STRUCT|^MAP/.test(String(type))) return `to_json(${column})::VARCHAR`
      return `${column}::VARCHAR`
    })
    const reader = await duck.runAndReadAll(`SELECT ${expressions.join(', ')} FROM '${file}'`)
    const expected = reader.getRows() as (string | null)[][]
    const ours = await readAll(file)
    expect(ours.columns).toEqual(described.map(d => d.column_name))
    expect(ours.rows.length).toBe(expected.length)
    const types = described.map(d => String(d.column_type))
    for (let r = 0; r < expected.length; r++) {
      for (let c = 0; c < types.length; c++) {
        const duckText = expected[r][c]
        const cell = ours.rows[r][c]
        const where = `${ours.columns[c]} (${types[c]}) row ${r + 1}`
        if (duckText === null) {
          expect([where, cell]).toEqual([where, null])
          continue
        }
        const type = types[c]
        let mine: unknown = cell
        let theirs: unknown = duckText
        if (/\[\]$|^STRUCT|^MAP/.test(type)) theirs = JSON.parse(duckText)
        else if (type === 'FLOAT') theirs = Math.fround(Number(duckText))
        else if (type === 'DOUBLE') theirs = Number(duckText)
        else if (type.startsWith('DECIMAL')) {
          theirs = true
          mine = Math.abs((cell as number) - Number(duckText)) <= 1e-15 * Math.abs(Number(duckText))
        } else if (type === 'BOOLEAN') mine = String(cell)
        else if (/INT/.test(type)) mine = String(cell)
        else if (type.startsWith('TIMESTAMP')) {
          // ours: as many fraction digits as needed, Z for an instant; DuckDB's %n: always 9.
          const [seconds, fraction = ''] = (cell as string).replace(/Z$/, '').split('.')
          mine = `${seconds}.${fraction.padEnd(9, '0')}`
        }
        expect([where, mine]).toEqual([where, theirs])
      }
    }
  })
})
