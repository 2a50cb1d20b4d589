import type { CellValue } from '../data/table.js'

/** A cell as the rules read it: its text, '' for a null, JSON for a nested value (JSONL, parquet). */
export function cellText(value: CellValue): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
