import * as core from '@actions/core'
import { parse as parseYaml } from 'yaml'
import { InputReader } from '../../../shared/runner/inputs.js'
import { requireRepository, type RunContext } from '../../../shared/runner/run-context.js'
import { userFiles } from '../../../shared/runner/user-files.js'
import { checkPassedNames, programEnvironment } from '../../../shared/runner/environment.js'
import { findExecutable } from '../../../shared/io/find-executable.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { checkMetricsCommand } from '../../../shared/deploy/command-provider.js'
import { checkWebhookUrl } from '../../../shared/deploy/rollout-target.js'
import {
  parseAnalysisConfig,
  type AnalysisConfig,
  type JudgeName
} from '../../../shared/deploy/analysis-config.js'
import type { NoDataPolicy } from '../../../shared/deploy/rollout.js'
import { parseInlineStages, parsePlan, type Stage } from '../../../shared/deploy/stages.js'
import type { Credentials } from '../../../shared/registry/registry-auth.js'
import { isLoopback } from '../../../shared/registry/registry-origin.js'
import { GITHUB_ACTIONS_ISSUER } from '../../../shared/attest/github-issuer.js'
import type { SignerPolicy } from '../../../shared/attest/sigstore-verify.js'

type TargetInputs =
  | { kind: 'command'; deployCommand: string[]; rollbackCommand: string[] }
  | { kind: 'webhook'; url: string; secret?: string; insecure: boolean }

export interface Inputs {
  modelUri: string
  environment: string
  environmentUrl?: string
  stages: Stage[]
  target: TargetInputs
  analysis?: AnalysisConfig
  judge: JudgeName
  passScore: number
  marginalScore: number
  noData: NoDataPolicy
  intervalMs: number
  analysisEnd?: Date
  githubToken: string
  recordDeployment: boolean
  /** The step's variables (names and PREFIX* patterns) the deploy, rollback and metrics commands also get. */
  passEnv: string[]
  /** What must be attested about the model before any traffic moves. */
  attestation?: AttestationRequirement
}

export interface AttestationRequirement {
  kind: 'test-result'
  /** `sha256:<hex>`: the model's manifest digest, from `model-digest` or the `@sha256:` of `model-uri`. */
  digest: string
  /** The trusted_root.json, read by main before any traffic moves (the post step must roll back without it). */
  trustedRootPath: string
  signer: SignerPolicy
  allowWarned: boolean
  /** The model's registry, when `model-uri` is `oci://HOST/REPOSITORY…`: its referrers are a second source. */
  registry?: { baseUrl: string; repository: string; credentials?: Credentials }
}

