/**
 * The one row/column interface behind every tabular format mlci reads (CSV, TSV, JSONL, Parquet, and
 * CSV/TSV/JSONL compressed with gzip). It is shaped for speed: a table is read as a stream of columnar
 * batches, each holding one array of cell values per column and, per row, where that row starts in the
 * file. There are no per-row objects, so validating millions of rows allocates little more than the cells.
 *
 *   const table = await openTable('data/train.csv.gz')        // format from the extension, or { format }
 *   for await (const batch of table.batches()) {
 *     const ages = batch.values[batch.columns.indexOf('age')]  // raw strings for csv/tsv
 *     for (let row = 0; row < batch.length; row++) check(ages[row], batch.lines[row])
 *   }
 *
 * Contract (stable: other actions read prediction files through it):
 * - `columns` is known when `openTable` returns (the CSV header, the Parquet schema, the JSONL keys read so
 *   far, at least the first record's). JSONL may discover more keys later: a batch's `columns` is then longer than earlier ones,
 *   and new names are only ever appended, so a column's index never changes.
 * - `values[c][r]` is the cell of column `c` in row `r`. Text formats (`textual: true`: csv, tsv) give the
 *   raw text of the cell, exactly as written (quotes removed, `""` unescaped); deciding what is null or a
 *   number is the caller's business. JSONL and Parquet give typed values (string, number, boolean, null,
 *   object, array); a key absent from a JSONL record is `undefined`. An integer beyond ±(2^53 − 1) (a JSONL
 *   number, a Parquet INT64/UINT64) is a `bigint`, so that ids keep their exact value; every other number is
 *   a `number`. What each Parquet type becomes: `parquet-reader.ts`.
 * - `lines[r]` is where row `r` starts: the 1-based physical line for csv/tsv/jsonl (so a CSV record after a
 *   quoted field holding newlines has the line an editor shows), or the 1-based row number for Parquet
 *   (`location: 'row'`). `rowOffset` is the 0-based index of the batch's first row in the table.
 * - A batch and its arrays belong to the caller once yielded; the reader never reuses them.
 * - Malformed input (unterminated quote, ragged row, duplicate or empty header, empty file, invalid UTF-8,
 *   truncated gzip or Parquet, a JSONL line that is not a JSON object) throws a `UserError` naming the file
 *   and line and what would fix it.
 */
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import type { CellSpans } from './cell-spans.js'
import { openDelimitedTable } from './csv-reader.js'
import { openJsonlTable } from './jsonl-reader.js'

export type TableFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet'
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'jsonl', 'parquet']

export type CellValue = string | number | bigint | boolean | null | undefined | object

export interface RowBatch {
  columns: readonly string[]
  values: CellValue[][]
  lines: Int32Array
  length: number
  rowOffset: number
}

/**
 * A batch of a delimited (csv, tsv) file as byte spans: cell `(c, r)` is `cells.text(starts[c][r],
 * ends[c][r])`, or `cells.number(...)` read straight from the bytes. Validation reads these to avoid making
 * a string of every cell; `Table.batches()` gives the same rows as strings.
 */
export interface SpanBatch {
  columns: readonly string[]
  cells: CellSpans
  starts: Int32Array[]
  ends: Int32Array[]
  lines: Int32Array
  length: number
  rowOffset: number
}

export interface Table {
  /** The file as given to openTable (used in messages and annotations). */
  file: string
  format: TableFormat
  /** True when cells are raw text (csv, tsv). */
  textual: boolean
  location: 'line' | 'row'
  columns: readonly string[]
  /** Row count known before reading (Parquet's footer), else undefined. */
  rowCount?: number
  /** Size in bytes of an uncompressed text file, for estimating its row count; else undefined. */
  byteLength?: number
  batches(): AsyncGenerator<RowBatch>
  /** Delimited files only: the same rows as byte spans (read one of the two, once). */
  spanBatches?(): AsyncGenerator<SpanBatch>
}

export interface OpenOptions {
  /** `auto` (the default) decides by extension: .csv, .tsv, .jsonl/.ndjson, .parquet, each optionally .gz. */
  format?: TableFormat | 'auto'
  /** Rows per batch. 4096 measured fastest: larger batches keep more cells alive across GC scavenges. */
  batchRows?: number
  /** The name used in messages, when `file` is an absolute path the user never wrote. */
  displayName?: string
}

const DEFAULT_BATCH_ROWS = 4096

function detectFormat(file: string): { format: TableFormat; gzip: boolean } | undefined {
  const lower = file.toLowerCase()
  const gzip = lower.endsWith('.gz')
  const base = gzip ? lower.slice(0, -3) : lower
  const ext = path.extname(base)
  const format =
    ext === '.csv'
      ? 'csv'
      : ext === '.tsv' || ext === '.tab'
        ? 'tsv'
        : ext === '.jsonl' || ext === '.ndjson'
          ? 'jsonl'
          : ext === '.parquet' || ext === '.pq'
            ? 'parquet'
            : undefined
  return format === undefined ? undefined : { format, gzip }
}

export async function openTable(file: string, options: OpenOptions = {}): Promise<Table> {
  const name = options.displayName ?? file
  const detected = detectFormat(file)
  const gzip = file.toLowerCase().endsWith('.gz')
  const format = options.format && options.format !== 'auto' ? options.format : detected?.format
  if (format === undefined) {
    throw new UserError(
      `Cannot tell the format of ${name} from its extension: name it .csv, .tsv, .jsonl or .parquet (optionally .gz), or set the input 'format'.`,
      { file: name }
    )
  }
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS
  if (format === 'parquet') {
    if (gzip)
      throw new UserError(`${name}: Parquet compresses its own pages; do not gzip the file.`, { file: name })
    // hyparquet and its compressors are loaded only when a Parquet file is actually read.
    const { openParquetTable } = await import('./parquet-reader.js')
    return openParquetTable(file, name, batchRows)
  }
  if (format === 'jsonl') return openJsonlTable(file, name, gzip, batchRows)
  return openDelimitedTable(file, name, format, gzip, batchRows)
}
