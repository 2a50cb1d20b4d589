import { UserError } from '../errors/user-error.js'
import { Profile, PROFILE_VERSION, profileStateProblem } from '../stats/profile.js'
import type { DataSource, ValidationReport } from './report.js'
import type { Rules } from './rules.js'
import { finishResults, type DataRuleResult } from './data-rule-result.js'
import { checkNullFractions, checkRowCount } from './dataset-checks.js'
import { checkRuleColumns } from './rule-columns.js'

/** One shard's report as read from its file, named as the user sees it. */
export interface ShardReport {
  name: string
  report: unknown
}

export interface MergedShards {
  /** The data files the shards read, in shard order. */
  files: string[]
  /** The digests the shards recorded (reports written before digests were recorded have none). */
  sources: DataSource[]
  profile: Profile
  rules: DataRuleResult[]
}

/**
 * Merges the reports of shards validated in parallel (mode: merge): counts add up rule by rule, examples are kept
 * up to `maxErrors` in all, and the profiles merge exactly. Rules about the whole dataset — the row count and null
 * fractions — are checked again on the merged profile when the rules file is given: per-shard verdicts do not add up.
 */
export function mergeShardReports(
  shards: ShardReport[],
  rulesFile: Rules | undefined,
  maxErrors: number
): MergedShards {
  const profile = new Profile()
  const rules = new Map<string, DataRuleResult>()
  const files: string[] = []
  const sources: DataSource[] = []
  let examplesLeft = maxErrors
  for (const { name, report: data } of shards) {
    const report = data as ValidationReport | null
    if (report?.mlciValidateData !== 1) {
      throw new UserError(
        `Input 'data': ${name} is not a validate-data report (no "mlciValidateData": 1); mode merge reads the reports of mode validate.`,
        { file: name }
      )
    }
    files.push(...report.files)
    if (Array.isArray(report.sources)) sources.push(...report.sources)
    const state = report.profile as ValidationReport['profile'] | undefined
    if (state?.mlciProfile !== PROFILE_VERSION) {
      throw new UserError(
        `Input 'data': ${name} holds a profile of version ${String(state?.mlciProfile)}; this mlci merges version ${PROFILE_VERSION}. Validate that shard again with this version.`,
        { file: name }
      )
    }
    const problem = profileStateProblem(state)
    if (problem)
      throw new UserError(`Input 'data': ${name} holds an unusable profile: ${problem}.`, { file: name })
    profile.merge(Profile.fromJSON(state))
    for (const rule of report.rules) {
      const mine = rules.get(rule.id)
      const samples = rule.samples.slice(0, Math.max(examplesLeft, mine ? 0 : 1))
      examplesLeft = Math.max(0, examplesLeft - samples.length)
      if (!mine) rules.set(rule.id, { ...rule, samples })
      else {
        mine.considered += rule.considered
        mine.violations += rule.violations
        mine.samples.push(...samples)
      }
    }
  }
  // As in a run over all the files at once: a rule about a column no shard has is a mistake in the rules
  // file. Shards without rows have no column profiles, so they cannot tell.
  if (rulesFile && profile.rows > 0)
    checkRuleColumns(
      rulesFile,
      new Set(profile.columns.keys()),
      `the data of ${plural(shards.length, 'report')}`
    )
  rules.delete('rows')
  const wholeRules = rulesFile ? checkNullFractions(rulesFile, profile) : []
  for (const result of wholeRules) rules.delete(result.id)
  const merged = finishResults([...rules.values()])
  const rowRule = rulesFile ? checkRowCount(rulesFile.rows, profile.rows) : undefined
  if (rowRule) wholeRules.push(rowRule)
  merged.push(...finishResults(wholeRules))
  return { files, sources, profile, rules: merged }
}

function plural(count: number, noun: string): string {
  return count === 1 ? `the ${noun}` : `the ${count} ${noun}s`
}
