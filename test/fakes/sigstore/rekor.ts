import { createHash, createPublicKey, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto'
import { startJsonServer, type JsonServer } from './http-json.js'

/**
 * Rekor's v1 API, `POST /api/v1/log/entries` (sigstore/rekor openapi.yaml, createLogEntry) for `dsse` 0.0.1
 * proposed entries, the kind @sigstore/sign proposes for a DSSE envelope. Like Rekor it verifies the envelope's
 * signature with the proposed verifier (a certificate's key) before logging, stores the canonical entry body
 * (`{apiVersion, kind, spec: {envelopeHash, payloadHash, signatures: [{signature, verifier}]}}`), and answers
 * 201 `{<uuid>: {body, integratedTime, logID, logIndex, verification: {signedEntryTimestamp, inclusionProof}}}`:
 * the SET signs the canonical JSON of `{body, integratedTime, logID, logIndex}`, and the inclusion proof is
 * RFC 6962's audit path to a checkpoint (a signed note: origin, size, root hash, `— <origin> <keyhint+sig>`).
 */
export interface RekorFake extends JsonServer {
  /** DER SubjectPublicKeyInfo of the log's key; the log ID is its SHA-256. */
  readonly publicKey: Buffer
  readonly logId: Buffer
  readonly entries: Buffer[]
}

const ORIGIN = 'rekor.mlci.test - 1193050959916656506'

export async function startRekor(): Promise<RekorFake> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const spki = publicKey.export({ format: 'der', type: 'spki' })
  const logId = createHash('sha256').update(spki).digest()
  const leaves: Buffer[] = []
  const server = await startJsonServer(request => {
    if (request.url.pathname !== '/api/v1/log/entries' || request.method !== 'POST')
      return { status: 404, body: { code: 404, message: 'Not Found' } }
    const proposed = request.body as {
      apiVersion?: string
      kind?: string
      spec?: { proposedContent?: { envelope?: string; verifiers?: string[] } }
    }
    if (proposed.kind !== 'dsse' || proposed.apiVersion !== '0.0.1')
      return {
        status: 400,
        body: { code: 400, message: `unsupported entry ${proposed.kind} ${proposed.apiVersion}` }
      }
    const envelopeText = proposed.spec?.proposedContent?.envelope ?? ''
    const verifierText = Buffer.from(
      proposed.spec?.proposedContent?.verifiers?.[0] ?? '',
      'base64'
    ).toString()
    const envelope = JSON.parse(envelopeText) as {
      payloadType: string
      payload: string
      signatures: { sig: string; keyid?: string }[]
    }
    const payload = Buffer.from(envelope.payload, 'base64')
    const signature = envelope.signatures[0]?.sig ?? ''
    const key = verifierText.includes('CERTIFICATE')
      ? new X509Certificate(verifierText).publicKey
      : createPublicKey(verifierText)
    if (
      !verify('sha256', preAuthEncoding(envelope.payloadType, payload), key, Buffer.from(signature, 'base64'))
    )
      return {
        status: 400,
        body: {
          code: 400,
          message: 'verifying signature: invalid signature when validating ASN.1 encoded signature'
        }
      }

    const body = Buffer.from(
      canonicalJson({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          envelopeHash: { algorithm: 'sha256', value: sha256Hex(Buffer.from(canonicalJson(envelope))) },
          payloadHash: { algorithm: 'sha256', value: sha256Hex(payload) },
          signatures: [{ signature, verifier: Buffer.from(verifierText).toString('base64') }]
        }
      })
    )
    const logIndex = leaves.length
    leaves.push(body)
    const integratedTime = Math.floor(Date.now() / 1000)
    const set = sign(
      'sha256',
      Buffer.from(
        canonicalJson({
          body: body.toString('base64'),
          integratedTime,
          logID: logId.toString('hex'),
          logIndex
        })
      ),
      privateKey
    )
    const treeSize = leaves.length
    const rootHash = merkleRoot(leaves.map(leafHash))
    const note = `${ORIGIN}\n${treeSize}\n${rootHash.toString('base64')}\n`
    const noteSignature = Buffer.concat([logId.subarray(0, 4), sign('sha256', Buffer.from(note), privateKey)])
    const uuid = leafHash(body).toString('hex')
    return {
      status: 201,
      headers: { location: `/api/v1/log/entries/${uuid}` },
      body: {
        [uuid]: {
          body: body.toString('base64'),
          integratedTime,
          logID: logId.toString('hex'),
          logIndex,
          verification: {
            signedEntryTimestamp: set.toString('base64'),
            inclusionProof: {
              logIndex,
              treeSize,
              rootHash: rootHash.toString('hex'),
              hashes: auditPath(logIndex, leaves.map(leafHash)).map(hash => hash.toString('hex')),
              checkpoint: `${note}\n— ${ORIGIN.split(' ')[0]} ${noteSignature.toString('base64')}\n`
            }
          }
        }
      }
    }
  })
  return { ...server, publicKey: spki, logId, entries: leaves }
}

/** DSSE's pre-authentication encoding: `DSSEv1 <len> <type> <len> <payload>`. */
function preAuthEncoding(type: string, payload: Buffer): Buffer {
  const prefix = `DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `
  return Buffer.concat([Buffer.from(prefix), payload])
}

/** RFC 8785 for the values Rekor canonicalises here (strings, integers, objects, arrays). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}
const sha256Hex = (data: Buffer): string => sha256(data).toString('hex')
const leafHash = (leaf: Buffer): Buffer => sha256(Buffer.from([0]), leaf)
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right)

/** RFC 6962 §2.1: the largest power of two smaller than n splits the tree. */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

function merkleRoot(hashes: Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0]
  const k = split(hashes.length)
  return nodeHash(merkleRoot(hashes.slice(0, k)), merkleRoot(hashes.slice(k)))
}

/** RFC 6962 §2.1.1 PATH(m, D[n]), leaf to root. */
function auditPath(m: number, hashes: Buffer[]): Buffer[] {
  if (hashes.length <= 1) return []
  const k = split(hashes.length)
  return m < k
    ? [...auditPath(m, hashes.slice(0, k)), merkleRoot(hashes.slice(k))]
    : [...auditPath(m - k, hashes.slice(k)), merkleRoot(hashes.slice(0, k))]
}
