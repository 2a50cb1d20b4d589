// The release of a version tag, in the steps .github/workflows/release.yml runs (and test/release.test.ts runs
// the same way, against a scratch git repository and the GitHub fake). Only Node's built-ins and git: the job
// that holds a write token installs nothing.
//
//   node scripts/release/release.mjs check --tag v1.2.3 [--notes-out notes.md] [--repository owner/name]
//       the tag is a semantic version, package.json says the same version (and names --repository), CHANGELOG.md
//       has its dated section (written to --notes-out), the checkout is the tagged commit, and every file an
//       action.yml runs (dist/index.js) is committed at the tag. Prints commit=<sha> for $GITHUB_OUTPUT.
//   node scripts/release/release.mjs notes --tag v1.2.3
//       prints the release notes: the version's CHANGELOG.md section.
//   node scripts/release/release.mjs assets --tag v1.2.3 --out <dir>
//       writes the release's assets from what is committed at the tag: mlci-1.2.3.tar.gz (git archive of the
//       actions, LICENSE, README.md, CHANGELOG.md) and SHA256SUMS (every committed bundle file and the archive).
//   node scripts/release/release.mjs publish --tag v1.2.3 --commit <sha> --notes notes.md --assets <dir>
//       draft release → assets → publish, then the major tag (v1). GITHUB_TOKEN (contents: write),
//       GITHUB_REPOSITORY, and GITHUB_API_URL (default https://api.github.com) from the environment.
//
// Common option: --root <dir>, the repository (default: the one this script is in). Exit 1 with one line saying
// what is wrong and how to fix it.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { releaseNotes } from './changelog.mjs'
import { publishRelease } from './github-release.mjs'
import { parseVersionTag } from './version.mjs'

/** A failure already reported in one line by fail(): no stack, exit code 1. */
class Exit extends Error {}

