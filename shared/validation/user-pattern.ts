import { RE2JS } from 're2js'
import type { ConfigValue } from '../config/config-file.js'
import { anchoredBody, backtrackingIsLinear, ecmaToRe2, UnsupportedPattern } from './ecma-to-re2.js'

/**
 * A pattern from a user's file (a rules `pattern`, a Table Schema `pattern` constraint, a JSON Schema `pattern` or
 * `patternProperties` key), matched in time linear in the value whatever the pattern: RE2 (re2js, a pure-JS port,
 * no native build). A backtracking engine (V8's, PCRE) takes exponential time on `^(a+)+$` and polynomial time on
 * `\S+@\S+\.\S+`, and no test of the pattern's shape catches every such case, so no user pattern runs on one.
 * re2js's lazy DFA decides `test` at 1-20 M cells/s on the patterns of bench/validate-data.mjs, V8 at 10-60 M: a
 * pattern V8 provably decides in linear time (flat, each variable repetition followed by a literal it cannot
 * match: `[^@\s]+@[^@\s]+`, `\d{4}-\d{2}`) runs natively; every other one on RE2.
 */
export interface UserPattern {
  test(value: string): boolean
  /** `/source/u`: ajv tells its patterns apart by this. */
  toString(): string
}

/** Why a pattern that is valid ECMAScript cannot run here; thrown with the reason. */
export class PatternRefused extends Error {
  constructor(
    readonly source: string,
    message: string
  ) {
    super(message)
    this.name = 'PatternRefused'
  }
}

/**
 * Compiles `source` (ECMAScript syntax, with the u flag). `anchored`: the whole value must match (rules, Table
 * Schema); otherwise any part of it (JSON Schema). Throws PatternRefused with the reason.
 */
export function compileUserPattern(source: string, { anchored }: { anchored: boolean }): UserPattern {
  try {
    new RegExp(source, 'u')
  } catch (error) {
    throw new PatternRefused(source, `is not a valid regular expression: ${(error as Error).message}`)
  }
  // `^…$` (or any pattern, when the whole value must match anyway) runs as a whole-value match.
  const body = anchoredBody(source)
  const exact = anchored || body !== undefined
  let re2: RE2JS
  try {
    re2 = RE2JS.compile(ecmaToRe2(body ?? source))
  } catch (error) {
    const reason =
      error instanceof UnsupportedPattern ? error.message : `RE2 cannot run it (${(error as Error).message})`
    throw new PatternRefused(
      source,
      `'${source}' cannot be matched in linear time: ${reason}. mlci runs every pattern on RE2, which has no lookaround nor back-references, so that no value can make a check run for minutes`
    )
  }
  const shown = anchored ? `^/${source}/u$` : `/${source}/u`
  const inner = body ?? source
  if (backtrackingIsLinear(inner, { wholeValue: exact })) {
    // Provably linear on V8 (ecma-to-re2.ts says why), and V8 is faster: the common patterns run natively.
    const native = new RegExp(exact ? `^(?:${inner})$` : inner, 'u')
    return { test: value => native.test(value), toString: () => shown }
  }
  return exact
    ? { test: value => re2.testExact(value), toString: () => shown }
    : { test: value => re2.test(value), toString: () => shown }
}

/** A pattern anchored to the whole value, its problems reported at `where` (file:line of the key). */
export function compileAnchoredPattern(source: string, where: Pick<ConfigValue, 'error'>): UserPattern {
  try {
    return compileUserPattern(source, { anchored: true })
  } catch (error) {
    if (error instanceof PatternRefused) throw where.error(`${error.message}.`)
    throw error
  }
}

/** ajv's `code.regExp` engine: every pattern a JSON Schema holds runs on RE2 (a refusal is a PatternRefused). */
export const userPatternEngine = Object.assign(
  (pattern: string) => compileUserPattern(pattern, { anchored: false }),
  { code: 'mlciUserPattern' }
)
