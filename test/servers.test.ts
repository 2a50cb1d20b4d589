import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, jest, test } from '@jest/globals'
import { findBinary, requireBinaries } from './servers/find-binary.js'
import { findFreePort, PortInUseError, startOnFreePort } from './servers/free-port.js'
import { expandSeries, renderOpenMetrics, startPrometheus, type SeriesSpec } from './servers/prometheus.js'
import { startRegistry, type RunningRegistry } from './servers/registry.js'
import { startServerProcess } from './servers/server-process.js'
import { testIfBinaries } from './servers/test-if-binaries.js'

const registryTest = await testIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })
const prometheusTest = await testIfBinaries({ prometheus: 'prometheus', promtool: 'prometheus' })

const CI = process.env.CI
const stops: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(stops.map(stop => stop()))
})

describe('renderOpenMetrics', () => {
  test('groups series by family, names counter samples _total and ends with # EOF', () => {
    const text = renderOpenMetrics([
      {
        name: 'requests',
        type: 'counter',
        help: 'Requests\nserved',
        labels: { v: 'a"b\\c' },
        start: 100,
        step: 15,
        values: [0, 1.5]
      },
      {
        name: 'latency_seconds',
        type: 'gauge',
        start: 100,
        step: 0.1,
        values: { count: 3, valueAt: i => i / 4 }
      },
      {
        name: 'requests_total',
        type: 'counter',
        labels: { v: 'b' },
        start: 130,
        step: 15,
        values: [Infinity]
      }
    ])
    expect(text).toBe(
      [
        '# HELP requests Requests\\nserved',
        '# TYPE requests counter',
        'requests_total{v="a\\"b\\\\c"} 0 100',
        'requests_total{v="a\\"b\\\\c"} 1.5 115',
        'requests_total{v="b"} +Inf 130',
        '# TYPE latency_seconds gauge',
        'latency_seconds 0 100',
        'latency_seconds 0.25 100.1',
        'latency_seconds 0.5 100.2',
        '# EOF',
        ''
      ].join('\n')
    )
  })

  test('refuses what promtool would accept silently or misread', () => {
    const gauge: SeriesSpec = { name: 'g', type: 'gauge', start: 1_767_225_600, step: 60, values: [1] }
    expect(() => renderOpenMetrics([{ ...gauge, start: 1_767_225_600_000 }])).toThrow(/milliseconds/)
    expect(() => renderOpenMetrics([gauge, gauge])).toThrow(/specified twice/)
    expect(() => renderOpenMetrics([gauge, { ...gauge, type: 'counter', labels: { a: 'b' } }])).toThrow(
      /both/
    )
    expect(() => renderOpenMetrics([{ ...gauge, name: 'model-latency' }])).toThrow(/metric name/)
    expect(() => renderOpenMetrics([{ ...gauge, labels: { __name__: 'x' } }])).toThrow(/label name/)
    expect(() => renderOpenMetrics([{ ...gauge, step: 0 }])).toThrow(/step/)
  })
})

describe('requireBinaries', () => {
  const missing = { 'mlci-no-such-binary': 'mlci-no-such-package' }

  test('warns and skips outside CI, naming the package to install', async () => {
    process.env.CI = 'false'
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      expect(await requireBinaries(missing)).toBe(false)
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('apt-get install -y mlci-no-such-package'))
    } finally {
      warn.mockRestore()
    }
  })

  test('fails under CI=true', async () => {
    process.env.CI = 'true'
    await expect(requireBinaries(missing)).rejects.toThrow(/mlci-no-such-binary not found.*CI=true/)
  })

  afterAll(() => {
    if (CI === undefined) delete process.env.CI
    else process.env.CI = CI
  })
})

