import { repoApiUrl } from '../representations.js'
import { repoOf, validationFailed, type Handler } from '../route.js'
import type { AttestationRecord } from '../state.js'

/**
 * The attestations API (docs: REST "Attestations"): a Sigstore bundle stored for the repository, listed by the
 * digest of a subject of its in-toto statement. GitHub reads the subjects from the bundle's DSSE payload; a bundle
 * without one is refused with 422. `predicate_type` filters: `provenance` and `sbom` are GitHub's short names,
 * anything else is compared with the statement's predicateType. Listing pages with opaque `before`/`after`
 * cursors (Link header), not page numbers.
 */
const SHORT_PREDICATES: Record<string, string[]> = {
  provenance: ['https://slsa.dev/provenance/v1'],
  sbom: ['https://spdx.dev/Document/v2.3', 'https://cyclonedx.org/bom']
}

export const attestationRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/attestations': context => {
    const repo = repoOf(context)
    const bundle = context.body.bundle as Record<string, unknown>
    const envelope = bundle.dsseEnvelope as { payload?: unknown; payloadType?: unknown } | undefined
    let statement: { subject?: { digest?: Record<string, string> }[]; predicateType?: string } | undefined
    try {
      statement = JSON.parse(Buffer.from(String(envelope?.payload ?? ''), 'base64').toString('utf8'))
    } catch {
      statement = undefined
    }
    const subjectDigests = (statement?.subject ?? []).flatMap(subject =>
      Object.entries(subject.digest ?? {}).map(([algorithm, hex]) => `${algorithm}:${hex}`)
    )
    if (envelope?.payloadType !== 'application/vnd.in-toto+json' || subjectDigests.length === 0)
      throw validationFailed(
        'Attestation',
        'bundle',
        'invalid',
        'the bundle holds no in-toto statement with a subject'
      )
    const record: AttestationRecord = {
      id: context.state.nextId(),
      bundle,
      subjectDigests,
      predicateType: String(statement?.predicateType ?? ''),
      createdAt: context.state.now()
    }
    repo.attestations.set(record.id, record)
    return { status: 201, body: { id: record.id } }
  },

  'GET /repos/{owner}/{repo}/attestations/{subject_digest}': context => {
    const repo = repoOf(context)
    const digest = String(context.params.subject_digest).toLowerCase()
    const wanted = context.query.predicate_type as string | undefined
    const types = wanted === undefined ? undefined : (SHORT_PREDICATES[wanted] ?? [wanted])
    const matching = [...repo.attestations.values()]
      .filter(record => record.subjectDigests.some(subject => subject.toLowerCase() === digest))
      .filter(record => types === undefined || types.includes(record.predicateType))
      .sort((a, b) => b.id - a.id)
    const perPage = Math.min(Math.max(Number(context.query.per_page ?? 30), 1), 100)
    const after = context.query.after === undefined ? undefined : cursorId(String(context.query.after))
    const start = after === undefined ? 0 : matching.findIndex(record => record.id < after)
    const page = start < 0 ? [] : matching.slice(start, start + perPage)
    const headers: Record<string, string> = {}
    const last = page.at(-1)
    if (last !== undefined && start + perPage < matching.length) {
      const next = new URL(context.requestUrl)
      next.searchParams.set('after', cursorOf(last.id))
      next.searchParams.delete('before')
      headers.link = `<${next.toString()}>; rel="next"`
    }
    const api = repoApiUrl(context.urls, repo)
    return {
      status: 200,
      headers,
      body: {
        attestations: page.map(record => ({
          bundle: record.bundle,
          repository_id: repo.id,
          bundle_url: `${api}/attestations/${record.id}/bundle`,
          initiator: 'user'
        }))
      }
    }
  }
}

const cursorOf = (id: number): string => Buffer.from(`cursor:${id}`).toString('base64url')
function cursorId(cursor: string): number | undefined {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  return match ? Number(match[1]) : undefined
}
