/**
 * The example workflows users copy: workflows-examples/*.yml and the ```yaml blocks of README.md and
 * actions/*\/README.md that are workflows (a mapping with `jobs:`), each with the line it starts at.
 */
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import type { Grant, Level, Scope } from './github-permissions.js'

export interface ExampleWorkflow {
  /** `file:line` of the workflow (of the code block, for a README). */
  where: string
  workflow: Workflow
  /** Line of the step in the file, by job id and step index. */
  stepLine: (jobId: string, index: number) => number
}

export interface Workflow {
  on?: unknown
  permissions?: Permissions
  jobs: Record<string, Job>
}

type Permissions = 'read-all' | 'write-all' | Record<string, string> | null

interface Job {
  permissions?: Permissions
  steps?: { uses?: string; with?: Record<string, unknown>; name?: string }[]
  uses?: string
}

export function exampleWorkflows(root: string): ExampleWorkflow[] {
  const found: ExampleWorkflow[] = []
  const dir = path.join(root, 'workflows-examples')
  for (const name of readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()) {
    const file = `workflows-examples/${name}`
    const workflow = parseWorkflow(readFileSync(path.join(root, file), 'utf8'), file, 0)
    if (workflow) found.push(workflow)
  }
  const readmes = [
    'README.md',
    ...readdirSync(path.join(root, 'actions'))
      .sort()
      .map(name => `actions/${name}/README.md`)
  ]
  for (const file of readmes) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (!/^```ya?ml\s*$/.test(lines[i])) continue
      const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line))
      const block = lines.slice(i + 1, end).join('\n')
      const workflow = parseWorkflow(block, file, i + 1)
      if (workflow) found.push(workflow)
      i = end
    }
  }
  return found
}

/** The workflow in `text` (lines offset by `firstLine`), or undefined when it is not one. */
function parseWorkflow(text: string, file: string, firstLine: number): ExampleWorkflow | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  if (doc.errors.length > 0)
    throw new Error(`${file}:${firstLine + 1}: not valid YAML: ${doc.errors[0].message}`)
  const workflow = doc.toJS() as Workflow | null
  if (workflow === null || typeof workflow !== 'object' || typeof workflow.jobs !== 'object') return undefined
  return {
    where: `${file}:${firstLine + 1}`,
    workflow,
    stepLine: (jobId, index) => {
      const node = doc.getIn(['jobs', jobId, 'steps', index], true) as { range?: [number] } | undefined
      return firstLine + (node?.range ? lineCounter.linePos(node.range[0]).line : 1)
    }
  }
}

/** The events the workflow runs on. */
export function eventsOf(workflow: Workflow): string[] {
  const on = workflow.on
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  if (on !== null && typeof on === 'object') return Object.keys(on)
  return []
}

const ALL_SCOPES: Scope[] = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'issues',
  'packages',
  'pull-requests',
  'statuses'
]

/**
 * The job token's permissions: the job's `permissions:` replaces the workflow's; with neither, GitHub's
 * restricted default (contents: read, packages: read), which new repositories and organisations get. Any
 * scope not named is `none`; metadata is always readable.
 */
export function jobGrants(workflow: Workflow, job: Job): Map<Scope, Level> {
  const declared = job.permissions !== undefined ? job.permissions : workflow.permissions
  const grants = new Map<Scope, Level>([['metadata', 'read']])
  if (declared === undefined) {
    grants.set('contents', 'read')
    grants.set('packages', 'read')
  } else if (declared === 'read-all' || declared === 'write-all') {
    for (const scope of ALL_SCOPES) grants.set(scope, declared === 'read-all' ? 'read' : 'write')
  } else if (declared !== null) {
    for (const [scope, level] of Object.entries(declared))
      if (level === 'read' || level === 'write') grants.set(scope as Scope, level)
  }
  return grants
}

export function allows(grants: Map<Scope, Level>, wanted: Grant): boolean {
  const level = grants.get(wanted.scope)
  return level === 'write' || (level === 'read' && wanted.level === 'read')
}

/** `./actions/<name>` or `<owner>/mlci/actions/<name>@<ref>` → `<name>`, as scripts/check-actions.mjs reads it. */
export function ourAction(uses: string | undefined): string | undefined {
  if (uses === undefined) return undefined
  return (/^\.\/actions\/([^/@\s]+)\/?$/.exec(uses) ??
    /^[^/\s]+\/mlci\/actions\/([^/@\s]+)@\S+$/.exec(uses))?.[1]
}
