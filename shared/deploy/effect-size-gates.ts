import { exceeds, reaches } from '../stats/tolerance.js'
import type { Classification, Deviation } from './metric-classification.js'

/**
 * Kayenta's effect-size gates (NetflixACAJudge, MannWhitneyClassifier), shared by both statistical judges: a
 * significant change is High only if its effect size is at least `allowedIncrease` (Low: at most
 * `allowedDecrease`), and a critical metric's High/Low is critical only past `criticalIncrease` /
 * `criticalDecrease`. Every default is the measure's neutral effect (mean or rate ratio 1.0, CLES 0.5).
 *
 * mlci's third outcome: a change that is significant, whose point effect is inside a tolerance the user set
 * (an `allowed_*` beyond neutral), but whose interval reaches past it, is Inconclusive: the change is real, and the
 * data cannot tell yet whether it is more than the user allows. Kayenta calls it Pass on the point estimate alone.
 */
export interface EffectSizeGates {
  measure: 'meanRatio' | 'cles'
  /** A High needs an effect of at least this; a Low at most allowedDecrease. */
  allowedIncrease: number
  allowedDecrease: number
  /** A High/Low on a critical metric is critical only past these. */
  criticalIncrease: number
  criticalDecrease: number
}

/** Kayenta's defaults: a mean ratio gate of 1.0 either way, 0.5 for CLES. */
export function defaultEffectSize(measure: 'meanRatio' | 'cles' = 'meanRatio'): EffectSizeGates {
  const neutral = neutralEffect(measure)
  return {
    measure,
    allowedIncrease: neutral,
    allowedDecrease: neutral,
    criticalIncrease: neutral,
    criticalDecrease: neutral
  }
}

function neutralEffect(measure: EffectSizeGates['measure']): number {
  return measure === 'cles' ? 0.5 : 1
}

export interface GateInput {
  name: string
  direction: Deviation
  critical: boolean
  gates: EffectSizeGates
  /** The change is significant upwards / downwards (the interval lies past the judge's no-change band). */
  up: boolean
  down: boolean
  /** The effect size the gates compare, NaN when undefined (a zero mean or rate). */
  effect: number
  /** The interval in effect-size units, where the measure has one (a ratio to the baseline). */
  effectInterval?: { lower: number; upper: number }
}

export interface GateVerdict {
  classification: Extract<Classification, 'High' | 'Low' | 'Pass' | 'Inconclusive'>
  critical: boolean
  reason?: string
}

export function applyEffectSizeGates(input: GateInput): GateVerdict {
  const { name, gates, effect, effectInterval } = input
  const canRise = input.direction === 'increase' || input.direction === 'either'
  const canFall = input.direction === 'decrease' || input.direction === 'either'
  const undefinedEffect = Number.isNaN(effect)
  if (canRise && input.up && (undefinedEffect || reaches(effect, gates.allowedIncrease))) {
    const critical = input.critical && (undefinedEffect || reaches(effect, gates.criticalIncrease))
    return { classification: 'High', critical, reason: `${name} was classified as High` }
  }
  if (canFall && input.down && (undefinedEffect || !exceeds(effect, gates.allowedDecrease))) {
    const critical = input.critical && (undefinedEffect || !exceeds(effect, gates.criticalDecrease))
    return { classification: 'Low', critical, reason: `${name} was classified as Low` }
  }
  const neutral = neutralEffect(gates.measure)
  if (effectInterval && !undefinedEffect) {
    if (
      canRise &&
      input.up &&
      exceeds(gates.allowedIncrease, neutral) &&
      reaches(effectInterval.upper, gates.allowedIncrease)
    ) {
      return {
        classification: 'Inconclusive',
        critical: input.critical,
        reason:
          `${name} rose (effect ${round(effect)}, within allowed_increase ${gates.allowedIncrease}), but its ` +
          `interval reaches ${round(effectInterval.upper)}`
      }
    }
    if (
      canFall &&
      input.down &&
      exceeds(neutral, gates.allowedDecrease) &&
      !exceeds(effectInterval.lower, gates.allowedDecrease)
    ) {
      return {
        classification: 'Inconclusive',
        critical: input.critical,
        reason:
          `${name} fell (effect ${round(effect)}, within allowed_decrease ${gates.allowedDecrease}), but its ` +
          `interval reaches ${round(effectInterval.lower)}`
      }
    }
  }
  return { classification: 'Pass', critical: false }
}

function round(value: number): string {
  return String(Number(value.toPrecision(4)))
}
