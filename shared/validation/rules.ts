import { parseConfigFile, type ConfigValue } from '../config/config-file.js'
import { UserError } from '../errors/user-error.js'
import { DRIFT_METHODS, type DriftMethod } from '../stats/drift.js'
import { compileAnchoredPattern, type UserPattern } from './user-pattern.js'

/**
 * The rules file (YAML), parsed strictly: unknown keys fail at their line with the nearest valid key.
 * Semantics follow Great Expectations for `mostly` (nulls are left out of the denominator), Table Schema
 * for null tokens (`missing_values`, default [""]) and for patterns (anchored: the whole value must match).
 */
export type Severity = 'error' | 'warning'
export type ValueType = 'integer' | 'number' | 'string' | 'boolean'

/** Where a rule was written, for a mistake found only once the data is open (rule-columns.ts). */
export interface RulePlace {
  file: string
  line?: number
  /** As the messages of config files name it: `columns.age`, `unique.0`, `fields[2]`. */
  path: string
}

export interface ColumnRules extends RulePlace {
  column: string
  /** Rules from a Table Schema get ids of their own (`schema age.max`), so they never merge with the rules file's. */
  fromSchema?: boolean
  /**
   * Whether the column must be there: true makes its absence a finding, false lets it be absent (its rules are
   * then skipped). Unsaid, the column must be in the data, or the rule is a mistake (rule-columns.ts).
   */
  required?: boolean
  notNull: boolean
  type?: ValueType
  min?: number
  max?: number
  in?: Set<string>
  pattern?: UserPattern
  patternText?: string
  minLength?: number
  maxLength?: number
  unique: boolean
  nullFractionMax?: number
  mostly: number
  severity: Severity
  missingValues?: string[]
  /**
   * How the column's text spells numbers and booleans, for a Table Schema field (its `decimalChar`, `groupChar`,
   * `bareNumber`, `trueValues`, `falseValues`: table-schema.ts). Unsaid, a rules file's reading: a number is a
   * decimal (`numericReading`), a boolean `true` or `false`.
   */
  lexical?: LexicalForms
}

export interface LexicalForms {
  /** The number the text spells (NaN for the literal `NaN`), or undefined when it spells none. */
  number(text: string): number | undefined
  /** The boolean the text spells, or undefined when it spells none. */
  boolean(text: string): boolean | undefined
}

interface DriftColumnRules {
  /** Left out of drift (free text, a near-unique column): reported as unscored, never counted. */
  ignore?: true
  method?: DriftMethod
  warn?: number
  fail?: number
  line: number
}

export interface DriftRules {
  numeric: DriftMethod
  categorical: DriftMethod
  threshold: number
  columns: Map<string, DriftColumnRules>
  datasetShare: number
  file: string
}

/** A unique key: its columns, and where each column was named. */
export interface UniqueKey extends RulePlace {
  columns: string[]
  /** The line of each column, when the file has lines. */
  lines?: number[]
}

export interface Rules {
  rows: { min?: number; max?: number }
  unique: UniqueKey[]
  missingValues: string[]
  columns: ColumnRules[]
  drift?: DriftRules
}

export const DEFAULT_DRIFT: Omit<DriftRules, 'file'> = {
  numeric: 'wasserstein',
  categorical: 'jensenshannon',
  threshold: 0.1,
  columns: new Map(),
  datasetShare: 0.5
}

export function emptyRules(): Rules {
  // An empty dataset passes nothing by default: a truncated export must not look clean.
  return { rows: { min: 1 }, unique: [], missingValues: [''], columns: [] }
}

const COLUMN_KEYS = [
  'required',
  'not_null',
  'type',
  'min',
  'max',
  'in',
  'pattern',
  'min_length',
  'max_length',
  'unique',
  'null_fraction_max',
  'mostly',
  'severity',
  'missing_values'
] as const

export function parseRules(text: string, file: string): Rules {
  const root = parseConfigFile(text, file).object(['rows', 'unique', 'columns', 'drift', 'missing_values'])
  const rules = emptyRules()
  if (root.rows.present) {
    const rows = root.rows.object(['min', 'max'])
    rules.rows = {
      min: rows.min.optional(v => v.number({ min: 0, integer: true })) ?? 0,
      max: rows.max.optional(v => v.number({ min: 0, integer: true }))
    }
  }
  rules.missingValues = root.missing_values.present ? root.missing_values.list().map(stringOf) : ['']
  rules.unique = root.unique.list().map(key => {
    const items = key.list()
    if (items.length === 0) throw key.error('a unique key needs at least one column, e.g. [id].')
    return {
      columns: items.map(c => c.string()),
      file,
      line: key.line,
      path: key.path,
      lines: items.map(c => c.line)
    }
  })
  rules.columns = root.columns.entries().map(([column, value]) => parseColumn(column, value))
  if (root.drift.present) rules.drift = parseDrift(root.drift, file)
  return rules
}

