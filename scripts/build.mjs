// Bundles every action with ncc into actions/<name>/dist (ESM + dist/package.json + licenses.txt).
// Usage: node scripts/build.mjs [action ...]   (default: all actions)
import { spawn } from 'node:child_process'
import { readdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
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
    const args = [
      ncc,
      'build',
      'src/index.ts',
      '-o',
      'dist',
      '--license',
      'licenses.txt',
      '--no-cache',
      '--quiet'
    ]
    const { code, output } = await exec(process.execPath, args, dir)
    if (code !== 0) {
      failures.push(name)
      console.error(`✗ ${name}\n${output}`)
    } else {
      console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    }
  }
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
