/**
 * The release, step by step as .github/workflows/release.yml runs it: scripts/release/release.mjs in its own node
 * process on a scratch git repository (check: tag → version → CHANGELOG section → tagged checkout → committed
 * bundles; assets: what the tag holds) and against the GitHub fake (publish: draft → assets → publish → major
 * tag), whose requests and responses are checked against GitHub's OpenAPI description.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RELEASE = path.join(REPO_ROOT, 'scripts/release/release.mjs')

const CHANGELOG = `# Changelog

All notable changes to this project are documented in this file.

## [Unreleased]

### Fixed

- Something not released yet.

## [1.2.3] - 2026-12-01

### Added

- A greeting with punctuation.

### Fixed

- The greeting ends its line.

## [1.2.2] - 2026-11-20

### Fixed

- An older fix.

[Unreleased]: https://github.com/mlci/mlci/compare/v1.2.3...HEAD
[1.2.3]: https://github.com/mlci/mlci/compare/v1.2.2...v1.2.3
[1.2.2]: https://github.com/mlci/mlci/releases/tag/v1.2.2
`

// The 1.2.3 section, as a reader of the release page should see it: no heading, no link definitions.
const NOTES_1_2_3 = `### Added

- A greeting with punctuation.

### Fixed

- The greeting ends its line.
`

const ACTION_YML = `name: greet
description: Greets someone
runs:
  using: node24
  main: 'dist/index.js'
  post: dist/index.js
`

const FILES: Record<string, string> = {
  'package.json': JSON.stringify(
    {
      name: 'mlci',
      version: '1.2.3',
      repository: { type: 'git', url: 'git+https://github.com/mlci/mlci.git' }
    },
    null,
    2
  ),
  'CHANGELOG.md': CHANGELOG,
  'README.md': '# mlci\n',
  LICENSE: 'MIT\n',
  'actions/greet/action.yml': ACTION_YML,
  'actions/greet/dist/index.js': 'console.log("hello")\n',
  'actions/greet/dist/package.json': '{ "type": "module" }\n',
  'actions/greet/src/index.ts': 'export {}\n'
}

const scratch: string[] = []
afterAll(async () => {
  await Promise.all(scratch.map(dir => rm(dir, { recursive: true, force: true })))
})

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_AUTHOR_DATE: '2026-12-01T12:00:00Z',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com',
  GIT_COMMITTER_DATE: '2026-12-01T12:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null'
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV }
  }).trim()
}

/** A scratch repository with FILES (changed by `changes`, null deletes) committed and tagged `tag`. */
async function repository(
  options: {
    tag?: string
    changes?: Record<string, string | null>
    uncommitted?: Record<string, string>
  } = {}
): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'mlci-release-'))
  scratch.push(root)
  const files = { ...FILES, ...options.changes }
  for (const [file, content] of Object.entries(files)) {
    if (content === null) continue
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), content)
  }
  git(root, 'init', '--quiet', '--initial-branch=main')
  git(root, 'add', '--all')
  git(root, 'commit', '--quiet', '--message', 'Release')
  if (options.tag !== undefined) git(root, 'tag', options.tag)
  for (const [file, content] of Object.entries(options.uncommitted ?? {}))
    await writeFile(path.join(root, file), content)
  return root
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** The script as the workflow runs it: its own node process (asynchronous, so the fake in this one answers). */
function release(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RELEASE, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...GIT_ENV, ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

describe('check: the tag, package.json, CHANGELOG.md and the committed bundles agree', () => {
  test('a tagged release commit passes and its notes are its CHANGELOG section, word for word', async () => {
    const root = await repository({ tag: 'v1.2.3' })
    const notes = path.join(root, '..', `${path.basename(root)}-notes.md`)
    scratch.push(notes)

    const run = await release([
      'check',
      '--tag',
      'v1.2.3',
      '--root',
      root,
      '--notes-out',
      notes,
      '--repository',
      'mlci/mlci'
    ])

    expect(run.stderr).toContain('v1.2.3: version, CHANGELOG.md section, tagged checkout and 1 actions')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`commit=${git(root, 'rev-parse', 'HEAD')}\n`)
    expect(await readFile(notes, 'utf8')).toBe(NOTES_1_2_3)
    const printed = await release(['notes', '--tag', 'v1.2.3', '--root', root])
    expect(printed.stdout).toBe(NOTES_1_2_3)
  })

  test.each([
    ['not three numbers', 'v1.2', {}, '"v1.2" is not a release tag'],
    ['a leading zero', 'v01.2.3', {}, '"v01.2.3" is not a release tag'],
    ['no v', '1.2.3', {}, '"1.2.3" is not a release tag'],
    ['build metadata', 'v1.2.3+build.5', {}, 'no build metadata'],
    [
      'package.json says another version',
      'v1.2.4',
      {},
      'package.json has version "1.2.3", the tag v1.2.4: set "version": "1.2.4" and tag that commit'
    ],
    [
      'an undated section',
      'v1.2.3',
      { 'CHANGELOG.md': CHANGELOG.replace('## [1.2.3] - 2026-12-01', '## [1.2.3] - not yet tagged') },
      'CHANGELOG.md line 11: the 1.2.3 section has no release date ("## [1.2.3] - not yet tagged"); write "## [1.2.3] - YYYY-MM-DD"'
    ],
    [
      'a date that does not exist',
      'v1.2.3',
      { 'CHANGELOG.md': CHANGELOG.replace('## [1.2.3] - 2026-12-01', '## [1.2.3] - 2026-02-30') },
      'the 1.2.3 section has no release date'
    ],
    [
      'no section for the version',
      'v1.2.3',
      { 'CHANGELOG.md': CHANGELOG.replace('## [1.2.3] - 2026-12-01', '## [1.2.4] - 2026-12-01') },
      'CHANGELOG.md has no section for 1.2.3 (it has: Unreleased, 1.2.4, 1.2.2)'
    ],
    [
      'a section without changes',
      'v1.2.3',
      {
        'CHANGELOG.md': CHANGELOG.replace(
          /### Added\n\n- A greeting with punctuation.\n\n### Fixed\n\n- The greeting ends its line.\n/,
          ''
        )
      },
      'the 1.2.3 section lists no change'
    ],
    [
      'a bundle not committed',
      'v1.2.3',
      { 'actions/greet/dist/index.js': null },
      'actions/greet/action.yml runs main: dist/index.js, which is not committed at v1.2.3: run npm run build and commit actions/greet/dist'
    ]
  ] as [string, string, Record<string, string | null>, string][])(
    'refused: %s',
    async (_label, tag, changes, message) => {
      const root = await repository({ tag: /^v\d+\.\d+\.\d+$/.test(tag) ? tag : undefined, changes })
      const run = await release(['check', '--tag', tag, '--root', root])
      expect(run.stderr).toContain(message)
      expect(run.code).toBe(1)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  )

  test('refused: the tag does not exist, the checkout is not the tagged commit, uncommitted changes', async () => {
    const untagged = await repository()
    expect((await release(['check', '--tag', 'v1.2.3', '--root', untagged])).stderr).toContain(
      'there is no tag v1.2.3'
    )

    const moved = await repository({ tag: 'v1.2.3' })
    await writeFile(path.join(moved, 'README.md'), '# mlci, later\n')
    git(moved, 'commit', '--quiet', '--all', '--message', 'After the release')
    const run = await release(['check', '--tag', 'v1.2.3', '--root', moved])
    expect(run.stderr).toMatch(/the checkout is [0-9a-f]{40}, the tag v1\.2\.3 is [0-9a-f]{40}/)

    const dirty = await repository({
      tag: 'v1.2.3',
      uncommitted: { 'actions/greet/dist/index.js': 'changed\n' }
    })
    const dirtyRun = await release(['check', '--tag', 'v1.2.3', '--root', dirty])
    expect(dirtyRun.stderr).toContain('the checkout has uncommitted changes')
    expect(dirtyRun.stderr).toContain('actions/greet/dist/index.js')
    expect(dirtyRun.code).toBe(1)
  })

  test('package.json must name the repository the workflow releases from', async () => {
    const root = await repository({ tag: 'v1.2.3' })
    const run = await release(['check', '--tag', 'v1.2.3', '--root', root, '--repository', 'someone/fork'])
    expect(run.stderr).toContain(
      `package.json's repository is "git+https://github.com/mlci/mlci.git", not someone/fork`
    )
    expect(run.code).toBe(1)
  })
})

describe('assets: what the tag holds, repeatably', () => {
  test('an archive of the actions at the tag and the SHA-256 of every committed bundle file', async () => {
    const root = await repository({ tag: 'v1.2.3' })
    // Work after the tag must not leak into its assets.
    await writeFile(path.join(root, 'actions/greet/dist/index.js'), 'console.log("later")\n')
    const out = path.join(root, '..', `${path.basename(root)}-assets`)
    const again = `${out}-again`
    scratch.push(out, again)

    expect((await release(['assets', '--tag', 'v1.2.3', '--root', root, '--out', out])).code).toBe(0)
    expect((await release(['assets', '--tag', 'v1.2.3', '--root', root, '--out', again])).code).toBe(0)

    expect((await readdir(out)).sort()).toEqual(['SHA256SUMS', 'mlci-1.2.3.tar.gz'])
    const archive = await readFile(path.join(out, 'mlci-1.2.3.tar.gz'))
    expect(archive.equals(await readFile(path.join(again, 'mlci-1.2.3.tar.gz')))).toBe(true)
    const listing = execFileSync('tar', ['-tzf', path.join(out, 'mlci-1.2.3.tar.gz')], { encoding: 'utf8' })
    expect(
      listing
        .split('\n')
        .filter(line => line !== '' && !line.endsWith('/'))
        .sort()
    ).toEqual([
      'mlci-1.2.3/CHANGELOG.md',
      'mlci-1.2.3/LICENSE',
      'mlci-1.2.3/README.md',
      'mlci-1.2.3/actions/greet/action.yml',
      'mlci-1.2.3/actions/greet/dist/index.js',
      'mlci-1.2.3/actions/greet/dist/package.json',
      'mlci-1.2.3/actions/greet/src/index.ts'
    ])
    const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
    expect(await readFile(path.join(out, 'SHA256SUMS'), 'utf8')).toBe(
      `${sha(FILES['actions/greet/dist/index.js'] as string)}  actions/greet/dist/index.js\n` +
        `${sha(FILES['actions/greet/dist/package.json'] as string)}  actions/greet/dist/package.json\n` +
        `${sha(archive)}  mlci-1.2.3.tar.gz\n`
    )
  })
})

describe('publish: draft → assets → publish → major tag, against the GitHub fake', () => {
  let fake: GitHubFake
  let assets: string

  beforeEach(async () => {
    fake = await startGitHubFake({ owner: 'mlci', repo: 'mlci' })
    fake.state.repo().immutableReleases = true
    assets = await mkdtemp(path.join(tmpdir(), 'mlci-release-assets-'))
    scratch.push(assets)
    await writeFile(path.join(assets, 'mlci-1.0.0.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]))
    await writeFile(path.join(assets, 'SHA256SUMS'), 'abc  actions/greet/dist/index.js\n')
  })

  afterEach(async () => {
    expect(fake.validationErrors).toEqual([])
    await fake.close()
  })

  /** A commit on main tagged `tag`, as `git push origin <tag>` leaves it. */
  function tagCommit(tag: string): string {
    const commit = fake.state.addCommit({ branch: 'main', message: `Release ${tag}` })
    fake.state.addTag({ name: tag, sha: commit.sha })
    return commit.sha
  }

  async function publish(tag: string, commit: string): Promise<Run> {
    const notes = path.join(assets, '..', `${path.basename(assets)}-notes.md`)
    scratch.push(notes)
    await writeFile(notes, `Notes of ${tag}\n`)
    return release(['publish', '--tag', tag, '--commit', commit, '--notes', notes, '--assets', assets], {
      GITHUB_API_URL: fake.url,
      GITHUB_TOKEN: 'ghs_release_token',
      GITHUB_REPOSITORY: 'mlci/mlci'
    })
  }

  const repo = () => fake.state.repo()
  const releaseOf = (tag: string) => [...repo().releases.values()].find(release => release.tagName === tag)

  test('the first release: a draft gets the notes and assets, is published immutable, and v1 is created', async () => {
    const commit = tagCommit('v1.0.0')
    const run = await publish('v1.0.0', commit)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)

    // Order matters: nothing is attached to a published release (immutable releases refuse it).
    expect(fake.calls.filter(call => call.method !== 'GET').map(call => [call.route, call.body])).toEqual([
      [
        'POST /repos/{owner}/{repo}/releases',
        { tag_name: 'v1.0.0', draft: true, name: 'v1.0.0', body: 'Notes of v1.0.0\n', prerelease: false }
      ],
      ['POST /repos/{owner}/{repo}/releases/{release_id}/assets', '<33 bytes>'],
      ['POST /repos/{owner}/{repo}/releases/{release_id}/assets', '<7 bytes>'],
      [
        'PATCH /repos/{owner}/{repo}/releases/{release_id}',
        { draft: false, tag_name: 'v1.0.0', make_latest: 'true' }
      ],
      ['POST /repos/{owner}/{repo}/git/refs', { ref: 'refs/tags/v1', sha: commit }]
    ])
    const published = releaseOf('v1.0.0')
    expect(published).toMatchObject({
      draft: false,
      immutable: true,
      body: 'Notes of v1.0.0\n',
      prerelease: false
    })
    expect(published?.assets.map(asset => [asset.name, asset.contentType, asset.data.length])).toEqual([
      ['SHA256SUMS', 'text/plain', 33],
      ['mlci-1.0.0.tar.gz', 'application/gzip', 7]
    ])
    expect(repo().tags.get('v1')).toBe(commit)
    expect(run.stdout).toContain(`created v1 at ${commit}`)
    expect(run.stdout).toMatch(/^release=.*\/mlci\/mlci\/releases\/tag\/v1\.0\.0$/m)
  })

  test('a re-run after publication changes nothing; different assets are refused, not replaced', async () => {
    const commit = tagCommit('v1.0.0')
    expect((await publish('v1.0.0', commit)).code).toBe(0)
    const writes = fake.calls.filter(call => call.method !== 'GET').length

    const rerun = await publish('v1.0.0', commit)
    expect(rerun.code).toBe(0)
    expect(rerun.stdout).toContain('v1.0.0 is already published with these assets: nothing to change')
    expect(rerun.stdout).toContain(`v1 already points at ${commit}`)
    expect(fake.calls.filter(call => call.method !== 'GET')).toHaveLength(writes)

    await writeFile(path.join(assets, 'SHA256SUMS'), 'def  actions/greet/dist/index.js\n')
    const changed = await publish('v1.0.0', commit)
    expect(changed.stderr).toMatch(
      /v1\.0\.0 is already published with other assets \(SHA256SUMS is sha256:[0-9a-f]{64}, built sha256:[0-9a-f]{64}\)\. A published release is not changed: release a new patch version instead\./
    )
    expect(changed.code).toBe(1)
    expect(fake.calls.filter(call => call.method !== 'GET')).toHaveLength(writes)
  })

  test('a run interrupted before publication: its draft is reused, a wrong asset replaced, a right one kept', async () => {
    const commit = tagCommit('v1.0.0')
    const draft = fake.state.addRelease({ tagName: 'v1.0.0', draft: true, body: 'old notes' })
    const at = fake.state.now()
    const bot = fake.state.user('github-actions[bot]')
    const sums = await readFile(path.join(assets, 'SHA256SUMS'))
    draft.assets.push(
      {
        id: fake.state.nextId(),
        name: 'SHA256SUMS',
        label: null,
        contentType: 'text/plain',
        data: sums,
        uploader: bot,
        createdAt: at,
        updatedAt: at
      },
      {
        id: fake.state.nextId(),
        name: 'mlci-1.0.0.tar.gz',
        label: null,
        contentType: 'application/gzip',
        data: Buffer.from('half'),
        uploader: bot,
        createdAt: at,
        updatedAt: at
      }
    )

    const run = await publish('v1.0.0', commit)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(`reusing the draft of v1.0.0 left by an earlier run (release ${draft.id})`)
    expect(run.stdout).toContain('asset SHA256SUMS is already attached')
    expect(run.stdout).toContain(
      'asset mlci-1.0.0.tar.gz differs from the one attached earlier: replacing it'
    )
    expect(fake.callsTo('POST /repos/{owner}/{repo}/releases')).toEqual([])
    expect(fake.callsTo('DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}')).toHaveLength(1)
    expect(repo().releases.size).toBe(1)
    expect(draft).toMatchObject({ draft: false, immutable: true, body: 'Notes of v1.0.0\n' })
    expect(draft.assets.map(asset => [asset.name, asset.data.length])).toEqual([
      ['SHA256SUMS', sums.length],
      ['mlci-1.0.0.tar.gz', 7]
    ])
  })

  test('v1 follows the newest 1.x: a fix of an older line and a pre-release leave it, 2.0.0 starts v2', async () => {
    const v100 = tagCommit('v1.0.0')
    expect((await publish('v1.0.0', v100)).code).toBe(0)
    const v110 = tagCommit('v1.1.0')
    const minor = await publish('v1.1.0', v110)
    expect(minor.stdout).toContain(`moved v1 from ${v100} to ${v110}`)
    expect(fake.callsTo('PATCH /repos/{owner}/{repo}/git/refs/{ref}').map(call => call.body)).toEqual([
      { sha: v110, force: true }
    ])

    // A fix on the 1.0 line after 1.1.0: released, not "Latest", and v1 stays on 1.1.0.
    const v101 = tagCommit('v1.0.1')
    const fix = await publish('v1.0.1', v101)
    expect(fix.code).toBe(0)
    expect(fix.stdout).toContain('major tag: v1.1.0 is newer in major 1: v1 stays with it')
    expect(fake.callsTo('PATCH /repos/{owner}/{repo}/releases/{release_id}').at(-1)?.body).toMatchObject({
      make_latest: 'false'
    })
    expect(repo().tags.get('v1')).toBe(v110)

    const rc = tagCommit('v2.0.0-rc.1')
    const preview = await publish('v2.0.0-rc.1', rc)
    expect(preview.code).toBe(0)
    expect(preview.stdout).toContain('major tag: 2.0.0-rc.1 is a pre-release: v2 stays where it is')
    expect(releaseOf('v2.0.0-rc.1')).toMatchObject({ prerelease: true, draft: false })
    expect(repo().tags.has('v2')).toBe(false)

    const v200 = tagCommit('v2.0.0')
    const major = await publish('v2.0.0', v200)
    expect(major.stdout).toContain(`created v2 at ${v200}`)
    expect(repo().tags.get('v1')).toBe(v110)
    expect(repo().tags.get('v2')).toBe(v200)
  })

  test('a tag that was never pushed is not released', async () => {
    const commit = fake.state.addCommit({ branch: 'main' }).sha
    const run = await publish('v1.0.0', commit)
    expect(run.stderr).toContain('mlci/mlci has no tag v1.0.0: push the tag first, then release it')
    expect(run.code).toBe(1)
    expect(repo().releases.size).toBe(0)
  })

  test("a release's tag is immutable once published: the fake refuses to move it, as GitHub does", async () => {
    const commit = tagCommit('v1.0.0')
    expect((await publish('v1.0.0', commit)).code).toBe(0)
    const later = fake.state.addCommit({ branch: 'main' }).sha
    const response = await fetch(`${fake.url}/repos/mlci/mlci/git/refs/tags%2Fv1.0.0`, {
      method: 'PATCH',
      headers: { authorization: 'token any', 'content-type': 'application/json' },
      body: JSON.stringify({ sha: later, force: true })
    })
    expect(response.status).toBe(422)
    expect(repo().tags.get('v1.0.0')).toBe(commit)
  })
})

describe("this repository's release metadata", () => {
  test('package.json names mlci/mlci and a version CHANGELOG.md has a section for', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string
      repository: { url: string }
    }
    expect(pkg.repository.url).toBe('git+https://github.com/mlci/mlci.git')
    const changelog = await readFile(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
    expect(changelog.split('\n')).toContainEqual(
      expect.stringMatching(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - `))
    )
  })
})

describe("this repository, released as package.json's version", () => {
  let fake: GitHubFake
  afterEach(async () => {
    expect(fake.validationErrors).toEqual([])
    await fake.close()
  })

  // What a maintainer does at the cut (README, Releasing): date the version's section if it is not yet, commit,
  // tag. Then the workflow's steps on that commit. HEAD as committed: uncommitted work is not part of a release.
  test('tagged, it passes check; the notes are its CHANGELOG section; the assets hold every bundle; publish moves the major tag', async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    const tag = `v${version}`
    const clone = await mkdtemp(path.join(tmpdir(), 'mlci-release-self-'))
    scratch.push(clone)
    execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', REPO_ROOT, clone], {
      env: { ...process.env, ...GIT_ENV }
    })
    git(clone, 'checkout', '--quiet', '--detach', git(REPO_ROOT, 'rev-parse', 'HEAD'))
    const changelogPath = path.join(clone, 'CHANGELOG.md')
    const changelog = await readFile(changelogPath, 'utf8')
    const undated = `## [${version}] - not yet tagged`
    if (changelog.includes(undated)) {
      await writeFile(changelogPath, changelog.replace(undated, `## [${version}] - 2026-12-07`))
      git(clone, 'commit', '--quiet', '--all', '--message', `Release ${version}`)
    }
    git(clone, 'tag', tag)

    const notesFile = `${clone}-notes.md`
    scratch.push(notesFile)
    const checked = await release([
      'check',
      '--tag',
      tag,
      '--root',
      clone,
      '--repository',
      'mlci/mlci',
      '--notes-out',
      notesFile
    ])
    expect(checked.stderr).toContain(
      `${tag}: version, CHANGELOG.md section, tagged checkout and 5 actions' bundles`
    )
    expect(checked.code).toBe(0)
    const notes = await readFile(notesFile, 'utf8')
    expect(notes).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m)
    expect(notes).not.toMatch(/^## |^\[[^\]]+\]: /m)

    const out = `${clone}-assets`
    scratch.push(out)
    expect((await release(['assets', '--tag', tag, '--root', clone, '--out', out])).code).toBe(0)
    const bundles = git(clone, 'ls-files', '--', 'actions/*/dist/*').split('\n').sort()
    expect(bundles).toEqual(
      expect.arrayContaining(['actions/evaluate/dist/index.js', 'actions/deploy/dist/index.js'])
    )
    const sums = (await readFile(path.join(out, 'SHA256SUMS'), 'utf8')).trim().split('\n')
    const expected = await Promise.all(
      bundles.map(
        async file =>
          `${createHash('sha256')
            .update(await readFile(path.join(clone, file)))
            .digest('hex')}  ${file}`
      )
    )
    expect(sums.slice(0, -1)).toEqual(expected)
    expect(sums.at(-1)).toBe(
      `${createHash('sha256')
        .update(await readFile(path.join(out, `mlci-${version}.tar.gz`)))
        .digest('hex')}  mlci-${version}.tar.gz`
    )

    fake = await startGitHubFake({ owner: 'mlci', repo: 'mlci' })
    const commit = fake.state.addCommit({ branch: 'main', message: `Release ${version}` }).sha
    fake.state.addTag({ name: tag, sha: commit })
    const published = await release(
      ['publish', '--tag', tag, '--commit', commit, '--notes', notesFile, '--assets', out],
      { GITHUB_API_URL: fake.url, GITHUB_TOKEN: 'ghs_release_token', GITHUB_REPOSITORY: 'mlci/mlci' }
    )
    expect(published.code).toBe(0)
    // Without the repository's immutable-releases setting the release still goes out, with a warning.
    expect(published.stdout).toContain(`warning: ${tag} is not immutable`)
    const [made] = fake.state.repo().releases.values()
    expect(made).toMatchObject({ tagName: tag, draft: false, body: notes })
    expect(made?.assets.map(asset => asset.name)).toEqual(['SHA256SUMS', `mlci-${version}.tar.gz`])
    expect(fake.state.repo().tags.get(`v${version.split('.')[0]}`)).toBe(commit)
  }, 60_000)
})
