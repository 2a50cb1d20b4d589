/**
 * What GitHub would make of one line of markdown written from untrusted text, approximated from the CommonMark
 * and GFM specs and GitHub's reference filters, closely enough to catch what escaping must stop. `render` does
 * the inline part of CommonMark that escaping relies on (backslash escapes of ASCII punctuation, entity
 * references) and notes every piece of syntax it meets unescaped; `activeMarkdown` lists what would not stay
 * text: syntax, a block start, raw HTML, and, in the rendered text, what GitHub links after markdown is done
 * (mentions, e-mail addresses, issue and commit references, URLs) and characters a reader cannot see.
 * It errs on the eager side: `a#1` counts as an issue reference even where GitHub would not link it.
 */
export interface Rendered {
  /** The text a reader sees. */
  text: string
  /** Unescaped syntax met on the way: `<`, `[`, `` ` ``, `*` … */
  syntax: string[]
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
/** Characters that are markdown (or GitHub math) syntax when not escaped. */
const SYNTAX = new Set(['<', '[', ']', '`', '*', '_', '~', '|', '$'])

export function render(markdown: string): Rendered {
  let text = ''
  const syntax: string[] = []
  for (let at = 0; at < markdown.length; at++) {
    const char = markdown[at]
    if (char === '\\' && ASCII_PUNCTUATION.test(markdown[at + 1] ?? '')) {
      text += markdown[++at]
      continue
    }
    if (char === '&') {
      const entity = ENTITY.exec(markdown.slice(at))
      if (entity) {
        const [whole, decimal, hex, name] = entity
        if (name !== undefined && !(name in NAMED)) syntax.push(whole)
        text +=
          name !== undefined
            ? (NAMED[name] ?? whole)
            : String.fromCodePoint(parseInt(decimal ?? hex, decimal ? 10 : 16))
        at += whole.length - 1
        continue
      }
    }
    if (SYNTAX.has(char)) syntax.push(char)
    text += char
  }
  return { text, syntax }
}

const BLOCK_STARTS: [string, RegExp][] = [
  ['heading', /^ {0,3}#{1,6}(?:[ \t]|$)/],
  ['list', /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/],
  ['thematic break', /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/],
  ['blockquote', /^ {0,3}>/],
  ['indented code', /^(?: {4}|\t)/]
]
const LINKED: [string, RegExp][] = [
  ['mention', /(?<![A-Za-z0-9_])@[A-Za-z0-9]/],
  ['e-mail autolink', /[A-Za-z0-9._+-]@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/],
  ['commit reference', /@[0-9a-fA-F]{7,40}\b/],
  ['issue reference', /#\d|GH-\d/i],
  ['URL autolink', /(?:https?|ftp):\/\/|www\./i]
]
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu

/** What in this markdown would not be plain text on GitHub; empty when escaping did its job. */
export function activeMarkdown(markdown: string, options: { blockStart?: boolean } = {}): string[] {
  const found: string[] = []
  if (options.blockStart ?? true)
    for (const [kind, pattern] of BLOCK_STARTS) if (pattern.test(markdown)) found.push(kind)
  const { text, syntax } = render(markdown)
  found.push(...syntax.map(token => `syntax ${JSON.stringify(token)}`))
  for (const [kind, pattern] of LINKED) if (pattern.test(text)) found.push(kind)
  for (const match of markdown.matchAll(HIDDEN))
    if (!joinsEmoji(markdown, match.index)) found.push(`raw U+${match[0].codePointAt(0)!.toString(16)}`)
  for (const match of text.matchAll(HIDDEN))
    if (match[0] !== '\u200b' && !joinsEmoji(text, match.index))
      found.push(`rendered U+${match[0].codePointAt(0)!.toString(16)}`)
  return found
}

/** A zero-width joiner or variation selector that belongs to an emoji (👩‍💻, ❤️). */
function joinsEmoji(text: string, at: number): boolean {
  if (!['\u200d', '\ufe0e', '\ufe0f'].includes(text[at])) return false
  return /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f)$/u.test(text.slice(Math.max(0, at - 2), at))
}
