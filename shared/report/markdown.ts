/**
 * Markdown rendering for text we do not control (metric names, column values, PR titles).
 * Escaping is done once, here, so no caller can forget it: a cell can neither break the table,
 * inject HTML or an image, nor ping a user or team with an @mention.
 */
// `[` and `]` are enough to stop links and images; `|` would end a table cell.
const MARKDOWN_SPECIALS = /[\\`*_[\]|~]/g
const HTML_SPECIALS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/[&<>"]/g, char => HTML_SPECIALS[char])
      .replace(MARKDOWN_SPECIALS, char => `\\${char}`)
      // A mention needs an @ that does not follow a word character: model@sha256:… and emails stay intact.
      .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '@\u200b')
  )
}

type Align = 'left' | 'right' | 'center'

export interface Column {
  header: string
  align?: Align
}

/** A cell is plain text (escaped here) or already-safe markdown produced by this module's callers. */
export type Cell = string | { markdown: string }

const SEPARATOR: Record<Align, string> = { left: ':---', right: '---:', center: ':---:' }

export function renderTable(columns: Column[], rows: Cell[][]): string {
  const head = `| ${columns.map(column => escapeMarkdown(column.header)).join(' | ')} |`
  const rule = `|${columns.map(column => SEPARATOR[column.align ?? 'left']).join('|')}|`
  const body = rows.map(row => `| ${row.map(renderCell).join(' | ')} |`)
  return [head, rule, ...body].join('\n')
}

function renderCell(cell: Cell): string {
  return typeof cell === 'string' ? escapeMarkdown(cell) : cell.markdown.replace(/[\r\n]+/g, ' ')
}
