import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { buildModelBom, CYCLONEDX_MEDIA_TYPE } from '../../../shared/attest/cyclonedx-bom.js'
import { parseDatasetEvidence, type DatasetEvidence } from '../../../shared/attest/dataset-evidence.js'
import {
  buildEvidencePack,
  EVIDENCE_PACK_JSON,
  EVIDENCE_PACK_MARKDOWN,
  EVIDENCE_PACK_TYPE,
  renderEvidencePack
} from '../../../shared/attest/evidence-pack.js'
import { buildProvenanceStatement } from '../../../shared/attest/provenance.js'
import { IN_TOTO_MEDIA_TYPE, type FileEvidence, type Statement } from '../../../shared/attest/statement.js'
import { buildTestResultStatement } from '../../../shared/attest/test-result.js'
import { UserError } from '../../../shared/errors/user-error.js'
import type { UserFile } from '../../../shared/io/user-file.js'
import type { MetricsDocument } from '../../../shared/metrics/metrics-document.js'
import type { Results } from '../../../shared/metrics/results.js'
import { memoryBlob } from '../../../shared/registry/blob-source.js'
import { contentOf, type Descriptor } from '../../../shared/registry/descriptor.js'
import { digestFile } from '../../../shared/registry/file-digest.js'
import { ANNOTATION_TITLE } from '../../../shared/registry/media-types.js'
import type { ReferrerRequest } from '../../../shared/registry/model-publish.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { UserFiles } from '../../../shared/runner/user-files.js'
import type { Inputs } from './inputs.js'
import type { Lineage } from './lineage.js'

/** evaluate's results file, with what the statements point at by digest. */
export interface Evaluation {
  results: Results
  file: FileEvidence
  policy?: FileEvidence
}

/**
 * The results file as evaluate's, when it is one (metrics-document.ts's rule: then it already matched evaluate's
 * schema). A plain metrics file is no evaluation; `datasets` and `attest` need one, since the statements are about
 * an evaluation.
 */
export async function readEvaluation(
  inputs: Inputs,
  results: { file: UserFile; document: MetricsDocument } | undefined,
  files: UserFiles
): Promise<Evaluation | undefined> {
  const needed = inputs.datasets.length > 0 || inputs.attest
  const input = inputs.attest ? 'attest' : 'datasets'
  if (!results) {
    if (needed)
      throw new UserError(
        `Input '${input}' needs 'results': the statements and the BOM are about evaluate's results.`
      )
    return undefined
  }
  const { file, document } = results
  if (document.kind !== 'results') {
    if (!needed) return undefined
    throw new UserError(
      `Input '${input}': ${file.name} is not an mlci evaluate results file (a metrics file): the statements and the BOM are about an evaluation, so 'results' must be evaluate's results file.`,
      { file: file.name }
    )
  }
  const evaluation: Evaluation = {
    results: document.results,
    file: { name: file.name, sha256: await sha256Of(file.path) }
  }
  const { policyFile, policySha256 } = document.results
  if (policyFile && policySha256) {
    // What evaluate gated with: the workspace here may be another job's checkout, with the policy changed since.
    evaluation.policy = { name: policyFile, sha256: policySha256 }
  } else if (policyFile) {
    // A results file from before evaluate recorded the digest: the policy as it is in this workspace.
    const policy = await files.locate('results', policyFile).catch(() => undefined)
    if (policy) evaluation.policy = { name: policy.name, sha256: await sha256Of(policy.path) }
    else
      log.info`The policy ${policyFile} named by ${file.name} is not in this workspace: the Test Result names the results file only.`
  }
  return evaluation
}

export async function readDatasets(inputs: Inputs, files: UserFiles): Promise<DatasetEvidence[]> {
  const datasets: DatasetEvidence[] = []
  for (const dataset of inputs.datasets) {
    const file = await files.read('datasets', dataset.path)
    datasets.push(
      parseDatasetEvidence(dataset.name === dataset.path ? file.name : dataset.name, file.text, file.name)
    )
  }
  return datasets
}

async function sha256Of(file: string): Promise<string> {
  return (await digestFile(file)).digest.slice('sha256:'.length)
}

export interface EvidenceRequest {
  evaluation: Evaluation
  datasets: DatasetEvidence[]
  subjectName: string
  oci?: { host: string; repository: string }
  tags: string[]
  lineage: Lineage
  context: RunContext
  attest: boolean
  githubToken?: string
  sigstore: { fulcioUrl: string; rekorUrl: string }
}

