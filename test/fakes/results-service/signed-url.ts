import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Shared-access-signature-like URLs: `sp` (permissions), `se` (expiry), optional `rscd` (the Content-Disposition a
 * GET answers with) and `sig`, an HMAC over those and the path. Azure writes `sig` as standard base64, so it is
 * URL-encoded (`%2B`, `%2F`, `%3D`), which checks that the clients keep the query string intact when they append
 * `comp=block&blockid=…`.
 */
export type Permission = 'r' | 'cw'

export type Verdict = { ok: true; rscd?: string } | { ok: false; reason: string }

export class UrlSigner {
  private readonly key = randomBytes(32)

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number
  ) {}

  sign(path: string, permission: Permission, rscd?: string): string {
    const expiry = new Date(this.now() + this.ttlSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const params: [string, string][] = [
      ['sv', '2025-01-05'],
      ['sr', 'b'],
      ['sp', permission],
      ['se', expiry]
    ]
    if (rscd !== undefined) params.push(['rscd', rscd])
    params.push(['sig', this.signature(path, permission, expiry, rscd)])
    return `${path}?${params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`
  }

  /** `needs` is `r` for reads, `w` for writes; a tampered, expired or under-privileged URL is refused. */
  verify(url: URL, needs: 'r' | 'w'): Verdict {
    const query = url.searchParams
    const [permission, expiry, sig] = [query.get('sp'), query.get('se'), query.get('sig')]
    const rscd = query.get('rscd') ?? undefined
    if (!permission || !expiry || !sig) return { ok: false, reason: 'Signature fields not well formed.' }
    const expected = Buffer.from(this.signature(url.pathname, permission, expiry, rscd))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'Signature did not match.' }
    }
    if (!(Date.parse(expiry) > this.now()))
      return { ok: false, reason: `Signed expiry time [${expiry}] has passed.` }
    if (!permission.includes(needs))
      return {
        ok: false,
        reason: 'This request is not authorized to perform this operation using this permission.'
      }
    return { ok: true, rscd }
  }

  private signature(path: string, permission: string, expiry: string, rscd: string | undefined): string {
    return createHmac('sha256', this.key)
      .update([permission, expiry, path, rscd ?? ''].join('\n'))
      .digest('base64')
  }
}
