import * as path from 'node:path'
import { parseDuration } from '../units/duration.js'
import { UserError } from '../errors/user-error.js'

/** Returns the raw text of an input, '' when it is unset (as the runner leaves it). */
export type InputSource = (name: string) => string

/** The runner passes `with:` values as INPUT_<NAME>: upper-cased, spaces to underscores, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

const envInputSource: InputSource = name => (process.env[inputEnvName(name)] ?? '').trim()

const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']

interface Common {
  required?: boolean
}

/**
 * Reads every input of an action once, strictly. Each method takes the input's name as its first
 * argument, written as a literal: `scripts/check-actions.mjs` reads those names to prove that the code and
 * action.yml declare the same inputs. A bad value is a UserError that names the input and what would be right.
 */
export class InputReader {
  constructor(
    private readonly source: InputSource = envInputSource,
    private readonly workspace: string = process.env.GITHUB_WORKSPACE || process.cwd()
  ) {}

  string(name: string, options: Common & { default?: string } = {}): string {
    const raw = this.source(name)
    if (raw !== '') return raw
    if (options.required) throw new UserError(`Input '${name}' is required but was not given.`)
    return options.default ?? ''
  }

  optionalString(name: string): string | undefined {
    const raw = this.source(name)
    return raw === '' ? undefined : raw
  }

  /** YAML 1.2 core-schema booleans only, as the runner's own getBooleanInput: `yes`, `1` and `on` are refused. */
  boolean(name: string, options: { default: boolean }): boolean {
    const raw = this.source(name)
    if (raw === '') return options.default
    if (TRUE_WORDS.includes(raw)) return true
    if (FALSE_WORDS.includes(raw)) return false
    throw new UserError(`Input '${name}' must be true or false, got '${clip(raw)}'.`)
  }

  number(
    name: string,
    options: { default?: number; min?: number; max?: number; integer?: boolean; required?: boolean } = {}
  ): number {
    const raw = this.source(name)
    if (raw === '') {
      if (options.default !== undefined) return options.default
      throw new UserError(`Input '${name}' is required: give a number.`)
    }
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN
    const kind = options.integer ? 'an integer' : 'a number'
    if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      throw new UserError(`Input '${name}' must be ${kind}, got '${clip(raw)}'.`)
    }
    if (options.min !== undefined && value < options.min) {
      throw new UserError(`Input '${name}' must be at least ${options.min}, got ${raw}.`)
    }
    if (options.max !== undefined && value > options.max) {
      throw new UserError(`Input '${name}' must be at most ${options.max}, got ${raw}.`)
    }
    return value
  }

  /** A duration such as `90s`, `10m` or `1h30m`, in milliseconds. */
  duration(name: string, options: { default: string }): number {
    const raw = this.source(name) || options.default
    const ms = parseDuration(raw)
    if (ms === undefined) {
      throw new UserError(
        `Input '${name}' must be a duration such as 90s, 10m or 1h30m (units ms, s, m, h, d), got '${clip(raw)}'.`
      )
    }
    return ms
  }

  choice<T extends string>(name: string, choices: readonly T[], options: { default: T }): T {
    const raw = this.source(name)
    if (raw === '') return options.default
    if ((choices as readonly string[]).includes(raw)) return raw as T
    throw new UserError(`Input '${name}' must be one of ${choices.join(', ')}; got '${clip(raw)}'.`)
  }

  /** A list separated by newlines or commas; blank entries are dropped. */
  list(name: string, options: Common = {}): string[] {
    const items = splitList(this.source(name))
    if (options.required && items.length === 0) {
      throw new UserError(
        `Input '${name}' is required: give one or more values, one per line or comma-separated.`
      )
    }
    return items
  }

  /** A file path resolved against GITHUB_WORKSPACE, as a relative path in a workflow means. */
  path(name: string, options: Common & { default?: string } = {}): string | undefined {
    const raw = this.string(name, options)
    return raw === '' ? undefined : path.resolve(this.workspace, raw)
  }

  /**
   * Glob patterns (newline or comma separated), kept as text: expandGlobs resolves them against the workspace.
   * Patterns are not split on commas inside braces, so `*.{json,yaml}` stays one pattern.
   */
  globs(name: string, options: Common = {}): string[] {
    const patterns = splitList(this.source(name), true)
    if (options.required && patterns.length === 0) {
      throw new UserError(`Input '${name}' is required: give a path or glob pattern.`)
    }
    return patterns
  }
}

export function splitList(raw: string, keepBraces = false): string[] {
  const items: string[] = []
  for (const line of raw.split(/\r?\n/)) {
    let depth = 0
    let current = ''
    for (const char of line) {
      if (keepBraces && char === '{') depth++
      if (keepBraces && char === '}') depth = Math.max(0, depth - 1)
      if (char === ',' && depth === 0) {
        items.push(current)
        current = ''
      } else {
        current += char
      }
    }
    items.push(current)
  }
  return items.map(item => item.trim()).filter(item => item !== '')
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
