import { GITHUB_LIMITS } from '../report/github-limits.js'
import { revealHidden } from '../report/visible-text.js'

/**
 * The one way mlci writes to the job log. Nothing else in actions/ or shared/ prints (eslint.config.js forbids
 * `core.info`, `core.warning`, `core.error`, `console.*`, `process.stdout` … everywhere but here).
 *
 * Why: the runner reads a step's stdout and stderr as commands (actions/runner, ActionCommandManager and
 * ActionCommand.cs). It splits the output into lines at LF, CR or CRLF (StreamReader.ReadLine), and a line is
 *   - a command `::name k=v,…::data` when, after leading white space (.NET `TrimStart()`), it starts with `::`;
 *   - a legacy command `##[name k=v;…]data` when it contains `##[` anywhere.
 * Both tests are .NET's culture-sensitive `StartsWith`/`IndexOf`, which under ICU skip characters that collate
 * as ignorable (controls, zero-width and bidi marks, soft hyphen…): `:\u200b:add-mask::x` may be a command.
 * The commands include `add-mask` (hides any text in the log from then on), `set-output`, `save-state` and
 * `stop-commands` (turns all of this off until a token); a text from a fork that reached stdout as it is could give
 * any of them in the job that holds the write token.
 *
 * So a message is a template whose fixed text is ours and whose `${}` values are all treated as untrusted:
 *
 *     log.info`Read ${count} metric(s) from ${file}.`
 *     log.warning(log.text`Could not comment on ${where}`, { title: 'mlci metric-diff' })
 *
 * A value never ends the line it is in: LF, CR and every other control is shown as its Control Picture (␊ ␍ ␛),
 * invisible characters as `<U+200B>` (report/visible-text.ts). `log.lines(value)` keeps a value's own line
 * breaks (a program's output, a stack), each line treated the same way. Then, on every line of the message, a `::`
 * after leading white space becomes `\::`, and every `##[` becomes `##\[`. What is printed therefore has no
 * line that starts with `::` and no `##[`, under an ordinal or an ICU comparison alike: the only hidden
 * characters ICU could skip were made visible, and the backslash that breaks each pattern is a printing character
 * that no comparison ignores (a zero-width break would be exactly what ICU skips). The text stays readable: the
 * reader sees what was there, with a `\` where it would have been a command.
 *
 * A message is a `LogText`, which only `text` (or a tagged call) makes, so a raw string does not type-check
 * as one; a string that reaches here anyway (through `any`) is printed as an untrusted value.
 *
 * Annotations (`::error file=…::message`) are written here too, escaped as the runner unescapes them (data: %25
 * %0D %0A; properties also %3A %2C, so a file name holding `,` or `::` stays one property). Their message is
 * neutralised like any other, so the log line the runner shows for it carries no `##[` either. This module
 * deliberately does not use @actions/core (validate-data reads its data before loading it).
 */

const PRINTABLE = Symbol('mlci log text')

/** A message for the log: fixed text of ours, every interpolated value neutralised. Made by `text`. */
export interface LogText {
  readonly [PRINTABLE]: string
}

/** A value whose own line breaks are kept (each line neutralised); see `lines`. */
class Multiline {
  constructor(readonly value: string) {}
}

/** Where an annotation points; the same shape as @actions/core's AnnotationProperties. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

/** Builds a message: the template's fixed text is ours, each `${value}` is untrusted and shown on one line. */
export function text(strings: TemplateStringsArray, ...values: unknown[]): LogText {
  let joined = strings[0]
  values.forEach((value, index) => {
    joined += piece(value) + strings[index + 1]
  })
  return { [PRINTABLE]: neutralizeLines(joined) }
}

/** Interpolates an untrusted value that keeps its line breaks, e.g. a program's output or a stack trace. */
export function lines(value: string): Multiline {
  return new Multiline(value)
}

/** Prints one message (one line, or several with `lines()`). */
export function info(message: LogText): void
export function info(strings: TemplateStringsArray, ...values: unknown[]): void
export function info(first: LogText | TemplateStringsArray, ...values: unknown[]): void {
  process.stdout.write(`${printed(messageOf(first, values))}\n`)
}

/** A warning annotation: shown in the log and on the run's page (and at `file`:`startLine` in a diff). */
export function warning(message: LogText, properties?: AnnotationProperties): void
export function warning(strings: TemplateStringsArray, ...values: unknown[]): void
export function warning(first: LogText | TemplateStringsArray, ...rest: unknown[]): void {
  annotate('warning', first, rest)
}

/** An error annotation. It does not fail the step: throw, or use `fail`. */
export function error(message: LogText, properties?: AnnotationProperties): void
export function error(strings: TemplateStringsArray, ...values: unknown[]): void
export function error(first: LogText | TemplateStringsArray, ...rest: unknown[]): void {
  annotate('error', first, rest)
}

