import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startTokenGate, type TokenGate } from '../../test/fakes/token-gate.js'
import { ServiceError } from '../errors/service-error.js'
import { HttpTransport } from './http-transport.js'
import { parseChallenge, RegistryAuth } from './registry-auth.js'
import { credentialOrigins, refusedUrl } from './registry-origin.js'

describe('parseChallenge', () => {
  test('reads the Bearer challenge of GHCR and Docker Hub, quoted commas included', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/m:pull,push"'
      )
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/m:pull,push' }
    })
    expect(parseChallenge('Basic realm="mlci-test"')).toEqual({
      scheme: 'basic',
      params: { realm: 'mlci-test' }
    })
  })
})

describe('token lifetime', () => {
  let gate: TokenGate
  const transport = new HttpTransport()
  beforeAll(async () => {
    // No registry behind it is needed: only its token endpoint is used here.
    gate = await startTokenGate({ upstream: '127.0.0.1:9', username: 'u', password: 'p', expiresIn: 60 })
  })
  afterAll(async () => {
    transport.close()
    await gate.stop()
  })

  test('a token is refreshed before it expires, not after a refusal', async () => {
    let clock = 1_000_000
    const secrets: string[] = []
    const auth = new RegistryAuth(transport, {
      registry: new URL(`http://${gate.host}`),
      credentials: { username: 'u', password: 'p' },
      scopes: ['repository:a/b:pull,push'],
      onSecret: s => secrets.push(s),
      now: () => clock
    })
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="http://${gate.host}/token",service="svc"` },
      body: Buffer.alloc(0)
    }
    expect(await auth.header()).toBeUndefined()
    expect(await auth.answer(challenge, new URL(`http://${gate.host}/v2/`), undefined)).toBe(true)
    const first = await auth.header()
    expect(first).toMatch(/^Bearer /)
    clock += 50_000
    expect(await auth.header()).toBe(first)
    clock += 6_000 // 56 s: within the 5 s margin of the 60 s lifetime
    const second = await auth.header()
    expect(second).not.toBe(first)
    expect(gate.tokenRequests.map(r => r.scopes)).toEqual([
      ['repository:a/b:pull,push'],
      ['repository:a/b:pull,push']
    ])
    expect(secrets.map(s => `Bearer ${s}`)).toEqual([first, second])
  })

  test('a token service that does not answer is the service named with what to check, not a crash', async () => {
    const { findFreePort } = await import('../../test/servers/free-port.js')
    const closed = await findFreePort()
    const auth = new RegistryAuth(transport, {
      registry: new URL('http://127.0.0.1:5000'),
      scopes: ['repository:a/b:pull']
    })
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="http://127.0.0.1:${closed}/token",service="svc"` },
      body: Buffer.alloc(0)
    }
    const error = await auth.answer(challenge, new URL('http://127.0.0.1:5000/v2/'), undefined).catch(e => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.service).toBe(`the token service http://127.0.0.1:${closed}/token`)
    expect(error.message).toMatch(/^it could not be reached: connect ECONNREFUSED 127\.0\.0\.1:\d+\.$/)
    expect(error.details.hint).toMatch(/Check the registry's token realm/)
  })
})

describe('credentials are bound to the registry origin', () => {
  const transport = new HttpTransport()
  afterAll(() => transport.close())
  const challenge = (realm: string) => ({
    status: 401,
    headers: { 'www-authenticate': `Bearer realm="${realm}",service="svc"` },
    body: Buffer.alloc(0)
  })
  const auth = (registry: string, tokenServices: string[] = []) =>
    new RegistryAuth(transport, {
      registry: new URL(registry),
      credentials: { username: 'u', password: 'p' },
      scopes: ['repository:a/b:pull,push'],
      tokenServices
    })

  test('the origin is scheme, host and port; plain http is for loopback, and never reached from https', () => {
    const registry = new URL('https://registry.example')
    expect(refusedUrl(registry, new URL('https://storage.example/upload/1'))).toBeUndefined()
    expect(refusedUrl(registry, new URL('http://registry.example/v2/upload/1'))).toBe(
      'it is plain http, and the registry is https'
    )
    expect(refusedUrl(registry, new URL('http://127.0.0.1:5000/token'))).toBe(
      'it is plain http, and the registry is https'
    )
    expect(refusedUrl(registry, new URL('ftp://registry.example/x'))).toBe('it is not an http(s) URL')
    const local = new URL('http://127.0.0.1:5000')
    expect(refusedUrl(local, new URL('http://127.0.0.1:5001/token'))).toBeUndefined()
    expect(refusedUrl(local, new URL('http://[::1]:5001/token'))).toBeUndefined()
    expect(refusedUrl(local, new URL('http://registry.example/token'))).toBe(
      'it is plain http to a host that is not a loopback address'
    )
    expect([...credentialOrigins(new URL('https://registry-1.docker.io'))]).toEqual([
      'https://registry-1.docker.io',
      'https://auth.docker.io'
    ])
    expect([...credentialOrigins(registry, ['https://auth.example:8443/token'])]).toEqual([
      'https://registry.example',
      'https://auth.example:8443'
    ])
  })

  test('a request to another origin carries no credentials, and its 401 is refused, not answered', async () => {
    const a = auth('http://127.0.0.1:5000')
    const basic = { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' }, body: Buffer.alloc(0) }
    expect(await a.answer(basic, new URL('http://127.0.0.1:5000/v2/'), undefined)).toBe(true)
    expect(await a.header(new URL('http://127.0.0.1:5000/v2/x/blobs/uploads/'))).toMatch(/^Basic /)
    expect(await a.header(new URL('http://127.0.0.1:5001/v2/x/blobs/uploads/1'))).toBeUndefined()
    expect(await a.header(new URL('https://127.0.0.1:5000/v2/'))).toBeUndefined()
    const error = await a.answer(basic, new URL('http://127.0.0.1:5001/upload'), undefined).catch(e => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(`${error.service}: ${error.message}`).toMatch(
      /^http:\/\/127\.0\.0\.1:5001: the registry 127\.0\.0\.1:5000 sent a request here, and it asked for credentials/
    )
  })

  test.each([
    [
      'an https registry, a plain-http realm',
      'https://127.0.0.1:5000',
      'http://127.0.0.1:5000/token',
      [],
      /plain http, and the registry is https/
    ],
    [
      'an https registry, a realm on another origin',
      'https://registry.example',
      'https://auth.example/token',
      [],
      /another origin than the registry \(https:\/\/registry\.example\): the credentials are not sent there/
    ],
    [
      'a realm named in token-service, but downgraded',
      'https://registry.example',
      'http://auth.example/token',
      ['https://auth.example'],
      /plain http, and the registry is https/
    ],
    [
      'the same host on another port',
      'http://127.0.0.1:5000',
      'http://127.0.0.1:5001/token',
      [],
      /another origin/
    ]
  ])('%s: refused before any request', async (_case, registry, realm, trusted, message) => {
    // Nothing listens on these addresses: a request would fail as "could not be reached", not with this refusal.
    const error = await auth(registry, trusted)
      .answer(challenge(realm), new URL(`${registry}/v2/`), undefined)
      .catch(e => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/could not be reached/)
    expect(error.details.hint).toMatch(/token-service|https/)
  })
})
