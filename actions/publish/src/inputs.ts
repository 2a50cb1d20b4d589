import { InputReader } from '../../../shared/runner/inputs.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { parseDestination, TAG, type Destination } from '../../../shared/registry/destination.js'
import { isLoopback } from '../../../shared/registry/registry-origin.js'
import type { Credentials } from '../../../shared/registry/registry-auth.js'
import type { RunContext } from '../../../shared/runner/run-context.js'

export interface Inputs {
  /** Glob patterns of the model's files, relative to the workspace. */
  model: string[]
  destinations: Destination[]
  tags: string[]
  alias?: string
  /** The evaluate results (or metrics) file, as the user wrote it. */
  results?: string
  /** validate-data reports or profiles: `name` as the user gave it (`name=path`), else the path. */
  datasets: { name: string; path: string }[]
  /** Sign the statements (Sigstore, the workflow's OIDC identity) instead of attaching them unsigned. */
  attest: boolean
  /** The Sigstore instance `attest` signs with (Fulcio issues the certificate, Rekor logs the signature). */
  sigstore: { fulcioUrl: string; rekorUrl: string }
  /** `github-token`: what `attest` stores the signed statements with (the attestations API). */
  githubToken?: string
  attach: string[]
  annotations: Record<string, string>
  /** For OCI registries: given, or GITHUB_ACTOR + github-token for ghcr.io. */
  credentials?: Credentials
  /** Origins besides the registry's that may receive its credentials (its token service). */
  tokenServices: string[]
  /** For MLflow: `password` as a bearer token, or username + password as Basic. */
  mlflowCredentials?: { username?: string; password: string }
}

export function getInputs(run: RunContext, reader = new InputReader(undefined, run.workspace)): Inputs {
  const workspace = run.workspace
  const insecure = reader.boolean('insecure', { default: false })
  const rawDestinations = reader.list('destination')
  if (rawDestinations.length === 0) rawDestinations.push(defaultDestination(run))
  const destinations = rawDestinations.map(raw => parseDestination(raw, { insecure, workspace }))
  if (!destinations.some(d => d.kind !== 'mlflow')) {
    throw new UserError(
      `Input 'destination': an mlflow:// destination registers the OCI model-uri of this step, so add an oci:// or oci-layout:// destination next to it.`
    )
  }
  if (destinations.filter(d => d.kind !== 'mlflow').length > 1) {
    throw new UserError(
      `Input 'destination': give one oci:// or oci-layout:// destination per step (and any mlflow:// ones).`
    )
  }

  const tags = reader.list('tags')
  if (tags.length === 0) tags.push(defaultTag(run))
  const alias = reader.optionalString('alias')
  for (const tag of [...tags, ...(alias ? [alias] : [])]) {
    if (!TAG.test(tag) || /^sha256-/.test(tag)) {
      throw new UserError(
        `Input 'tags'/'alias': '${tag}' is not a usable tag (up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-', and not sha256-…, which names referrers).`
      )
    }
  }

  const username = reader.optionalString('username')
  const password = reader.optionalString('password')
  const githubToken = reader.optionalString('github-token')
  const oci = destinations.find(d => d.kind === 'oci')
  let credentials: Credentials | undefined
  if (password !== undefined) credentials = { username: username ?? run.actor ?? 'mlci', password }
  else if (oci?.kind === 'oci' && oci.host === 'ghcr.io' && githubToken) {
    credentials = { username: username ?? run.actor ?? 'github-actions', password: githubToken }
  } else if (username !== undefined) {
    throw new UserError(
      `Input 'username' is set but 'password' is not: give both, or neither for anonymous access.`
    )
  }

  return {
    model: reader.globs('model', { required: true }),
    destinations,
    tags: [...new Set(tags)],
    alias,
    results: reader.optionalString('results'),
    datasets: reader.list('datasets').map(parseDataset),
    attest: reader.boolean('attest', { default: false }),
    sigstore: {
      fulcioUrl: parseServiceUrl(
        'sigstore-fulcio-url',
        reader.string('sigstore-fulcio-url', { default: PUBLIC_GOOD.fulcio })
      ),
      rekorUrl: parseServiceUrl(
        'sigstore-rekor-url',
        reader.string('sigstore-rekor-url', { default: PUBLIC_GOOD.rekor })
      )
    },
    githubToken,
    attach: reader.globs('attach'),
    annotations: parseAnnotations(reader.string('annotations')),
    credentials,
    tokenServices: reader.list('token-service').map(parseTokenService),
    mlflowCredentials: password === undefined ? undefined : { username, password }
  }
}

