/**
 * Parses what a step printed the way the runner does (actions/runner: ActionCommandManager.TryProcessCommand,
 * ActionCommand.TryParseV2 and TryParse), and a little more eagerly, so that a test passing here passes there:
 * - a line ends at LF, CR or CRLF (the runner reads stdout with StreamReader.ReadLine);
 * - `::name props::data` is a command when the line, after leading white space, starts with `::`
 *   (`message.TrimStart().StartsWith("::")`); properties are `k=v` pairs split at `,` and unescaped
 *   (%25 %0D %0A %3A %2C), data is unescaped (%25 %0D %0A);
 * - `##[name props]data`, the legacy form, is a command wherever `##[` occurs in the line (`IndexOf("##[")`);
 * - the runner compares with .NET's culture-sensitive StartsWith/IndexOf, which under ICU skip ignorable
 *   characters (zero-width and bidi marks, soft hyphen, controls): this parser removes them before matching, so
 *   `:\u200b:add-mask::x` counts as the command it may be.
 * Any command name counts (the runner knows ~15, plus whatever token `stop-commands` named).
 */
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
  /** `::name::` (v2) or `##[name]` (legacy). */
  syntax: 'v2' | 'legacy'
  /** The line as printed. */
  line: string
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  file?: string
  line?: number
  endLine?: number
  column?: number
  endColumn?: number
  title?: string
}

/** What ICU may skip in a comparison: default-ignorable code points, format and non-space control characters. */
const IGNORABLE = /(?![\t\n\v\f\r\u0085])[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]/gu

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  const lines = stdout.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  for (const line of lines) {
    // As printed first (so data keeps every character), then as ICU may see it.
    const visible = line.replace(IGNORABLE, '')
    const command =
      parseV2(line, line) ?? parseV2(visible, line) ?? parseLegacy(line, line) ?? parseLegacy(visible, line)
    if (command) commands.push(command)
  }
  return commands
}

function parseV2(text: string, line: string): WorkflowCommand | undefined {
  const message = text.trimStart()
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (command === '') return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      const equals = pair.indexOf('=')
      if (equals > 0 && equals < pair.length - 1)
        properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1))
    }
  }
  return { command, properties, message: unescapeData(message.slice(end + 2)), syntax: 'v2', line }
}

function parseLegacy(message: string, line: string): WorkflowCommand | undefined {
  const prefix = message.indexOf('##[')
  if (prefix < 0) return undefined
  const close = message.indexOf(']', prefix)
  if (close < 0) return undefined
  const info = message.slice(prefix + 3, close)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (command === '') return undefined
  return { command, properties: {}, message: message.slice(close + 1), syntax: 'legacy', line }
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  return commands
    .filter(c => c.command === 'error' || c.command === 'warning' || c.command === 'notice')
    .map(c => {
      const number = (key: string) =>
        c.properties[key] === undefined ? undefined : Number(c.properties[key])
      return {
        level: c.command as Annotation['level'],
        message: c.message,
        file: c.properties.file,
        line: number('line'),
        endLine: number('endLine'),
        column: number('col'),
        endColumn: number('endColumn'),
        title: c.properties.title
      }
    })
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','))
}

/**
 * Reads a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file: `name<<DELIMITER` heredoc blocks as
 * @actions/core writes them, and plain `name=value` lines as shell steps do.
 */
export function parseKeyValueFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i])
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delimiter} block`)
      values[name] = body.join('\n')
      continue
    }
    const equals = line.indexOf('=')
    if (equals <= 0) throw new Error(`malformed line in key=value file: ${JSON.stringify(line)}`)
    values[line.slice(0, equals)] = line.slice(equals + 1)
  }
  return values
}

/**
 * The commands in a step's output that mlci did not mean to give. Ours are annotations (`::error`, `::warning`,
 * `::notice` at the very start of a line, as shared/runner/log.ts writes them), the toolkit's `::debug::` lines
 * (@actions/core escapes their message) and the masks of secrets it was handed (`ownMasks`); any other command,
 * any legacy `##[…]` one, is text that escaped neutralising.
 */
export function foreignCommands(output: string, ownMasks: string[] = []): WorkflowCommand[] {
  const ours = (c: WorkflowCommand) =>
    c.syntax === 'v2' &&
    c.line.startsWith(`::${c.command}`) &&
    (['error', 'warning', 'notice', 'debug'].includes(c.command) ||
      (c.command === 'add-mask' && ownMasks.includes(c.message)))
  return parseWorkflowCommands(output).filter(c => !ours(c))
}
