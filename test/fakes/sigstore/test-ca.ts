import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import * as der from './der.js'

/**
 * A certificate authority for the Fulcio fake: an ECDSA P-256 root that issues short-lived leaf certificates
 * shaped as Fulcio's (empty subject, critical SAN, digitalSignature, codeSigning, the 1.3.6.1.4.1.57264.1.*
 * extensions). node:crypto signs; der.ts writes the structures of RFC 5280.
 */
const ECDSA_WITH_SHA256 = der.sequence(der.oid('1.2.840.10045.4.3.2'))

export interface CertificateExtension {
  oid: string
  critical?: boolean
  /** The extnValue's content (already DER where the extension's syntax is DER). */
  value: Buffer
}

export class TestCA {
  readonly certificate: Buffer
  private readonly privateKey: KeyObject
  private readonly name: Buffer
  private readonly keyId: Buffer

  constructor(
    options: { commonName?: string; organization?: string; notBefore?: Date; notAfter?: Date } = {}
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    this.privateKey = privateKey
    this.name = der.sequence(
      der.set(der.sequence(der.oid('2.5.4.10'), der.utf8String(options.organization ?? 'mlci-test'))),
      der.set(der.sequence(der.oid('2.5.4.3'), der.utf8String(options.commonName ?? 'mlci test fulcio')))
    )
    const spki = publicKey.export({ format: 'der', type: 'spki' })
    this.keyId = keyIdentifier(spki)
    this.certificate = this.sign({
      subject: this.name,
      spki,
      notBefore: options.notBefore ?? new Date(Date.now() - 86_400_000),
      notAfter: options.notAfter ?? new Date(Date.now() + 365 * 86_400_000),
      extensions: [
        { oid: '2.5.29.15', critical: true, value: keyUsage([5, 6]) },
        { oid: '2.5.29.19', critical: true, value: der.sequence(der.boolean(true), der.integer(1)) },
        { oid: '2.5.29.14', value: der.octetString(this.keyId) }
      ]
    })
  }

  /** A leaf for `spki` (DER SubjectPublicKeyInfo) valid for ten minutes from `notBefore`, as Fulcio issues. */
  issueLeaf(options: {
    spki: Buffer
    sanUri: string
    extensions: CertificateExtension[]
    notBefore?: Date
  }): Buffer {
    const notBefore = options.notBefore ?? new Date()
    return this.sign({
      subject: der.sequence(),
      spki: options.spki,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 10 * 60_000),
      extensions: [
        { oid: '2.5.29.15', critical: true, value: keyUsage([0]) },
        { oid: '2.5.29.37', value: der.sequence(der.oid('1.3.6.1.5.5.7.3.3')) },
        { oid: '2.5.29.14', value: der.octetString(keyIdentifier(options.spki)) },
        { oid: '2.5.29.35', value: der.sequence(der.implicitPrimitive(0, this.keyId)) },
        {
          oid: '2.5.29.17',
          critical: true,
          value: der.sequence(der.implicitPrimitive(6, Buffer.from(options.sanUri, 'ascii')))
        },
        ...options.extensions
      ]
    })
  }

  private sign(options: {
    subject: Buffer
    spki: Buffer
    notBefore: Date
    notAfter: Date
    extensions: CertificateExtension[]
  }): Buffer {
    const tbs = der.sequence(
      der.explicit(0, der.integer(2)),
      der.integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
      ECDSA_WITH_SHA256,
      this.name,
      der.sequence(der.time(options.notBefore), der.time(options.notAfter)),
      options.subject,
      options.spki,
      der.explicit(
        3,
        der.sequence(
          ...options.extensions.map(extension =>
            der.sequence(
              der.oid(extension.oid),
              ...(extension.critical ? [der.boolean(true)] : []),
              der.octetString(extension.value)
            )
          )
        )
      )
    )
    const signature = sign('sha256', tbs, { key: this.privateKey, dsaEncoding: 'der' })
    return der.sequence(tbs, ECDSA_WITH_SHA256, der.bitString(signature))
  }
}

/** A KeyUsage BIT STRING with the given bits set (0 digitalSignature, 5 keyCertSign, 6 cRLSign). */
function keyUsage(bits: number[]): Buffer {
  let byte = 0
  for (const bit of bits) byte |= 0x80 >> bit
  const unused = 7 - Math.max(...bits)
  return der.tlv(0x03, Buffer.from([unused, byte]))
}

/** RFC 5280 §4.2.1.2 method 1 would hash the key's BIT STRING; SHA-256 truncated serves the same purpose. */
function keyIdentifier(spki: Buffer): Buffer {
  return createHash('sha256').update(spki).digest().subarray(0, 20)
}

export function toPem(certificate: Buffer): string {
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}