function parseColumn(column: string, value: ConfigValue): ColumnRules {
  const keys = value.object(COLUMN_KEYS)
  const number = (v: ConfigValue) => v.optional(x => x.number())
  const patternText = keys.pattern.optional(v => v.string())
  const min = number(keys.min)
  const max = number(keys.max)
  if (min !== undefined && max !== undefined && min > max) throw keys.max.error(`is below min (${min}).`)
  return {
    column,
    file: value.file,
    line: value.keyLine,
    path: value.path,
    required: keys.required.optional(v => v.boolean()),
    notNull: keys.not_null.optional(v => v.boolean()) ?? false,
    type: keys.type.optional(v => v.choice(['integer', 'number', 'string', 'boolean'] as const)),
    min,
    max,
    in: keys.in.present ? new Set(keys.in.list().map(stringOf)) : undefined,
    pattern: patternText === undefined ? undefined : compileAnchoredPattern(patternText, keys.pattern),
    patternText,
    minLength: keys.min_length.optional(v => v.number({ min: 0, integer: true })),
    maxLength: keys.max_length.optional(v => v.number({ min: 0, integer: true })),
    unique: keys.unique.optional(v => v.boolean()) ?? false,
    nullFractionMax: keys.null_fraction_max.optional(v => v.number({ min: 0, max: 1 })),
    mostly: keys.mostly.optional(v => v.number({ min: 0, max: 1 })) ?? 1,
    severity: keys.severity.optional(v => v.choice(['error', 'warning'] as const)) ?? 'error',
    missingValues: keys.missing_values.present ? keys.missing_values.list().map(stringOf) : undefined
  }
}

function parseDrift(value: ConfigValue, file: string): DriftRules {
  const keys = value.object(['defaults', 'columns', 'dataset_share'])
  const defaults = keys.defaults.object(['numeric', 'categorical', 'threshold'])
  const drift: DriftRules = {
    numeric: defaults.numeric.optional(v => v.choice(DRIFT_METHODS)) ?? DEFAULT_DRIFT.numeric,
    categorical: defaults.categorical.optional(v => v.choice(DRIFT_METHODS)) ?? DEFAULT_DRIFT.categorical,
    threshold: defaults.threshold.optional(v => v.number({ min: 0 })) ?? DEFAULT_DRIFT.threshold,
    columns: new Map(),
    datasetShare:
      keys.dataset_share.optional(v => v.number({ min: 0, max: 1 })) ?? DEFAULT_DRIFT.datasetShare,
    file
  }
  for (const [column, spec] of keys.columns.entries()) {
    const c = spec.object(['ignore', 'method', 'threshold', 'warn', 'fail'])
    const threshold = c.threshold.optional(v => v.number({ min: 0 }))
    const warn = c.warn.optional(v => v.number({ min: 0 }))
    if (threshold !== undefined && c.fail.present)
      throw c.fail.error("give either 'threshold' or 'fail', not both.")
    if (c.ignore.optional(v => v.boolean())) {
      const scoring = (['method', 'threshold', 'warn', 'fail'] as const).find(key => c[key].present)
      if (scoring !== undefined)
        throw c[scoring].error(
          `'ignore: true' leaves ${column} out of drift: remove '${scoring}' or 'ignore'.`
        )
      drift.columns.set(column, { ignore: true, line: spec.keyLine })
      continue
    }
    drift.columns.set(column, {
      method: c.method.optional(v => v.choice(DRIFT_METHODS)),
      warn,
      fail: threshold ?? c.fail.optional(v => v.number({ min: 0 })),
      line: spec.keyLine
    })
  }
  return drift
}

function stringOf(value: ConfigValue): string {
  const raw = value.toJS()
  if (raw === null || raw === undefined) return ''
  if (typeof raw === 'object') throw value.error('must be a single value.')
  return String(raw)
}

export function ruleError(message: string, file: string, line?: number): UserError {
  return new UserError(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line })
}
