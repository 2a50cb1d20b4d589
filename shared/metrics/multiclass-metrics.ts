import { defined, undefinedMetric, type MetricEstimate, type MetricSet } from './metric-estimate.js'
import type { WeightStream } from './poisson-weights.js'

/**
 * Per-example multiclass predictions over classes 0..classes-1 (the caller maps names to indices; `classNames`
 * names them in messages). `probabilities` is row-major, n × classes.
 */
export interface MulticlassPredictions {
  classNames: string[]
  labels: Int32Array
  predicted: Int32Array
  probabilities?: Float64Array
}

const MULTICLASS_METRICS = [
  'accuracy',
  'macro_precision',
  'macro_recall',
  'macro_f1',
  'weighted_precision',
  'weighted_recall',
  'weighted_f1',
  'log_loss'
] as const

const EPS = 2.220446049250313e-16

export interface PreparedMulticlass {
  classNames: string[]
  labels: Int32Array
  predicted: Int32Array
  /** Each example's log loss, or null without probabilities. */
  logLoss: Float64Array | null
}

/**
 * scikit-learn's log loss clips every probability to [eps, 1 - eps] and then divides each row by its sum;
 * the per-example loss is computed once here so resamples only add.
 */
export function prepareMulticlass(data: MulticlassPredictions): PreparedMulticlass {
  const k = data.classNames.length
  let logLoss: Float64Array | null = null
  if (data.probabilities) {
    logLoss = new Float64Array(data.labels.length)
    for (let i = 0; i < data.labels.length; i++) {
      let sum = 0
      for (let c = 0; c < k; c++) sum += clip(data.probabilities[i * k + c])
      logLoss[i] = -Math.log(clip(data.probabilities[i * k + data.labels[i]]) / sum)
    }
  }
  return { classNames: data.classNames, labels: data.labels, predicted: data.predicted, logLoss }
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS)
}

export function computeMulticlassMetrics(
  prepared: PreparedMulticlass,
  weights: WeightStream | null
): MetricSet {
  const k = prepared.classNames.length
  const { labels, predicted, logLoss } = prepared
  const truePositive = new Float64Array(k)
  const support = new Float64Array(k)
  const predictedCount = new Float64Array(k)
  let total = 0
  let logLossSum = 0
  for (let i = 0; i < labels.length; i++) {
    const w = weights === null ? 1 : weights.next()
    if (w === 0) continue
    const label = labels[i]
    const guess = predicted[i]
    support[label] += w
    predictedCount[guess] += w
    if (label === guess) truePositive[label] += w
    total += w
    if (logLoss !== null) logLossSum += w * logLoss[i]
  }
  if (total === 0) {
    const none = undefinedMetric('no examples')
    return Object.fromEntries(MULTICLASS_METRICS.map(name => [name, none]))
  }
  // scikit-learn averages over the classes present in the labels or the predictions.
  const present: number[] = []
  for (let c = 0; c < k; c++) if (support[c] > 0 || predictedCount[c] > 0) present.push(c)
  let correct = 0
  for (let c = 0; c < k; c++) correct += truePositive[c]

  const unpredicted = present.filter(c => predictedCount[c] === 0).map(c => prepared.classNames[c])
  const unlabelled = present.filter(c => support[c] === 0).map(c => prepared.classNames[c])
  const precision = (c: number) => (predictedCount[c] === 0 ? 0 : truePositive[c] / predictedCount[c])
  const recall = (c: number) => (support[c] === 0 ? 0 : truePositive[c] / support[c])
  const f1 = (c: number) => {
    const denominator = support[c] + predictedCount[c]
    return denominator === 0 ? 0 : (2 * truePositive[c]) / denominator
  }
  const averaged = (per: (c: number) => number, problem: string[], what: string) => {
    if (problem.length > 0) {
      const reason = `${what} is undefined for class ${problem.map(name => `'${name}'`).join(', ')}`
      return { macro: undefinedMetric(reason), weighted: undefinedMetric(reason) }
    }
    let macro = 0
    let weighted = 0
    for (const c of present) {
      macro += per(c)
      weighted += per(c) * support[c]
    }
    return { macro: defined(macro / present.length), weighted: defined(weighted / total) }
  }
  const p = averaged(precision, unpredicted, 'precision (never predicted)')
  const r = averaged(recall, unlabelled, 'recall (absent from the labels)')
  const f = averaged(f1, [], 'F1')
  const metrics: Record<string, MetricEstimate> = {
    accuracy: defined(correct / total),
    macro_precision: p.macro,
    macro_recall: r.macro,
    macro_f1: f.macro,
    weighted_precision: p.weighted,
    weighted_recall: r.weighted,
    weighted_f1: f.weighted
  }
  if (logLoss !== null) metrics.log_loss = defined(logLossSum / total)
  return metrics
}
