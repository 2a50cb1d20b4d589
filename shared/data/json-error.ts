export interface TextPosition {
  offset: number
  line: number
  column: number
}

/**
 * Finds where JSON.parse gave up. V8 names a position for some errors only ("Unexpected token '}'"
 * has none), and users need a line to fix their file, so this walks the grammar itself and returns the
 * position of the first offending character (or the end of the text), or undefined when the text is valid.
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
  const value = (): void => {
    skipSpace()
    const char = text[at]
    if (char === '{') return sequence('}', () => (string(), skipSpace(), expect(':'), value()))
    if (char === '[') return sequence(']', value)
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    return number()
  }
  const sequence = (close: string, item: () => void) => {
    at++
    skipSpace()
    if (text[at] === close) return void at++
    for (;;) {
      skipSpace()
      item()
      skipSpace()
      if (text[at] === ',') at++
      else return void expect(close)
    }
  }
  try {
    value()
    skipSpace()
    if (at < text.length) fail()
    return undefined
  } catch (error) {
    if (!(error instanceof JsonSyntaxAt)) throw error
    return positionOf(text, error.offset)
  }
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
