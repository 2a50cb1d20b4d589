import type { AnalysisConfig, JudgeName } from './analysis-config.js'
import { judgeSamples, noDataOutcome, type AnalysisOutcome, type Thresholds } from './canary-analysis.js'
import { CANARY_OPTIONS, minimumSamplesPerSide } from './mann-whitney-judge.js'
import { ProviderUnavailableError, type AnalysisWindow, type MetricsProvider } from './metrics-provider.js'
import { TargetError, type RolloutTarget } from './rollout-target.js'
import type { Stage } from './stages.js'

/**
 * The staged rollout: for each stage, shift traffic, bake while analysing every interval, then promote
 * or roll back. The judge's rules for stopping follow Kayenta: an analysis scoring at or below the
 * marginal score ends the stage at once; at the end of the bake the last score must reach the pass score.
 * The threshold judge instead tolerates `failure_limit` failed analyses per stage, as Argo Rollouts does.
 *
 * No data (`noData`): `fail` rolls back; `pass` counts the analysis as passed (the one policy under which a
 * stage promotes without data, because the user said so); `pause` holds the stage, analysing every interval for
 * up to one more bake time, and rolls back if no data comes.
 *
 * A stage promotes on its final analysis alone: the one at the end of the bake, or the first one with data after
 * it while paused. An earlier passing analysis never stands in for a final window without data.
 *
 * Inconclusive (not enough evidence either way, canary-analysis.ts) is no verdict yet, whatever `noData` says:
 * during the bake the stage continues; at its end the stage holds as under `pause`, analysing every interval for
 * up to one more bake time, and rolls back only when that time runs out without a verdict.
 */
export type NoDataPolicy = 'fail' | 'pause' | 'pass'
type RolloutResultName = 'promoted' | 'rolled-back' | 'failed'
/**
 * The three-way verdict of the analysis that decided the rollout's end: `pass` promoted it, `fail` rolled it back on
 * evidence, `inconclusive` rolled it back because a stage's extra time ran out without a verdict, `no-data` decided
 * by the `no-data` policy. Undefined when no analysis decided (no analysis file, a failing target).
 */
type AnalysisVerdict = 'pass' | 'fail' | 'inconclusive' | 'no-data'

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

interface RolloutAnalysis {
  config: AnalysisConfig
  judge: JudgeName
  provider: MetricsProvider
  thresholds: Thresholds
  noData: NoDataPolicy
}

export type TimelineEvent =
  | { kind: 'deploy'; at: Date; stage: Stage }
  | { kind: 'analysis'; at: Date; stage: Stage; outcome: AnalysisOutcome; decision: string }
  | { kind: 'promote'; at: Date; stage: Stage }
  | { kind: 'rollback'; at: Date; stage: Stage; reason: string; succeeded: boolean }

export interface RolloutOptions {
  stages: Stage[]
  intervalMs: number
  analysis?: RolloutAnalysis
  /** Replay: every analysis window ends here instead of now. */
  analysisEnd?: Date
  target: RolloutTarget
  clock: Clock
  /** Called as each event happens, so the edge can log it and save state before the next step. */
  onEvent?: (event: TimelineEvent) => void
}

export interface RolloutResult {
  result: RolloutResultName
  finalTrafficPercent: number
  /** The last judged analysis' score. */
  score?: number
  verdict?: AnalysisVerdict
  reason?: string
  timeline: TimelineEvent[]
  /** An error that is not the canary's fault (a refused query, a failing target), after rolling back. */
  error?: unknown
}

type BakeDecision = { verdict?: AnalysisVerdict } & ({ promote: true } | { promote: false; reason: string })

