import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startRecordingProxy, type RecordingProxy } from '../../test/fakes/recording-proxy.js'
import { startTokenGate, type TokenGate } from '../../test/fakes/token-gate.js'
import { runAction, type RunResult } from '../../test/harness/run-action.js'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { runCommand } from '../../test/servers/run-command.js'
import { describeIfBinaries } from '../../test/servers/test-if-binaries.js'

/**
 * Registry credentials are bound to the origin they were given for (scheme, host and port): an upload session the
 * registry opens on another origin, and a token service on another origin, never receive them (the token service
 * only when the workflow names it), and an https registry never sends anything of ours over plain http. Each
 * "other origin" is another loopback port that records what reached it.
 */
const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })
const describeTls = await describeIfBinaries({ openssl: 'openssl' })

const USER = 'mlci'
const PASSWORD = 'origin-bound-password'
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`

let workspace: string
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'mlci-publish-origin-'))
  await mkdir(path.join(workspace, 'model'))
  await writeFile(path.join(workspace, 'model/weights.bin'), randomBytes(64 * 1024))
  await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 2}\n')
})
afterAll(() => rm(workspace, { recursive: true, force: true }))

function publish(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction({
    action: 'publish',
    workspace,
    inputs: { model: 'model', tags: 'v1', username: USER, password: PASSWORD, ...inputs },
    env: { SOURCE_DATE_EPOCH: '1763980000', ...env }
  })
}

describeRegistry('a registry that sends the client to other origins', () => {
  let registry: RunningRegistry
  let uploads: RecordingProxy
  let tokens: RecordingProxy
  let gate: TokenGate
  beforeAll(async () => {
    registry = await startRegistry()
    // Upload sessions land on their own origin, which stores into the same registry (as a storage front would).
    uploads = await startRecordingProxy(registry.host)
    // The token service is on its own origin too; behind it, the gate's /token issues the tokens.
    tokens = await startRecordingProxy(() => gate.host)
    gate = await startTokenGate({
      upstream: registry.host,
      username: USER,
      password: PASSWORD,
      realm: `http://${tokens.host}/token`,
      uploadOrigin: `http://${uploads.host}`
    })
  })
  afterAll(async () => {
    await gate?.stop()
    await tokens?.stop()
    await uploads?.stop()
    await registry?.stop()
  })

  test('a token service on another origin gets no credentials unless the workflow names it', async () => {
    const result = await publish({ destination: `oci://${gate.host}/acme/origin`, insecure: 'true' })
    expect(tokens.requests.filter(r => r.authorization !== undefined)).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          new RegExp(`http://${tokens.host.replace(/\./g, '\\.')}.*another origin.*'token-service'`)
        )
      })
    ])
    expect(result.stdout.replace(/::add-mask::.*/g, '')).not.toContain(PASSWORD)
  })

  test('named in token-service, the token service gets the credentials; the upload origin gets none, and the model arrives', async () => {
    tokens.requests.length = 0
    const result = await publish({
      destination: `oci://${gate.host}/acme/origin`,
      insecure: 'true',
      'token-service': `http://${tokens.host}`
    })
    expect(result.annotations).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(tokens.requests.length).toBeGreaterThan(0)
    expect(tokens.requests.every(r => r.authorization === BASIC)).toBe(true)
    // Every blob went up through the other origin, and not one request there carried the token or the password.
    expect(uploads.requests.filter(r => r.method === 'PUT').length).toBeGreaterThan(0)
    expect(uploads.requests.map(r => r.authorization).filter(Boolean)).toEqual([])
    const raw = await runCommand('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/acme/origin:v1`
    ])
    const digest = `sha256:${(await import('node:crypto')).createHash('sha256').update(raw).digest('hex')}`
    expect(result.outputs.digest).toBe(digest)
  })
})

/** A self-signed certificate for 127.0.0.1, which the step trusts through NODE_EXTRA_CA_CERTS. */
async function selfSignedCertificate(dir: string): Promise<{ key: Buffer; cert: Buffer; file: string }> {
  const key = path.join(dir, 'key.pem')
  const file = path.join(dir, 'cert.pem')
  await runCommand('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    file
  ])
  return { key: await readFile(key), cert: await readFile(file), file }
}

/**
 * An https registry that wants Basic credentials, and then either names a plain-http token service or opens its
 * upload sessions on a plain-http origin (`http://<elsewhere>`).
 */
async function startTlsRegistry(
  tls: { key: Buffer; cert: Buffer },
  mode: 'http-realm' | 'http-upload',
  elsewhere: string
): Promise<{ host: string; stop(): Promise<void> }> {
  const server = https.createServer(tls, (req, res) => {
    req.resume()
    const url = new URL(req.url ?? '/', 'https://registry')
    if (mode === 'http-realm') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${elsewhere}/token",service="tls"` })
      return res.end()
    }
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="tls"' })
      return res.end()
    }
    if (url.pathname === '/v2/') return res.writeHead(200).end('{}')
    if (req.method === 'HEAD') return res.writeHead(404).end()
    if (req.method === 'POST' && url.pathname.endsWith('/blobs/uploads/')) {
      res.writeHead(202, { location: `http://${elsewhere}/v2/acme/tls/blobs/uploads/1`, range: '0-0' })
      return res.end()
    }
    res.writeHead(500).end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}

describeTls('an https registry never sends the client to plain http', () => {
  let tls: { key: Buffer; cert: Buffer; file: string }
  let elsewhere: RecordingProxy
  beforeAll(async () => {
    tls = await selfSignedCertificate(workspace)
    // Whatever reaches the plain-http origin is recorded (and forwarded nowhere that answers).
    elsewhere = await startRecordingProxy('127.0.0.1:9')
  })
  afterAll(async () => elsewhere?.stop())

  test.each([
    ['a token service', 'http-realm' as const, /token service http:\/\/127\.0\.0\.1:\d+\/token.*plain http/],
    ['an upload session', 'http-upload' as const, /upload.*http:\/\/127\.0\.0\.1:\d+.*plain http/]
  ])('%s on plain http is refused before anything is sent there', async (_what, mode, message) => {
    elsewhere.requests.length = 0
    const registry = await startTlsRegistry(tls, mode, elsewhere.host)
    try {
      const result = await publish(
        { destination: `oci://${registry.host}/acme/tls` },
        { NODE_EXTRA_CA_CERTS: tls.file }
      )
      expect(elsewhere.requests).toEqual([])
      expect(result.exitCode).toBe(1)
      expect(result.annotations).toEqual([
        expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
      ])
    } finally {
      await registry.stop()
    }
  })
})
