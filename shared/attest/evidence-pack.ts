import type { MetricEstimate } from '../metrics/metric-estimate.js'
import type { Results } from '../metrics/results.js'
import { escapeMarkdown, renderTable } from '../report/markdown.js'
import { formatNumber } from '../report/number-format.js'
import type { DatasetEvidence } from './dataset-evidence.js'
import type { FileEvidence, ModelSubject } from './statement.js'

/** The artifact type of the evidence pack referrer: ours. Its two files are the JSON twin and the markdown. */
export const EVIDENCE_PACK_TYPE = 'application/vnd.mlci.evidence-pack.v1+json'
export const EVIDENCE_PACK_JSON = 'evidence-pack.json'
export const EVIDENCE_PACK_MARKDOWN = 'technical-documentation.md'

/** What only the provider can write: marked, never invented. */
export const TO_BE_WRITTEN = 'TO BE WRITTEN BY THE PROVIDER'

/**
 * The headings of Regulation (EU) 2024/1689 (the AI Act), Annex IV, "Technical documentation referred to in
 * Article 11(1)", that no CI step knows the answer to. The pack fills in what the actions measured (Annex IV
 * 2(d) data, 2(g) validation and testing, 6 changes) and leaves these to the provider.
 */
const PROVIDER_SECTIONS = [
  'Annex IV 1: general description — intended purpose, provider, how the system interacts with other systems, forms in which it is placed on the market, instructions for use',
  'Annex IV 2(b)–(c): design specifications, system architecture and computational resources',
  'Annex IV 2(d): how the data was obtained and selected, labelling procedures, data cleaning methodologies',
  'Annex IV 2(e): assessment of the human oversight measures (Article 14)',
  'Annex IV 2(g): potentially discriminatory impacts; test logs dated and signed by the responsible persons',
  'Annex IV 3: monitoring, functioning and control — capabilities and limitations, foreseeable unintended outcomes and risks, specifications on input data',
  'Annex IV 4: the appropriateness of the performance metrics for this system',
  'Annex IV 5: the risk management system (Article 9)',
  'Annex IV 7–8: harmonised standards applied; the EU declaration of conformity (Article 47)',
  'Annex IV 9: the post-market monitoring plan (Article 72)'
] as const

export interface EvidencePackInput {
  model: ModelSubject & { tags: string[]; created?: string }
  results?: Results
  resultsFile?: FileEvidence
  policyFile?: FileEvidence
  datasets: DatasetEvidence[]
  lineage: { commit?: string; sourceUrl?: string; runUrl?: string; workflowRef?: string }
}

interface MetricRow {
  metric: string
  slice?: string
  value: number | null
  nonFinite?: string
  reason?: string
  ci?: { low: number; high: number }
}

export interface EvidencePack {
  mlciEvidencePack: 1
  model: EvidencePackInput['model']
  datasets: DatasetEvidence[]
  evaluation: {
    resultsFile: FileEvidence
    policyFile?: FileEvidence
    verdict: Results['verdict']
    commit: string | null
    procedure: Pick<
      Results['candidate'],
      'source' | 'task' | 'examples' | 'confidence' | 'bootstrap' | 'seed'
    >
    baseline: { source: Results['baseline']['source']; commit: string | null; detail?: string }
    metrics: MetricRow[]
    rules: Results['rules']
  } | null
  lineage: EvidencePackInput['lineage']
  /** At publish time none: deploy records them (GitHub deployments of this digest). */
  deployments: { known: false; note: string }
  toBeWrittenByProvider: readonly string[]
}

export function buildEvidencePack(input: EvidencePackInput): EvidencePack {
  const results = input.results
  return {
    mlciEvidencePack: 1,
    model: input.model,
    datasets: input.datasets,
    evaluation:
      results && input.resultsFile
        ? {
            resultsFile: input.resultsFile,
            ...(input.policyFile ? { policyFile: input.policyFile } : {}),
            verdict: results.verdict,
            commit: results.commit,
            procedure: {
              source: results.candidate.source,
              task: results.candidate.task,
              examples: results.candidate.examples,
              confidence: results.candidate.confidence,
              bootstrap: results.candidate.bootstrap,
              seed: results.candidate.seed
            },
            baseline: {
              source: results.baseline.source,
              commit: results.baseline.commit,
              detail: results.baseline.detail
            },
            metrics: metricRows(results),
            rules: results.rules
          }
        : null,
    lineage: input.lineage,
    deployments: {
      known: false,
      note: 'None yet: this pack is written when the model is published, before any deployment. Deployments and rollbacks of this digest are recorded by mlci deploy as GitHub deployments.'
    },
    toBeWrittenByProvider: PROVIDER_SECTIONS
  }
}

