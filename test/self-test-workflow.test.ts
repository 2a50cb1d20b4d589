/**
 * .github/workflows/self-test.yml and self-test-comment.yml, run here as GitHub would run them: each
 * `./actions/<name>` step's bundle through the harness with the step's `with:` (expressions over earlier steps'
 * outputs and outcomes evaluated), `continue-on-error` honoured, `run:` steps in bash with their `env:`; against
 * the GitHub fake and the results service. First main's push run (its self-test/evaluate check run is the
 * baseline), then a pull request's run, then the workflow_run that posts metric-diff's comment from main.
 */
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeEach, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { startResultsService, type ResultsService } from './fakes/results-service.js'
import { pullRequestEvent, pushEvent, workflowRunEvent } from './harness/events.js'
import { makeRuntimeToken } from './harness/runtime-token.js'
import { REPO_ROOT, runAction } from './harness/run-action.js'

const OWNER = 'mlci'
const REPO = 'mlci'
const RUN_ID = 5151

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
  if?: string
  'continue-on-error'?: boolean
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>
}

interface StepResult {
  outcome: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
}

interface JobContext {
  eventName: string
  payload: object
  token: string
  env: Record<string, string>
  workspace: string
}

let fake: GitHubFake
let service: ResultsService
const scratch: string[] = []

beforeEach(async () => {
  fake = await startGitHubFake({ owner: OWNER, repo: REPO })
  service = await startResultsService()
})

afterEach(async () => {
  expect(fake.validationErrors).toEqual([])
  await fake.close()
  await service.close()
})

afterAll(async () => {
  await Promise.all(scratch.map(dir => rm(dir, { recursive: true, force: true })))
})

async function workflow(file: string): Promise<Workflow> {
  return parse(await readFile(path.join(REPO_ROOT, '.github/workflows', file), 'utf8')) as Workflow
}

/** A checkout: the repository's examples in a fresh workspace (the actions run from this checkout's bundles). */
async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlci-self-test-'))
  scratch.push(dir)
  await mkdir(path.join(dir, 'workspace'))
  await cp(path.join(REPO_ROOT, 'examples'), path.join(dir, 'workspace/examples'), { recursive: true })
  await mkdir(path.join(dir, 'runner-temp'))
  return dir
}

/** `${{ … }}` over the contexts these workflows use: steps.<id>.outputs/outcome, github.event_name, literals. */
function evaluate(expression: string, steps: Record<string, StepResult>, job: JobContext): string | boolean {
  const value = (atom: string): string | boolean => {
    const text = atom.trim()
    const literal = /^'(.*)'$/.exec(text)
    if (literal) return literal[1] as string
    if (text === 'github.event_name') return job.eventName
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(text)
    if (output) return steps[output[1] as string]?.outputs[output[2] as string] ?? ''
    const outcome = /^steps\.([\w-]+)\.outcome$/.exec(text)
    if (outcome) return steps[outcome[1] as string]?.outcome ?? ''
    throw new Error(`this test does not evaluate \${{ ${text} }}: extend evaluate()`)
  }
  const comparison = (part: string): string | boolean => {
    const match = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(part.trim())
    if (match === null) return value(part)
    const equal = value(match[1] as string) === value(match[3] as string)
    return match[2] === '==' ? equal : !equal
  }
  const parts = expression.split('&&')
  return parts.length === 1 ? comparison(expression) : parts.every(part => comparison(part) === true)
}

function expand(text: string, steps: Record<string, StepResult>, job: JobContext): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) =>
    String(evaluate(expression, steps, job))
  )
}

/** The steps of one job, in order, as the runner takes them (checkout is the workspace already made). */
async function runJob(job: JobContext, steps: Step[]): Promise<Record<string, StepResult>> {
  const results: Record<string, StepResult> = {}
  steps.forEach((step, index) => (step.id ??= `step${index}`))
  for (const step of steps) {
    const id = step.id as string
    if (step.uses?.startsWith('actions/checkout@') === true) {
      results[id] = { outcome: 'success', outputs: {} }
      continue
    }
    const condition = step.if === undefined ? true : evaluate(step.if, results, job)
    if (condition !== true) {
      results[id] = { outcome: 'skipped', outputs: {} }
      continue
    }
    if (step.uses !== undefined) {
      const action = /^\.\/actions\/([\w-]+)$/.exec(step.uses)?.[1]
      if (action === undefined) throw new Error(`unexpected uses: ${step.uses}`)
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([name, text]) => [name, expand(String(text), results, job)])
      )
      const result = await runAction({
        action,
        inputs,
        event: job.eventName,
        eventPayload: job.payload,
        token: job.token,
        env: job.env,
        workspace: job.workspace
      })
      results[id] = { outcome: result.exitCode === 0 ? 'success' : 'failure', outputs: result.outputs }
      if (result.exitCode !== 0 && step['continue-on-error'] !== true)
        throw new Error(`${step.name ?? id} failed:\n${result.stdout}\n${result.stderr}`)
    } else if (step.run !== undefined) {
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, text]) => [name, expand(String(text), results, job)])
      )
      try {
        await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', expand(step.run, results, job)], {
          cwd: job.workspace,
          env: { PATH: process.env.PATH ?? '', ...env }
        })
        results[id] = { outcome: 'success', outputs: {} }
      } catch (error) {
        throw new Error(`${step.name ?? id} failed: ${String(error)}`, { cause: error })
      }
    }
  }
  return results
}

