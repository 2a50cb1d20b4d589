export interface TextPosition {
  offset: number
  line: number
  column: number
}

/**
 * How deep the JSON and YAML files users give us may nest. Metric files, policies, rules and JSON Schemas need a
 * few levels, rarely twenty; the readers and ajv recurse once per level, and past a few thousand levels the stack
 * runs out. Refusing at 100 is a clear error where a stack overflow would have been a crash.
 */
export const MAX_NESTING = 100

/**
 * Finds where JSON.parse gave up. V8 names a position for some errors only ("Unexpected token '}'"
 * has none), and users need a line to fix their file, so this walks the grammar itself and returns the
 * position of the first offending character (or the end of the text), or undefined when the text is valid.
 * The walk keeps its open brackets in an array, not on the call stack: a damaged file 100,000 brackets deep
 * is located like any other.
 */
export function locateJsonError(text: string): TextPosition | undefined {
  let at = 0
  const fail = (): never => {
    throw new JsonSyntaxAt(at)
  }
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++
  }
  const expect = (char: string) => (text[at] === char ? at++ : fail())
  const literal = (word: string) => {
    for (const char of word) expect(char)
  }
  const string = () => {
    expect('"')
    while (text[at] !== '"') {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail()
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          at++
          for (let i = 0; i < 4; i++) /[0-9a-fA-F]/.test(text[at] ?? '') ? at++ : fail()
          continue
        }
        if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail()
      }
      at++
    }
    at++
  }
  const number = () => {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
    match.lastIndex = at
    if (!match.exec(text)) fail()
    at = match.lastIndex
  }
  const key = () => {
    skipSpace()
    string()
    skipSpace()
    expect(':')
  }
  /** The objects and arrays open around the current position, innermost last. */
  const open: ('{' | '[')[] = []
  try {
    for (;;) {
      // A value is expected here.
      skipSpace()
      const char = text[at]
      if (char === '{' || char === '[') {
        at++
        skipSpace()
        if (text[at] === (char === '{' ? '}' : ']')) at++
        else {
          open.push(char)
          if (char === '{') key()
          continue
        }
      } else if (char === '"') string()
      else if (char === 't') literal('true')
      else if (char === 'f') literal('false')
      else if (char === 'n') literal('null')
      else number()
      // A value ended: a comma starts the next item of the innermost container, or containers close.
      for (;;) {
        skipSpace()
        const inner = open.at(-1)
        if (inner === undefined) {
          if (at < text.length) fail()
          return undefined
        }
        if (text[at] === ',') {
          at++
          if (inner === '{') key()
          break
        }
        expect(inner === '{' ? '}' : ']')
        open.pop()
      }
    }
  } catch (error) {
    if (!(error instanceof JsonSyntaxAt)) throw error
    return positionOf(text, error.offset)
  }
}

/**
 * Where the brackets of a JSON text first open deeper than `limit` (outside strings), or undefined. Run before
 * JSON.parse, so that nothing that recurses over the parsed value ever sees a document deeper than that. The text
 * need not be valid JSON: a damaged file that is too deep is refused for its depth.
 */
export function locateDeepNesting(text: string, limit = MAX_NESTING): TextPosition | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c) i++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return positionOf(text, i)
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return undefined
}

/** Whether a parsed value nests deeper than `limit`; iterative, as the value may be that deep. */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING): boolean {
  const pending: [value: unknown, depth: number][] = [[value, 0]]
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!
    if (typeof next !== 'object' || next === null) continue
    if (depth + 1 > limit) return true
    for (const child of Object.values(next)) pending.push([child, depth + 1])
  }
  return false
}

function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { offset, line, column: offset - before.lastIndexOf('\n') }
}

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`)
  }
}
