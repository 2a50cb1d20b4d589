import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as log from './log.js'
import { UserError } from '../errors/user-error.js'
import type { GitHubClient } from '../github/github-client.js'
import { metricsOfDocument } from '../metrics/metrics-document.js'
import { ProgramNotStarted, runProgram, type ProgramResult } from '../io/run-program.js'
import { programEnvironment } from './environment.js'
import { isGitHubUnavailable } from './github-api.js'
import { userFiles } from './user-files.js'
import type { Baseline } from '../metrics/results.js'
import { decodeDigest, type ResultsDigest } from '../metrics/results-digest.js'
import type { RunContext } from './run-context.js'

/** What the user asked for as a baseline (the `baseline` input of evaluate and metric-diff). */
export type BaselineSpec =
  | { kind: 'auto' }
  | { kind: 'none' }
  | { kind: 'file'; path: string }
  | { kind: 'git'; ref: string; path: string }

export function parseBaselineSpec(raw: string): BaselineSpec {
  if (raw === 'auto' || raw === 'none') return { kind: raw }
  if (raw.startsWith('git:')) {
    const match = /^git:([^:]+):(.+)$/.exec(raw)
    if (!match)
      throw new UserError(
        `Input 'baseline' must look like git:<ref>:<path>, for example git:origin/main:metrics.json; got '${raw}'.`
      )
    // Refs and paths reach git as arguments, never through a shell; a leading '-' would read as an option.
    if (match[1].startsWith('-') || match[2].startsWith('-')) {
      throw new UserError(
        `Input 'baseline': in git:<ref>:<path>, neither the ref nor the path may start with '-'.`
      )
    }
    return { kind: 'git', ref: match[1], path: match[2] }
  }
  return { kind: 'file', path: raw }
}

/**
 * Finds the baseline. `auto` on a pull request: our check run on the event's base SHA, then on the merge
 * base (the base branch may have moved past the commit the PR branched from), then the newest cache entry of
 * the base branch, then none. On a push: our check run on the commit before it. Every answer names its
 * source and commit.
 */
export async function findBaseline(
  spec: BaselineSpec,
  run: RunContext,
  client: GitHubClient | undefined,
  checkName: string
): Promise<Baseline> {
  switch (spec.kind) {
    case 'none':
      return { source: 'none', commit: null, detail: 'baseline: none', metrics: null }
    case 'file': {
      const file = await userFiles(run).read('baseline', spec.path)
      return {
        source: 'file',
        commit: null,
        detail: file.name,
        metrics: await metricsOfDocument(file.text, file.name)
      }
    }
    case 'git':
      return {
        source: 'git',
        commit: await gitRevParse(spec.ref, run.workspace),
        detail: `git:${spec.ref}:${spec.path}`,
        metrics: await metricsOfDocument(
          await gitShow(spec.ref, spec.path, run.workspace),
          `git:${spec.ref}:${spec.path}`
        )
      }
    case 'auto':
      return findAutoBaseline(run, client, checkName)
  }
}

async function findAutoBaseline(
  run: RunContext,
  client: GitHubClient | undefined,
  checkName: string
): Promise<Baseline> {
  const tried: string[] = []
  if (client && checkName !== '') {
    for (const sha of await candidateCommits(run, client)) {
      const digest = await digestOnCommit(client, run, sha, checkName)
      if (digest)
        return {
          source: 'check-run',
          commit: sha,
          detail: `check run '${checkName}'`,
          metrics: digest.metrics
        }
      tried.push(`no '${checkName}' check run with results on ${sha.slice(0, 12)}`)
    }
  } else {
    tried.push(client ? 'check-name is empty' : 'no github-token')
  }
  const branch = run.baseBranch
  if (branch && checkName !== '') {
    const cached = await restoreBaselineCache(checkName, branch)
    if (cached)
      return {
        source: 'cache',
        commit: cached.digest.commit,
        detail: `cache ${cached.key}`,
        metrics: cached.digest.metrics
      }
    tried.push(`no cache entry ${cacheKeyPrefix(checkName, branch)}*`)
  }
  return {
    source: 'none',
    commit: null,
    detail: tried.join('; ') || 'nothing to compare with',
    metrics: null
  }
}

/** The commits whose results are the baseline, most relevant first. */
async function candidateCommits(run: RunContext, client: GitHubClient): Promise<string[]> {
  if (run.pullRequest) {
    const { baseSha, headSha } = run.pullRequest
    const commits = [baseSha]
    try {
      const { data } = await client.rest.repos.compareCommitsWithBasehead({
        owner: run.owner,
        repo: run.repo,
        basehead: `${baseSha}...${headSha}`
      })
      const mergeBase = data.merge_base_commit.sha
      if (mergeBase !== baseSha) commits.push(mergeBase)
    } catch (error) {
      if (isGitHubUnavailable(error)) throw error
      log.info`Could not find the merge base of ${baseSha.slice(0, 12)} and ${headSha.slice(0, 12)}: ${(error as Error).message}`
    }
    return commits
  }
  return run.pushBefore ? [run.pushBefore] : []
}

