// Bundles every action with ncc into actions/<name>/dist (ESM + dist/package.json + licenses.txt).
// Usage: node scripts/build.mjs [action ...]   (default: all actions)
import { spawn } from 'node:child_process'
import { readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
const requested = process.argv.slice(2)
const all = (await readdir(path.join(root, 'actions'), { withFileTypes: true }))
  .filter(entry => entry.isDirectory() && existsSync(path.join(root, 'actions', entry.name, 'src/index.ts')))
  .map(entry => entry.name)
  .sort()
const actions = requested.length > 0 ? requested : all
for (const name of requested)
  if (!all.includes(name)) throw new Error(`no action named ${name} under actions/`)

// ncc takes ~1.3 GB and one core per build: two at a time fits the 2-core machine.
const queue = [...actions]
const failures = []
await Promise.all([worker(), worker()])
if (failures.length > 0) {
  console.error(`build failed for: ${failures.join(', ')}`)
  process.exit(1)
}

async function worker() {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const started = Date.now()
    const dir = path.join(root, 'actions', name)
    await rm(path.join(dir, 'dist'), { recursive: true, force: true })
    const stats = path.join(tmpdir(), `mlci-build-${name}-${process.pid}.stats.json`)
    const args = [
      ncc,
      'build',
      'src/index.ts',
      '-o',
      'dist',
      '--license',
      'licenses.txt',
      '--no-cache',
      '--quiet',
      '--stats-out',
      stats
    ]
    const { code, output } = await exec(process.execPath, args, dir)
    if (code === 0) await writeLicenses(dir, stats).finally(() => rm(stats, { force: true }))
    else await rm(stats, { force: true })
    if (code !== 0) {
      failures.push(name)
      console.error(`✗ ${name}\n${output}`)
    } else {
      console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    }
  }
}

/**
 * licenses.txt for every package in the bundle, whichever chunk holds it. ncc's license plugin writes one
 * licenses.txt per chunk under the same name, so when webpack splits a dynamic import into a chunk of its own
 * (cacache's `import('p-map')` under @sigstore/sign), the last chunk's list (p-map alone) overwrites the main one.
 * The packages come from webpack's stats of the build (every module, concatenated ones included); the entries are
 * written as ncc writes them: name, license, license text, a blank line.
 */
async function writeLicenses(dir, statsFile) {
  const stats = JSON.parse(await readFile(statsFile, 'utf8'))
  const names = new Set()
  const walk = modules => {
    for (const module of modules ?? []) {
      if (module.name) names.add(module.name)
      walk(module.modules)
    }
  }
  walk(stats.modules)
  for (const chunk of stats.chunks ?? []) walk(chunk.modules)
  const packageDirs = new Set()
  for (const name of names) {
    // `../../node_modules/a/node_modules/@s/b/lib/x.js` (a loader prefix ends with `!`): the innermost package.
    const file = name
      .split('!')
      .at(-1)
      .replace(/ \+ \d+ modules?$/, '')
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)
    if (match) packageDirs.add(await realpath(path.resolve(dir, match[1])).catch(() => undefined))
  }
  packageDirs.delete(undefined)
  const entries = new Map()
  for (const packageDir of packageDirs) {
    const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'))
    const license =
      typeof manifest.license === 'string'
        ? manifest.license
        : (manifest.license?.type ?? manifest.licenses?.map(l => l.type ?? l).join(' OR ') ?? 'UNKNOWN')
    const licenseFile = (await readdir(packageDir)).sort().find(file => /^(licen[cs]e|copying)/i.test(file))
    const text = licenseFile ? await readFile(path.join(packageDir, licenseFile), 'utf8') : ''
    const entry = `${manifest.name}\n${license}\n${text}`
    // Two copies of one package (nested versions) with the same license are listed once.
    entries.set(`${manifest.name}\0${entry}`, entry)
  }
  const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e)
  await writeFile(path.join(dir, 'dist', 'licenses.txt'), sorted.join('\n\n'))
}

function exec(command, args, cwd) {
  return new Promise(resolve => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', chunk => (output += chunk))
    child.stderr.on('data', chunk => (output += chunk))
    child.on('close', code => resolve({ code, output }))
  })
}
