import { defined, undefinedMetric, type MetricEstimate, type MetricSet } from './metric-estimate.js'
import type { PoissonSampler } from './poisson-sampler.js'
import type { WeightStream } from './poisson-weights.js'

/** Per-example binary predictions: labels and predicted labels 0/1, and the positive class's probability. */
export interface BinaryPredictions {
  labels: Uint8Array
  predicted: Uint8Array
  scores?: Float64Array
}

/**
 * The examples once sorted by descending score, with what each one contributes precomputed, so that every
 * resample is one pass without a sort, a logarithm or an allocation.
 */
export interface PreparedBinary {
  scores: Float64Array
  /** label | predicted << 1 */
  codes: Uint8Array
  logLoss: Float64Array
  squaredError: Float64Array
  hasScores: boolean
  /** The original row of each sorted position, kept only for paired tests (`keepOrder`). */
  order: Uint32Array | null
}

/**
 * scikit-learn's `log_loss(eps='auto')` clips probabilities to [eps, 1 - eps] with eps the float64 machine
 * epsilon (scikit-learn 1.2).
 */
const EPS = 2.220446049250313e-16

export function prepareBinary(
  data: BinaryPredictions,
  options: { keepOrder?: boolean } = {}
): PreparedBinary {
  const n = data.labels.length
  const codes = new Uint8Array(n)
  for (let i = 0; i < n; i++) codes[i] = data.labels[i] | (data.predicted[i] << 1)
  if (!data.scores) {
    return {
      scores: new Float64Array(n),
      codes,
      logLoss: new Float64Array(n),
      squaredError: new Float64Array(n),
      hasScores: false,
      order: null
    }
  }
  const {
    scores,
    codes: sortedCodes,
    order
  } = options.keepOrder
    ? sortIndexed(data.scores, codes)
    : { ...sortByScoreDescending(data.scores, codes), order: null }
  const logLoss = new Float64Array(n)
  const squaredError = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const label = sortedCodes[i] & 1
    const p = Math.min(Math.max(scores[i], EPS), 1 - EPS)
    logLoss[i] = label === 1 ? -Math.log(p) : -Math.log(1 - p)
    const error = label - scores[i]
    squaredError[i] = error * error
  }
  return { scores, codes: sortedCodes, logLoss, squaredError, hasScores: true, order }
}

/**
 * Sorts by splitting into the four (label, predicted) groups, sorting each with the native typed-array sort and
 * merging: several times faster than sorting an index array with a comparator.
 */
function sortByScoreDescending(
  scores: Float64Array,
  codes: Uint8Array
): { scores: Float64Array; codes: Uint8Array } {
  const groups: { scores: Float64Array; codes: Uint8Array }[] = []
  for (let code = 0; code < 4; code++) {
    let count = 0
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) count++
    const group = new Float64Array(count)
    let at = 0
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) group[at++] = scores[i]
    group.sort().reverse()
    groups.push({ scores: group, codes: new Uint8Array(count).fill(code) })
  }
  return merge(merge(groups[0], groups[1]), merge(groups[2], groups[3]))
}

/** The slower sort that remembers each example's row, for paired tests. */
function sortIndexed(
  scores: Float64Array,
  codes: Uint8Array
): { scores: Float64Array; codes: Uint8Array; order: Uint32Array } {
  const order = new Uint32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => scores[b] - scores[a])
  return {
    scores: Float64Array.from(order, i => scores[i]),
    codes: Uint8Array.from(order, i => codes[i]),
    order
  }
}

function merge(
  a: { scores: Float64Array; codes: Uint8Array },
  b: { scores: Float64Array; codes: Uint8Array }
): { scores: Float64Array; codes: Uint8Array } {
  const n = a.scores.length + b.scores.length
  const scores = new Float64Array(n)
  const codes = new Uint8Array(n)
  let i = 0
  let j = 0
  for (let k = 0; k < n; k++) {
    if (j >= b.scores.length || (i < a.scores.length && a.scores[i] >= b.scores[j])) {
      scores[k] = a.scores[i]
      codes[k] = a.codes[i++]
    } else {
      scores[k] = b.scores[j]
      codes[k] = b.codes[j++]
    }
  }
  return { scores, codes }
}

/** The sums every binary metric is a function of. */
interface BinaryTotals {
  tp: number
  fp: number
  fn: number
  tn: number
  logLossSum: number
  squaredSum: number
  /** Σ over (positive, negative) pairs of 1 when the positive scores higher, ½ on a tie. */
  aucSum: number
  /** Σ over tied-score groups of the group's positives × the precision at its threshold. */
  apSum: number
}

