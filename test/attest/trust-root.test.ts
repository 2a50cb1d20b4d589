import { expect, test } from '@jest/globals'
import { parseTrustedRoots } from '../../shared/attest/trust-root.js'

/** trusted_root.json as a user passes it: one object, or one root per line as `gh attestation trusted-root` prints. */
const root = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [
    {
      subject: { organization: 'o', commonName: 'c' },
      uri: 'https://fulcio.example',
      certChain: { certificates: [{ rawBytes: 'AAAA' }] },
      validFor: { start: '2024-01-01T00:00:00Z' }
    }
  ],
  ctlogs: [],
  timestampAuthorities: []
}

test('one object, pretty-printed, or one root per line', () => {
  expect(parseTrustedRoots(JSON.stringify(root, null, 2), 'trusted_root.json')).toHaveLength(1)
  expect(parseTrustedRoots(`${JSON.stringify(root)}\n${JSON.stringify(root)}\n`, 'roots.jsonl')).toHaveLength(
    2
  )
})

test("a file that is not a trust root is the user's mistake, at its line", () => {
  expect(() => parseTrustedRoots(`${JSON.stringify(root)}\n{"mediaType": 1}\n`, 'roots.jsonl')).toThrow(
    expect.objectContaining({
      name: 'UserError',
      location: { file: 'roots.jsonl', line: 2 },
      message: expect.stringContaining('gh attestation trusted-root')
    })
  )
  expect(() => parseTrustedRoots('{ not json', 'trusted_root.json')).toThrow(
    expect.objectContaining({
      name: 'UserError',
      message: expect.stringContaining('is not a Sigstore trusted root')
    })
  )
  expect(() => parseTrustedRoots('\n', 'empty.json')).toThrow(expect.objectContaining({ name: 'UserError' }))
})
