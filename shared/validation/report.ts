import { renderTable, escapeMarkdown } from '../report/markdown.js'
import { formatNumber } from '../report/number-format.js'
import type { ProfileState } from '../stats/profile.js'
import type { DriftResult } from './drift-check.js'
import type { DataRuleResult, Sample } from './data-rule-result.js'

/**
 * A data file as read: its sha256 (lower-case hex) and size, so what was validated can be named by digest
 * (publish's provenance and ML-BOM take it from here). Added after `mlciValidateData: 1`'s first release.
 */
export interface DataSource {
  file: string
  sha256: string
  bytes: number
}

/** The JSON report: everything, complete even when max-errors cut the examples (counts keep counting). */
export interface ValidationReport {
  mlciValidateData: 1
  valid: boolean
  failOn: 'error' | 'warning' | 'never'
  files: string[]
  /** One per data file, in the order of `files` (a merged report: those of the shards that recorded them). */
  sources: DataSource[]
  rows: number
  errors: number
  warnings: number
  rules: DataRuleResult[]
  drift?: DriftResult
  driftedColumns: string[]
  profile: ProfileState
}

/** How an approximate score is shown (README, Drift). */
const APPROXIMATIONS = { sketch: 'on the sketch', 'hash-classes': 'on hash classes: a lower bound' } as const

export function countFindings(
  rules: DataRuleResult[],
  drift: DriftResult | undefined
): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const rule of rules) {
    if (!rule.failed) continue
    if (rule.severity === 'error') errors += rule.violations
    else warnings += rule.violations
  }
  if (drift) {
    for (const column of drift.columns) {
      if (column.drifted && column.gating) errors++
      else if (column.drifted || column.warned) warnings++
    }
    // A column with its own fail rule that cannot be scored must not pass silently.
    for (const column of drift.unscored) if (column.gating) errors++
    if (drift.datasetDrift) errors++
  }
  return { errors, warnings }
}

export function isValid(failOn: ValidationReport['failOn'], errors: number, warnings: number): boolean {
  if (failOn === 'never') return true
  return failOn === 'error' ? errors === 0 : errors + warnings === 0
}

function whereOf(sample: Sample): string {
  if (!sample.file) return ''
  return sample.location === 'line' ? `${sample.file}:${sample.line}` : `${sample.file} row ${sample.line}`
}

/** One line per failed rule, worded for an annotation. */
export function describeRule(rule: DataRuleResult): string {
  const first = rule.samples[0]
  if (first && !first.file) return `${rule.id}: expected ${rule.description}, got ${first.value}`
  const share =
    rule.considered > 0
      ? ` (${formatNumber((rule.violations / rule.considered) * 100, 3)}% of ${rule.considered})`
      : ''
  const mostly = rule.mostly < 1 ? `, mostly ${rule.mostly} required` : ''
  const example = first
    ? `; first at ${whereOf(first) || 'dataset level'}: '${first.value}'${first.message ? ` (${first.message})` : ''}`
    : ''
  return `${rule.id}: ${rule.violations} row(s) break "${rule.description}"${share}${mostly}${example}`
}

export function renderSummary(report: ValidationReport, maxRows = 20): string {
  const verdict = report.valid ? '✅ passed' : '❌ failed'
  const parts = [
    `### mlci validate-data: ${verdict}`,
    '',
    `${report.rows} rows in ${report.files.map(f => `\`${escapeMarkdown(f)}\``).join(', ')}: ${report.errors} error(s), ${report.warnings} warning(s) (fail-on: ${report.failOn}).`,
    ''
  ]
  const ruleRows = report.rules.map(rule => [
    rule.failed ? (rule.severity === 'error' ? '❌' : '⚠️') : '✅',
    rule.id,
    rule.description,
    String(rule.violations),
    String(rule.considered),
    rule.mostly < 1 ? String(rule.mostly) : ''
  ])
  if (ruleRows.length) {
    parts.push(
      renderTable(
        [
          { header: '' },
          { header: 'rule' },
          { header: 'expects' },
          { header: 'violations', align: 'right' },
          { header: 'checked', align: 'right' },
          { header: 'mostly', align: 'right' }
        ],
        ruleRows
      ),
      ''
    )
  }
  const bad = report.rules
    .filter(r => r.failed)
    .flatMap(rule => rule.samples.map(sample => ({ rule, sample })))
  if (bad.length) {
    parts.push('#### First bad rows', '')
    parts.push(
      renderTable(
        [{ header: 'where' }, { header: 'rule' }, { header: 'value' }, { header: 'note' }],
        bad
          .slice(0, maxRows)
          .map(({ rule, sample }) => [whereOf(sample), rule.id, sample.value, sample.message ?? ''])
      ),
      ''
    )
  }
  if (report.drift) {
    const d = report.drift
    parts.push(
      `#### Drift: ${d.columns.filter(c => c.drifted).length} of ${d.columns.length} column(s) drifted (share ${formatNumber(d.share, 3)}, dataset drifts at ≥ ${d.datasetShare})${d.datasetDrift ? ' — dataset drift' : ''}`,
      ''
    )
    parts.push(
      renderTable(
        [
          { header: 'column' },
          { header: 'method' },
          { header: 'score', align: 'right' },
          { header: 'threshold', align: 'right' },
          { header: 'drifted' }
        ],
        [
          ...d.columns.map(c => [
            c.column,
            c.approximation ? `${c.method} (${APPROXIMATIONS[c.approximation]})` : c.method,
            formatNumber(c.score),
            formatNumber(c.threshold),
            c.drifted ? 'yes' : c.warned ? 'warn' : 'no'
          ]),
          ...d.unscored.map(c => [
            c.column,
            '',
            '',
            '',
            `no score: ${c.reason}${c.gating ? ' (fails: the column has its own fail rule)' : ''}`
          ])
        ]
      ),
      ''
    )
  }
  return parts.join('\n')
}