export async function runRollout(options: RolloutOptions): Promise<RolloutResult> {
  const timeline: TimelineEvent[] = []
  const record = (event: TimelineEvent) => {
    timeline.push(event)
    options.onEvent?.(event)
  }
  let lastScore: number | undefined
  let verdict: AnalysisVerdict | undefined
  let traffic = 0

  const rollBack = async (stage: Stage, reason: string, error?: unknown): Promise<RolloutResult> => {
    try {
      await options.target.call({ action: 'rollback', stage: 'rollback', trafficPercent: 0 })
    } catch (rollbackError) {
      record({ kind: 'rollback', at: now(), stage, reason, succeeded: false })
      return {
        result: 'failed',
        finalTrafficPercent: traffic,
        score: lastScore,
        verdict,
        reason: `${reason}; the rollback failed too: ${(rollbackError as Error).message}`,
        timeline,
        error: error ?? rollbackError
      }
    }
    record({ kind: 'rollback', at: now(), stage, reason, succeeded: true })
    return {
      result: error === undefined ? 'rolled-back' : 'failed',
      finalTrafficPercent: 0,
      score: lastScore,
      verdict,
      reason,
      timeline,
      error
    }
  }
  const now = () => new Date(options.clock.now())

  for (const stage of options.stages) {
    try {
      await options.target.call({
        action: 'deploy',
        stage: String(stage.index),
        trafficPercent: stage.trafficPercent
      })
    } catch (error) {
      if (!(error instanceof TargetError)) throw error
      return rollBack(stage, error.message, error)
    }
    traffic = stage.trafficPercent
    record({ kind: 'deploy', at: now(), stage })
    if (stage.bakeMs > 0) {
      let decision: BakeDecision
      try {
        decision = await bake(stage, options, record, score => (lastScore = score))
      } catch (error) {
        return rollBack(stage, `the analysis failed: ${(error as Error).message}`, error)
      }
      if (decision.verdict) verdict = decision.verdict
      if (!decision.promote) return rollBack(stage, decision.reason)
    }
    record({ kind: 'promote', at: now(), stage })
  }
  return { result: 'promoted', finalTrafficPercent: traffic, score: lastScore, verdict, timeline }
}

async function bake(
  stage: Stage,
  options: RolloutOptions,
  record: (event: TimelineEvent) => void,
  setScore: (score: number) => void
): Promise<BakeDecision> {
  const { clock, analysis } = options
  const interval = stage.intervalMs ?? options.intervalMs
  const started = clock.now()
  const deadline = started + stage.bakeMs
  if (!analysis || !stage.analysis) {
    await clock.sleep(stage.bakeMs)
    return { promote: true }
  }
  // Pause on no data extends the bake by at most one more bake time.
  const pauseDeadline = deadline + stage.bakeMs
  let next = started + Math.min(interval, stage.bakeMs)
  let failures = 0
  // Why the stage holds past its bake, for the rollback when the extra time runs out.
  let holding: { reason: string; verdict: AnalysisVerdict } = { reason: '', verdict: 'no-data' }
  for (;;) {
    await clock.sleep(Math.max(0, next - clock.now()))
    const outcome = await analyse(
      stage,
      analysis,
      options.analysisEnd,
      clock.now() - started,
      interval,
      clock
    )
    const decide = (decision: string) =>
      record({ kind: 'analysis', at: new Date(clock.now()), stage, outcome, decision })
    // What this analysis says about promoting; undefined while paused for want of data.
    let verdict: { passed: boolean; reason: string; kind: AnalysisVerdict } | undefined

    if (outcome.status === 'inconclusive') {
      decide(next >= deadline ? 'hold (inconclusive)' : 'continue (inconclusive)')
      holding = {
        reason: `the final analysis of the stage was still inconclusive: ${outcome.reason}`,
        verdict: 'inconclusive'
      }
    } else if (outcome.status === 'no-data') {
      const why = `no data: ${outcome.reason}`
      if (analysis.noData === 'fail') {
        decide('roll back (no-data: fail)')
        return { promote: false, reason: why, verdict: 'no-data' }
      }
      if (analysis.noData === 'pass') {
        decide('counted as passed (no-data: pass)')
        verdict = { passed: true, reason: why, kind: 'no-data' }
      } else {
        decide('hold (no-data: pause)')
        holding = {
          reason: `no data for the final analysis of the stage while it was paused: ${outcome.reason ?? 'no data'}`,
          verdict: 'no-data'
        }
      }
    } else {
      const score = outcome.score!.score
      setScore(score)
      const passed = outcome.verdict === 'Pass'
      verdict = {
        passed,
        reason: `score ${score} is below the pass score ${analysis.thresholds.pass}`,
        kind: passed ? 'pass' : 'fail'
      }
      if (analysis.judge === 'mann-whitney' && score <= analysis.thresholds.marginal) {
        decide('roll back (score at or below marginal)')
        const why = outcome.score!.reason ? `: ${outcome.score!.reason}` : ''
        return {
          promote: false,
          reason: `score ${score} is at or below the marginal score ${analysis.thresholds.marginal}${why}`,
          verdict: 'fail'
        }
      }
      if (analysis.judge === 'threshold' && !passed) {
        failures++
        if (failures > analysis.config.failureLimit) {
          decide('roll back (failure limit exceeded)')
          return {
            promote: false,
            reason: `${failures} failed analyses exceed the failure limit ${analysis.config.failureLimit}`,
            verdict: 'fail'
          }
        }
        decide(`continue (${failures} of ${analysis.config.failureLimit} failures allowed)`)
      } else {
        decide(next >= deadline ? (passed ? 'promote' : 'roll back (below pass)') : 'continue')
      }
    }

    if (next >= deadline) {
      if (verdict)
        return verdict.passed
          ? { promote: true, verdict: verdict.kind }
          : { promote: false, reason: verdict.reason, verdict: verdict.kind }
      if (next >= pauseDeadline) return { promote: false, reason: holding.reason, verdict: holding.verdict }
    }
    next = next < deadline ? Math.min(next + interval, deadline) : next + interval
  }
}

