import { describe, expect, test } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeParquet } from '../../test/fixtures/parquet-writer.js'
import { UserError } from '../errors/user-error.js'
import { openTable } from './table.js'

const dir = mkdtemp(path.join(tmpdir(), 'mlci-parquet-'))

describe('Parquet reader', () => {
  const bytes = writeParquet(
    [
      { name: 'id', type: 'int64', values: [1, 2, 3, 4, 5] },
      { name: 'score', type: 'double', values: [0.5, null, 1.5, 2, null] },
      { name: 'country', type: 'string', values: ['DE', 'FR', null, 'JP', 'é'] },
      { name: 'ok', type: 'boolean', values: [true, false, true, true, false] }
    ],
    2
  )

  test('reads typed columns row group by row group, locating rows by number', async () => {
    const file = path.join(await dir, 'a.parquet')
    await writeFile(file, bytes)
    const table = await openTable(file, { batchRows: 1 })
    expect(table.columns).toEqual(['id', 'score', 'country', 'ok'])
    expect(table.rowCount).toBe(5)
    expect(table.location).toBe('row')
    const rows: unknown[][] = []
    const lines: number[] = []
    for await (const batch of table.batches()) {
      for (let r = 0; r < batch.length; r++) {
        rows.push(batch.values.map(c => c[r]))
        lines.push(batch.lines[r])
      }
    }
    expect(rows).toEqual([
      [1, 0.5, 'DE', true],
      [2, null, 'FR', false],
      [3, 1.5, null, true],
      [4, 2, 'JP', true],
      [5, null, 'é', false]
    ])
    expect(lines).toEqual([1, 2, 3, 4, 5])
  })

  test.each([
    ['footer cut', (b: Buffer) => b.subarray(0, b.length - 10)],
    ['not parquet', () => Buffer.from('id,name\n1,x\n')],
    ['data pages cut', (b: Buffer) => Buffer.concat([b.subarray(0, 20), Buffer.alloc(b.length - 20)])]
  ])('%s is a user error', async (_, damage) => {
    const file = path.join(await dir, 'bad.parquet')
    await writeFile(file, damage(bytes))
    let error: unknown
    try {
      const table = await openTable(file)
      for await (const batch of table.batches()) void batch
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/bad.parquet is not a readable Parquet file/)
  })
})
