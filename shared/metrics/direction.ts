export type Direction = 'higher' | 'lower' | 'none'

// Word parts of metric names whose smaller values are better, and larger. Matched on whole words of the
// name (split at dots, underscores, hyphens, slashes and camel case), so `val_loss` and `latencyP95` match.
const LOWER_IS_BETTER = new Set([
  'loss',
  'error',
  'err',
  'errors',
  'rmse',
  'mse',
  'mae',
  'mape',
  'smape',
  'latency',
  'duration',
  'time',
  'seconds',
  'ms',
  'brier',
  'logloss',
  'perplexity',
  'ppl',
  'fpr',
  'fnr',
  'wer',
  'cer',
  'cost',
  'memory',
  'size',
  'bytes',
  'drift',
  'mad'
])
const HIGHER_IS_BETTER = new Set([
  'accuracy',
  'acc',
  'auc',
  'roc',
  'f1',
  'precision',
  'recall',
  'r2',
  'mcc',
  'ap',
  'map',
  'ndcg',
  'bleu',
  'rouge',
  'throughput',
  'qps',
  'tpr',
  'tnr',
  'specificity',
  'sensitivity',
  'iou',
  'dice',
  'kappa',
  'hit',
  'coverage',
  'balanced'
])

/**
 * The direction a metric improves in, guessed from its name when no policy says: DVC shows plain deltas
 * without direction, and a reviewer cannot tell a drop in loss from a drop in accuracy at a glance.
 * Lower-is-better words win (`error_rate` is lower-better despite `rate`); unknown names get no direction.
 */
export function guessDirection(name: string): Direction {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  if (words.some(word => LOWER_IS_BETTER.has(word))) return 'lower'
  if (words.some(word => HIGHER_IS_BETTER.has(word))) return 'higher'
  if (name.toLowerCase().includes('log_loss')) return 'lower'
  return 'none'
}