async function analyse(
  stage: Stage,
  analysis: RolloutAnalysis,
  analysisEnd: Date | undefined,
  elapsedMs: number,
  intervalMs: number,
  clock: Clock
): Promise<AnalysisOutcome> {
  const end = analysisEnd ?? new Date(clock.now())
  const lookback = analysis.config.lookbackMs ?? Math.max(elapsedMs, intervalMs)
  const window: AnalysisWindow = { start: new Date(end.getTime() - lookback), end }
  try {
    const samples = await analysis.provider.fetch(analysis.config, stage, window)
    return judgeSamples(analysis.config, analysis.judge, samples, window, analysis.thresholds)
  } catch (error) {
    if (error instanceof ProviderUnavailableError) return noDataOutcome(window, withHint(error))
    throw error
  }
}

/** The provider's failure and what to check: it becomes the reason of a rollback for no data, which the user reads. */
function withHint(error: ProviderUnavailableError): string {
  const { hint } = error.details
  return hint ? `${error.message.replace(/\.$/, '')}. ${hint}` : error.message
}

/**
 * The stages whose final analysis cannot have the samples a side the Mann-Whitney judge needs (5 at 98%), known
 * before any traffic moves when the provider is Prometheus: its window (the stage's bake, or `lookback`) holds
 * window / step + 1 points. Such a stage ends inconclusive, holds, and rolls back unless the extra time brings them.
 */
export function stagesTooShortToJudge(
  stages: readonly Stage[],
  config: AnalysisConfig,
  judge: JudgeName
): Array<{ stage: Stage; samples: number; needed: number }> {
  if (judge !== 'mann-whitney' || config.provider.kind !== 'prometheus') return []
  if (config.metrics.every(metric => metric.counts)) return []
  const { stepMs } = config.provider
  const needed = minimumSamplesPerSide(CANARY_OPTIONS.confidenceLevel)
  return stages.flatMap(stage => {
    if (!stage.analysis || stage.bakeMs <= 0) return []
    const samples = Math.floor((config.lookbackMs ?? stage.bakeMs) / stepMs) + 1
    return samples < needed ? [{ stage, samples, needed }] : []
  })
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}