/** `NAME=PATH` or `PATH`: a name may not hold `=`, a path may (after the first). */
function parseDataset(line: string): { name: string; path: string } {
  const at = line.indexOf('=')
  const [name, file] = at > 0 ? [line.slice(0, at).trim(), line.slice(at + 1).trim()] : [line, line]
  if (!file)
    throw new UserError(
      `Input 'datasets': '${line}' names no file; give PATH or NAME=PATH of a validate-data report or profile.`
    )
  return { name, path: file }
}

/**
 * Sigstore's public-good instance, what `gh attestation verify` trusts for a public repository. GitHub's own
 * instance (private repositories) timestamps with a TSA instead of Rekor, which signing here does not support.
 */
const PUBLIC_GOOD = { fulcio: 'https://fulcio.sigstore.dev', rekor: 'https://rekor.sigstore.dev' }

/**
 * A URL that something secret travels to (`carries`: the workflow's identity token, registry credentials): https,
 * or plain http to a loopback host (a local service in the job), never http across a network.
 */
function parseSecureUrl(input: string, raw: string, example: string, carries: string): URL {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UserError(`Input '${input}': '${raw}' is not an https:// URL, e.g. ${example}.`)
  if (url.protocol === 'http:' && !isLoopback(url.host))
    throw new UserError(
      `Input '${input}': ${url.origin} is plain HTTP; ${carries} would cross the network in clear text. Use https://.`
    )
  return url
}

/** A Sigstore service's base URL. */
function parseServiceUrl(input: 'sigstore-fulcio-url' | 'sigstore-rekor-url', raw: string): string {
  const example = input === 'sigstore-rekor-url' ? PUBLIC_GOOD.rekor : PUBLIC_GOOD.fulcio
  parseSecureUrl(input, raw, example, "the workflow's identity token")
  return raw.replace(/\/+$/, '')
}

/** An origin the registry credentials may be sent to. */
function parseTokenService(raw: string): string {
  return parseSecureUrl('token-service', raw, 'https://auth.example.com', 'the credentials').origin
}

function defaultDestination(run: RunContext): string {
  const repository = run.owner ? `${run.owner}/${run.repo}` : ''
  if (!repository) {
    throw new UserError(
      `Input 'destination' is not set and GITHUB_REPOSITORY is unknown: give oci://HOST/REPOSITORY.`
    )
  }
  // GHCR names are lower-case, whatever the case of the GitHub repository.
  return `oci://ghcr.io/${repository.toLowerCase()}/model`
}

function defaultTag(run: RunContext): string {
  const sha = run.sha
  if (!sha) throw new UserError(`Input 'tags' is not set and GITHUB_SHA is unknown: give at least one tag.`)
  return `sha-${sha.slice(0, 7)}`
}

/** `key=value` lines; a key is what OCI allows for annotations (reverse-DNS by convention). */
function parseAnnotations(text: string): Record<string, string> {
  const annotations: Record<string, string> = {}
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._/-]*)\s*=(.*)$/.exec(line)
    if (!match) {
      throw new UserError(
        `Input 'annotations', line ${i + 1}: expected key=value (e.g. dev.mlci.dataset.digest=sha256:…), got '${line.trim().slice(0, 60)}'.`
      )
    }
    annotations[match[1]] = match[2].trim()
  })
  return annotations
}
