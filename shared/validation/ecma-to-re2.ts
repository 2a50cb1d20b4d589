/**
 * A user's pattern is written in ECMAScript syntax (JSON Schema says so; the rules file and Table Schema follow
 * it), and runs on RE2, whose matching time is linear in the value. This rewrites an ECMAScript pattern (valid
 * with the `u` flag, as ajv and the rules compile it) into RE2 syntax with the same meaning:
 *
 * - `\s` / `\S` are ECMAScript's white space and line terminators (RE2's are ASCII only), `.` excludes every
 *   line terminator (RE2's excludes `\n` only), `[\b]` is a backspace, `[^]` any character, `[]` none;
 * - `\uXXXX` (surrogate pairs joined), `\u{…}`, `\xHH`, `\cX`, `\0` become RE2's `\x{…}`;
 * - `(?<name>…)` becomes `(?:…)` (test needs no captures), and `\p{Script=…}` / `\p{General_Category=…}` / long category names RE2's
 *   short ones.
 *
 * What RE2 cannot do in linear time is refused, with the reason: lookaround and back-references.
 */

/** Thrown for a construct RE2 does not have; the message says which and why. */
export class UnsupportedPattern extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedPattern'
  }
}

/** ECMAScript's WhiteSpace and LineTerminator code points (ECMA-262 §22.2.2.9, CharacterClassEscape `s`). */
const JS_SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}'
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]'

/** Unicode's long General_Category names (ECMAScript accepts them), to RE2's short ones. */
const CATEGORY: Record<string, string> = {
  Letter: 'L',
  Cased_Letter: 'LC',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Combining_Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Symbol: 'S',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
  Surrogate: 'Cs',
  Private_Use: 'Co',
  Unassigned: 'Cn'
}

const hex = (codePoint: number) => `\\x{${codePoint.toString(16).toUpperCase()}}`

/**
 * The inside of `^…$` when the pattern is that, a whole-value match, else undefined. re2js decides a whole-value
 * match (`testExact`) about three times as fast as a search for a pattern with anchors in it, and JSON Schema
 * patterns are usually written anchored.
 */
export function anchoredBody(source: string): string | undefined {
  if (!source.startsWith('^') || !source.endsWith('$')) return undefined
  let depth = 0
  let endsEscaped = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      i++
      if (i === source.length - 1) endsEscaped = true
      continue
    }
    if (c === '[') {
      while (source[i] !== ']') i += source[i] === '\\' ? 2 : 1
      continue
    }
    if (c === '(') depth++
    else if (c === ')') depth--
    // `^a|b$` is "starts with a, or ends with b": not a whole-value match.
    else if (c === '|' && depth === 0) return undefined
  }
  // `^a\$` ends with an escaped dollar sign, not an anchor.
  if (endsEscaped) return undefined
  return source.slice(1, -1)
}

/** The RE2 form of an ECMAScript pattern that `new RegExp(source, 'u')` accepts. */
export function ecmaToRe2(source: string): string {
  let out = ''
  let i = 0
  while (i < source.length) {
    const c = source[i]
    if (c === '\\') {
      const escape = readEscape(source, i)
      out += escape.outside
      i = escape.end
    } else if (c === '[') {
      const cls = readClass(source, i)
      out += cls.text
      i = cls.end
    } else if (c === '.') {
      out += JS_DOT
      i++
    } else if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2)
      if (/^(?:=|!|<=|<!)/.test(rest))
        throw new UnsupportedPattern(
          'it uses a lookaround ((?=…), (?!…), (?<=…) or (?<!…)), which a linear-time engine cannot run'
        )
      if (rest.startsWith('<')) {
        // A name serves back-references only, which are refused: the group need not capture (and ES2025 lets
        // alternatives repeat a name, which RE2 would refuse).
        out += '(?:'
        i = source.indexOf('>', i) + 1
      } else {
        out += '(?'
        i += 2
      }
    } else {
      // A whole code point: an astral character is two UTF-16 units.
      const char = String.fromCodePoint(source.codePointAt(i)!)
      out += char
      i += char.length
    }
  }
  return out
}

/** Syntax characters a literal may be escaped as (`\.`), and that stand for themselves so escaped. */
const PUNCTUATION = '^$\\.*+?()[]{}|/-'

/**
 * Whether V8's backtracking engine provably decides this pattern in time linear in the value, so that it may run
 * instead of RE2 (3 to 10 times faster per cell). `wholeValue`: the whole value must match (`^(?:…)$`); otherwise
 * any part of it. Accepted are flat patterns only (no group, alternation or assertion), where
 * - for a whole-value match, every atom repeated a variable number of times (`*`, `+`, `?`, `{n,m}`) is the last
 *   atom, or is followed by a literal character it cannot match (`[^@\s]+@`, `\d+-`);
 * - for a search, no atom is repeated a variable number of times.
 * Why that is linear: the engine's only choices are how many times each repeated atom matches, each repetition
 * one character. Giving one back exposes a character the atom matched, which the literal after it cannot match
 * (nor can the end of the value be there), so every choice fails at its first step and is never revisited by
 * moving forward again: each character is taken and given back at most once. A search without variable
 * repetition tries each start at a cost bounded by the pattern's length. Everything else (`\S+@\S+\.\S+`, whose
 * `\S+` can swallow the `@`, is cubic) runs on RE2.
 */
