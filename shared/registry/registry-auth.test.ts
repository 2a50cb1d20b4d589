import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startTokenGate, type TokenGate } from '../../test/fakes/token-gate.js'
import { ServiceError } from '../errors/service-error.js'
import { HttpTransport } from './http-transport.js'
import { parseChallenge, RegistryAuth } from './registry-auth.js'

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
    const auth = new RegistryAuth(
      transport,
      { username: 'u', password: 'p' },
      ['repository:a/b:pull,push'],
      s => secrets.push(s),
      () => clock
    )
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="http://${gate.host}/token",service="svc"` },
      body: Buffer.alloc(0)
    }
    expect(await auth.header()).toBeUndefined()
    expect(await auth.answer(challenge, 'registry', undefined)).toBe(true)
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
    const auth = new RegistryAuth(transport, undefined, ['repository:a/b:pull'], () => {})
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="http://127.0.0.1:${closed}/token",service="svc"` },
      body: Buffer.alloc(0)
    }
    const error = await auth.answer(challenge, 'registry', undefined).catch(e => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.service).toBe(`the token service http://127.0.0.1:${closed}/token`)
    expect(error.message).toMatch(/^it could not be reached: connect ECONNREFUSED 127\.0\.0\.1:\d+\.$/)
    expect(error.details.hint).toMatch(/Check the registry's token realm/)
  })
})