export async function getInputs(
  run: RunContext,
  reader = new InputReader(undefined, run.workspace)
): Promise<Inputs> {
  const files = userFiles(run)
  const secret = reader.optionalString('webhook-secret')
  if (secret) core.setSecret(secret)
  const judge = reader.choice('judge', ['mann-whitney', 'threshold'] as const, { default: 'mann-whitney' })
  const passScore = reader.number('pass-score', { default: 95, min: 0, max: 100 })
  const marginalScore = reader.number('marginal-score', { default: 75, min: 0, max: 100 })
  if (marginalScore > passScore) {
    throw new UserError(
      `Input 'marginal-score' (${marginalScore}) must not exceed 'pass-score' (${passScore}).`
    )
  }
  const stagesText = reader.optionalString('stages')
  const planPath = reader.optionalString('plan')
  if ((stagesText === undefined) === (planPath === undefined)) {
    throw new UserError(
      "Give exactly one of the inputs 'stages' (e.g. '5%:10m, 25%:10m, 100%') and 'plan' (a YAML file)."
    )
  }
  const stages =
    stagesText !== undefined
      ? parseInlineStages(stagesText, 'stages')
      : await files.read('plan', planPath!).then(plan => parsePlan(plan.text, plan.name))
  const analysisPath = reader.optionalString('analysis')
  const analysis =
    analysisPath === undefined
      ? undefined
      : await files
          .read('analysis', analysisPath)
          .then(file => parseAnalysisConfig(file.text, file.name, judge))

  const kind = reader.choice('target', ['command', 'webhook'] as const, { default: 'command' })
  let target: TargetInputs
  const deployCommand = reader.optionalString('deploy-command')
  const rollbackCommand = reader.optionalString('rollback-command')
  const webhookUrl = reader.optionalString('webhook-url')
  if (kind === 'command') {
    if (deployCommand === undefined || rollbackCommand === undefined) {
      throw new UserError("The command target needs both 'deploy-command' and 'rollback-command'.")
    }
    target = {
      kind,
      deployCommand: parseCommand(deployCommand, 'deploy-command'),
      rollbackCommand: parseCommand(rollbackCommand, 'rollback-command')
    }
  } else {
    if (webhookUrl === undefined || !/^https?:\/\/[^/]/.test(webhookUrl) || !URL.canParse(webhookUrl)) {
      throw new UserError(
        `The webhook target needs 'webhook-url', an http(s) URL; got '${webhookUrl ?? ''}'.`
      )
    }
    const insecure = reader.boolean('insecure', { default: false })
    checkWebhookUrl(webhookUrl, { insecure, inputName: 'webhook-url' })
    target = { kind, url: webhookUrl, secret, insecure }
  }

  const githubToken = reader.string('github-token')
  const recordDeployment = reader.boolean('record-deployment', { default: true })
  if (recordDeployment && githubToken === '') {
    throw new UserError(
      "Input 'record-deployment' needs 'github-token' (the job's token by default); or set it to false."
    )
  }
  const modelUri = reader.string('model-uri', { required: true })
  const attestation = readAttestationRequirement(reader, run, modelUri, githubToken)
  const analysisEndText = reader.optionalString('analysis-end')
  const analysisEnd = analysisEndText === undefined ? undefined : parseTime(analysisEndText)
  return {
    modelUri,
    environment: reader.string('environment', { default: 'production' }),
    environmentUrl: reader.optionalString('environment-url'),
    stages,
    target,
    analysis,
    judge,
    passScore,
    marginalScore,
    noData: reader.choice('no-data', ['fail', 'pause', 'pass'] as const, { default: 'fail' }),
    intervalMs: positive(reader.duration('interval', { default: '1m' }), 'interval'),
    analysisEnd,
    githubToken,
    recordDeployment,
    passEnv: checkPassedNames(reader.list('pass-env'), 'pass-env'),
    attestation
  }
}

/**
 * `require-attestation: test-result` and what verifying it needs: the digest (a tag can move, so never a tag),
 * the trust root file, and whose signature counts (a workflow of this repository, from GitHub Actions' issuer).
 */
