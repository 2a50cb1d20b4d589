/**
 * Parses what a step printed the way the runner does: `::command key=value,...::message` lines,
 * with the toolkit's escaping (%25 %0D %0A in messages; also %3A %2C in property values).
 */
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
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

const COMMAND_LINE = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND_LINE.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',')) {
      const equals = pair.indexOf('=')
      if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1))
    }
    commands.push({ command: match[1], properties, message: unescapeData(match[3]) })
  }
  return commands
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
