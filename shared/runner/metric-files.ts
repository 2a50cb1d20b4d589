import { UserError } from '../errors/user-error.js'
import { mergeMetrics, type Metrics } from '../metrics/metric-file.js'
import { metricValues, parseMetricsDocument } from '../metrics/metrics-document.js'
import { expandGlobs } from './globs.js'
import type { RunContext } from './run-context.js'
import { userFiles } from './user-files.js'

/**
 * Reads and merges the metric files that an input's glob patterns name, relative to the workspace; an evaluate
 * results file among them gives its candidate metrics (metrics-document.ts decides which is which).
 */
export async function loadMetricFiles(
  inputName: string,
  patterns: string[],
  run: Pick<RunContext, 'workspace' | 'runnerTemp'>
): Promise<{ files: string[]; metrics: Metrics }> {
  const files = userFiles(run)
  const loaded = await Promise.all(
    (await expandGlobs(inputName, patterns, run.workspace)).map(async absolute => {
      const { name, text } = await files.read(inputName, absolute)
      return { file: name, metrics: metricValues(await parseMetricsDocument(text, name)) }
    })
  )
  const metrics = mergeMetrics(loaded)
  if (Object.keys(metrics).length === 0) {
    const names = loaded.map(l => l.file).join(', ')
    throw new UserError(`Input '${inputName}': no numeric metric found in ${names}.`, {
      file: loaded[0]?.file
    })
  }
  return { files: loaded.map(l => l.file), metrics }
}