async function jobContext(eventName: string, payload: object): Promise<JobContext> {
  const dir = await checkout()
  const workspace = path.join(dir, 'workspace')
  const runnerTemp = path.join(dir, 'runner-temp')
  const env = Object.fromEntries(
    Object.entries({
      ...service.env(runnerTemp, workspace),
      GITHUB_API_URL: fake.url,
      RUNNER_TEMP: runnerTemp
    }).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
  return { eventName, payload, token: 'ghs_self_test', env, workspace }
}

/** The artifact zip the results service holds, as GitHub would serve it to the workflow_run workflow. */
async function uploadedZip(name: string): Promise<Buffer> {
  const response = await fetch(
    `${service.url}twirp/github.actions.results.api.v1.ArtifactService/GetSignedArtifactURL`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${makeRuntimeToken()}` },
      body: JSON.stringify({
        workflow_run_backend_id: 'run-backend-1',
        workflow_job_run_backend_id: 'job-backend-1',
        name
      })
    }
  )
  const { signed_url: url } = (await response.json()) as { signed_url: string }
  return Buffer.from(await (await fetch(url)).arrayBuffer())
}

test('main records the baseline; a pull request passes the self-test and gets its sticky comment from main', async () => {
  const selfTest = await workflow('self-test.yml')
  const comment = await workflow('self-test-comment.yml')
  const repo = { owner: OWNER, name: REPO }
  const main = fake.state.repo().branches.get('main') as string

  // A push to main: both jobs; evaluate's check run on main's commit is what pull requests compare with.
  const push = pushEvent({ after: main, repo })
  for (const job of Object.values(selfTest.jobs))
    await runJob(await jobContext('push', push), structuredClone(job.steps))
  const mainRuns = [...fake.state.repo().checkRuns.values()].filter(run => run.headSha === main)
  expect(mainRuns.map(run => [run.name, run.conclusion]).sort()).toEqual([
    ['self-test/evaluate', 'success'],
    ['self-test/validate-data', 'success']
  ])
  expect(service.artifacts()).toEqual([])

  // The pull request's run: the same checks on its head, and the prepared comment as an artifact.
  const pull = fake.state.addPull({ head: 'retrain' })
  const payload = pullRequestEvent({ number: pull.number, headSha: pull.head.sha, baseSha: main, repo })
  const validate = await runJob(
    await jobContext('pull_request', payload),
    structuredClone(selfTest.jobs['validate-data']?.steps ?? [])
  )
  expect(validate.incoming?.outcome).toBe('failure')
  expect(validate.reference?.outputs.valid).toBe('true')
  const evaluated = await runJob(
    await jobContext('pull_request', payload),
    structuredClone(selfTest.jobs.evaluate?.steps ?? [])
  )
  expect(evaluated.evaluate?.outputs.verdict).toBe('pass')
  const headRuns = [...fake.state.repo().checkRuns.values()].filter(run => run.headSha === pull.head.sha)
  expect(headRuns.map(run => [run.name, run.conclusion]).sort()).toEqual([
    ['self-test/evaluate', 'success'],
    ['self-test/validate-data', 'success']
  ])
  expect(fake.state.comments(pull.number)).toEqual([])
  const [artifact] = service.artifacts()
  expect(artifact).toBeDefined()

  // GitHub keeps the run's artifact; the workflow_run workflow on main reads it and comments.
  fake.state.addArtifact({
    runId: RUN_ID,
    name: artifact?.name as string,
    zip: await uploadedZip(artifact?.name as string),
    headSha: pull.head.sha,
    headBranch: 'retrain'
  })
  const completed = workflowRunEvent({
    id: RUN_ID,
    headSha: pull.head.sha,
    headBranch: 'retrain',
    repo,
    headRepo: repo
  })
  await runJob(
    await jobContext('workflow_run', completed),
    structuredClone(comment.jobs.comment?.steps ?? [])
  )
  const comments = fake.state.comments(pull.number)
  expect(comments).toHaveLength(1)
  expect(comments[0]?.user.login).toBe('github-actions[bot]')
  expect(comments[0]?.body).toContain('Self-test: churn model')
  // post read the baseline itself, from main's self-test/evaluate check run, and charts main's history.
  expect(comments[0]?.body).toContain(
    `baseline: check-run at ${main.slice(0, 12)} (check run 'self-test/evaluate')`
  )
  expect(comments[0]?.body).toContain('```mermaid')
}, 180_000)