function metricRows(results: Results): MetricRow[] {
  const row = (metric: string, estimate: MetricEstimate, slice?: string): MetricRow => ({
    metric,
    ...(slice === undefined ? {} : { slice }),
    value: estimate.value,
    ...(estimate.nonFinite ? { nonFinite: estimate.nonFinite } : {}),
    ...(estimate.reason ? { reason: estimate.reason } : {}),
    ...(estimate.ci ? { ci: estimate.ci } : {})
  })
  return [
    ...Object.entries(results.candidate.metrics).map(([m, e]) => row(m, e)),
    ...(results.candidate.slices ?? []).flatMap(s =>
      Object.entries(s.values).flatMap(([value, set]) =>
        Object.entries(set).map(([m, e]) => row(m, e, `${s.column}=${value}`))
      )
    )
  ]
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``
const orCode = (value: string | undefined) => (value ? code(value) : 'not recorded')
const orUnknown = (value: string | number | undefined | null) =>
  value === undefined || value === null ? 'not recorded' : escapeMarkdown(String(value))

/**
 * technical-documentation.md from the pack. Every string that came from a file (metric, slice, dataset and file
 * names, messages) goes through markdown.ts; digests and our own words are written as they are.
 */
export function renderEvidencePack(pack: EvidencePack): string {
  const m = pack.model
  const lines: string[] = [
    `# Technical documentation: ${escapeMarkdown(m.name)}@${m.digest}`,
    '',
    `Generated by mlci publish from what the pipeline measured. Sections marked **${TO_BE_WRITTEN}** hold what only the provider can state; nothing there is filled in for you.`,
    '',
    '## Model',
    '',
    `- manifest digest: ${code(m.digest)}`,
    `- tags: ${m.tags.map(t => escapeMarkdown(t)).join(', ') || 'none'}`,
    `- created (commit time): ${orUnknown(m.created)}`,
    '',
    '## Data (Annex IV 2(d)): datasets and their validation',
    ''
  ]
  if (pack.datasets.length === 0) lines.push('No dataset was named (publish input `datasets`).', '')
  else {
    lines.push(
      renderTable(
        [
          { header: 'dataset' },
          { header: 'file' },
          { header: 'sha256' },
          { header: 'bytes', align: 'right' },
          { header: 'validation' }
        ],
        pack.datasets.flatMap(d =>
          d.sources.map(s => [
            d.name,
            s.file,
            { markdown: code(s.sha256) },
            String(s.bytes),
            d.validation
              ? `${d.validation.valid ? 'passed' : 'FAILED'} (${d.validation.errors} error(s), ${d.validation.warnings} warning(s), fail-on ${d.validation.failOn}; ${d.rows} rows) — ${d.file}`
              : `profiled only, not validated (${d.rows} rows) — ${d.file}`
          ])
        )
      ),
      ''
    )
  }
  lines.push('## Validation and testing (Annex IV 2(g))', '')
  const e = pack.evaluation
  if (!e) lines.push('No evaluate results file was given to publish: no evaluation is recorded.', '')
  else {
    lines.push(
      `- verdict: **${e.verdict}**`,
      `- results file: ${escapeMarkdown(e.resultsFile.name)}, sha256 ${code(e.resultsFile.sha256)}`,
      `- policy: ${e.policyFile ? `${escapeMarkdown(e.policyFile.name)}, sha256 ${code(e.policyFile.sha256)}` : 'not recorded'}`,
      `- evaluated commit: ${orUnknown(e.commit)}`,
      `- procedure: metrics from ${e.procedure.source}${e.procedure.task ? ` (${e.procedure.task})` : ''}, ${orUnknown(e.procedure.examples)} examples; ` +
        (e.procedure.bootstrap
          ? `${formatNumber((e.procedure.confidence ?? 0.95) * 100)}% bootstrap intervals from ${e.procedure.bootstrap} resamples (seed ${orUnknown(e.procedure.seed)})`
          : 'no intervals'),
      `- baseline: ${e.baseline.source}${e.baseline.commit ? ` at ${code(e.baseline.commit)}` : ''}`,
      '',
      '### Metrics, overall and per slice',
      '',
      renderTable(
        [
          { header: 'metric' },
          { header: 'slice' },
          { header: 'value', align: 'right' },
          { header: 'interval' }
        ],
        e.metrics.map(r => [
          r.metric,
          r.slice ?? 'all',
          r.value === null
            ? `${r.nonFinite ?? 'undefined'}${r.reason ? `: ${r.reason}` : ''}`
            : formatNumber(r.value),
          // Numbers we format: markdown as it is.
          { markdown: r.ci ? `[${formatNumber(r.ci.low)}, ${formatNumber(r.ci.high)}]` : '' }
        ])
      ),
      '',
      '### Policy rules',
      '',
      renderTable(
        [
          { header: 'metric' },
          { header: 'slice' },
          { header: 'rule' },
          { header: 'threshold', align: 'right' },
          { header: 'actual', align: 'right' },
          { header: 'status' }
        ],
        e.rules.map(r => [
          r.metric,
          r.slice ?? 'all',
          r.rule,
          r.threshold === null ? '' : formatNumber(r.threshold),
          r.actual === null ? '' : formatNumber(r.actual),
          `${r.status}${r.informational ? ' (informational)' : ''}`
        ])
      ),
      ''
    )
  }
  lines.push(
    '## Lineage and changes (Annex IV 6)',
    '',
    // The runner's values, in code spans: copyable, never autolinked or taken for a mention.
    `- source: ${orCode(pack.lineage.sourceUrl)}`,
    `- commit: ${orCode(pack.lineage.commit)}`,
    `- workflow: ${orCode(pack.lineage.workflowRef)}`,
    `- run: ${orCode(pack.lineage.runUrl)}`,
    '',
    '### Deployments and rollbacks',
    '',
    pack.deployments.note,
    '',
    '## To be written by the provider',
    '',
    ...pack.toBeWrittenByProvider.map(section => `### ${section}\n\n**${TO_BE_WRITTEN}**\n`)
  )
  return lines.join('\n')
}