const [command, ...rest] = process.argv.slice(2)
const { values: options } = parseArgs({
  args: rest,
  options: {
    tag: { type: 'string' },
    root: { type: 'string' },
    'notes-out': { type: 'string' },
    notes: { type: 'string' },
    repository: { type: 'string' },
    out: { type: 'string' },
    assets: { type: 'string' },
    commit: { type: 'string' }
  }
})
const root = path.resolve(options.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'))

try {
  const tag = required('tag')
  const parsed = parseVersionTag(tag)
  if ('error' in parsed) fail(parsed.error)
  const version = parsed.version
  switch (command) {
    case 'check':
      check(tag, version)
      break
    case 'notes':
      process.stdout.write(notesOf(version))
      break
    case 'assets':
      assets(tag, version, required('out'))
      break
    case 'publish':
      await publish(version)
      break
    default:
      fail(`unknown command ${JSON.stringify(command)}: check, notes, assets or publish`)
  }
} catch (error) {
  if (!(error instanceof Exit)) {
    console.error(`release: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

/**
 * @param {string} tag
 * @param {import('./version.mjs').Version} version
 */
function check(tag, version) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  if (pkg.version !== version.text)
    fail(
      `package.json has version ${JSON.stringify(pkg.version)}, the tag ${tag}: set "version": "${version.text}" and tag that commit`
    )
  if (options.repository !== undefined) {
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
    const named = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url ?? '')?.[1]
    if (named?.toLowerCase() !== options.repository.toLowerCase())
      fail(`package.json's repository is ${JSON.stringify(url)}, not ${options.repository}`)
  }
  const notes = notesOf(version)

  const commit = gitOrUndefined('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`)
  if (commit === undefined) fail(`there is no tag ${tag} in ${root}: create it (git tag ${tag}) and push it`)
  const head = git('rev-parse', 'HEAD')
  if (head !== commit)
    fail(`the checkout is ${head}, the tag ${tag} is ${commit}: release from the tagged commit`)
  const dirty = git('status', '--porcelain', '--untracked-files=no')
  if (dirty !== '') fail(`the checkout has uncommitted changes, so it is not what ${tag} holds:\n${dirty}`)

  const committed = new Set(git('ls-tree', '-r', '--name-only', commit, '--', 'actions').split('\n'))
  const actions = [...committed].filter(file => /^actions\/[^/]+\/action\.ya?ml$/.test(file)).sort()
  if (actions.length === 0) fail(`${tag} has no actions/<name>/action.yml`)
  for (const metadata of actions) {
    const text = git('show', `${commit}:${metadata}`)
    const dir = path.posix.dirname(metadata)
    for (const [, hook, file] of text.matchAll(/^\s+(pre|main|post):\s*['"]?([^'"\s#]+)/gm)) {
      const entry = path.posix.join(dir, /** @type {string} */ (file))
      if (!committed.has(entry))
        fail(
          `${metadata} runs ${hook}: ${file}, which is not committed at ${tag}: run npm run build and commit ${dir}/dist`
        )
    }
  }
  if (options['notes-out'] !== undefined) writeFileSync(options['notes-out'], notes)
  console.error(
    `${tag}: version, CHANGELOG.md section, tagged checkout and ${actions.length} actions' bundles are in order`
  )
  console.log(`commit=${commit}`)
}

/** @param {import('./version.mjs').Version} version */
function notesOf(version) {
  const result = releaseNotes(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version.text)
  if ('error' in result) fail(result.error)
  return result.notes
}

/**
 * @param {string} tag
 * @param {import('./version.mjs').Version} version
 * @param {string} out
 */
function assets(tag, version, out) {
  mkdirSync(out, { recursive: true })
  const archive = `mlci-${version.text}.tar.gz`
  // git archive is byte-for-byte repeatable for one commit: the same tag always gives the same asset.
  const paths = ['actions', 'LICENSE', 'README.md', 'CHANGELOG.md']
  const data = execFileSync(
    'git',
    ['archive', '--format=tar.gz', `--prefix=mlci-${version.text}/`, `refs/tags/${tag}`, '--', ...paths],
    { cwd: root, maxBuffer: 1 << 30 }
  )
  writeFileSync(path.join(out, archive), data)
  const bundles = git('ls-tree', '-r', '--name-only', `refs/tags/${tag}`, '--', 'actions')
    .split('\n')
    .filter(file => /^actions\/[^/]+\/dist\//.test(file))
    .sort()
  const sums = [
    ...bundles.map(
      file =>
        `${digest(execFileSync('git', ['show', `refs/tags/${tag}:${file}`], { cwd: root, maxBuffer: 1 << 30 }))}  ${file}`
    ),
    `${digest(data)}  ${archive}`
  ]
  writeFileSync(path.join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`)
  console.error(
    `wrote ${archive} (${data.length} bytes) and SHA256SUMS (${bundles.length} bundle files) to ${out}`
  )
}

/** @param {import('./version.mjs').Version} version */
async function publish(version) {
  const dir = required('assets')
  const files = readdirSync(dir).sort()
  if (files.length === 0) fail(`${dir} holds no assets: run the assets command first`)
  const result = await publishRelease({
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    token: environment('GITHUB_TOKEN'),
    repository: environment('GITHUB_REPOSITORY'),
    version,
    commit: required('commit'),
    notes: readFileSync(required('notes'), 'utf8'),
    assets: files.map(name => ({
      name,
      contentType: name.endsWith('.tar.gz') ? 'application/gzip' : 'text/plain',
      data: readFileSync(path.join(dir, name))
    })),
    log: line => console.log(line)
  })
  console.log(`release=${result.url}`)
}

/** @param {Buffer} data */
function digest(data) {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * git in the repository; the output without its final newline.
 * @param {string[]} args
 * @returns {string}
 */
function git(...args) {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).replace(/\n$/, '')
}

/**
 * git, or undefined when it fails (a ref that does not exist).
 * @param {string[]} args
 */
function gitOrUndefined(...args) {
  try {
    return git(...args)
  } catch {
    return undefined
  }
}

/** @param {'tag' | 'out' | 'notes' | 'assets' | 'commit'} name */
function required(name) {
  const value = options[name]
  if (value === undefined || value === '') fail(`${command ?? 'release'} needs --${name}`)
  return /** @type {string} */ (value)
}

/** @param {string} name */
function environment(name) {
  const value = process.env[name]
  if (value === undefined || value === '') fail(`publish needs ${name} in the environment`)
  return /** @type {string} */ (value)
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`release: ${message}`)
  process.exitCode = 1
  throw new Exit(message)
}