/**
 * The step's verdict: an error annotation that is always shown (see `annotate`), and the step fails (exit code 1)
 * when the action ends.
 */
export function fail(message: LogText, properties?: AnnotationProperties): void
export function fail(strings: TemplateStringsArray, ...values: unknown[]): void
export function fail(first: LogText | TemplateStringsArray, ...rest: unknown[]): void {
  process.exitCode = 1
  annotate('error', first, rest, 'verdict')
}

/**
 * Says on the run's page, as a notice, how many findings were printed as plain lines because the run's page had no
 * room left for them (see `annotate`). The error boundary calls it when the step's work ends.
 */
export function noteUnshownAnnotations(): void {
  for (const level of ['error', 'warning'] as const) {
    const count = unshown[level]
    if (count === 0) continue
    unshown[level] = 0
    const message =
      `${count} more ${level}(s) than the ${SHOWN_PER_LEVEL} GitHub shows for one step: they are printed in this ` +
      "step's log as plain lines, and the job summary has them all."
    process.stdout.write(`::notice title=mlci%3A more ${level}s::${escapeData(printed(text`${message}`))}\n`)
  }
}

/** The text a message prints as: what the tests and the fuzz test check. */
export function printed(message: LogText): string {
  return isLogText(message) ? message[PRINTABLE] : text`${message}`[PRINTABLE]
}

/**
 * The run's page keeps the first 10 errors and the first 10 warnings of a step and only counts the rest
 * (GITHUB_LIMITS.stepAnnotationsPerLevel): an eleventh is lost, however important. So findings (`error`,
 * `warning`; callers give the most important first) get the first 9 errors and 10 warnings, and the tenth error is
 * kept for the verdict (`fail`, and the error boundary's), which is always an annotation. A finding past its slots
 * is printed as a plain line, and `noteUnshownAnnotations` says how many were.
 */
const SHOWN_PER_LEVEL = GITHUB_LIMITS.stepAnnotationsPerLevel
const findingSlots = { error: SHOWN_PER_LEVEL - 1, warning: SHOWN_PER_LEVEL }
const unshown = { error: 0, warning: 0 }

function annotate(
  level: 'warning' | 'error',
  first: LogText | TemplateStringsArray,
  rest: unknown[],
  kind: 'finding' | 'verdict' = 'finding'
): void {
  const template = isTemplate(first)
  const message = template ? text(first, ...rest) : (first as LogText)
  const properties = template ? undefined : (rest[0] as AnnotationProperties | undefined)
  if (kind === 'finding' && findingSlots[level] === 0) {
    unshown[level]++
    const where = properties?.file
      ? ` at ${properties.file}${properties.startLine === undefined ? '' : `:${properties.startLine}`}`
      : ''
    const heading = `${level === 'error' ? 'Error' : 'Warning'} (not annotated: GitHub shows ${SHOWN_PER_LEVEL} per step)`
    info(text`${heading}${where}: ${properties?.title ? `${properties.title}: ` : ''}${message}`)
    return
  }
  if (kind === 'finding') findingSlots[level]--
  process.stdout.write(`::${level}${formatProperties(properties)}::${escapeData(printed(message))}\n`)
}

function messageOf(first: LogText | TemplateStringsArray, values: unknown[]): LogText {
  return isTemplate(first) ? text(first, ...values) : first
}

function isTemplate(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && 'raw' in value
}

function isLogText(value: unknown): value is LogText {
  return typeof value === 'object' && value !== null && PRINTABLE in value
}

function piece(value: unknown): string {
  if (isLogText(value)) return value[PRINTABLE]
  if (value instanceof Multiline)
    return value.value
      .split(/\r\n|\r|\n/)
      .map(revealHidden)
      .join('\n')
  return revealHidden(String(value))
}

/** `::` after leading white space, and `##[` anywhere: what the runner would take for a command. */
function neutralizeLines(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map(line => line.replace(/^(\s*)::/, '$1\\::').replaceAll('##[', '##\\['))
    .join('\n')
}

/** The runner's property names for @actions/core's AnnotationProperties. */
const PROPERTY_NAMES: Record<keyof AnnotationProperties, string> = {
  title: 'title',
  file: 'file',
  startLine: 'line',
  endLine: 'endLine',
  startColumn: 'col',
  endColumn: 'endColumn'
}

function formatProperties(properties: AnnotationProperties = {}): string {
  const pairs: string[] = []
  for (const [key, name] of Object.entries(PROPERTY_NAMES) as [keyof AnnotationProperties, string][]) {
    const value = properties[key]
    if (value === undefined || value === '') continue
    // The title is shown as text: neutralised like a message. The file must name the real file, as it is.
    const shown = key === 'title' ? printed(text`${value}`) : String(value)
    pairs.push(`${name}=${escapeProperty(shown)}`)
  }
  return pairs.length === 0 ? '' : ` ${pairs.join(',')}`
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
