import type { CellValue } from '../data/table.js'

/** A cell as the rules read it: its text, '' for a null, JSON for a nested value (JSONL, parquet). */
export function cellText(value: CellValue): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * A copy of text sliced from a read chunk, for text kept for the whole run (examples, memo keys): V8 would
 * otherwise keep the whole chunk alive for each kept slice.
 */
export const detach = (text: string) => Buffer.from(text, 'utf8').toString('utf8')
