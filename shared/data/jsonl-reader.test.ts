import { describe, expect, test } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { UserError } from '../errors/user-error.js'
import { openTable } from './table.js'

const dir = mkdtemp(path.join(tmpdir(), 'mlci-jsonl-'))

async function fileOf(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(await dir, name)
  await writeFile(file, content)
  return file
}

describe('JSONL reader', () => {
  test('columns in order of first appearance, absent keys undefined, lines kept across blank lines', async () => {
    const text = '{"id":1,"tags":["a"]}\n\n{"id":2,"label":null}\r\n{"label":"cat","id":3}'
    const table = await openTable(await fileOf('a.ndjson.gz', gzipSync(text)), { batchRows: 2 })
    expect(table.columns.slice(0, 2)).toEqual(['id', 'tags'])
    const rows: unknown[][] = []
    const lines: number[] = []
    let columns: readonly string[] = []
    for await (const batch of table.batches()) {
      columns = batch.columns
      for (let r = 0; r < batch.length; r++) {
        rows.push(batch.columns.map((_, c) => batch.values[c][r]))
        lines.push(batch.lines[r])
      }
    }
    expect(columns).toEqual(['id', 'tags', 'label'])
    expect(rows).toEqual([
      [1, ['a'], undefined],
      [2, undefined, null],
      [3, undefined, 'cat']
    ])
    expect(lines).toEqual([1, 3, 4])
  })

  test.each([
    ['bad.jsonl', '{"a":1}\n{"a":2,}\n', 2, /not valid JSON at column 8/],
    ['array.jsonl', '{"a":1}\n[1,2]\n', 2, /expected a JSON object/],
    ['empty.jsonl', '\n', 1, /holds no JSON object/]
  ])('%s is refused at its line', async (name, content, line, message) => {
    let error: unknown
    try {
      const table = await openTable(await fileOf(name, content))
      for await (const batch of table.batches()) void batch
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(message)
    expect((error as UserError).location.line).toBe(line)
  })
})