/** The results evaluate recorded in its check run `checkName` on commit `sha`, if any. */
export async function digestOnCommit(
  client: GitHubClient,
  run: Pick<RunContext, 'owner' | 'repo'>,
  sha: string,
  checkName: string
): Promise<ResultsDigest | undefined> {
  try {
    const { data } = await client.rest.checks.listForRef({
      owner: run.owner,
      repo: run.repo,
      ref: sha,
      check_name: checkName,
      filter: 'latest',
      per_page: 100
    })
    for (const checkRun of data.check_runs) {
      // Bound to the run's own commit: a digest naming another commit was copied there, not recorded there.
      if (checkRun.head_sha !== sha) continue
      const digest = decodeDigest(checkRun.output.summary, checkRun.head_sha)
      if (digest) return digest
    }
  } catch (error) {
    if (isGitHubUnavailable(error)) throw error
    log.info`Could not read the check runs of ${sha.slice(0, 12)}: ${(error as Error).message}`
  }
  return undefined
}

function cacheKeyPrefix(checkName: string, branch: string): string {
  return `mlci-baseline-${checkName}-${branch}-`
}

/** Relative, so the cache version (a hash of the paths as written) is the same on every runner. */
const CACHE_DIR = '.mlci-baseline-cache'

async function restoreBaselineCache(
  checkName: string,
  branch: string
): Promise<{ key: string; digest: ResultsDigest } | undefined> {
  // @actions/cache is heavy and only needed on this fallback path.
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) return undefined
  const prefix = cacheKeyPrefix(checkName, branch)
  try {
    const key = await cache.restoreCache([CACHE_DIR], `${prefix}latest`, [prefix])
    if (key === undefined) return undefined
    // Entries are keyed by the commit whose results they hold (saveBaselineCache): the digest must name it.
    const commit = key.slice(prefix.length)
    const digest = decodeDigest(await readFile(path.join(CACHE_DIR, 'digest.txt'), 'utf8'), commit)
    return digest ? { key, digest } : undefined
  } catch (error) {
    log.info`Could not restore the baseline cache: ${(error as Error).message}`
    return undefined
  } finally {
    await rm(CACHE_DIR, { recursive: true, force: true })
  }
}

/** Saves this run's digest as the newest baseline of its branch (cache entries are immutable: one per commit). */
export async function saveBaselineCache(
  checkName: string,
  branch: string,
  sha: string,
  digestLine: string
): Promise<string | undefined> {
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) return undefined
  const key = `${cacheKeyPrefix(checkName, branch)}${sha}`
  try {
    await mkdir(CACHE_DIR, { recursive: true })
    await writeFile(path.join(CACHE_DIR, 'digest.txt'), digestLine)
    const id = await cache.saveCache([CACHE_DIR], key)
    return id > 0 ? key : undefined
  } catch (error) {
    log.warning`Could not save the baseline cache entry ${key}: ${(error as Error).message}`
    return undefined
  } finally {
    await rm(CACHE_DIR, { recursive: true, force: true })
  }
}

/** git in the workspace, with the minimal environment (it needs HOME for the checkout's safe.directory). */
async function git(args: string[], cwd: string): Promise<ProgramResult> {
  try {
    return await runProgram('git', args, { cwd, env: programEnvironment(), timeoutMs: 60_000 })
  } catch (error) {
    if (error instanceof ProgramNotStarted)
      throw new UserError(
        `Input 'baseline' names a git ref, but git ${error.message.replace(/^could not run git: /, '')}: install git on the runner.`
      )
    throw error
  }
}

async function gitShow(ref: string, file: string, cwd: string): Promise<string> {
  const result = await git(['show', `${ref}:${file}`], cwd)
  if (result.exitCode !== 0) {
    throw new UserError(
      `Input 'baseline': git:${ref}:${file} cannot be read (${result.stderr.trim().slice(-300)}): fetch that ref first (actions/checkout with fetch-depth: 0).`
    )
  }
  return result.stdout
}

async function gitRevParse(ref: string, cwd: string): Promise<string | null> {
  const result = await git(['rev-parse', '--verify', `${ref}^{commit}`], cwd)
  return result.exitCode === 0 ? result.stdout.trim() : null
}
