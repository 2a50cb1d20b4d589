import { TrustedRoot } from '@sigstore/protobuf-specs'
import { UserError } from '../errors/user-error.js'

/**
 * The trust roots a bundle must chain to: Sigstore's TrustedRoot format (protobuf-specs trustroot.proto: the
 * Fulcio CA certificates, the Rekor and CT log keys, the timestamp authorities). `gh attestation trusted-root`
 * prints one root per line (public-good's and GitHub's own), a hand-kept file usually holds one JSON object:
 * both are read. Fetching and refreshing roots over TUF is out of scope: the workflow passes the file.
 */
export function parseTrustedRoots(text: string, fileName: string): TrustedRoot[] {
  const documents = text.trimStart().startsWith('{') && !isJsonLines(text) ? [text] : text.split('\n')
  const roots: TrustedRoot[] = []
  documents.forEach((document, index) => {
    if (document.trim() === '') return
    const line = documents.length === 1 ? undefined : index + 1
    let json: unknown
    try {
      json = JSON.parse(document)
    } catch (error) {
      throw new UserError(`${fileName} is not a Sigstore trusted root: ${(error as Error).message}`, {
        file: fileName,
        line
      })
    }
    const root = TrustedRoot.fromJSON(json)
    if (
      typeof (json as { mediaType?: unknown }).mediaType !== 'string' ||
      !root.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot') ||
      root.certificateAuthorities.length === 0
    ) {
      throw new UserError(
        `${fileName} is not a Sigstore trusted root: it needs a 'mediaType' of application/vnd.dev.sigstore.trustedroot+json and at least one certificate authority (get one with 'gh attestation trusted-root').`,
        { file: fileName, line }
      )
    }
    roots.push(root)
  })
  if (roots.length === 0) throw new UserError(`${fileName} holds no trusted root.`, { file: fileName })
  return roots
}

/** More than one non-empty line, each a JSON object of its own. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n').filter(line => line.trim() !== '')
  return lines.length > 1 && lines.every(line => line.trim().startsWith('{') && line.trim().endsWith('}'))
}