describe('startServerProcess', () => {
  test('reports a server that never gets ready with its output, and SIGKILLs it when SIGTERM is ignored', async () => {
    // Were SIGKILL never sent, `sleep 300` would outlive the test timeout.
    const start = startServerProcess({
      name: 'stubborn',
      command: '/bin/sh',
      args: ['-c', 'trap "" TERM; echo still booting; exec sleep 300'],
      cwd: os.tmpdir(),
      readyUrl: `http://127.0.0.1:${await findFreePort()}/`,
      readyTimeoutMs: 300,
      stopGraceMs: 200
    })
    await expect(start).rejects.toThrow(
      /stubborn was not ready at .* after 300 ms\.\n\$ \/bin\/sh[\s\S]*still booting/
    )
  })

  prometheusTest('a real server that finds its port taken fails with PortInUseError', async () => {
    // Accepted connections are dropped at once, so the readiness poll fails fast instead of waiting.
    const holder = net.createServer(socket => socket.destroy())
    const port = await findFreePort()
    await new Promise<void>(resolve => holder.listen(port, '127.0.0.1', resolve))
    const root = await mkdtemp(path.join(os.tmpdir(), 'mlci-port-'))
    try {
      await writeFile(path.join(root, 'prometheus.yml'), 'scrape_configs: []\n')
      const start = startServerProcess({
        name: 'prometheus',
        command: (await findBinary('prometheus'))!,
        args: [
          `--config.file=${root}/prometheus.yml`,
          `--storage.tsdb.path=${root}/data`,
          `--web.listen-address=127.0.0.1:${port}`
        ],
        cwd: root,
        readyUrl: `http://127.0.0.1:${port}/-/ready`
      })
      await expect(start).rejects.toBeInstanceOf(PortInUseError)
      await expect(start).rejects.toThrow(/address already in use/)
    } finally {
      holder.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('startOnFreePort', () => {
  test('tries another port after PortInUseError and rethrows anything else', async () => {
    const ports: number[] = []
    const port = await startOnFreePort(async candidate => {
      ports.push(candidate)
      if (ports.length < 3) throw new PortInUseError('taken')
      return candidate
    })
    expect(ports).toHaveLength(3)
    expect(port).toBe(ports[2])
    await expect(startOnFreePort(() => Promise.reject(new PortInUseError('taken')), 2)).rejects.toThrow(
      'taken'
    )
    let calls = 0
    await expect(startOnFreePort(() => Promise.reject(new Error(`broken ${++calls}`)))).rejects.toThrow(
      'broken 1'
    )
  })
})

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const CONFIG_JSON = '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

interface Descriptor {
  mediaType: string
  digest: string
  size: number
}

/** The OCI push flow: POST opens an upload, PUT with ?digest= completes it in one request. */
async function pushBlob(
  registry: RunningRegistry,
  repo: string,
  mediaType: string,
  content: string
): Promise<Descriptor> {
  const bytes = Buffer.from(content)
  const opened = await fetch(`${registry.url}/v2/${repo}/blobs/uploads/`, {
    method: 'POST',
    headers: registry.authHeaders
  })
  expect(opened.status).toBe(202)
  const location = new URL(opened.headers.get('location')!, registry.url)
  location.searchParams.set('digest', sha256(bytes))
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...registry.authHeaders, 'content-type': 'application/octet-stream' },
    body: content
  })
  expect(put.status).toBe(201)
  return { mediaType, digest: sha256(bytes), size: bytes.length }
}

/** Pushes a one-layer OCI image and returns the exact manifest bytes sent. */
async function pushImage(registry: RunningRegistry, repo: string, tag: string) {
  const config = await pushBlob(registry, repo, 'application/vnd.oci.image.config.v1+json', CONFIG_JSON)
  const layer = await pushBlob(registry, repo, 'application/vnd.oci.image.layer.v1.tar', 'model weights\n')
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config,
      layers: [layer],
      annotations: { 'org.mlci.test': tag }
    })
  )
  const put = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...registry.authHeaders, 'content-type': OCI_MANIFEST },
    body: manifest.toString()
  })
  expect(put.status).toBe(201)
  expect(put.headers.get('docker-content-digest')).toBe(sha256(manifest))
  return { manifest, layer }
}

/** Runs a command to completion without blocking the event loop; rejects with its stderr on failure. */
async function run(command: string, args: readonly string[]): Promise<Buffer> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`)
  return Buffer.concat(stdout)
}

async function expectGone(url: string) {
  await expect(fetch(url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } })
}

registryTest('registry: an image pushed with fetch reads back byte for byte with skopeo', async () => {
  const registry = await startRegistry()
  stops.push(registry.stop)
  const { manifest, layer } = await pushImage(registry, 'ml/model', 'v1')

  const reference = `docker://${registry.host}/ml/model:v1`
  const raw = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--no-creds', reference])
  expect(raw.equals(manifest)).toBe(true)
  const config = await run('skopeo', [
    'inspect',
    '--config',
    '--raw',
    '--tls-verify=false',
    '--no-creds',
    reference
  ])
  expect(config.toString()).toBe(CONFIG_JSON)
  const copy = await mkdtemp(path.join(os.tmpdir(), 'mlci-skopeo-'))
  try {
    await run('skopeo', [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      '--src-no-creds',
      reference,
      `dir:${copy}`
    ])
    const copied = await readFile(path.join(copy, layer.digest.replace('sha256:', '')))
    expect(sha256(copied)).toBe(layer.digest)
    expect(copied.toString()).toBe('model weights\n')
  } finally {
    await rm(copy, { recursive: true, force: true })
  }

  await registry.stop()
  await registry.stop()
  await expectGone(`${registry.url}/v2/`)
  expect(existsSync(registry.dataDir)).toBe(false)
})

registryTest(
  'registry with auth: answers 401 without the test credentials and serves skopeo --creds',
  async () => {
    const registry = await startRegistry({ auth: true })
    stops.push(registry.stop)
    const anonymous = await fetch(`${registry.url}/v2/`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="mlci-test"')
    const wrong = await fetch(`${registry.url}/v2/`, {
      headers: { authorization: `Basic ${Buffer.from('mlci:wrong').toString('base64')}` }
    })
    expect(wrong.status).toBe(401)

    const { manifest } = await pushImage(registry, 'ml/model', 'v2')
    const { username, password } = registry.credentials!
    const reference = `docker://${registry.host}/ml/model:v2`
    const raw = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `--creds=${username}:${password}`,
      reference
    ])
    expect(raw.equals(manifest)).toBe(true)
    await expect(
      run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--no-creds', reference])
    ).rejects.toThrow(/unauthorized|authentication required/i)
    await registry.stop()
    await expectGone(`${registry.url}/v2/`)
  }
)

