import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { UserError } from '../errors/user-error.js'
import { anchoredBody, backtrackingIsLinear, ecmaToRe2 } from './ecma-to-re2.js'
import { compileJsonSchema } from './json-schema.js'
import { compileUserPattern, PatternRefused } from './user-pattern.js'

/**
 * User patterns run on RE2 (linear time) with ECMAScript's meaning: V8's own RegExp (with the u flag, as ajv and the
 * rules compile them) is the oracle for what a pattern matches, on patterns and values made to hit every place the
 * two syntaxes differ.
 */
const ATOMS = [
  'a',
  'b',
  'é',
  '😀',
  ' ',
  '-',
  '\\.',
  '.',
  '\\s',
  '\\S',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\b',
  '\\B',
  '[ab]',
  '[^a\\s]',
  '[\\Sa]',
  '[\\S]',
  '[\\s\\d]',
  '[^]',
  '[]',
  '[\\b]',
  '[[]',
  '[a-c\\-]',
  '\\u00e9',
  '\\u{1F600}',
  '\\uD83D\\uDE00',
  '\\x41',
  '\\cJ',
  '\\0',
  '\\p{L}',
  '\\P{L}',
  '\\p{Letter}',
  '\\p{Lu}',
  '\\p{Script=Latin}',
  '\\p{General_Category=Decimal_Number}',
  '\\t',
  '\\n',
  '\\r',
  '\\v',
  '\\f',
  '^',
  '$'
]
const CHARS = [
  'a',
  'b',
  'A',
  'é',
  '😀',
  ' ',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\n',
  '\r',
  '\t',
  '\v',
  '\b',
  '\0',
  '1',
  '-',
  '.',
  '[',
  '_'
]

