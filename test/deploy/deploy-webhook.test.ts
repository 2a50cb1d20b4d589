import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import * as path from 'node:path'
import { REPO_ROOT, runAction, type RunOptions } from '../harness/run-action.js'
import { runPython } from '../oracles/python.js'
import { testIfPython } from '../oracles/python-gate.js'
import { deployWorkspace } from './fixtures.js'

/**
 * The webhook target through the bundle: every delivery signed over a timestamp, a delivery id and the body, as the
 * README's verifier (run here by Python) checks it, replays refused; no redirect followed with the signed body;
 * plain http only to loopback unless `insecure`.
 */
const SECRET = 'whsec-7d1f0c2a'

/** A metrics command (run with node, no shell): a regressed canary, so every rollout deploys and rolls back. */
const METRICS = `
const sample = (center, seed) => Array.from({ length: 40 }, (_, k) => center * (1 + 0.05 * Math.sin(k * 1.7 + seed)))
console.log(JSON.stringify({ latency: { canary: sample(0.2, 1), baseline: sample(0.1, 2) } }))
`
const ANALYSIS =
  'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, direction: increase }\n'

interface Delivery {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** An HTTP server on `host` that records each request and answers with `reply`. */
async function startReceiver(
  host: string,
  reply: (request: Delivery) => { status: number; headers?: Record<string, string> } = () => ({ status: 204 })
): Promise<{ server: Server; url: string; received: Delivery[] }> {
  const received: Delivery[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8').on('data', chunk => (body += chunk))
    request.on('end', () => {
      const delivery = { path: request.url ?? '', headers: request.headers, body }
      received.push(delivery)
      const { status, headers } = reply(delivery)
      response.writeHead(status, headers).end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://${host}:${port}`, received }
}

const close = (server: Server | undefined) =>
  new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()))

async function webhookRollout(url: string, inputs: Record<string, string> = {}) {
  const workspace = await deployWorkspace({ 'analysis.yml': ANALYSIS, 'metrics.mjs': METRICS })
  const options: RunOptions = {
    action: 'deploy',
    workspace,
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      stages: '50%:1s, 100%',
      interval: '1s',
      analysis: 'analysis.yml',
      target: 'webhook',
      'webhook-url': url,
      'webhook-secret': SECRET,
      'record-deployment': 'false',
      ...inputs
    }
  }
  return runAction(options)
}

/** The Python verifier the README shows receivers, exactly as printed there. */
async function readmeVerifier(): Promise<string> {
  const readme = await readFile(path.join(REPO_ROOT, 'actions/deploy/README.md'), 'utf8')
  const block = /```python\n([\s\S]*?def verify_mlci_webhook[\s\S]*?)```/.exec(readme)
  if (!block) throw new Error('actions/deploy/README.md shows no verify_mlci_webhook in a python block')
  return block[1]
}

// The README's verifier needs only Python's standard library, but /usr/bin/python3 itself.
const pythonTest = testIfPython({ hmac: 'python3' })

describe('webhook target', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => (receiver = await startReceiver('127.0.0.1')))
  afterAll(async () => close(receiver?.server))

