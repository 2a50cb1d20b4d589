import { revealHidden } from './visible-text.js'

/**
 * Markdown rendering for text we do not control (metric names, column values, PR titles).
 * Escaping is done once, here, so no caller can forget it: a cell can neither break the table,
 * inject HTML, an image or a link, start a heading or a list, ping a user or team with an @mention,
 * reference an issue (#1, owner/repo#5, GH-12), autolink a URL or an e-mail address, typeset math,
 * nor hide or reorder text with invisible characters.
 */
// `[` and `]` are enough to stop links and images; `|` would end a table cell; `$` starts GitHub's math.
const MARKDOWN_SPECIALS = /[\\`*_[\]|~$]/g
const HTML_SPECIALS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
/**
 * GitHub links these in rendered text, after markdown and entities are processed, so a backslash cannot stop
 * them; an invisible break inside the pattern does. It is written as the entity `&#8203;` (a zero-width space),
 * so the markdown itself holds no raw invisible character: those in the input are all shown (visible-text.ts).
 */
const BREAK = '&#8203;'
const AUTOLINKS: [RegExp, string][] = [
  // Issue and pull request references: #12, owner/repo#12; GH-12.
  // `&#` only starts our own entities: input `&` is `&amp;` by now.
  [/(?<!&)#(?=\d)/g, `#${BREAK}`],
  [/(gh)-(?=\d)/gi, `$1${BREAK}-`],
  // URLs GitHub autolinks (GFM's extended autolinks: http://, https://, ftp://, www.).
  [/(https?|ftp)(?=:\/\/)/gi, `$1${BREAK}`],
  [/(www)(?=\.)/gi, `$1${BREAK}`]
]
/**
 * Where a line may start (a list item's text): `# x` is a heading, `- x`, `+ x`, `1. x` lists, `---` a rule.
 * A table cell starts no block, but `+1`, `-0.5` or `0.9` there is unchanged: only a marker followed by a space
 * (or the end) is one.
 */
const BLOCK_START = /^(#(?=#*(?:\s|$))|[-+](?=\s|-|$)|\d{1,9}(?=[.)](?:\s|$)))/

export function escapeMarkdown(text: string): string {
  let escaped = revealHidden(text.replace(/[\r\n\t]+/g, ' '))
    .replace(/[&<>"]/g, char => HTML_SPECIALS[char])
    .replace(MARKDOWN_SPECIALS, char => `\\${char}`)
    // Four leading spaces would make an indented code block: the first is written as an entity.
    .replace(/^ /, '&#32;')
    .replace(BLOCK_START, (marker: string) => (/\d/.test(marker) ? `${marker}\\` : `\\${marker}`))
  for (const [pattern, replacement] of AUTOLINKS) escaped = escaped.replace(pattern, replacement)
  return escaped.replace(/@(?=[A-Za-z0-9])/g, (at: string, offset: number, whole: string) =>
    keepsAt(whole, offset) ? at : `@${BREAK}`
  )
}

/**
 * An @ followed by a letter or digit is a mention (@org/team), an e-mail address GFM links (me@example.com,
 * pkg@1.2), or a commit reference (owner/repo@a5c3785), and gets a break. One that follows a name and is
 * followed by a dotless word (not a commit hash) and a colon stays as it is: an image digest (model@sha256:…),
 * which readers copy.
 */
function keepsAt(text: string, at: number): boolean {
  const after = text.slice(at)
  return (
    /\w$/.test(text.slice(0, at)) && /^@[A-Za-z0-9-]+:/.test(after) && !/^@[0-9a-fA-F]{7,40}\b/.test(after)
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
