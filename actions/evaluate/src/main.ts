import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as core from '@actions/core'
import { expandGlobs } from '../../../shared/action/globs.js'
import { UserError } from '../../../shared/action/user-error.js'
import { mergeMetrics, parseMetricFile, type Metrics } from '../../../shared/metrics/metric-file.js'
import { renderTable } from '../../../shared/report/markdown.js'
import { formatNumber } from '../../../shared/report/number-format.js'
import { getInputs } from './inputs.js'

export async function run(): Promise<void> {
  const inputs = getInputs()
  const files = await expandGlobs('metrics', inputs.metrics, inputs.workspace)
  core.info(`Reading ${files.length} metrics file(s).`)
  const loaded = await Promise.all(
    files.map(async absolute => {
      const file = path.relative(inputs.workspace, absolute) || absolute
      return { file, metrics: parseMetricFile(await readFile(absolute, 'utf8'), file) }
    })
  )
  const metrics = mergeMetrics(loaded)
  const names = Object.keys(metrics)
  if (names.length === 0) {
    throw new UserError(`No numeric metric found in ${loaded.map(l => l.file).join(', ')}.`, {
      file: loaded[0].file
    })
  }
  core.info(`Read ${names.length} metric(s).`)
  core.setOutput('metrics', JSON.stringify(metrics))
  await core.summary.addHeading('mlci evaluate', 2).addRaw(renderMetrics(metrics), true).write()
}

function renderMetrics(metrics: Metrics): string {
  const rows = Object.entries(metrics).map(([name, value]) => [name, formatNumber(value)])
  return renderTable([{ header: 'metric' }, { header: 'value', align: 'right' }], rows) + '\n'
}
