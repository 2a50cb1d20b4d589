/**
 * Characters a reader cannot see but a program may act on, made visible. Shared by the job log
 * (`runner/log.ts`) and markdown (`markdown.ts`), so a name shows the same characters in both.
 *
 * Hidden are: controls (C0, DEL, C1), format characters (zero-width space and joiners, bidi embeddings,
 * overrides and isolates, soft hyphen, BOM…), line and paragraph separators, lone surrogates, and Unicode's
 * default-ignorable code points (variation selectors, Hangul fillers, tags…). These are the characters that
 * make `acc\u200buracy` look like `accuracy`, reorder a line (U+202E) or hide text; they are also the ones ICU's
 * collation gives no weight, which matters for the runner's culture-sensitive command matching (see log.ts).
 *
 * A C0 control or DEL becomes its Control Picture (LF → ␊, CR → ␍, ESC → ␛, DEL → ␡); anything else becomes
 * `<U+200B>`. TAB stays (callers that want it gone replace it first). A zero-width joiner or variation selector
 * inside an emoji (👩‍💻, ❤️) stays, because it is part of what the reader sees, and no character of a workflow
 * command or of markdown syntax is a pictograph.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu
const PICTOGRAPH_BEFORE = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f)$/u
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u

export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (char: string, offset: number, whole: string) => {
    if (char === '\t' || insideEmoji(char, whole, offset)) return char
    const code = char.codePointAt(0)!
    if (code < 0x20) return String.fromCodePoint(0x2400 + code)
    if (code === 0x7f) return '\u2421'
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
  })
}

function insideEmoji(char: string, whole: string, offset: number): boolean {
  if (char !== '\u200d' && char !== '\ufe0f' && char !== '\ufe0e') return false
  const before = PICTOGRAPH_BEFORE.test(whole.slice(Math.max(0, offset - 2), offset))
  if (char !== '\u200d') return before && !whole.slice(Math.max(0, offset - 1), offset).endsWith('\ufe0f')
  return before && PICTOGRAPH_AFTER.test(whole.slice(offset + 1, offset + 3))
}