/** All binary metrics in one pass over the prepared examples, each example counted `weights.next()` times. */
export function computeBinaryMetrics(prepared: PreparedBinary, weights: WeightStream | null): MetricSet {
  const { scores, codes, logLoss, squaredError } = prepared
  const n = codes.length
  // Confusion counts, keyed by code: 0 = TN, 1 = FN, 2 = FP, 3 = TP.
  let tn = 0
  let fn = 0
  let fp = 0
  let tp = 0
  let logLossSum = 0
  let squaredSum = 0
  // Ranking: positives and negatives seen at higher scores, and the current group of tied scores.
  let positivesAbove = 0
  let negativesAbove = 0
  let groupPositives = 0
  let groupNegatives = 0
  let aucSum = 0
  let apSum = 0
  let previous = NaN
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights.next()
    if (w === 0) continue
    const score = scores[i]
    if (score !== previous) {
      if (groupPositives + groupNegatives > 0) {
        // Negatives in the group rank below every positive above it and tie with the group's positives.
        aucSum += groupNegatives * (positivesAbove + groupPositives / 2)
        positivesAbove += groupPositives
        negativesAbove += groupNegatives
        // Average precision: recall rises by the group's positives at this threshold's precision.
        if (groupPositives > 0) apSum += (groupPositives * positivesAbove) / (positivesAbove + negativesAbove)
        groupPositives = 0
        groupNegatives = 0
      }
      previous = score
    }
    const code = codes[i]
    if (code === 0) tn += w
    else if (code === 1) fn += w
    else if (code === 2) fp += w
    else tp += w
    if ((code & 1) === 1) groupPositives += w
    else groupNegatives += w
    logLossSum += w * logLoss[i]
    squaredSum += w * squaredError[i]
  }
  aucSum += groupNegatives * (positivesAbove + groupPositives / 2)
  positivesAbove += groupPositives
  negativesAbove += groupNegatives
  if (groupPositives > 0) apSum += (groupPositives * positivesAbove) / (positivesAbove + negativesAbove)
  return metricsFromTotals({ tp, fp, fn, tn, logLossSum, squaredSum, aucSum, apSum }, prepared.hasScores)
}

/**
 * The examples in runs of consecutive scores ("blocks", never splitting tied scores), with per block and per
 * (label, predicted) code the count and the loss sums, and per block the exact pair order inside it.
 * A Poisson-bootstrap resample then draws one Poisson(count) weight per block and code, which is exactly the
 * sum of that cell's per-example Poisson(1) weights: the confusion counts are resampled exactly, and ranks
 * and losses up to the spread inside a block (blocks hold ~1/16,000 of the data, so that spread is tiny).
 * This is what makes 1,000 resamples of a million predictions cost milliseconds each.
 */
export interface BinaryBlocks {
  blocks: number
  /** 4 per block, by code. */
  count: Float64Array
  logLoss: Float64Array
  squaredError: Float64Array
  /** Per block: Σ over its (positive, negative) pairs of 1 when the positive scores higher, ½ on a tie. */
  withinPairs: Float64Array
  hasScores: boolean
}

export function blockBinary(prepared: PreparedBinary, targetBlocks: number): BinaryBlocks {
  const { scores, codes, logLoss, squaredError } = prepared
  const n = codes.length
  const size = Math.max(1, Math.floor(n / targetBlocks))
  const starts: number[] = []
  for (let i = 0; i < n;) {
    starts.push(i)
    let end = Math.min(n, i + size)
    while (end < n && prepared.hasScores && scores[end] === scores[end - 1]) end++
    i = end
  }
  const blocks = starts.length
  const count = new Float64Array(blocks * 4)
  const loss = new Float64Array(blocks * 4)
  const squared = new Float64Array(blocks * 4)
  const withinPairs = new Float64Array(blocks)
  for (let b = 0; b < blocks; b++) {
    const end = b + 1 < blocks ? starts[b + 1] : n
    let positivesAbove = 0
    let groupPositives = 0
    let groupNegatives = 0
    let pairs = 0
    let previous = NaN
    for (let i = starts[b]; i < end; i++) {
      const code = codes[i]
      count[b * 4 + code]++
      loss[b * 4 + code] += logLoss[i]
      squared[b * 4 + code] += squaredError[i]
      if (scores[i] !== previous) {
        pairs += groupNegatives * (positivesAbove + groupPositives / 2)
        positivesAbove += groupPositives
        groupPositives = 0
        groupNegatives = 0
        previous = scores[i]
      }
      if ((code & 1) === 1) groupPositives++
      else groupNegatives++
    }
    withinPairs[b] = pairs + groupNegatives * (positivesAbove + groupPositives / 2)
  }
  return { blocks, count, logLoss: loss, squaredError: squared, withinPairs, hasScores: prepared.hasScores }
}

