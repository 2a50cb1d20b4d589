import type { ConfigValue } from '../config/config-file.js'

/**
 * Compiles a user's pattern anchored to the whole value (as Table Schema), refusing the shapes that make
 * a backtracking engine take exponential time: a repeated group that itself contains a repeat or an
 * alternation (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`), and back-references. Values tested are also capped in
 * length (MAX_TESTED_LENGTH), which bounds even polynomial blow-ups.
 */
export const MAX_TESTED_LENGTH = 4096

export function compileSafePattern(source: string, where: Pick<ConfigValue, 'error'>): RegExp {
  let regex: RegExp
  try {
    regex = new RegExp(`^(?:${source})$`, 'u')
  } catch (error) {
    throw where.error(`is not a valid regular expression: ${(error as Error).message}.`)
  }
  const danger = findBacktrackingHazard(source)
  if (danger) {
    throw where.error(
      `'${source}' could backtrack catastrophically (${danger}). Rewrite it without a repeated group that contains a repeat or an alternation, e.g. ^[a-z]+(-[a-z]+)*$ instead of ^([a-z]+-?)*$.`
    )
  }
  return regex
}

export function findBacktrackingHazard(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'a back-reference'
  // Find each group, remember whether it contains a quantifier or an alternation, and whether it is quantified.
  const stack: { repeats: boolean; start: number }[] = []
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      i++
      continue
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1
      continue
    }
    if (c === '(') stack.push({ repeats: false, start: i + 1 })
    else if (c === ')') {
      const group = stack.pop()
      const next = source[i + 1]
      const quantified =
        next === '*' ||
        next === '+' ||
        (next === '{' &&
          /^\{\d*,\d*\}/.test(source.slice(i + 1)) &&
          !/^\{\d+\}|^\{[01],?[01]?\}/.test(source.slice(i + 1)))
      if (group?.repeats && quantified && !startsWithOwnSeparator(source.slice(group.start, i))) {
        return `the group ending at character ${i + 1} repeats a repeat`
      }
      if (group?.repeats && stack.length > 0) stack[stack.length - 1].repeats = true
      if (quantified && stack.length > 0) stack[stack.length - 1].repeats = true
    } else if ((c === '*' || c === '+' || c === '|' || c === '{') && stack.length > 0) {
      stack[stack.length - 1].repeats = true
    }
  }
  return undefined
}

/**
 * `(-[a-z]+)*` is safe although it repeats a repeat: every iteration must start with a literal that nothing
 * else in the group can match, so the engine never has two ways to split the input between iterations.
 */
function startsWithOwnSeparator(group: string): boolean {
  const first = group[0]
  if (first === undefined || '\\[(.?*+{|^$'.includes(first)) return false
  const rest = group.slice(1)
  const pieces = /\[(?:\\.|[^\]])*\]|\\./g
  const literals = rest.replace(pieces, '')
  if (
    '*+?{'.includes(rest[0] ?? 'x') ||
    literals.includes(first) ||
    literals.includes('.') ||
    literals.includes('|')
  ) {
    return false
  }
  for (const piece of rest.match(pieces) ?? []) {
    try {
      if (new RegExp(`^${piece}$`, 'u').test(first)) return false
    } catch {
      return false
    }
  }
  return true
}
