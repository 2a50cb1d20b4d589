import type { MetricEstimate, MetricSet } from '../metrics/metric-estimate.js'
import type { Results } from '../metrics/results.js'
import type { DatasetEvidence } from './dataset-evidence.js'

/** CycloneDX 1.6 JSON (CycloneDX/specification `schema/bom-1.6.schema.json`). */
export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json'

/** Where the model lives: an OCI repository (`HOST/REPOSITORY`) or a layout on disk. */
interface BomModel {
  /** `HOST/REPOSITORY`, or a layout's path. */
  name: string
  /** `sha256:<hex>` */
  digest: string
  version?: string
  /** For a registry: the OCI reference; a layout has no purl. */
  oci?: { host: string; repository: string }
}

export interface BomInput {
  model: BomModel
  results?: Results
  datasets: DatasetEvidence[]
  /** RFC 3339: the commit's time (never the clock's, so a re-run makes the same BOM). */
  timestamp?: string
  tool: { name: string; version?: string }
}

type Component = Record<string, unknown>
interface Property {
  name: string
  value: string
}

/**
 * A CycloneDX 1.6 ML-BOM for the published model. The model (`machine-learning-model`, hashed by its manifest
 * digest, its purl `pkg:oci/…`) is the BOM's subject (`metadata.component`); its model card holds every metric
 * of evaluate's candidate, for the whole data and per slice, with the bootstrap interval where there is one;
 * each dataset is a `data` component with its files' sha256 and validate-data's outcome as properties. The policy
 * thresholds have no field in the model card (considerations are prose), so each rule is a property
 * `mlci:policy:rule` of the model, as the CycloneDX property taxonomy's `namespace:name` convention asks.
 * No serialNumber: the same model, results and data make the same BOM, byte for byte, so a re-run attaches no
 * second one; its identity is its digest.
 */
export function buildModelBom(input: BomInput): Record<string, unknown> {
  const datasets = input.datasets.map((dataset, i) => datasetComponent(dataset, `dataset-${i + 1}`))
  const model: Component = {
    type: 'machine-learning-model',
    'bom-ref': 'model',
    name: input.model.name,
    ...(input.model.version ? { version: input.model.version } : {}),
    hashes: [hash(input.model.digest)],
    ...(input.model.oci ? { purl: ociPurl(input.model.oci, input.model.digest) } : {}),
    modelCard: modelCard(input.results, datasets),
    ...(input.results ? { properties: evaluationProperties(input.results) } : {})
  }
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      ...(input.timestamp ? { timestamp: input.timestamp } : {}),
      tools: {
        components: [
          {
            type: 'application',
            name: input.tool.name,
            ...(input.tool.version ? { version: input.tool.version } : {})
          }
        ]
      },
      component: model
    },
    components: datasets,
    dependencies: [{ ref: 'model', dependsOn: datasets.map(d => d['bom-ref'] as string) }]
  }
}

/** purl-spec `oci` type: the last path segment is the name, the full repository goes to `repository_url`. */
function ociPurl(oci: { host: string; repository: string }, digest: string): string {
  const name = oci.repository.split('/').pop()!.toLowerCase()
  return `pkg:oci/${encodeURIComponent(name)}@${encodeURIComponent(digest)}?repository_url=${encodeURIComponent(`${oci.host}/${oci.repository}`).replace(/%2F/g, '/')}`
}

function hash(digest: string): { alg: string; content: string } {
  return { alg: 'SHA-256', content: digest.slice('sha256:'.length) }
}

function modelCard(results: Results | undefined, datasets: Component[]): Record<string, unknown> {
  return {
    ...(datasets.length > 0
      ? { modelParameters: { datasets: datasets.map(d => ({ ref: d['bom-ref'] as string })) } }
      : {}),
    ...(results ? { quantitativeAnalysis: { performanceMetrics: performanceMetrics(results) } } : {})
  }
}

/** Every metric of the candidate, then every metric of every slice (`column=value`). */
function performanceMetrics(results: Results): Record<string, unknown>[] {
  const metrics = (set: MetricSet, slice?: string) =>
    Object.entries(set).map(([name, estimate]) => performanceMetric(name, estimate, slice))
  return [
    ...metrics(results.candidate.metrics),
    ...(results.candidate.slices ?? []).flatMap(s =>
      Object.entries(s.values).flatMap(([value, set]) => metrics(set, `${s.column}=${value}`))
    )
  ]
}

function performanceMetric(name: string, estimate: MetricEstimate, slice: string | undefined) {
  return {
    type: name,
    // A metric without a finite value is said to be so, never a number.
    value: estimate.value === null ? (estimate.nonFinite ?? 'undefined') : String(estimate.value),
    ...(slice === undefined ? {} : { slice }),
    ...(estimate.ci
      ? { confidenceInterval: { lowerBound: String(estimate.ci.low), upperBound: String(estimate.ci.high) } }
      : {})
  }
}

/** The verdict, how the intervals were made, and each policy rule with its threshold. */
function evaluationProperties(results: Results): Property[] {
  const candidate = results.candidate
  const properties: Property[] = [{ name: 'mlci:evaluation:verdict', value: results.verdict }]
  if (results.commit) properties.push({ name: 'mlci:evaluation:commit', value: results.commit })
  if (results.policyFile) properties.push({ name: 'mlci:policy:file', value: results.policyFile })
  if (candidate.confidence !== undefined)
    properties.push({ name: 'mlci:evaluation:confidence', value: String(candidate.confidence) })
  if (candidate.bootstrap !== undefined)
    properties.push({ name: 'mlci:evaluation:bootstrap-resamples', value: String(candidate.bootstrap) })
  if (candidate.examples !== undefined)
    properties.push({ name: 'mlci:evaluation:examples', value: String(candidate.examples) })
  for (const rule of results.rules) {
    properties.push({
      name: 'mlci:policy:rule',
      value: JSON.stringify({
        metric: rule.metric,
        ...(rule.slice === undefined ? {} : { slice: rule.slice }),
        rule: rule.rule,
        threshold: rule.threshold,
        actual: rule.actual,
        status: rule.status,
        ...(rule.informational ? { informational: true } : {})
      })
    })
  }
  return properties
}

function datasetComponent(dataset: DatasetEvidence, ref: string): Component {
  const files = dataset.sources.map((source, i) => ({
    type: 'data',
    'bom-ref': `${ref}-file-${i + 1}`,
    name: source.file,
    hashes: [{ alg: 'SHA-256', content: source.sha256 }],
    properties: [{ name: 'mlci:data:bytes', value: String(source.bytes) }]
  }))
  const properties: Property[] = [
    ...(files.length === 1 ? [{ name: 'mlci:data:file', value: files[0].name }] : []),
    { name: 'mlci:data:rows', value: String(dataset.rows) },
    { name: `mlci:data:evidence`, value: `${dataset.kind} ${dataset.file}` }
  ]
  const validation = dataset.validation
  if (validation) {
    properties.push(
      { name: 'mlci:validation:valid', value: String(validation.valid) },
      { name: 'mlci:validation:fail-on', value: validation.failOn },
      { name: 'mlci:validation:errors', value: String(validation.errors) },
      { name: 'mlci:validation:warnings', value: String(validation.warnings) }
    )
  } else properties.push({ name: 'mlci:validation:valid', value: 'not validated (a profile)' })
  return {
    type: 'data',
    'bom-ref': ref,
    name: dataset.name,
    // One file: the dataset is that file; several: each is a component of the dataset.
    ...(files.length === 1 ? { hashes: files[0].hashes } : { components: files }),
    data: [{ type: 'dataset', name: dataset.name }],
    properties
  }
}
