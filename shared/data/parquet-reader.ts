import { UserError } from '../errors/user-error.js'
import type { CellValue, RowBatch, Table } from './table.js'

/**
 * Parquet through hyparquet, one row group at a time, so memory stays bounded by the largest row group
 * rather than the file. Values come out typed; 64-bit integers become numbers (exact up to 2^53, which
 * covers ids and counts in practice). Rows are located by 1-based row number: Parquet has no lines.
 */
export async function openParquetTable(file: string, name: string, batchRows: number): Promise<Table> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet')
  const { compressors } = await import('hyparquet-compressors')
  let buffer
  try {
    buffer = await asyncBufferFromFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`${name} does not exist.`, { file: name })
    }
    throw error
  }
  const invalid = (error: unknown) =>
    new UserError(
      `${name} is not a readable Parquet file (${(error as Error).message}). It may be truncated or not Parquet at all: re-create it, or set 'format' to what it really is.`,
      { file: name }
    )
  let metadata
  try {
    metadata = await parquetMetadataAsync(buffer)
  } catch (error) {
    throw invalid(error)
  }
  const columns = parquetSchema(metadata).children.map(child => child.element.name)
  const rowCount = Number(metadata.num_rows)
  return {
    file: name,
    format: 'parquet',
    textual: false,
    location: 'row',
    columns,
    rowCount,
    async *batches(): AsyncGenerator<RowBatch> {
      let groupStart = 0
      for (const group of metadata.row_groups) {
        const groupRows = Number(group.num_rows)
        const values: CellValue[][] = columns.map(() => new Array<CellValue>(groupRows))
        const index = new Map(columns.map((column, i) => [column, i]))
        try {
          await parquetRead({
            file: buffer,
            metadata,
            compressors,
            rowStart: groupStart,
            rowEnd: groupStart + groupRows,
            onChunk: chunk => {
              const target = values[index.get(chunk.columnName)!]
              const data = chunk.columnData
              for (let i = 0; i < data.length; i++) {
                const row = chunk.rowStart - groupStart + i
                if (row < 0 || row >= groupRows) continue
                const value = data[i] as CellValue | bigint
                target[row] = typeof value === 'bigint' ? Number(value) : value
              }
            }
          })
        } catch (error) {
          throw invalid(error)
        }
        for (let start = 0; start < groupRows; start += batchRows) {
          const length = Math.min(batchRows, groupRows - start)
          const lines = new Int32Array(length)
          for (let i = 0; i < length; i++) lines[i] = groupStart + start + i + 1
          yield {
            columns,
            values: values.map(column =>
              length === groupRows ? column : column.slice(start, start + length)
            ),
            lines,
            length,
            rowOffset: groupStart + start
          }
        }
        groupStart += groupRows
      }
      if (groupStart !== rowCount) {
        throw invalid(new Error(`footer says ${rowCount} rows, row groups hold ${groupStart}`))
      }
    }
  }
}
