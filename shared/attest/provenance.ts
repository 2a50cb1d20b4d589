import type { DatasetEvidence } from './dataset-evidence.js'
import { statement, type ModelSubject, type ResourceDescriptor, type Statement } from './statement.js'

/** slsa-framework/slsa `spec/build-provenance.md`, v1. */
export const SLSA_PROVENANCE_TYPE = 'https://slsa.dev/provenance/v1'
/** Ours: how a model published by mlci is described; docs/provenance-build-type-v1.md explains the fields. */
export const MLCI_BUILD_TYPE = 'https://github.com/mlci/mlci/blob/main/docs/provenance-build-type-v1.md'

/** The workflow run that published the model, as the runner describes it. */
export interface WorkflowRun {
  /** GITHUB_SERVER_URL, e.g. https://github.com. */
  serverUrl: string
  /** owner/name */
  repository?: string
  /** GITHUB_WORKFLOW_REF: `owner/name/.github/workflows/file.yml@refs/heads/main`. */
  workflowRef?: string
  /** GITHUB_REF: the ref the run is on. */
  ref?: string
  /** GITHUB_SHA: the training commit. */
  sha?: string
  eventName?: string
  /** The run's page with its attempt: unique per invocation. */
  runUrl?: string
}

export interface ProvenancePredicate {
  buildDefinition: {
    buildType: string
    externalParameters: Record<string, unknown>
    resolvedDependencies: ResourceDescriptor[]
  }
  runDetails: {
    builder: { id: string }
    metadata?: { invocationId: string }
  }
}

/**
 * A SLSA provenance v1 Statement for the model: built by the workflow (`builder.id`: the workflow file at its ref,
 * as a URL), from the commit it ran on and the datasets validate-data vouched for, each data file by sha256.
 * SLSA Build L1 at best: the workflow itself writes these fields; only signing with the workflow's identity
 * (the other half of this work) binds them to the run.
 */
export function buildProvenanceStatement(
  model: ModelSubject,
  run: WorkflowRun,
  datasets: DatasetEvidence[]
): Statement<ProvenancePredicate> {
  const workflow = parseWorkflowRef(run.workflowRef)
  const repositoryUrl = run.repository ? `${run.serverUrl}/${run.repository}` : undefined
  const externalParameters: Record<string, unknown> = {
    workflow: {
      ...(workflow
        ? { ref: workflow.ref, repository: `${run.serverUrl}/${workflow.repository}`, path: workflow.path }
        : {})
    },
    ...(run.eventName ? { event: run.eventName } : {}),
    datasets: datasets.map(d => d.name)
  }
  const resolvedDependencies: ResourceDescriptor[] = []
  if (repositoryUrl && run.sha) {
    resolvedDependencies.push({
      uri: `git+${repositoryUrl}${run.ref ? `@${run.ref}` : ''}`,
      digest: { gitCommit: run.sha }
    })
  }
  for (const dataset of datasets) {
    for (const source of dataset.sources) {
      resolvedDependencies.push({
        name: source.file,
        digest: { sha256: source.sha256 },
        annotations: {
          dataset: dataset.name,
          evidence: dataset.file,
          ...(dataset.validation ? { valid: dataset.validation.valid } : {})
        }
      })
    }
  }
  return statement(model, SLSA_PROVENANCE_TYPE, {
    buildDefinition: { buildType: MLCI_BUILD_TYPE, externalParameters, resolvedDependencies },
    runDetails: {
      builder: { id: builderId(run, workflow) },
      ...(run.runUrl ? { metadata: { invocationId: run.runUrl } } : {})
    }
  })
}

interface WorkflowRef {
  repository: string
  path: string
  ref: string
}

/** `owner/name/.github/workflows/release.yml@refs/heads/main` → its parts. */
function parseWorkflowRef(workflowRef: string | undefined): WorkflowRef | undefined {
  const match = /^([^/]+\/[^/]+)\/(.+)@(.+)$/.exec(workflowRef ?? '')
  return match ? { repository: match[1], path: match[2], ref: match[3] } : undefined
}

/**
 * The workflow file at its ref, as a URL: the identity GitHub's OIDC token carries (`job_workflow_ref`) and a
 * verifier pins. Outside Actions (no GITHUB_WORKFLOW_REF) the repository, or the server.
 */
function builderId(run: WorkflowRun, workflow: WorkflowRef | undefined): string {
  if (workflow) return `${run.serverUrl}/${workflow.repository}/${workflow.path}@${workflow.ref}`
  return run.repository ? `${run.serverUrl}/${run.repository}` : run.serverUrl
}
