/**
 * Our own workflows (.github/workflows/): what actionlint cannot know. Third-party actions pinned by commit, the
 * permissions of every job exactly as reviewed (least privilege), no pull request code next to a write token,
 * the Debian packages CI installs are .ci/run's, and the release and self-test workflows run the steps the
 * tests of scripts/release/ and the actions cover.
 */
import { readFile, readdir } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIR = path.join(REPO_ROOT, '.github/workflows')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, string>
  if?: string
}
interface Job {
  permissions?: Record<string, string>
  steps: Step[]
  'runs-on': string
  strategy?: { matrix: Record<string, string[]> }
}
interface Workflow {
  name: string
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

async function workflows(): Promise<Map<string, { text: string; workflow: Workflow }>> {
  const files = (await readdir(DIR)).filter(name => /\.ya?ml$/.test(name)).sort()
  const all = new Map<string, { text: string; workflow: Workflow }>()
  for (const file of files) {
    const text = await readFile(path.join(DIR, file), 'utf8')
    all.set(file, { text, workflow: parse(text) as Workflow })
  }
  return all
}

async function workflow(file: string): Promise<Workflow> {
  const found = (await workflows()).get(file)
  if (found === undefined) throw new Error(`.github/workflows/${file} does not exist`)
  return found.workflow
}

/** The packages of an `apt-get install` command line (continuation lines joined, options dropped). */
function aptPackages(script: string): string[] {
  const command = /apt-get[^\n]*\binstall\b((?:[^\n]*\\\n)*[^\n]*)/.exec(script)?.[0] ?? ''
  return command
    .replace(/\\\n/g, ' ')
    .replace(/>\s*\/dev\/null/g, ' ')
    .split(/\s+/)
    .slice(command.split(/\s+/).indexOf('install') + 1)
    .filter(word => word !== '' && !word.startsWith('-') && !word.includes('='))
    .sort()
}

describe('.github/workflows', () => {
  test('holds CI, the self-test (two workflows) and the release', async () => {
    expect([...(await workflows()).keys()]).toEqual([
      'ci.yml',
      'release.yml',
      'self-test-comment.yml',
      'self-test.yml'
    ])
  })

  test('every third-party action is pinned by its full commit SHA, with the version as a comment', async () => {
    for (const [file, { text }] of await workflows()) {
      for (const line of text.split('\n')) {
        const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line)
        if (uses === null || uses[1]?.startsWith('./')) continue
        expect(`${file}: ${line.trim()}`).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
      }
    }
  })

  test('each job has exactly the permissions it needs, and the workflow default is read-only', async () => {
    const permissions: Record<string, Record<string, Record<string, string> | undefined>> = {}
    for (const [file, { workflow: current }] of await workflows()) {
      expect([file, current.permissions]).toEqual([file, expect.objectContaining({ contents: 'read' })])
      permissions[file] = Object.fromEntries(
        Object.entries(current.jobs).map(([id, job]) => [id, job.permissions ?? current.permissions])
      )
    }
    expect(permissions).toEqual({
      'ci.yml': {
        lint: { contents: 'read' },
        'check-dist': { contents: 'read' },
        test: { contents: 'read' }
      },
      'release.yml': {
        verify: { contents: 'read' },
        // Creating the release, its assets and the major tag.
        release: { contents: 'write' }
      },
      'self-test.yml': {
        'validate-data': { contents: 'read', checks: 'write' },
        evaluate: { contents: 'read', checks: 'write' }
      },
      'self-test-comment.yml': {
        comment: { actions: 'read', checks: 'read', contents: 'read', 'pull-requests': 'write' }
      }
    })
  })

  test('no pull request code runs next to a write token', async () => {
    for (const [file, { text, workflow: current }] of await workflows()) {
      expect([file, Object.keys(current.on)]).not.toEqual([
        file,
        expect.arrayContaining(['pull_request_target'])
      ])
      if (!('workflow_run' in current.on)) continue
      // A workflow_run checkout without ref is the default branch; a ref or repository could fetch the PR's code.
      for (const job of Object.values(current.jobs))
        for (const step of job.steps.filter(candidate => candidate.uses?.startsWith('actions/checkout@')))
          expect([file, step.with ?? {}]).toEqual([file, { 'persist-credentials': false }])
      expect(text).not.toMatch(/head_branch|head_repository/)
    }
    const selfTest = await workflow('self-test.yml')
    expect(Object.keys(selfTest.on).sort()).toEqual(['pull_request', 'push'])
  })

  test('the Debian packages CI installs are the ones .ci/run installs', async () => {
    const expected = aptPackages(await readFile(path.join(REPO_ROOT, '.ci/run'), 'utf8'))
    expect(expected).toContain('python3-sklearn')
    let installs = 0
    for (const [file, { workflow: current }] of await workflows())
      for (const [id, job] of Object.entries(current.jobs))
        for (const step of job.steps.filter(candidate => candidate.run?.includes('apt-get') === true)) {
          installs++
          expect([file, id, aptPackages(step.run as string)]).toEqual([file, id, expected])
        }
    expect(installs).toBe(3)
  })

  test('ci: lint, check-dist, and the tests on x64 and arm64', async () => {
    const ci = await workflow('ci.yml')
    const runs = (job: string) => (ci.jobs[job]?.steps ?? []).flatMap(step => step.run ?? [])
    expect(runs('lint')).toContain('npm run lint')
    expect(runs('check-dist')).toContain('npm run check-dist')
    expect(runs('test')).toContain('npm test')
    expect(ci.jobs.test?.strategy?.matrix.runner).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm'])
  })

  test('release: on a version tag, check → check-dist, then check → assets → publish with the write token', async () => {
    const release = await workflow('release.yml')
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } })
    const verify = (release.jobs.verify?.steps ?? []).flatMap(step => step.run ?? [])
    expect(verify.map(run => run.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'node scripts/release/release.mjs check',
      'sudo apt-get -o',
      'npm ci --no-audit',
      'npm run check-dist'
    ])
    expect(verify[0]).toContain('release.mjs check --tag "$GITHUB_REF_NAME"')
    const write = release.jobs.release as Job & { needs: string }
    expect(write.needs).toBe('verify')
    const commands = write.steps
      .flatMap(step => step.run ?? [])
      .map(run => /release\.mjs (\w+)/.exec(run)?.[1])
    expect(commands).toEqual(['check', 'assets', 'publish'])
    // The job with the write token installs nothing: no dependency's code runs next to it.
    expect(
      write.steps.some(step => /npm (ci|install)|setup-node/.test(`${step.run ?? ''}${step.uses ?? ''}`))
    ).toBe(false)
  })

  test('self-test: the actions from ./actions on the example data; the comment from main through prepare/post', async () => {
    const selfTest = await workflow('self-test.yml')
    const comment = await workflow('self-test-comment.yml')
    const steps = Object.values(selfTest.jobs).flatMap(job => job.steps)
    const uses = (action: string) => steps.filter(step => step.uses === `./actions/${action}`)
    expect(uses('validate-data').map(step => step.with?.data)).toEqual([
      'examples/churn-data/reference.csv',
      'examples/churn-data/incoming.csv'
    ])
    const evaluate = uses('evaluate')
    expect(evaluate.map(step => step.with?.['check-name'])).toEqual(['self-test/evaluate'])
    expect(uses('metric-diff').map(step => step.with?.mode)).toEqual(['prepare'])

    expect(comment.on).toEqual({ workflow_run: { workflows: [selfTest.name], types: ['completed'] } })
    const post = comment.jobs.comment?.steps.find(step => step.uses === './actions/metric-diff')
    expect(post?.with).toMatchObject({ mode: 'post', 'check-name': 'self-test/evaluate' })
  })
})