export interface EvidenceOutcome {
  bomDigest?: string
  attestationIds: string[]
}

/**
 * The referrers about the model once its digest is known: the Test Result and provenance statements (unsigned, or
 * the Sigstore bundles when `attest`), the ML-BOM and the evidence pack. `outcome` is filled in as they are made.
 */
export function evidenceReferrers(
  request: EvidenceRequest,
  outcome: EvidenceOutcome
): (manifest: Descriptor) => Promise<ReferrerRequest[]> {
  return async manifest => {
    const { evaluation, datasets, context, lineage } = request
    const model = { name: request.subjectName, digest: manifest.digest }
    const statements: Statement<unknown>[] = [
      buildTestResultStatement({
        model,
        results: evaluation.results,
        resultsFile: evaluation.file,
        policyFile: evaluation.policy,
        runUrl: lineage.runUrl
      }),
      buildProvenanceStatement(
        model,
        {
          serverUrl: context.serverUrl,
          repository: context.owner ? `${context.owner}/${context.repo}` : undefined,
          workflowRef: context.workflowRef,
          ref: context.ref,
          sha: context.sha || undefined,
          eventName: context.eventName || undefined,
          runUrl: context.runUrl
        },
        datasets
      )
    ]
    const referrers: ReferrerRequest[] = []
    if (request.attest) {
      // Loaded only to sign: the Sigstore client and its HTTP stack would otherwise slow every publish's start.
      const { signStatements } = await import('./sign-statements.js')
      const signed = await signStatements({
        statements,
        subject: model,
        context,
        githubToken: request.githubToken,
        sigstore: request.sigstore
      })
      for (const [i, bundle] of signed.entries()) {
        referrers.push(
          jsonReferrer(
            bundle.mediaType,
            bundle.mediaType,
            `attestation-${i + 1}.sigstore.json`,
            bundle.bundle,
            {
              'dev.sigstore.bundle.predicateType': bundle.predicateType
            }
          )
        )
        if (bundle.attestationId) outcome.attestationIds.push(bundle.attestationId)
      }
    } else {
      for (const [i, statement] of statements.entries()) {
        referrers.push(
          jsonReferrer(IN_TOTO_MEDIA_TYPE, IN_TOTO_MEDIA_TYPE, `statement-${i + 1}.intoto.json`, statement, {
            'in-toto.io/predicate-type': statement.predicateType
          })
        )
      }
    }
    const bom = buildModelBom({
      model: {
        name: request.subjectName,
        digest: manifest.digest,
        version: request.tags[0],
        oci: request.oci
      },
      results: evaluation.results,
      datasets,
      timestamp: lineage.created,
      tool: { name: 'mlci publish' }
    })
    const bomReferrer = jsonReferrer(CYCLONEDX_MEDIA_TYPE, CYCLONEDX_MEDIA_TYPE, 'bom.cdx.json', bom, {})
    outcome.bomDigest = bomReferrer.files[0].descriptor.digest
    referrers.push(bomReferrer)

    const pack = buildEvidencePack({
      model: { ...model, tags: request.tags, created: lineage.created },
      results: evaluation.results,
      resultsFile: evaluation.file,
      policyFile: evaluation.policy,
      datasets,
      lineage: {
        commit: lineage.revision,
        sourceUrl: lineage.sourceUrl,
        runUrl: lineage.runUrl,
        workflowRef: context.workflowRef
      }
    })
    const markdown = contentOf('text/markdown', Buffer.from(renderEvidencePack(pack)), {
      annotations: { [ANNOTATION_TITLE]: EVIDENCE_PACK_MARKDOWN }
    })
    const json = contentOf('application/json', Buffer.from(JSON.stringify(pack, null, 1) + '\n'), {
      annotations: { [ANNOTATION_TITLE]: EVIDENCE_PACK_JSON }
    })
    referrers.push({
      artifactType: EVIDENCE_PACK_TYPE,
      files: [memoryBlob(markdown), memoryBlob(json)],
      annotations: { [ANNOTATION_TITLE]: 'evidence pack' }
    })
    return referrers
  }
}

function jsonReferrer(
  artifactType: string,
  mediaType: string,
  title: string,
  value: unknown,
  annotations: Record<string, string>
): ReferrerRequest {
  const content = contentOf(mediaType, Buffer.from(JSON.stringify(value)), {
    annotations: { [ANNOTATION_TITLE]: title }
  })
  return {
    artifactType,
    files: [memoryBlob(content)],
    annotations: { [ANNOTATION_TITLE]: path.basename(title), ...annotations }
  }
}