const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>(tie => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a}|${b}`),
    fc.tuple(tie('node'), fc.constantFrom('(', '(?:', '(?<g>')).map(([inner, open]) => `${open}${inner})`),
    fc
      .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{1,3}', '{2}', '*?', '+?'))
      .map(([inner, q]) => `(?:${inner})${q}`)
  )
})).node
const value = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map(chars => chars.join(''))

function nativeOf(source: string, anchored: boolean): RegExp | undefined {
  try {
    return new RegExp(anchored ? `^(?:${source})$` : source, 'u')
  } catch {
    return undefined
  }
}

describe('ECMAScript patterns on RE2', () => {
  test('match what V8 matches, anchored and not (property, seeded)', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (source, values, anchored) => {
          const native = nativeOf(source, anchored)
          fc.pre(native !== undefined)
          // V8 tries an unanchored \B between the two halves of a surrogate pair even with the u flag, which the
          // spec's search (by code point) never does: not a difference of RE2's to match.
          fc.pre(!(source.includes('\\B') && values.some(v => /\p{Extended_Pictographic}/u.test(v))))
          const re2 = compileUserPattern(source, { anchored })
          for (const v of values) expect([source, v, re2.test(v)]).toEqual([source, v, native!.test(v)])
        }
      ),
      { seed: 20251205, numRuns: 3000 }
    )
  })

  test('\\s, \\S and . agree with V8 on every code point of the Basic Multilingual Plane', () => {
    for (const source of ['\\s', '\\S', '.', '[\\s]', '[^\\s]', '[\\Sx]']) {
      const native = new RegExp(`^(?:${source})$`, 'u')
      const re2 = compileUserPattern(source, { anchored: true })
      const differ: string[] = []
      for (let cp = 0; cp <= 0xffff; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue
        const c = String.fromCodePoint(cp)
        if (native.test(c) !== re2.test(c)) differ.push(cp.toString(16))
      }
      expect([source, differ]).toEqual([source, []])
    }
  })

  test('translations of the constructs that differ', () => {
    expect(ecmaToRe2('(?<year>\\d{4})')).toBe('(?:\\d{4})')
    expect(ecmaToRe2('\\uD83D\\uDE00|\\u{1F600}|\\x41|\\cJ|\\0')).toBe(
      '\\x{1F600}|\\x{1F600}|\\x{41}|\\x{A}|\\x{0}'
    )
    expect(ecmaToRe2('[[:alpha:]]')).toBe('[\\[:alpha:]]')
    expect(ecmaToRe2('\\p{Script=Greek}\\p{Uppercase_Letter}')).toBe('\\p{Greek}\\p{Lu}')
    expect(['^(a|b)$', '^a|b$', '^a\\$', '^[$]$', '^\\\\$', 'a$', '^$'].map(anchoredBody)).toEqual([
      '(a|b)',
      undefined,
      undefined,
      '[$]',
      '\\\\',
      undefined,
      ''
    ])
  })

  test.each([
    ['(?=a)a', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(a)\\1', /back-reference \(\\1\)/],
    ['(?<x>a)\\k<x>', /back-reference \(\\k<name>\)/],
    ['[^\\Sa]', /negates a class holding \\S/],
    ['\\p{Script_Extensions=Latin}', /Script_Extensions/],
    ['a{1001}', /RE2 cannot run it \(.*repeat/]
  ])('%s is refused, saying why', (source, reason) => {
    const error = (() => {
      try {
        compileUserPattern(source, { anchored: true })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(PatternRefused)
    expect((error as Error).message).toMatch(/cannot be matched in linear time/)
    expect((error as Error).message).toMatch(reason)
  })

  test('a pattern that is not valid ECMAScript is refused as such', () => {
    expect(() => compileUserPattern('[a-', { anchored: true })).toThrow(/is not a valid regular expression/)
    // Not valid with the u flag, as ajv and the rules compile patterns.
    expect(() => compileUserPattern('a{,3}', { anchored: true })).toThrow(/is not a valid regular expression/)
  })
})

describe('the patterns V8 decides in linear time, which run natively', () => {
  test.each([
    '[^@\\s]+@[^@\\s]+',
    '\\d+',
    '[A-Z]{2}',
    '\\d{4}-\\d{2}-\\d{2}',
    '\\d\\.\\d+',
    '[a-z]+_[0-9]*',
    'SKU-\\d{3,6}',
    '[a-w]*?x\\d+?',
    'v\\d+\\.\\d+\\.\\d+'
  ])('%s, matched whole, is', source => {
    expect(backtrackingIsLinear(source, { wholeValue: true })).toBe(true)
  })

  test.each([
    ['\\S+@\\S+\\.\\S+', 'cubic: \\S+ can swallow the @'],
    ['[a-z0-9.-]+\\.[a-z]{2,}', 'the class holds the dot after it'],
    ['a*a*b', 'two repetitions meet'],
    ['\\d+\\d+x', 'two repetitions meet'],
    ['\\d+[a-z]', 'the next atom is a class, not a literal'],
    ['a+b?c', 'the next atom may be absent'],
    ['(a+)+', 'a group'],
    ['a|b+', 'an alternation'],
    ['\\w+\\b', 'an assertion'],
    ['x+a{0}x', 'an atom repeated zero times']
  ])('%s is not (%s)', source => {
    expect(backtrackingIsLinear(source, { wholeValue: true })).toBe(false)
  })

  test('searched for anywhere, only a pattern without variable repetition is', () => {
    expect(backtrackingIsLinear('\\d{4}-\\d{2}', { wholeValue: false })).toBe(true)
    expect(backtrackingIsLinear('[^@\\s]+@', { wholeValue: false })).toBe(false)
  })

  test("a native pattern's verdicts are those of RE2 on values built against it", () => {
    for (const source of ['[^@\\s]+@[^@\\s]+', '\\d+', 'SKU-\\d{3,6}']) {
      const native = compileUserPattern(source, { anchored: true })
      for (const value of ['a@b', '@'.repeat(50_000), 'a'.repeat(50_000) + '@', '123', 'SKU-1234', 'SKU-12'])
        expect([source, value, native.test(value)]).toEqual([
          source,
          value,
          new RegExp(`^(?:${source})$`, 'u').test(value)
        ])
    }
  })
})

describe('JSON Schema patterns run on the same engine', () => {
  test('pattern and patternProperties, whole rows and cell by cell, on values built against a backtracking engine', () => {
    const schema = compileJsonSchema(
      {
        type: 'object',
        properties: {
          code: { type: 'string', pattern: '^(a+)+$' },
          mail: { type: 'string', pattern: '\\S+@\\S+\\.\\S+', minLength: 1 }
        },
        patternProperties: { '^(x+x+)+y$': { type: 'string' } }
      },
      'schema.json'
    )
    const evil = 'a'.repeat(40) + '!'
    expect(schema.validate({ code: evil, mail: '@'.repeat(20_000) })?.map(e => e.keyword)).toEqual([
      'pattern',
      'pattern'
    ])
    expect(schema.validate({ code: 'aaa', mail: 'a@b.c', ['x'.repeat(40)]: 1 })).toBeUndefined()
    const cells = compileJsonSchema(
      { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } },
      'schema.json'
    ).perColumn!.column('code')!
    expect(cells(evil)?.map(e => e.keyword)).toEqual(['pattern'])
    expect(cells('aaaa')).toBeUndefined()
  })

  test.each([
    [
      'pattern',
      '{\n  "properties": {\n    "code": {\n      "pattern": "(a)\\\\1"\n    }\n  }\n}',
      4,
      /^schema\.json:4: pattern at #\/properties\/code: '\(a\)\\1' cannot be matched in linear time: it uses a back-reference/
    ],
    [
      'patternProperties',
      '{\n  "patternProperties": {\n    "^(?!x)": { "type": "string" }\n  }\n}',
      3,
      /^schema\.json:3: patternProperties at #\/patternProperties: '\^\(\?!x\)' cannot be matched in linear time: it uses a lookaround/
    ]
  ])('a %s RE2 cannot run is refused at its line', (_keyword, text, line, message) => {
    const error = (() => {
      try {
        compileJsonSchema(JSON.parse(text), 'schema.json', text)
      } catch (e) {
        return e as UserError
      }
    })()
    expect(error).toBeInstanceOf(UserError)
    expect(error?.message).toMatch(message)
    expect(error?.location?.line).toBe(line)
  })
})
