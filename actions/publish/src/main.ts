import * as path from 'node:path'
import * as core from '@actions/core'
import * as log from '../../../shared/runner/log.js'
import { expandGlobs } from '../../../shared/runner/globs.js'
import { UserError } from '../../../shared/errors/user-error.js'
import type { Metrics } from '../../../shared/metrics/metric-file.js'
import {
  metricValues,
  parseMetricsDocument,
  type MetricsDocument
} from '../../../shared/metrics/metrics-document.js'
import { readRunContext } from '../../../shared/runner/run-context.js'
import { setOutputs, writeJobSummary } from '../../../shared/runner/step-output.js'
import { userFiles, type UserFiles } from '../../../shared/runner/user-files.js'
import type { UserFile } from '../../../shared/io/user-file.js'
import { fileBlob } from '../../../shared/registry/blob-source.js'
import type { ContentStore } from '../../../shared/registry/content-store.js'
import type { Destination } from '../../../shared/registry/destination.js'
import { digestFile } from '../../../shared/registry/file-digest.js'
import { ANNOTATION_TITLE, ATTACHMENT, EVALUATION_RESULTS } from '../../../shared/registry/media-types.js'
import { MlflowClient } from '../../../shared/registry/mlflow-client.js'
import {
  publishModel,
  type PublishResult,
  type ReferrerRequest
} from '../../../shared/registry/model-publish.js'
import { OciClient } from '../../../shared/registry/oci-client.js'
import { OciLayout } from '../../../shared/registry/oci-layout.js'
import { renderTable } from '../../../shared/report/markdown.js'
import { formatNumber } from '../../../shared/report/number-format.js'
import { getInputs, type Inputs } from './inputs.js'
import { readLineage, type Lineage } from './lineage.js'
import { collectModelFiles } from './model-files.js'
import { evidenceReferrers, readDatasets, readEvaluation, type EvidenceOutcome } from './evidence.js'

/** Lineage keys of our own, next to the `org.opencontainers.image.*` ones. */
const RUN_URL = 'dev.mlci.run.url'
const METRICS = 'dev.mlci.metrics'

export async function run(): Promise<void> {
  const context = readRunContext()
  const inputs = getInputs(context)
  const userFileReader = userFiles(context)
  if (inputs.credentials) core.setSecret(inputs.credentials.password)
  if (inputs.mlflowCredentials) core.setSecret(inputs.mlflowCredentials.password)
  const target = inputs.destinations.find(d => d.kind !== 'mlflow')!

  const files = await collectModelFiles(inputs.model, context.workspace, userFileReader)
  const results = inputs.results ? await readResults(inputs.results, userFileReader) : undefined
  const metrics = results?.metrics
  // Read and checked before anything is pushed: a wrong file fails the step with nothing sent.
  const evaluation = await readEvaluation(inputs, results, userFileReader)
  const datasets = await readDatasets(inputs, userFileReader)
  const lineage = await readLineage(context)
  const metadata = {
    name: modelName(target),
    version: inputs.tags[0],
    revision: lineage.revision,
    sourceUrl: lineage.sourceUrl,
    created: lineage.created,
    annotations: { ...lineageAnnotations(lineage, inputs.tags[0], metrics), ...inputs.annotations }
  }
  const referrers = await referrersOf(inputs, results?.file, context.workspace, userFileReader)
  const tags = [
    ...inputs.tags,
    ...(inputs.alias && !inputs.tags.includes(inputs.alias) ? [inputs.alias] : [])
  ]

  const subjectName =
    target.kind === 'oci'
      ? `${target.host}/${target.repository}`
      : target.kind === 'oci-layout'
        ? target.path
        : ''
  const evidence: EvidenceOutcome = { attestationIds: [] }
  const aboutModel = evaluation
    ? evidenceReferrers(
        {
          evaluation,
          datasets,
          subjectName,
          oci: target.kind === 'oci' ? { host: target.host, repository: target.repository } : undefined,
          tags,
          lineage,
          context,
          attest: inputs.attest,
          githubToken: inputs.githubToken,
          sigstore: inputs.sigstore
        },
        evidence
      )
    : undefined

  const store = openStore(target, inputs)
  let result: PublishResult
  try {
    // Unreachable registry or refused credentials: say so before reading a possibly large model.
    if (store instanceof OciClient) await store.ping()
    log.info`Publishing ${files.length} model file(s) to ${store.name}.`
    result = await publishModel(store, {
      files: files.map(file => ({ path: file.path, file: file.absolute })),
      metadata,
      tags,
      referrers,
      referrersOf: aboutModel,
      log: message => log.info`${message}`
    })
  } finally {
    if (store instanceof OciClient) store.close()
  }
  const modelUri =
    target.kind === 'oci' ? `${subjectName}@${result.digest}` : `oci-layout://${subjectName}@${result.digest}`
  if (evaluation) {
    const signed = inputs.attest ? 'signed' : 'unsigned'
    log.info`Attached to ${result.digest}: the Test Result (${evaluation.results.verdict}) and provenance statements (${signed}), the CycloneDX ML-BOM ${evidence.bomDigest ?? ''} and the evidence pack, with ${datasets.length} dataset(s).`
  }
  log.info`Published ${modelUri}: ${result.blobs.uploaded} blob(s) uploaded (${result.uploadedBytes} bytes), ${result.blobs.present} already present, ${result.blobs.mounted} mounted.`

  const registrations: { name: string; version: string; uri: string }[] = []
  for (const destination of inputs.destinations) {
    if (destination.kind !== 'mlflow') continue
    const mlflow = new MlflowClient({ baseUrl: destination.baseUrl, credentials: inputs.mlflowCredentials })
    const version = await mlflow.register({
      name: destination.name,
      source: target.kind === 'oci' ? `oci://${modelUri}` : modelUri,
      runLink: lineage.runUrl,
      alias: inputs.alias,
      identity: { key: 'mlci.digest', value: result.digest },
      tags: {
        'mlci.digest': result.digest,
        ...(lineage.revision ? { 'mlci.git.sha': lineage.revision } : {}),
        ...(lineage.runUrl ? { 'mlci.run.url': lineage.runUrl } : {}),
        ...(metrics ? { 'mlci.metrics': JSON.stringify(metrics) } : {})
      }
    })
    log.info`Registered ${destination.name} version ${version.version} in MLflow at ${destination.host}.`
    registrations.push({
      name: destination.name,
      version: version.version,
      uri: `models:/${destination.name}/${version.version}`
    })
  }

  await setOutputs({
    digest: result.digest,
    'model-uri': modelUri,
    tags: JSON.stringify(tags),
    referrers: JSON.stringify(result.referrers),
    'subject-name': subjectName,
    'subject-digest': result.digest,
    'bom-digest': evidence.bomDigest ?? '',
    'attestation-ids': JSON.stringify(evidence.attestationIds),
    ...(registrations.length > 0 ? { 'mlflow-versions': JSON.stringify(registrations) } : {})
  })
  await writeJobSummary(`## mlci publish\n\n${renderSummary(modelUri, tags, result)}`)
}