/** The metrics of blocked examples: unweighted when `sampler` is null, else one Poisson-bootstrap resample. */
export function computeBlockedBinaryMetrics(data: BinaryBlocks, sampler: PoissonSampler | null): MetricSet {
  const { count, logLoss, squaredError, withinPairs } = data
  const totals: BinaryTotals = {
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    logLossSum: 0,
    squaredSum: 0,
    aucSum: 0,
    apSum: 0
  }
  let positivesAbove = 0
  let negativesAbove = 0
  for (let b = 0; b < data.blocks; b++) {
    const at = b * 4
    let positives = 0
    let negatives = 0
    for (let code = 0; code < 4; code++) {
      const m = count[at + code]
      if (m === 0) continue
      const w = sampler === null ? m : sampler.draw(m)
      if (w === 0) continue
      if (code === 0) totals.tn += w
      else if (code === 1) totals.fn += w
      else if (code === 2) totals.fp += w
      else totals.tp += w
      if ((code & 1) === 1) positives += w
      else negatives += w
      const share = w / m
      totals.logLossSum += share * logLoss[at + code]
      totals.squaredSum += share * squaredError[at + code]
    }
    if (positives + negatives === 0) continue
    // Pairs across blocks are ordered by the blocks; pairs inside one keep their exact order, scaled by how
    // many of the block's positives and negatives this resample drew.
    const blockPositives = count[at + 1] + count[at + 3]
    const blockNegatives = count[at] + count[at + 2]
    const inside = blockPositives * blockNegatives
    totals.aucSum +=
      negatives * positivesAbove + (inside === 0 ? 0 : (withinPairs[b] * positives * negatives) / inside)
    positivesAbove += positives
    negativesAbove += negatives
    if (positives > 0) totals.apSum += (positives * positivesAbove) / (positivesAbove + negativesAbove)
  }
  return metricsFromTotals(totals, data.hasScores)
}

function metricsFromTotals(t: BinaryTotals, hasScores: boolean): MetricSet {
  const { tp, fp, fn, tn } = t
  const total = tp + tn + fp + fn
  const positives = tp + fn
  const negatives = tn + fp
  const metrics: MetricSet = {
    accuracy: total === 0 ? undefinedMetric('no examples') : defined((tp + tn) / total),
    balanced_accuracy: balancedAccuracy(tp, tn, fp, fn),
    precision: tp + fp === 0 ? undefinedMetric('no example was predicted positive') : defined(tp / (tp + fp)),
    recall: positives === 0 ? undefinedMetric('there is no positive example') : defined(tp / positives),
    f1:
      2 * tp + fp + fn === 0
        ? undefinedMetric('no positive example and no positive prediction')
        : defined((2 * tp) / (2 * tp + fp + fn)),
    mcc: defined(matthews(tp, tn, fp, fn))
  }
  if (!hasScores) return metrics
  const singleClass =
    positives === 0 ? 'there is no positive example' : negatives === 0 ? 'there is no negative example' : ''
  metrics.roc_auc = singleClass
    ? undefinedMetric(`ROC AUC needs both classes: ${singleClass}`)
    : defined(t.aucSum / (positives * negatives))
  metrics.average_precision =
    positives === 0
      ? undefinedMetric('average precision needs a positive example: there is none')
      : defined(t.apSum / positives)
  metrics.log_loss = total === 0 ? undefinedMetric('no examples') : defined(t.logLossSum / total)
  metrics.brier = total === 0 ? undefinedMetric('no examples') : defined(t.squaredSum / total)
  return metrics
}

/**
 * scikit-learn averages the recall of each class present in the labels; a class that is predicted but absent
 * from the labels makes it warn, so that case is undefined here.
 */
function balancedAccuracy(tp: number, tn: number, fp: number, fn: number): MetricEstimate {
  const positives = tp + fn
  const negatives = tn + fp
  if (positives === 0 && negatives === 0) return undefinedMetric('no examples')
  if (positives === 0 && tp + fp > 0)
    return undefinedMetric('positives are predicted but there is no positive example')
  if (negatives === 0 && tn + fn > 0)
    return undefinedMetric('negatives are predicted but there is no negative example')
  if (positives === 0) return defined(tn / negatives)
  if (negatives === 0) return defined(tp / positives)
  return defined((tp / positives + tn / negatives) / 2)
}

/** scikit-learn returns 0 when a margin is empty (constant predictions or labels), without a warning. */
function matthews(tp: number, tn: number, fp: number, fn: number): number {
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator
}
