/**
 * The in-toto Attestation Framework v1 types publish emits (in-toto/attestation `spec/v1/statement.md`,
 * `resource_descriptor.md`, `digest_set.md`), unsigned: signing wraps a Statement in a DSSE envelope.
 */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
/** The media type of an unsigned Statement (in-toto/attestation `spec/v1/envelope.md` names it for the payload). */
export const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json'

/** algorithm → lower-case hex (`sha256`, `gitCommit`). */
type DigestSet = Record<string, string>

export interface ResourceDescriptor {
  name?: string
  uri?: string
  digest?: DigestSet
  downloadLocation?: string
  mediaType?: string
  annotations?: Record<string, unknown>
}

export interface Statement<Predicate> {
  _type: typeof STATEMENT_TYPE
  subject: ResourceDescriptor[]
  predicateType: string
  predicate: Predicate
}

/** The published model: its name without tag or digest (`HOST/REPOSITORY`) and its manifest digest. */
export interface ModelSubject {
  name: string
  /** `sha256:<hex>`, the OCI manifest digest. */
  digest: string
}

/** A file an attestation points at: as the user named it, with its sha256. */
export interface FileEvidence {
  name: string
  /** Lower-case hex. */
  sha256: string
}

/**
 * The Statement's subject: the model's manifest, by digest. `gh attestation verify oci://…` and
 * `actions/attest-build-provenance` name an image subject the same way (registry/repository, manifest digest).
 */
function modelSubject(model: ModelSubject): ResourceDescriptor {
  return { name: model.name, digest: digestSet(model.digest) }
}

/** `sha256:<hex>` → `{sha256: hex}`. */
function digestSet(digest: string): DigestSet {
  const match = /^(sha256|sha512):([0-9a-f]+)$/.exec(digest)
  if (!match) throw new Error(`not an OCI digest: ${digest}`)
  return { [match[1]]: match[2] }
}

export function statement<Predicate>(
  subject: ModelSubject,
  predicateType: string,
  predicate: Predicate
): Statement<Predicate> {
  return { _type: STATEMENT_TYPE, subject: [modelSubject(subject)], predicateType, predicate }
}
