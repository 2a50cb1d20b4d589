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
): Promise<{ files: string[]; metrics: Metrics }> {
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
  return { files: loaded.map(l => l.file), metrics }
}
