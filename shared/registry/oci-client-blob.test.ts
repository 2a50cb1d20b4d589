import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OciClient } from './oci-client.js'

/**
 * OciClient.getBlob against a registry that sends blob reads to storage elsewhere with a 307, as GHCR and
 * S3-backed distribution do: the redirect is followed, the registry's credentials stay with the registry, and the
 * bytes must match their digest.
 */
const content = Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}')
const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`
const seen: { where: string; headers: IncomingHttpHeaders }[] = []
let registry: Server
let storage: Server
let registryUrl: string
let storageUrl: string
let storageBody = content

async function listen(server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
  storage = createServer((request, response) => {
    seen.push({ where: 'storage', headers: request.headers })
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(storageBody)
  })
  // A different origin: another port on the loopback host.
  storageUrl = (await listen(storage)).replace('127.0.0.1', 'localhost')
  registry = createServer((request, response) => {
    seen.push({ where: 'registry', headers: request.headers })
    if (request.headers.authorization === undefined)
      return response.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end()
    response.writeHead(307, { location: `${storageUrl}/blob?sig=abc` }).end()
  })
  registryUrl = await listen(registry)
})
afterAll(async () => {
  registry?.closeAllConnections()
  storage?.closeAllConnections()
  await Promise.all([registry, storage].map(server => new Promise(resolve => server?.close(resolve))))
})

const client = () =>
  new OciClient({
    baseUrl: registryUrl,
    repository: 'models/churn',
    credentials: { username: 'u', password: 'p' },
    retries: 0
  })

test('a redirect to storage is followed without the credentials, and the bytes are checked', async () => {
  seen.length = 0
  expect(await client().getBlob(digest, 1024)).toEqual(content)
  expect(seen.find(entry => entry.where === 'registry' && entry.headers.authorization)).toBeDefined()
  expect(seen.filter(entry => entry.where === 'storage').map(entry => entry.headers.authorization)).toEqual([
    undefined
  ])
})

test('bytes that do not match the digest, or too many of them, are refused', async () => {
  storageBody = Buffer.from('something else')
  await expect(client().getBlob(digest, 1024)).rejects.toThrow(/does not match its digest/)
  storageBody = content
  await expect(client().getBlob(digest, 10)).rejects.toThrow(/larger than 10 bytes/)
})
