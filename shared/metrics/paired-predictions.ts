import { UserError } from '../errors/user-error.js'
import type { PredictionFile } from './prediction-file.js'
import { selectRows, type TaskPredictions } from './prediction-metrics.js'

/**
 * The baseline's predictions aligned with the candidate's, example by example, for the paired tests. With ids in
 * both files (`id-column`), examples are paired by id, in whatever order each file lists them; without, by row.
 * Either way both files must hold the same examples with the same label. Labels are compared by name, as each
 * file numbers its classes on its own: the candidate may predict a class the baseline never does, and each
 * model's correctness is read against its own numbering.
 */
export function pairPredictions(candidate: PredictionFile, baseline: PredictionFile): PredictionFile {
  const n = candidate.predictions.data.labels.length
  const m = baseline.predictions.data.labels.length
  if (n !== m) {
    throw new UserError(
      `${baseline.file} has ${m} example(s) but ${candidate.file} has ${n}: paired tests need the baseline's predictions on the same examples.`,
      { file: baseline.file }
    )
  }
  if (candidate.predictions.task !== baseline.predictions.task) {
    throw new UserError(
      `${baseline.file} reads as a ${baseline.predictions.task} task but ${candidate.file} as ${candidate.predictions.task}: set the task input.`,
      { file: baseline.file }
    )
  }
  const aligned = candidate.ids && baseline.ids ? alignByIds(candidate, baseline) : baseline
  for (let row = 0; row < n; row++) {
    if (labelOf(candidate.predictions, row) !== labelOf(aligned.predictions, row)) {
      const example = candidate.ids ? `example '${candidate.ids[row]}'` : `example ${row + 1}`
      throw new UserError(
        `${baseline.file}: ${example} has a different label than in ${candidate.file}: both files must describe the same examples${candidate.ids ? '' : ' in the same order (or give id-column)'}.`,
        { file: baseline.file }
      )
    }
  }
  return aligned
}

function alignByIds(candidate: PredictionFile, baseline: PredictionFile): PredictionFile {
  const rowOf = new Map<string, number>()
  baseline.ids!.forEach((id, row) => {
    if (rowOf.has(id)) {
      throw new UserError(
        `${baseline.file}: id '${id}' appears more than once (examples ${rowOf.get(id)! + 1} and ${row + 1}): paired tests pair examples by id.`,
        { file: baseline.file }
      )
    }
    rowOf.set(id, row)
  })
  const rows = new Uint32Array(candidate.ids!.length)
  const seen = new Set<string>()
  candidate.ids!.forEach((id, row) => {
    const found = rowOf.get(id)
    if (found === undefined) {
      throw new UserError(
        `${baseline.file} has no example with id '${id}' (example ${row + 1} of ${candidate.file}): paired tests need the baseline's predictions on the same examples.`,
        { file: baseline.file }
      )
    }
    if (seen.has(id)) {
      throw new UserError(
        `${candidate.file}: id '${id}' appears more than once: paired tests pair examples by id.`,
        { file: candidate.file }
      )
    }
    seen.add(id)
    rows[row] = found
  })
  if (rows.every((found, row) => found === row)) return baseline
  return { ...baseline, predictions: selectRows(baseline.predictions, rows), ids: candidate.ids }
}

function labelOf(predictions: TaskPredictions, row: number): string | number {
  return predictions.task === 'multiclass'
    ? predictions.data.classNames[predictions.data.labels[row]]
    : predictions.data.labels[row]
}