  // prettier-ignore
  pythonTest('each deploy and rollback is signed over timestamp, delivery id and body; the README verifier refuses replays', async () => {
    const before = Math.floor(Date.now() / 1000)
    const result = await webhookRollout(`${receiver.url}/hooks/deploy`)
    expect(result.outputs.result).toBe('rolled-back')
    expect(result.masks).toContain(SECRET)
    const logged = result.stdout.split('\n').filter(line => !line.startsWith('::add-mask::'))
    expect(logged.join('\n')).not.toContain(SECRET)

    const calls = receiver.received.filter(call => call.path === '/hooks/deploy')
    expect(calls.map(call => JSON.parse(call.body))).toEqual([
      expect.objectContaining({ action: 'deploy', stage: '1', traffic_percent: 50 }),
      expect.objectContaining({ action: 'rollback', stage: 'rollback', traffic_percent: 0 })
    ])
    const ids = calls.map(call => call.headers['x-mlci-delivery'])
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)])
    expect(new Set(ids).size).toBe(2)
    for (const call of calls) {
      const timestamp = Number(call.headers['x-mlci-timestamp'])
      expect(timestamp).toBeGreaterThanOrEqual(before)
      expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000))
    }

    // Verified by the README's Python, as a receiver written in another language would.
    const verdicts = await runPython<boolean[]>(
      `${await readmeVerifier()}
import json, sys
d = json.load(sys.stdin)
secret = d['secret'].encode()
calls = d['calls']
seen = set()
out = [verify_mlci_webhook(secret, c['headers'], c['body'].encode(), seen) for c in calls]
first = calls[0]
# The same delivery again, within the tolerance window: a replay.
out.append(verify_mlci_webhook(secret, first['headers'], first['body'].encode(), seen))
# The same body and signature under a fresh timestamp: the signature no longer matches.
moved = dict(first['headers'], **{'x-mlci-timestamp': str(int(first['headers']['x-mlci-timestamp']) + 60)})
out.append(verify_mlci_webhook(secret, moved, first['body'].encode(), set()))
# The delivery replayed after the tolerance window, to a receiver that has forgotten its id.
late = int(first['headers']['x-mlci-timestamp']) + 301
out.append(verify_mlci_webhook(secret, first['headers'], first['body'].encode(), set(), now=late))
print(json.dumps(out))`,
      { secret: SECRET, calls: calls.map(call => ({ headers: call.headers, body: call.body })) }
    )
    expect(verdicts).toEqual([true, true, false, false, false])
  })

  test('a redirect is not followed: the signed body never reaches the address it points to', async () => {
    const elsewhere = await startReceiver('127.0.0.1')
    const redirector = await startReceiver('127.0.0.1', () => ({
      status: 307,
      headers: { location: `${elsewhere.url}/collect` }
    }))
    try {
      const result = await webhookRollout(`${redirector.url}/hooks/deploy`)
      expect(result.exitCode).toBe(1)
      expect(result.outputs.result).toBe('failed')
      expect(elsewhere.received).toEqual([])
      expect(redirector.received.map(call => JSON.parse(call.body).action)).toEqual(['deploy', 'rollback'])
      expect(result.annotations).toEqual([
        expect.objectContaining({
          level: 'error',
          message: expect.stringMatching(
            /deploy webhook at http:\/\/127\.0\.0\.1:\d+ answered 307, a redirect to http:\/\/127\.0\.0\.1:\d+: mlci does not follow redirects/
          )
        })
      ])
    } finally {
      await Promise.all([close(elsewhere.server), close(redirector.server)])
    }
  })

  test('plain http to another host than the runner is refused before any traffic moves, unless insecure', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find(address => address?.family === 'IPv4' && !address.internal)?.address
    const refused = await webhookRollout('http://deployer.models.example.com/hooks/mlci')
    expect(refused.exitCode).toBe(1)
    expect(refused.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /^Input 'webhook-url' is plain http to deployer\.models\.example\.com.*https.*'insecure: true'/
        )
      })
    ])
    expect(refused.stdout).not.toMatch(/Baking stage/)
    if (lan === undefined) return // no address but loopback on this machine: the refusal above is the test
    const remote = await startReceiver(lan)
    try {
      const without = await webhookRollout(`${remote.url}/hooks/mlci`)
      expect(without.exitCode).toBe(1)
      expect(remote.received).toEqual([])
      const insecure = await webhookRollout(`${remote.url}/hooks/mlci`, { insecure: 'true' })
      expect(insecure.outputs.result).toBe('rolled-back')
      expect(remote.received.map(call => JSON.parse(call.body).action)).toEqual(['deploy', 'rollback'])
    } finally {
      await close(remote.server)
    }
  })
})
