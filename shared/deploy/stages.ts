import { UserError } from '../errors/user-error.js'
import { parseConfigFile } from '../config/config-file.js'
import { formatDuration, parseDuration } from '../units/duration.js'

/**
 * The rollout's stages: traffic share and bake time. Inline as `5%:10m, 25%:10m, 100%`, or as a plan file:
 *
 *   stages:
 *     - { traffic: 5, bake: 10m }
 *     - { traffic: 25, bake: 10m, interval: 2m }
 *     - { traffic: 100, analysis: false }
 *
 * Traffic rises strictly and ends at 100%. A stage without bake time promotes at once.
 */
export interface Stage {
  /** 1-based position, as MLCI_STAGE reports it. */
  index: number
  trafficPercent: number
  bakeMs: number
  /** Overrides the `interval` input for this stage. */
  intervalMs?: number
  /** False skips the analysis of this stage (it bakes only). */
  analysis: boolean
}

const INLINE_STAGE = /^(\d+(?:\.\d+)?)%(?::(.+))?$/

export function parseInlineStages(text: string, inputName: string): Stage[] {
  const parts = text
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(part => part !== '')
  const stages = parts.map((part, position) => {
    const match = INLINE_STAGE.exec(part.replace(/\s+/g, ''))
    const bakeMs = match?.[2] === undefined ? 0 : parseDuration(match[2])
    if (!match || bakeMs === undefined) {
      throw new UserError(
        `Input '${inputName}': stage ${position + 1} '${part}' is not TRAFFIC%[:BAKE], e.g. '5%:10m, 25%:10m, 100%'.`
      )
    }
    return { index: position + 1, trafficPercent: Number(match[1]), bakeMs, analysis: true }
  })
  return checkStages(stages, message => new UserError(`Input '${inputName}': ${message}`))
}

export function parsePlan(text: string, file: string): Stage[] {
  const root = parseConfigFile(text, file).object(['stages'])
  const values = root.stages.list()
  const stages = values.map((value, position) => {
    const fields = value.object(['traffic', 'bake', 'interval', 'analysis'])
    const duration = (field: typeof fields.bake) => field.optional(v => v.duration())
    return {
      index: position + 1,
      trafficPercent: fields.traffic.number({ min: 0, max: 100 }),
      bakeMs: duration(fields.bake) ?? 0,
      intervalMs: duration(fields.interval),
      analysis: fields.analysis.optional(v => v.boolean()) ?? true
    }
  })
  return checkStages(stages, message => root.stages.error(message))
}

function checkStages(stages: Stage[], fail: (message: string) => UserError): Stage[] {
  if (stages.length === 0) throw fail('give at least one stage, e.g. 5%:10m, 100%.')
  stages.forEach((stage, position) => {
    if (!(stage.trafficPercent > 0 && stage.trafficPercent <= 100)) {
      throw fail(
        `stage ${stage.index} sends ${stage.trafficPercent}% of traffic; use more than 0 and at most 100.`
      )
    }
    const previous = stages[position - 1]
    if (previous && stage.trafficPercent <= previous.trafficPercent) {
      throw fail(
        `stage ${stage.index} (${stage.trafficPercent}%) must send more traffic than stage ${previous.index}.`
      )
    }
    if (stage.intervalMs !== undefined && stage.intervalMs <= 0)
      throw fail(`stage ${stage.index}: interval must be positive.`)
  })
  const last = stages[stages.length - 1]
  if (last.trafficPercent !== 100) throw fail(`the last stage must be 100%, got ${last.trafficPercent}%.`)
  return stages
}

export function describeStage(stage: Stage): string {
  return stage.bakeMs > 0
    ? `${stage.trafficPercent}% for ${formatDuration(stage.bakeMs)}`
    : `${stage.trafficPercent}%`
}
