import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node
} from 'yaml'
import { MAX_NESTING, nestsDeeperThan } from '../data/json-error.js'
import { UserError } from '../errors/user-error.js'
import { parseDuration } from '../units/duration.js'
import { suggestNearest } from './suggest.js'

/**
 * Strict reading of the YAML (or JSON) files users write: rules, policies, analysis plans.
 * Every value keeps its file and line, so a wrong value or an unknown key is reported where it is,
 * with the nearest valid key suggested. Nothing is silently ignored: a typo in a policy must never
 * turn a gate off.
 */
export function parseConfigFile(text: string, file: string): ConfigValue {
  // An empty config would parse as null and say "expected a mapping": the real news is that nothing is there.
  if (text.trim() === '') throw new UserError(`${file} is empty: it must hold a YAML mapping.`, { file })
  const lines = new LineCounter()
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true })
  const [first] = document.errors
  if (first) {
    const line = first.linePos?.[0].line
    // The yaml parser recurses once per level of flow nesting: a few hundred levels exhaust the stack, which it
    // reports as an error of the document rather than crashing.
    const message = /Maximum call stack size exceeded/.test(first.message)
      ? `nested more than ${MAX_NESTING} levels deep.`
      : `not valid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
    throw new UserError(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line })
  }
  checkStructure(document, file, lines)
  return new ConfigValue(document.contents, { file, lines, document, path: '' })
}

/** How many times the anchors of one file may be expanded by aliases: `yaml`'s own default, made explicit. */
const MAX_ALIAS_COUNT = 100

/**
 * Refuses, at its line, a collection nested more than MAX_NESTING levels deep and an alias to a collection that
 * contains it (`eval: &e { again: *e }` would make a value that contains itself, which nothing can flatten or
 * print). The walk keeps its pending nodes in an array, not on the call stack. Aliases resolve as `yaml` resolves
 * them: to the last anchor of that name before the alias, in document order.
 */
function checkStructure(document: Document, file: string, lines: LineCounter): void {
  const lineOf = (node: Node) => lines.linePos(node.range?.[0] ?? 0).line
  const anchors = new Map<string, Node>()
  /** The collections around the node being looked at, outermost first. */
  const around: Node[] = []
  const pending: [node: unknown, depth: number][] = [[document.contents, 0]]
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!
    around.length = depth
    if (isAlias(node)) {
      const source = anchors.get(node.source)
      const problem =
        source === undefined
          ? `the alias *${node.source} has no anchor &${node.source} before it.`
          : around.includes(source)
            ? `the alias *${node.source} refers to the value that contains it, so the value would contain itself.`
            : undefined
      if (problem !== undefined) {
        const line = lineOf(node)
        throw new UserError(`${file}:${line}: ${problem}`, { file, line })
      }
      continue
    }
    if (!isNode(node)) continue
    if (node.anchor) anchors.set(node.anchor, node)
    if (!isCollection(node)) continue
    if (depth + 1 > MAX_NESTING) {
      const line = lineOf(node)
      throw new UserError(`${file}:${line}: nested more than ${MAX_NESTING} levels deep.`, { file, line })
    }
    around.push(node)
    const children = node.items.flatMap(item => (isPair(item) ? [item.key, item.value] : [item]))
    for (let i = children.length - 1; i >= 0; i--) pending.push([children[i], depth + 1])
  }
}

interface Place {
  file: string
  lines: LineCounter
  /** The document the value is part of: aliases resolve within it. */
  document: Document
  path: string
  /** Where to point when the value itself is absent: its key, or the mapping that lacks it. */
  anchor?: number
}

type Kind = 'a mapping' | 'a list' | 'a string' | 'a number' | 'true or false'

export class ConfigValue {
  private readonly node: Node | null | undefined

  constructor(
    node: Node | null | undefined,
    private readonly place: Place,
    /** The offset of this value's key in its mapping, for errors about the key itself. */
    private readonly keyOffset?: number
  ) {
    // An alias reads as the value of its anchor (checkStructure has refused one that contains itself).
    this.node = isAlias(node) ? (node.resolve(place.document) as Node | undefined) : node
  }

  /** Dotted path from the root, as users see it in messages (`columns.age.min`). */
  get path(): string {
    return this.place.path || '(top level)'
  }

  get file(): string {
    return this.place.file
  }

  get line(): number {
    const offset = this.node?.range?.[0] ?? this.place.anchor ?? 0
    return this.place.lines.linePos(offset).line
  }

  /** The line of this value's key in its mapping (of the value itself in a list): where a name is written. */
  get keyLine(): number {
    return this.keyOffset === undefined ? this.line : this.place.lines.linePos(this.keyOffset).line
  }

  get present(): boolean {
    return this.node !== null && this.node !== undefined && !(isScalar(this.node) && this.node.value === null)
  }

  /**
   * The plain JavaScript value, for free-form parts such as a JSON Schema embedded in YAML, with its aliases
   * resolved (never dropped). An alias bomb (anchors expanded past MAX_ALIAS_COUNT) is refused, and so is a value
   * that aliases make deeper than MAX_NESTING.
   */
  toJS(): unknown {
    if (this.node === null || this.node === undefined) return undefined
    let value: unknown
    try {
      value = this.node.toJS(this.place.document, { maxAliasCount: MAX_ALIAS_COUNT })
    } catch (error) {
      // yaml throws a ReferenceError for an alias it may not expand (too many expansions, no anchor before it).
      if (!(error instanceof ReferenceError)) throw error
      throw this.error(
        /Excessive alias count/.test(error.message)
          ? `its aliases expand to too many copies of their anchors (more than ${MAX_ALIAS_COUNT}); write the values out.`
          : `an alias cannot be resolved: ${error.message}.`
      )
    }
    if (nestsDeeperThan(value, MAX_NESTING))
      throw this.error(`nested more than ${MAX_NESTING} levels deep once its aliases are resolved.`)
    return value
  }

  /** A UserError at this value's line. */
  error(message: string): UserError {
    return new UserError(`${this.file}:${this.line}: ${this.path}: ${message}`, {
      file: this.file,
      line: this.line
    })
  }

  /**
   * A mapping whose keys must all be in `allowed`; an unknown key fails with the nearest valid one.
   * Returns accessors for each allowed key (missing keys give a value whose `present` is false).
   */
  object<K extends string>(allowed: readonly K[]): Record<K, ConfigValue> {
    const entries = this.entries()
    for (const [key, value] of entries) {
      if (!(allowed as readonly string[]).includes(key)) {
        const guess = suggestNearest(key, allowed)
        const hint = guess ? `did you mean '${guess}'?` : `valid keys are ${allowed.join(', ')}.`
        throw value.keyError(`unknown key '${key}': ${hint}`)
      }
    }
    const found = new Map(entries)
    return Object.fromEntries(
      allowed.map(key => [
        key,
        found.get(key) ?? new ConfigValue(undefined, this.child(key, this.node?.range?.[0]))
      ])
    ) as Record<K, ConfigValue>
  }

  /** A mapping with free keys (column names, metric names), in file order. */
  entries(): [string, ConfigValue][] {
    if (!this.present) return []
    if (!isMap(this.node)) throw this.typeError('a mapping')
    return this.node.items.map(pair => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const keyOffset = (pair.key as Node | null)?.range?.[0]
      return [
        key,
        new ConfigValue((pair.value as Node | null) ?? null, this.child(key, keyOffset), keyOffset)
      ]
    })
  }

  list(): ConfigValue[] {
    if (!this.present) return []
    if (!isSeq(this.node)) throw this.typeError('a list')
    return this.node.items.map(
      (item, index) => new ConfigValue(item as Node, this.child(String(index), (item as Node).range?.[0]))
    )
  }

  string(): string {
    const value = this.scalar()
    if (typeof value !== 'string') throw this.typeError('a string')
    return value
  }

  number(options: { min?: number; max?: number; integer?: boolean } = {}): number {
    const value = this.scalar()
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.typeError('a number')
    if (options.integer && !Number.isInteger(value)) throw this.error(`must be a whole number, got ${value}.`)
    if (options.min !== undefined && value < options.min) {
      throw this.error(`must be at least ${options.min}, got ${value}.`)
    }
    if (options.max !== undefined && value > options.max) {
      throw this.error(`must be at most ${options.max}, got ${value}.`)
    }
    return value
  }

  /**
   * A duration such as `90s` or `10m`, in milliseconds. YAML reads `bake: 10` as a number: say that it needs a unit
   * rather than "must be a string" (see units/duration.ts for why a bare number is never guessed).
   */
  duration(): number {
    const value = this.scalar()
    const example = 'must be a duration such as 30s or 10m'
    if (typeof value === 'number')
      throw this.error(`${example}, got the bare number ${value}: give it a unit (${value}s or ${value}m).`)
    if (typeof value !== 'string') throw this.error(`${example}, got ${JSON.stringify(value)}.`)
    const ms = parseDuration(value)
    if (ms === undefined) throw this.error(`${example}, got '${value}'.`)
    return ms
  }

  boolean(): boolean {
    const value = this.scalar()
    if (typeof value !== 'boolean') throw this.typeError('true or false')
    return value
  }

  choice<T extends string>(choices: readonly T[]): T {
    const value = this.string()
    if ((choices as readonly string[]).includes(value)) return value as T
    const guess = suggestNearest(value, choices)
    throw this.error(
      `'${value}' is not one of ${choices.join(', ')}${guess ? `; did you mean '${guess}'?` : '.'}`
    )
  }

  /** Optional variants: undefined when the key is absent. */
  optional<T>(read: (value: ConfigValue) => T): T | undefined {
    return this.present ? read(this) : undefined
  }

  private keyError(message: string): UserError {
    const offset = this.keyOffset ?? this.node?.range?.[0] ?? 0
    const line = this.place.lines.linePos(offset).line
    return new UserError(`${this.file}:${line}: ${message}`, { file: this.file, line })
  }

  private scalar(): unknown {
    if (!this.present) throw this.error('is required.')
    if (!isScalar(this.node)) throw this.typeError('a single value')
    return this.node.value
  }

  private typeError(expected: Kind | 'a single value'): UserError {
    const actual = isMap(this.node) ? 'a mapping' : isSeq(this.node) ? 'a list' : JSON.stringify(this.toJS())
    return this.error(`must be ${expected}, got ${actual}.`)
  }

  private child(key: string, anchor: number | undefined): Place {
    return { ...this.place, path: this.place.path === '' ? key : `${this.place.path}.${key}`, anchor }
  }
}
