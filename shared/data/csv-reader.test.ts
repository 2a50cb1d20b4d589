import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { UserError } from '../errors/user-error.js'
import { DelimitedParser } from './csv-reader.js'
import { openTable, type RowBatch, type Table } from './table.js'

const dir = mkdtemp(path.join(tmpdir(), 'mlci-csv-'))

async function fileOf(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(await dir, name)
  await writeFile(file, content)
  return file
}

async function readAll(table: Table): Promise<{ rows: unknown[][]; lines: number[] }> {
  const rows: unknown[][] = []
  const lines: number[] = []
  for await (const batch of table.batches()) {
    for (let r = 0; r < batch.length; r++) {
      rows.push(batch.values.map(column => column[r]))
      lines.push(batch.lines[r])
    }
  }
  return { rows, lines }
}

async function failureOf(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

const quote = (field: string) =>
  /[",\n\r]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field

describe('CSV reader', () => {
  test('quoted fields with delimiters, doubled quotes and newlines keep each record at its physical line', async () => {
    const text = 'id,text,n\r\n1,"a, b",2\r\n2,"line one\nline two\nline ""three""",3\r\n\r\n3,,4\n4,"",5'
    const table = await openTable(await fileOf('quoted.csv', text))
    expect(table.columns).toEqual(['id', 'text', 'n'])
    const { rows, lines } = await readAll(table)
    expect(rows).toEqual([
      ['1', 'a, b', '2'],
      ['2', 'line one\nline two\nline "three"', '3'],
      ['3', '', '4'],
      ['4', '', '5']
    ])
    expect(lines).toEqual([2, 3, 7, 8])
  })

  test('a UTF-8 BOM is dropped, TSV splits on tabs, gzip is read as a stream', async () => {
    const bom = await openTable(await fileOf('bom.csv', '\ufeffa,b\n1,2\n'))
    expect(bom.columns).toEqual(['a', 'b'])
    expect((await readAll(bom)).rows).toEqual([['1', '2']])
    const tsv = await openTable(await fileOf('t.tsv.gz', gzipSync('a\tb\nx,y\tz\n')))
    expect(tsv.format).toBe('tsv')
    expect((await readAll(tsv)).rows).toEqual([['x,y', 'z']])
  })

  test('batches split at batchRows and carry their row offsets', async () => {
    const body = Array.from({ length: 10 }, (_, i) => `${i}`).join('\n')
    const table = await openTable(await fileOf('b.csv', `n\n${body}\n`), { batchRows: 4 })
    const batches: RowBatch[] = []
    for await (const batch of table.batches()) batches.push(batch)
    expect(batches.map(b => [b.rowOffset, b.length, b.lines[0]])).toEqual([
      [0, 4, 2],
      [4, 4, 6],
      [8, 2, 10]
    ])
  })

  test('any split of the text into chunks gives the same records and lines', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r\n', ' ', '1'),
      maxLength: 6
    })
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (records, cuts, crlf) => {
          const eol = crlf ? '\r\n' : '\n'
          const lines = ['x,y,z', ...records.map(r => r.map(quote).join(','))]
          const text = lines.join(eol) + eol
          const expectedLines: number[] = []
          let line = 1
          for (const l of lines) {
            expectedLines.push(line)
            line += l.split('\n').length - 1 + 1
          }
          const parser = new DelimitedParser('p.csv', ',', 3)
          const points = [...new Set(cuts.map(c => c % text.length))].sort((a, b) => a - b)
          let from = 0
          const got: string[][] = []
          const gotLines: number[] = []
          const drain = () => {
            for (let spans = parser.next(); spans !== undefined; spans = parser.next()) {
              const batch = spans.cells.toRowBatch(spans)
              for (let r = 0; r < batch.length; r++) {
                got.push(batch.values.map(c => c[r] as string))
                gotLines.push(batch.lines[r])
              }
            }
          }
          for (const point of [...points, text.length]) {
            parser.push(text.slice(from, point))
            drain()
            from = point
          }
          parser.finish()
          drain()
          expect(parser.header).toEqual(['x', 'y', 'z'])
          expect(got).toEqual(records)
          expect(gotLines).toEqual(expectedLines.slice(1))
        }
      )
    )
  })

  test('a 10 MB single field is read in linear time', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024)
    const table = await openTable(await fileOf('big.csv', `a,b\n"${big}",1\n2,3\n`))
    const { rows, lines } = await readAll(table)
    expect((rows[0][0] as string).length).toBe(big.length)
    expect(lines).toEqual([2, 3])
  })

  test.each([
    ['unterminated.csv', 'a,b\n1,2\n3,"never closed\n4,5\n', 3, /quoted field opened here is never closed/],
    ['ragged.csv', 'a,b\n1,2\n"x\ny",2,3\n', 3, /has 3 field\(s\) but the header has 2/],
    ['short.csv', 'a,b,c\n1,2,3\n4,5\n', 3, /has 2 field\(s\) but the header has 3/],
    ['duplicate.csv', 'id,name,id\n1,2,3\n', 1, /names column 'id' twice \(columns 1 and 3\)/],
    ['blank-name.csv', 'id,,x\n1,2,3\n', 1, /column 2 of the header has no name/],
    ['after-quote.csv', 'a,b\n"x"y,2\n', 2, /unexpected text after the closing quote of field 1/],
    ['empty.csv', '', 1, /is empty: a CSV file needs a header line/],
    ['blank.csv', '\n\n', 1, /is empty/],
    [
      'latin1.csv',
      Buffer.concat([Buffer.from('a,b\n1,2\n3,caf'), Buffer.from([0xe9]), Buffer.from(',\n')]),
      3,
      /not valid UTF-8 at line 3/
    ]
  ])('%s is refused at its line', async (name, content, line, message) => {
    const error = await failureOf(openTable(await fileOf(name, content)).then(readAll))
    expect(error.message).toMatch(message)
    expect(error.location).toEqual(expect.objectContaining({ file: expect.stringContaining(name), line }))
  })

  test('a truncated gzip file is refused', async () => {
    const whole = gzipSync('a,b\n' + '1,2\n'.repeat(5000))
    const error = await failureOf(
      openTable(await fileOf('cut.csv.gz', whole.subarray(0, whole.length - 20))).then(readAll)
    )
    expect(error.message).toMatch(/not a complete gzip file/)
  })

  test('a missing file and an unknown extension are user errors', async () => {
    expect((await failureOf(openTable(path.join(await dir, 'nope.csv')))).message).toMatch(/does not exist/)
    expect((await failureOf(openTable('data.xlsx'))).message).toMatch(/Cannot tell the format/)
  })

  test('a quote inside an unquoted field (55" TV) in a record cut by a chunk end keeps memory flat', () => {
    // 8 MiB of records; the one holding `55" TV` straddles the first 256 KiB chunk's end (issue 13).
    const chunkBytes = 1 << 18
    const record = (i: number) => `${i},Samsung 55" TV,${(i * 7) % 1000}\n`
    const lines = ['id,product,price']
    let bytes = 'id,product,price\n'.length
    for (let i = 0; bytes < 8 << 20; i++) {
      const line =
        bytes < chunkBytes - 10 && bytes + 40 > chunkBytes - 10 ? record(i) : `${i},plain,${i % 1000}\n`
      lines.push(line.slice(0, -1))
      bytes += line.length
    }
    const text = Buffer.from(lines.join('\n') + '\n')
    expect(text.subarray(chunkBytes - 40, chunkBytes + 40).toString()).toContain('55" TV')
    const parser = new DelimitedParser('big.csv', ',', 4096)
    let rows = 0
    let peak = 0
    for (let at = 0; at < text.length; at += chunkBytes) {
      parser.push(text.subarray(at, at + chunkBytes))
      peak = Math.max(peak, (parser as unknown as { buffer: Buffer }).buffer.length)
      for (let batch = parser.next(); batch; batch = parser.next()) rows += batch.length
    }
    parser.finish()
    for (let batch = parser.next(); batch; batch = parser.next()) rows += batch.length
    expect(rows).toBe(lines.length - 1)
    // The buffer holds a chunk and the record cut by its end: two chunks at most, however long the file.
    expect(peak).toBeLessThanOrEqual(2 * chunkBytes)
  })
})
