import { describe, expect, test } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parseAnalysisConfig } from './analysis-config.js'
import { checkMetricsCommand, commandProvider, parseSamples } from './command-provider.js'
import { ProviderUnavailableError } from './metrics-provider.js'
import { parseInlineStages } from './stages.js'

const config = (command: string[]) =>
  parseAnalysisConfig(
    `provider:\n  command: ${JSON.stringify(command)}\nmetrics:\n  - { name: latency }\n  - { name: errors }\n`,
    'analysis.yml',
    'mann-whitney'
  )
const stage = parseInlineStages('25%:1m, 100%', 'stages')[0]
const window = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-01T00:10:00Z') }

describe('command provider', () => {
  test('runs the program without a shell, with the stage and window in its environment', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-provider-'))
    await writeFile(
      path.join(dir, 'metrics.mjs'),
      `const e = process.env
console.log(JSON.stringify({ latency: { canary: [Number(e.MLCI_STAGE), Number(e.MLCI_TRAFFIC_PERCENT), null], baseline: [Date.parse(e.MLCI_ANALYSIS_START), Date.parse(e.MLCI_ANALYSIS_END)] }, extra: 1 }))`
    )
    // A semicolon and a dollar sign stay literal arguments: there is no shell to interpret them.
    const samples = await commandProvider({ cwd: dir, env: { PATH: process.env.PATH ?? '' } }).fetch(
      config(['node', 'metrics.mjs', '; echo $HOME']),
      stage,
      window
    )
    expect(samples.latency.canary).toEqual([1, 25, NaN])
    expect(samples.latency.baseline).toEqual([window.start.getTime(), window.end.getTime()])
    expect(samples.errors).toEqual({ canary: [], baseline: [] })
  })

  test('a program that fails or cannot start is a provider that did not answer', async () => {
    const provider = commandProvider({ cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' } })
    await expect(provider.fetch(config(['node', '-e', 'process.exit(3)']), stage, window)).rejects.toThrow(
      ProviderUnavailableError
    )
    await expect(provider.fetch(config(['./no-such-program']), stage, window)).rejects.toThrow(
      /could not run \.\/no-such-program/
    )
  })

  test('a program that cannot start is refused up front, at the provider line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-provider-'))
    await writeFile(path.join(dir, 'metrics.sh'), '#!/bin/sh\necho {}\n', { mode: 0o644 })
    const where = { cwd: dir, searchPath: process.env.PATH }
    await expect(checkMetricsCommand(config(['node', 'metrics.mjs']), where)).resolves.toBeUndefined()
    const missing = checkMetricsCommand(config(['./missing.sh']), where)
    await expect(missing).rejects.toThrow(
      /^analysis\.yml:2: provider\.command: \.\/missing\.sh does not exist in the workspace/
    )
    await expect(missing).rejects.toMatchObject({ location: { file: 'analysis.yml', line: 2 } })
    await expect(checkMetricsCommand(config(['./metrics.sh']), where)).rejects.toThrow(
      /\.\/metrics\.sh is not executable: chmod \+x it .*\[sh, \.\/metrics\.sh\]/
    )
    await expect(checkMetricsCommand(config(['no-such-tool-mlci']), where)).rejects.toThrow(
      /no-such-tool-mlci was not found on PATH/
    )
  })

  test('output of the wrong shape is the user’s to fix, with what was expected', () => {
    const analysis = config(['./metrics.sh'])
    expect(() => parseSamples('{"latency": {"canary": [1, "2"]}}', analysis)).toThrow(
      /\.\/metrics\.sh \(the metrics command of analysis\.yml\) printed "2" at 'latency\.canary\[1\]' instead of a number/
    )
    expect(() => parseSamples('{"latency": [1, 2]}', analysis)).toThrow(/printed \[1,2\] for 'latency'/)
    expect(() => parseSamples('latency=1\n', analysis)).toThrow(
      /printed no valid JSON \(output line 1, column 1\): "latency=1"/
    )
  })
})