// 2026-01-01T00:00:00Z; two hours of samples every 15 s, both ends included.
const T0 = 1_767_225_600
const STEP = 15
const COUNT = (2 * 3600) / STEP + 1
const SERIES: SeriesSpec[] = [
  {
    name: 'model_latency_seconds',
    type: 'gauge',
    labels: { version: 'baseline' },
    start: T0,
    step: STEP,
    values: new Array<number>(COUNT).fill(0.25)
  },
  {
    name: 'model_latency_seconds',
    type: 'gauge',
    labels: { version: 'canary' },
    start: T0,
    step: STEP,
    values: { count: COUNT, valueAt: i => (i % 8) / 8 }
  },
  // Linear counters: exactly 7.5 and 3 requests per second (both exact in binary floating point).
  {
    name: 'http_requests',
    type: 'counter',
    labels: { version: 'baseline' },
    start: T0,
    step: STEP,
    values: { count: COUNT, valueAt: (_, t) => 7.5 * (t - T0) }
  },
  {
    name: 'http_requests',
    type: 'counter',
    labels: { version: 'canary' },
    start: T0,
    step: STEP,
    values: { count: COUNT, valueAt: (_, t) => 3 * (t - T0) }
  }
]

interface PromResult {
  metric: Record<string, string>
  value?: [number, string]
  values?: Array<[number, string]>
}

async function query(
  url: string,
  endpoint: 'query' | 'query_range',
  params: Record<string, string | number>
) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) search.set(key, String(value))
  const response = await fetch(`${url}/api/v1/${endpoint}?${search}`)
  const body = (await response.json()) as { status: string; data: { result: PromResult[] } }
  expect(body.status).toBe('success')
  return [...body.data.result].sort((a, b) => (a.metric.version ?? '').localeCompare(b.metric.version ?? ''))
}

prometheusTest(
  'prometheus: backfilled series answer instant and range queries with the exact values',
  async () => {
    const prometheus = await startPrometheus({ openMetrics: SERIES })
    stops.push(prometheus.stop)

    // Query times are multiples of the step, so each 5m window (closed at both ends in 2.42) holds 21
    // samples, extrapolation adds nothing and increase() is exact.
    const increases = await query(prometheus.url, 'query', {
      query: 'sum by (version) (increase(http_requests_total[5m]))',
      time: T0 + 3600
    })
    expect(increases.map(r => [r.metric.version, r.value])).toEqual([
      ['baseline', [T0 + 3600, '2250']],
      ['canary', [T0 + 3600, '900']]
    ])
    // rate() multiplies by 1/range instead of dividing by it: 2250 * (1/300) is 7.500000000000001.
    const rates = await query(prometheus.url, 'query', {
      query: 'sum by (version) (rate(http_requests_total[5m]))',
      time: T0 + 3600
    })
    expect(rates.map(r => r.metric.version)).toEqual(['baseline', 'canary'])
    expect(Number(rates[0].value![1])).toBeCloseTo(7.5, 12)
    expect(Number(rates[1].value![1])).toBeCloseTo(3, 12)

    const gauges = await query(prometheus.url, 'query', { query: 'model_latency_seconds', time: T0 + 3615 })
    expect(gauges.map(r => [r.metric.version, r.value?.[1]])).toEqual([
      ['baseline', '0.25'],
      ['canary', String((241 % 8) / 8)]
    ])

    const range = await query(prometheus.url, 'query_range', {
      query: 'rate(http_requests_total{version="canary"}[5m])',
      start: T0 + 600,
      end: T0 + 7200,
      step: 60
    })
    expect(range).toHaveLength(1)
    expect(range[0].values).toHaveLength((7200 - 600) / 60 + 1)
    for (const [, value] of range[0].values!) expect(Number(value)).toBeCloseTo(3, 12)

    const canary = await query(prometheus.url, 'query_range', {
      query: 'model_latency_seconds{version="canary"}',
      start: T0,
      end: T0 + 7200,
      step: STEP
    })
    expect(canary[0].values!.map(([seconds, value]) => [seconds, Number(value)])).toEqual(
      expandSeries(SERIES[1])
    )

    await prometheus.stop()
    await expectGone(`${prometheus.url}/-/ready`)
    expect(existsSync(prometheus.dataDir)).toBe(false)
  }
)

prometheusTest('prometheus: a promtool failure names the error and shows the input', async () => {
  const withoutEof = `# TYPE http_requests counter\nhttp_requests_total 1 ${T0}\n`
  const started = startPrometheus({ openMetrics: withoutEof })
  started.then(prometheus => stops.push(prometheus.stop)).catch(() => {})
  await expect(started).rejects.toThrow(
    /promtool tsdb create-blocks-from openmetrics --max-block-duration 744h .* failed \(exit code 1\):\n.*does not end with # EOF\n--- input ---\n# TYPE http_requests counter/
  )
})
