import { UserError } from '../errors/user-error.js'
import { nameMap } from '../data/name-map.js'
import { openTable, type CellValue, type Table } from '../data/table.js'
import type { Task, TaskPredictions } from './prediction-metrics.js'

/** Which columns of a predictions table hold what. */
export interface PredictionColumns {
  label: string
  prediction: string
  /** Binary: the positive class's probability. */
  score?: string
  /** Multiclass: one probability column per class, by prefix (`prob_`) or as a list. */
  scores?: string[]
  slices: string[]
  /** Identifies examples, so paired files can be checked to describe the same ones. */
  id?: string
}

export interface PredictionFile {
  file: string
  predictions: TaskPredictions
  /** The value of each slice column, per example. */
  slices: Record<string, string[]>
  ids?: string[]
}

interface RawColumns {
  columns: readonly string[]
  values: Map<string, CellValue[]>
  lines: number[]
}

/**
 * Reads a predictions table (CSV, TSV, JSONL or Parquet, through the shared readers) into typed arrays for
 * the metrics. The task is the `task` input's when given; otherwise it is detected (see `detectTask`). Every
 * bad cell is a UserError at its file and line.
 */
export async function readPredictionFile(
  file: string,
  displayName: string,
  columns: PredictionColumns,
  task: Task | undefined
): Promise<PredictionFile> {
  const table = await openTable(file, { displayName })
  const scoreColumns = columns.scores ? resolveScoreColumns(table, columns.scores) : undefined
  const wanted = [
    columns.label,
    ...(scoreColumns ?? []),
    ...(columns.score ? [columns.score] : []),
    ...columns.slices,
    ...(columns.id ? [columns.id] : [])
  ]
  const hasPrediction = table.columns.includes(columns.prediction)
  if (hasPrediction) wanted.push(columns.prediction)
  const raw = await readColumns(table, wanted)
  if (raw.lines.length === 0) {
    throw new UserError(`${displayName} has no rows: there is nothing to evaluate.`, {
      file: displayName,
      line: 1
    })
  }
  const at = (row: number) => ({ file: displayName, line: raw.lines[row] })
  const resolvedTask = task ?? detectTask(raw, columns, scoreColumns)
  if (
    !hasPrediction &&
    !(resolvedTask === 'binary' && columns.score) &&
    !(resolvedTask === 'multiclass' && scoreColumns)
  ) {
    throw new UserError(
      `${displayName} has no column '${columns.prediction}': set prediction-column${resolvedTask === 'regression' ? '' : ', or give the probabilities with score-column / score-columns'} (columns: ${table.columns.join(', ')}).`,
      { file: displayName, line: 1 }
    )
  }
  const slices = nameMap<string[]>()
  for (const column of columns.slices) slices[column] = raw.values.get(column)!.map(value => text(value))
  const ids = columns.id ? raw.values.get(columns.id)!.map(value => text(value)) : undefined
  const predictions = buildPredictions(
    resolvedTask,
    raw,
    columns,
    scoreColumns,
    hasPrediction,
    displayName,
    at
  )
  return { file: displayName, predictions, slices, ids }
}

function resolveScoreColumns(table: Table, spec: string[]): string[] {
  if (spec.length === 1 && !table.columns.includes(spec[0])) {
    const prefixed = table.columns.filter(column => column.startsWith(spec[0]))
    if (prefixed.length < 2) {
      throw new UserError(
        `${table.file}: score-columns '${spec[0]}' is neither a column nor the prefix of two or more columns (columns: ${table.columns.join(', ')}).`,
        { file: table.file, line: 1 }
      )
    }
    return prefixed
  }
  return spec
}