function openStore(target: Destination, inputs: Inputs): ContentStore {
  if (target.kind === 'oci-layout') return new OciLayout(target.path)
  if (target.kind !== 'oci') throw new Error('unreachable: mlflow is not a content store')
  return new OciClient({
    baseUrl: target.baseUrl,
    repository: target.repository,
    credentials: inputs.credentials,
    tokenServices: inputs.tokenServices,
    onSecret: secret => core.setSecret(secret),
    log: message => log.info`${message}`
  })
}

function modelName(target: Destination): string {
  if (target.kind === 'oci') return target.repository
  return path.basename(target.kind === 'oci-layout' ? target.path : target.name)
}

function lineageAnnotations(
  lineage: Lineage,
  version: string,
  metrics: Metrics | undefined
): Record<string, string> {
  const annotations: Record<string, string> = { 'org.opencontainers.image.version': version }
  if (lineage.revision) annotations['org.opencontainers.image.revision'] = lineage.revision
  if (lineage.sourceUrl) annotations['org.opencontainers.image.source'] = lineage.sourceUrl
  if (lineage.runUrl) annotations[RUN_URL] = lineage.runUrl
  if (metrics) annotations[METRICS] = JSON.stringify(metrics)
  return annotations
}

/**
 * The metrics to annotate the model with: from evaluate's results file (its candidate metrics, without
 * intervals or rule details), or from a plain metrics file (DVC's included).
 */
async function readResults(
  raw: string,
  files: UserFiles
): Promise<{ file: UserFile & { text: string }; document: MetricsDocument; metrics: Metrics }> {
  const file = await files.read('results', raw)
  const document = await parseMetricsDocument(file.text, file.name)
  const metrics = metricValues(document)
  if (Object.keys(metrics).length === 0)
    throw new UserError(`Input 'results': ${file.name} holds no numeric metric.`, { file: file.name })
  return { file, document, metrics }
}

async function referrersOf(
  inputs: Inputs,
  results: UserFile | undefined,
  workspace: string,
  files: UserFiles
): Promise<ReferrerRequest[]> {
  const referrers: ReferrerRequest[] = []
  const attachment = async (file: string, mediaType: string) => {
    const { digest, size } = await digestFile(file)
    return fileBlob(file, {
      mediaType,
      digest,
      size,
      annotations: { [ANNOTATION_TITLE]: path.basename(file) }
    })
  }
  if (results) {
    const mediaType = /\.ya?ml$/i.test(results.name) ? 'application/yaml' : 'application/json'
    referrers.push({
      artifactType: EVALUATION_RESULTS,
      files: [await attachment(results.path, mediaType)],
      annotations: { [ANNOTATION_TITLE]: path.basename(results.name) }
    })
  }
  if (inputs.attach.length > 0) {
    for (const match of await expandGlobs('attach', inputs.attach, workspace)) {
      // Inside the workspace or RUNNER_TEMP once links are resolved, as every file a user names.
      const file = await files.locate('attach', match)
      referrers.push({
        artifactType: ATTACHMENT,
        files: [await attachment(file.path, 'application/octet-stream')],
        annotations: { [ANNOTATION_TITLE]: path.basename(file.name) }
      })
    }
  }
  return referrers
}

function renderSummary(modelUri: string, tags: string[], result: PublishResult): string {
  const rows = result.layers.map(layer => [layer.path, formatNumber(layer.size), layer.digest])
  return (
    renderTable([{ header: 'model' }, { header: 'tags' }], [[modelUri, tags.join(', ')]]) +
    '\n\n' +
    renderTable([{ header: 'file' }, { header: 'bytes', align: 'right' }, { header: 'digest' }], rows) +
    '\n\n' +
    `${result.blobs.uploaded} blob(s) uploaded, ${result.blobs.present} already present, ${result.blobs.mounted} mounted.\n` +
    (result.referrers.length > 0
      ? '\n' +
        renderTable(
          [{ header: 'referrer' }, { header: 'digest' }, { header: 'files' }],
          result.referrers.map(r => [r.artifactType, r.digest, r.files.join(', ')])
        ) +
        '\n'
      : '')
  )
}