function readAttestationRequirement(
  reader: InputReader,
  run: RunContext,
  modelUri: string,
  githubToken: string
): AttestationRequirement | undefined {
  const kind = reader.choice('require-attestation', ['none', 'test-result'] as const, { default: 'none' })
  const digestInput = reader.optionalString('model-digest')
  const trustedRootPath = reader.optionalString('attestation-trusted-root')
  const signerWorkflow = reader.optionalString('attestation-signer-workflow')
  const issuer = reader.string('attestation-issuer', { default: GITHUB_ACTIONS_ISSUER })
  const allowWarned = reader.boolean('allow-warned', { default: false })
  const registryUsername = reader.optionalString('registry-username')
  const registryPassword = reader.optionalString('registry-password')
  if (registryPassword) core.setSecret(registryPassword)
  if (kind === 'none') return undefined
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(modelUri)?.[1]
  const digest = digestInput ?? pinned
  if (digest === undefined || !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new UserError(
      `Input 'require-attestation' needs the model's digest: pin 'model-uri' by digest (…@sha256:<64 hex>) or set 'model-digest' (publish's 'digest' output)${digest === undefined ? '' : `; got '${digest}'`}. A tag can move after it was attested.`
    )
  if (pinned !== undefined && digestInput !== undefined && pinned !== digestInput)
    throw new UserError(
      `Input 'model-digest' (${digestInput}) is not the digest 'model-uri' is pinned to (${pinned}).`
    )
  if (trustedRootPath === undefined)
    throw new UserError(
      "Input 'require-attestation' needs 'attestation-trusted-root': a Sigstore trusted_root.json, e.g. from 'gh attestation trusted-root > trusted_root.json'."
    )
  if (githubToken === '')
    throw new UserError(
      "Input 'require-attestation' reads the attestations API with 'github-token' (attestations: read)."
    )
  const { owner, repo } = requireRepository(run)
  const repository = `${owner}/${repo}`
  return {
    kind,
    digest,
    trustedRootPath,
    signer: {
      repository,
      signerWorkflow,
      issuers: [issuer],
      serverUrl: run.serverUrl
    },
    allowWarned,
    registry: registryOf(
      modelUri,
      registryPassword === undefined
        ? undefined
        : {
            username: registryUsername ?? run.actor ?? 'mlci',
            password: registryPassword
          }
    )
  }
}

/**
 * `oci://HOST/REPOSITORY[:TAG][@DIGEST]` → where its referrers are. https, except to a loopback host (a local
 * registry); whatever is read there is verified before it counts, so a registry can withhold but not forge.
 */
function registryOf(
  modelUri: string,
  credentials: Credentials | undefined
): AttestationRequirement['registry'] {
  const match = /^oci:\/\/([^/]+)\/([^@]+?)(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/.exec(modelUri)
  if (match === null) return undefined
  const [, host, repository] = match
  return { baseUrl: `${isLoopback(host) ? 'http' : 'https'}://${host}`, repository, credentials }
}

/** The environment of every program the rollout starts (runner/environment.ts): never the step's credentials. */
export function commandEnvironment(inputs: Pick<Inputs, 'passEnv'>): Record<string, string> {
  return programEnvironment({ pass: inputs.passEnv })
}

/**
 * Before any traffic moves: the programs the rollout will start can be started (the deploy and rollback commands,
 * the analysis file's metrics command), each from the workspace with the PATH it will run with. Not part of
 * getInputs: the post step must roll back even when, say, the metrics script has gone.
 */
export async function checkPrograms(inputs: Inputs, run: Pick<RunContext, 'workspace'>): Promise<void> {
  const search = { cwd: run.workspace, searchPath: commandEnvironment(inputs).PATH }
  if (inputs.analysis) await checkMetricsCommand(inputs.analysis, search)
  if (inputs.target.kind !== 'command') return
  const commands = [
    ['deploy-command', inputs.target.deployCommand],
    ['rollback-command', inputs.target.rollbackCommand]
  ] as const
  for (const [inputName, [executable]] of commands) {
    const lookup = await findExecutable(executable, { ...search, cwdName: 'the workspace' })
    if ('problem' in lookup) throw new UserError(`Input '${inputName}': ${lookup.problem}`)
  }
}

/** `./deploy.sh --fast` (split on spaces) or a YAML list `[./deploy.sh, "two words"]`. Never a shell. */
function parseCommand(text: string, inputName: string): string[] {
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = parseYaml(text)
    } catch (error) {
      throw new UserError(
        `Input '${inputName}' is not a valid YAML list: ${(error as Error).message.split('\n')[0]}`
      )
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every(item => typeof item === 'string' && item !== '')
    ) {
      throw new UserError(
        `Input '${inputName}' must list the executable and its arguments as strings, e.g. [./deploy.sh, --fast].`
      )
    }
    return parsed as string[]
  }
  return text.split(/\s+/).filter(word => word !== '')
}

function parseTime(text: string): Date {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? new Date(text)
    : undefined
  if (!time || Number.isNaN(time.getTime())) {
    throw new UserError(
      `Input 'analysis-end' must be an RFC 3339 time such as 2026-01-01T12:00:00Z, got '${text}'.`
    )
  }
  return time
}

function positive(ms: number, name: string): number {
  if (ms <= 0) throw new UserError(`Input '${name}' must be longer than 0.`)
  return ms
}
