import type { GitHubClient } from './github-client.js'
import type { Repo } from './deployments.js'

/** One attestation as the attestations API lists it: a Sigstore bundle (not yet verified). */
export interface StoredAttestation {
  /** The bundle's URL on GitHub, which carries the attestation's id; absent from older answers. */
  url?: string
  bundle: unknown
}

/** Most a deploy reads for one digest: each is verified, and a digest with more is suspicious, not useful. */
const MAX_ATTESTATIONS = 300

/**
 * The attestations stored in the repository for a subject digest (`sha256:<hex>`), newest first, filtered by
 * predicate type on GitHub's side (GET /repos/{owner}/{repo}/attestations/{subject_digest}, cursor paging).
 */
export async function listAttestations(
  client: GitHubClient,
  repo: Repo,
  subjectDigest: string,
  predicateType: string
): Promise<StoredAttestation[]> {
  const found: StoredAttestation[] = []
  const pages = client.paginate.iterator(client.rest.repos.listAttestations, {
    ...repo,
    subject_digest: subjectDigest,
    predicate_type: predicateType,
    per_page: 100
  })
  for await (const page of pages) {
    // octokit normalises only answers with a total_count: this one stays `{attestations: [...]}`.
    const data = page.data as unknown as { attestations?: { bundle?: unknown; bundle_url?: string }[] }
    const items = data.attestations ?? []
    for (const item of items) found.push({ bundle: item.bundle, url: item.bundle_url })
    if (found.length >= MAX_ATTESTATIONS) break
  }
  return found
}

/** Stores a signed bundle; GitHub answers with the attestation's id. */
export async function createAttestation(client: GitHubClient, repo: Repo, bundle: object): Promise<number> {
  const response = await client.rest.repos.createAttestation({
    ...repo,
    bundle: bundle as { mediaType?: string }
  })
  if (response.data.id === undefined) throw new Error(`GitHub stored the attestation without an id`)
  return response.data.id
}