export function backtrackingIsLinear(source: string, { wholeValue }: { wholeValue: boolean }): boolean {
  const atoms: { text: string; literal?: string; variable: boolean }[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i]
    let end: number
    let literal: string | undefined
    if (c === '\\') {
      if ('bBkK123456789'.includes(source[i + 1])) return false
      end = readEscape(source, i).end
      if (end === i + 2 && PUNCTUATION.includes(source[i + 1])) literal = source[i + 1]
    } else if (c === '[') end = readClass(source, i).end
    else if ('()|^$'.includes(c)) return false
    else {
      end = i + String.fromCodePoint(source.codePointAt(i)!).length
      if (c !== '.') literal = source.slice(i, end)
    }
    const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(end))
    // `{0}` makes the atom vanish, and the one before it meets whatever follows: not worth reasoning about.
    if (quantifier?.[1] === '0' && quantifier[2] === undefined) return false
    const fixed =
      quantifier !== null &&
      quantifier[1] !== undefined &&
      (quantifier[2] === undefined || quantifier[3] === quantifier[1])
    atoms.push({ text: source.slice(i, end), literal, variable: quantifier !== null && !fixed })
    i = end + (quantifier?.[0].length ?? 0)
  }
  return atoms.every((atom, k) => {
    if (!atom.variable) return true
    if (!wholeValue) return false
    const next = atoms[k + 1]
    if (next === undefined) return true
    if (next.literal === undefined || next.variable) return false
    return !new RegExp(`^(?:${atom.text})$`, 'u').test(next.literal)
  })
}

interface Escape {
  /** Its RE2 form outside a class. */
  outside: string
  /** Its RE2 form inside a class: ranges without brackets; undefined for `\S`, which has no such form. */
  inside: string | undefined
  end: number
}

function readEscape(source: string, start: number): Escape {
  const c = source[start + 1]
  const simple = (text: string, length = 2): Escape => ({ outside: text, inside: text, end: start + length })
  switch (c) {
    case 's':
      return { outside: `[${JS_SPACE}]`, inside: JS_SPACE, end: start + 2 }
    case 'S':
      return { outside: `[^${JS_SPACE}]`, inside: undefined, end: start + 2 }
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'b':
    case 'B':
    case 't':
    case 'n':
    case 'r':
    case 'f':
    case 'v':
      return simple(`\\${c}`)
    case '0':
      return simple(hex(0))
    case 'c':
      return simple(hex(source.charCodeAt(start + 2) % 32), 3)
    case 'x':
      return simple(hex(parseInt(source.slice(start + 2, start + 4), 16)), 4)
    case 'u':
      return readUnicodeEscape(source, start)
    case 'p':
    case 'P': {
      const close = source.indexOf('}', start)
      const property = unicodeProperty(source.slice(start + 3, close))
      return simple(`\\${c}{${property}}`, close + 1 - start)
    }
    case 'k':
      throw new UnsupportedPattern(
        'it uses a back-reference (\\k<name>), which a linear-time engine cannot run'
      )
    default:
      if (c >= '1' && c <= '9')
        throw new UnsupportedPattern(
          `it uses a back-reference (\\${c}), which a linear-time engine cannot run`
        )
      // An identity escape of a syntax character (`\.`, `\/`, `\-`): RE2 takes any escaped punctuation.
      return simple(`\\${c}`)
  }
}

function readUnicodeEscape(source: string, start: number): Escape {
  if (source[start + 2] === '{') {
    const close = source.indexOf('}', start)
    const text = hex(parseInt(source.slice(start + 3, close), 16))
    return { outside: text, inside: text, end: close + 1 }
  }
  const unit = parseInt(source.slice(start + 2, start + 6), 16)
  const next = /^\\u([0-9a-fA-F]{4})/.exec(source.slice(start + 6))
  const low = next ? parseInt(next[1], 16) : -1
  if (unit >= 0xd800 && unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
    // With the u flag, a surrogate pair written as two escapes is one code point.
    const text = hex(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
    return { outside: text, inside: text, end: start + 12 }
  }
  return { outside: hex(unit), inside: hex(unit), end: start + 6 }
}

function unicodeProperty(body: string): string {
  const [name, value] = body.includes('=') ? body.split('=') : [undefined, body]
  if (name === 'Script_Extensions' || name === 'scx')
    throw new UnsupportedPattern(`RE2 has no Script_Extensions property (\\p{${body}}); use \\p{Script=…}`)
  return CATEGORY[value] ?? value
}

/** A character class `[…]`, from its `[` to past its `]`. */
function readClass(source: string, start: number): { text: string; end: number } {
  let i = start + 1
  const negated = source[i] === '^'
  if (negated) i++
  let body = ''
  let notSpace = false
  while (source[i] !== ']') {
    const c = source[i]
    if (c === '\\') {
      if (source[i + 1] === 'b') {
        body += hex(8)
        i += 2
        continue
      }
      const escape = readEscape(source, i)
      if (escape.inside === undefined) notSpace = true
      else body += escape.inside
      i = escape.end
    } else if (c === '[') {
      // RE2 would read `[[:alpha:]]` as a POSIX class; in ECMAScript a `[` in a class is itself.
      body += '\\['
      i++
    } else {
      const char = String.fromCodePoint(source.codePointAt(i)!)
      body += char
      i += char.length
    }
  }
  const end = i + 1
  if (notSpace) {
    // `[\Sx]` is "not white space, or x": RE2 has no class for that, an alternation says it.
    if (negated)
      throw new UnsupportedPattern(
        'it negates a class holding \\S ([^\\S…]); write the white space it means instead'
      )
    return { text: body === '' ? `[^${JS_SPACE}]` : `(?:[^${JS_SPACE}]|[${body}])`, end }
  }
  if (body === '') return { text: negated ? '[\\x{0}-\\x{10FFFF}]' : '[^\\x{0}-\\x{10FFFF}]', end }
  return { text: `[${negated ? '^' : ''}${body}]`, end }
}
