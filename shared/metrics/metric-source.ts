import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { expandGlobs } from '../action/globs.js'
import { UserError } from '../action/user-error.js'
import { mergeMetrics, parseMetricFile, type Metrics } from './metric-file.js'

/** Reads and merges the metric files that glob patterns name, relative to the workspace. */
export async function loadMetricFiles(
  inputName: string,
  patterns: string[],
  workspace: string
): Promise<Metrics> {
  const files = await expandGlobs(inputName, patterns, workspace)
  const loaded = await Promise.all(
    files.map(async absolute => {
      const file = path.relative(workspace, absolute) || absolute
      return { file, metrics: parseMetricFile(await readFile(absolute, 'utf8'), file) }
    })
  )
  const metrics = mergeMetrics(loaded)
  if (Object.keys(metrics).length === 0) {
    const names = loaded.map(l => l.file).join(', ')
    throw new UserError(`No numeric metric found in ${names}.`, { file: loaded[0]?.file })
  }
  return metrics
}

export interface BaselineMetrics {
  metrics: Metrics | undefined
  /** Said in the log, the outputs and the report: where the numbers came from. */
  source: string
}

/**
 * A baseline given by the user: `none`, `git:<ref>:<path>` (the file as committed at a ref, read with
 * `git show`, so no checkout or unshallowing of the workspace is needed beyond fetching the ref), or a
 * metrics file in the workspace.
 */
export async function loadBaseline(spec: string, workspace: string): Promise<BaselineMetrics> {
  if (spec === 'none') return { metrics: undefined, source: 'none' }
  const git = /^git:([^:]+):(.+)$/.exec(spec)
  if (git) {
    const [, ref, file] = git
    // Refs and paths go to git as arguments, never through a shell; a leading '-' would read as an option.
    if (ref.startsWith('-') || file.startsWith('-')) {
      throw new UserError(`Baseline '${spec}': a ref or path cannot start with '-'.`)
    }
    const text = await gitShow(workspace, ref, file, spec)
    return { metrics: parseMetricFile(text, `${ref}:${file}`), source: `git ${ref}:${file}` }
  }
  if (spec.startsWith('git:')) {
    throw new UserError(
      `Baseline '${spec}' must look like git:<ref>:<path>, e.g. git:origin/main:metrics.json.`
    )
  }
  return { metrics: await loadMetricFiles('baseline', [spec], workspace), source: `file ${spec}` }
}

function gitShow(cwd: string, ref: string, file: string, spec: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['show', `${ref}:${file}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', chunk => out.push(chunk))
    child.stderr.on('data', chunk => (err += chunk))
    child.on('error', error =>
      reject(new UserError(`Baseline '${spec}': could not run git (${error.message}).`))
    )
    child.on('close', code => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'))
      reject(
        new UserError(
          `Baseline '${spec}': git show ${ref}:${file} failed (${err.trim().split('\n')[0]}). ` +
            'Fetch the ref first (actions/checkout with fetch-depth: 0, or git fetch origin <branch>).'
        )
      )
    })
  })
}