/** Class names of score columns: what follows their longest common prefix (`prob_cat` → `cat`). */
function classNamesOf(scoreColumns: string[]): string[] {
  let prefix = scoreColumns[0]
  for (const column of scoreColumns) while (!column.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return scoreColumns.map(column => column.slice(prefix.length) || column)
}

async function readColumns(table: Table, wanted: string[]): Promise<RawColumns> {
  for (const column of wanted) {
    if (!table.columns.includes(column)) {
      throw new UserError(`${table.file} has no column '${column}' (columns: ${table.columns.join(', ')}).`, {
        file: table.file,
        line: 1
      })
    }
  }
  const values = new Map<string, CellValue[]>(wanted.map(column => [column, []]))
  const lines: number[] = []
  for await (const batch of table.batches()) {
    for (const column of wanted) {
      const index = batch.columns.indexOf(column)
      const target = values.get(column)!
      for (let row = 0; row < batch.length; row++) target.push(batch.values[index][row])
    }
    for (let row = 0; row < batch.length; row++) lines.push(batch.lines[row])
  }
  return { columns: table.columns, values, lines }
}

/**
 * The task of a predictions table without a `task` input, in this order:
 * 1. probability columns per class (`score-columns`): multiclass;
 * 2. at most two label values, each 0/1/true/false: binary;
 * 3. numeric labels, and a fractional label or a fractional prediction (ratings 1–5 predicted as 3.7): regression;
 * 4. more than 50 distinct integer labels: regression (counts, ages);
 * 5. anything else (names, or a few integers predicted as integers): multiclass.
 * Rules 3 and 4 are guesses about integers, which is why the log names the task and `task` overrides it.
 */
function detectTask(raw: RawColumns, columns: PredictionColumns, scoreColumns: string[] | undefined): Task {
  if (scoreColumns) return 'multiclass'
  const labels = raw.values.get(columns.label)!
  const distinct = new Set(labels.map(value => text(value)))
  if (distinct.size <= 2 && [...distinct].every(v => BINARY_WORDS.has(v))) return 'binary'
  const numbers = labels.map(value => asNumber(value))
  if (!numbers.every(n => n !== undefined && Number.isFinite(n))) return 'multiclass'
  if (numbers.some(n => !Number.isInteger(n))) return 'regression'
  const predictions = raw.values.get(columns.prediction)?.map(value => asNumber(value))
  if (predictions?.some(n => n !== undefined && Number.isFinite(n) && !Number.isInteger(n)))
    return 'regression'
  if (distinct.size > 50) return 'regression'
  return 'multiclass'
}

const BINARY_WORDS = new Map([
  ['0', 0],
  ['1', 1],
  ['false', 0],
  ['true', 1],
  ['0.0', 0],
  ['1.0', 1]
])

function buildPredictions(
  task: Task,
  raw: RawColumns,
  columns: PredictionColumns,
  scoreColumns: string[] | undefined,
  hasPrediction: boolean,
  file: string,
  at: (row: number) => { file: string; line: number }
): TaskPredictions {
  const n = raw.lines.length
  const labelCells = raw.values.get(columns.label)!
  const predictionCells = hasPrediction ? raw.values.get(columns.prediction)! : undefined
  const fail = (row: number, message: string): never => {
    const where = at(row)
    throw new UserError(`${file}:${where.line}: ${message}`, where)
  }
  const probability = (column: string, row: number): number => {
    const value = asNumber(raw.values.get(column)![row])
    if (value === undefined || !Number.isFinite(value)) {
      return fail(
        row,
        `${column} is ${JSON.stringify(raw.values.get(column)![row])}, not a finite probability.`
      )
    }
    if (value < 0 || value > 1)
      return fail(row, `${column} is ${value}: a probability must be within [0, 1].`)
    return value
  }
  if (task === 'binary') {
    const labels = new Uint8Array(n)
    const predicted = new Uint8Array(n)
    const scores = columns.score ? new Float64Array(n) : undefined
    const binary = (column: string, value: CellValue, row: number): number => {
      const bit = BINARY_WORDS.get(text(value).toLowerCase())
      if (bit === undefined) {
        return fail(
          row,
          `${column} is ${JSON.stringify(value)}: a binary task needs 0/1 or true/false (use task: multiclass for more classes).`
        )
      }
      return bit
    }
    for (let row = 0; row < n; row++) {
      labels[row] = binary(columns.label, labelCells[row], row)
      if (scores) scores[row] = probability(columns.score!, row)
      predicted[row] = predictionCells
        ? binary(columns.prediction, predictionCells[row], row)
        : scores![row] >= 0.5
          ? 1
          : 0
    }
    return { task, data: { labels, predicted, scores } }
  }
  if (task === 'multiclass') {
    const scoreClasses = scoreColumns ? classNamesOf(scoreColumns) : undefined
    const classNames =
      scoreClasses ?? [...new Set([...labelCells, ...(predictionCells ?? [])].map(v => text(v)))].sort()
    const index = new Map(classNames.map((name, i) => [name, i]))
    const classOf = (column: string, value: CellValue, row: number): number => {
      if (text(value).trim() === '') {
        return fail(
          row,
          `${column} is empty: every example needs a class (an empty cell is not one; drop the row or name the class).`
        )
      }
      const found = index.get(text(value))
      if (found === undefined) {
        return fail(
          row,
          `${column} is ${JSON.stringify(value)}, which is not one of the classes ${classNames.join(', ')} (from ${scoreColumns ? 'score-columns' : 'the labels'}).`
        )
      }
      return found
    }
    const labels = new Int32Array(n)
    const predicted = new Int32Array(n)
    const k = classNames.length
    const probabilities = scoreColumns ? new Float64Array(n * k) : undefined
    for (let row = 0; row < n; row++) {
      labels[row] = classOf(columns.label, labelCells[row], row)
      if (probabilities) {
        let best = 0
        for (let c = 0; c < k; c++) {
          probabilities[row * k + c] = probability(scoreColumns![c], row)
          if (probabilities[row * k + c] > probabilities[row * k + best]) best = c
        }
        predicted[row] = predictionCells ? classOf(columns.prediction, predictionCells[row], row) : best
      } else {
        predicted[row] = classOf(columns.prediction, predictionCells![row], row)
      }
    }
    return { task, data: { classNames, labels, predicted, probabilities } }
  }
  const labels = new Float64Array(n)
  const predicted = new Float64Array(n)
  for (let row = 0; row < n; row++) {
    for (const [column, cells, target] of [
      [columns.label, labelCells, labels],
      [columns.prediction, predictionCells!, predicted]
    ] as const) {
      const value = asNumber(cells[row])
      if (value === undefined || !Number.isFinite(value))
        fail(row, `${column} is ${JSON.stringify(cells[row])}, not a finite number.`)
      target[row] = value!
    }
  }
  return { task, data: { labels, predicted } }
}

function text(value: CellValue): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function asNumber(value: CellValue): number | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isNaN(number) && value.trim() !== 'NaN' ? undefined : number
}
