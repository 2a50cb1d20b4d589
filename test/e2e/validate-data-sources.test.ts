import { describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'
import { sha256sum } from '../servers/run-command.js'

/**
 * publish's provenance and ML-BOM name each dataset by its digest, taken from validate-data's report or profile:
 * both record the sha256 of every data file they describe (coreutils' sha256sum is the oracle).
 */
const csv = (rows: number, offset = 0) =>
  ['id,x', ...Array.from({ length: rows }, (_, i) => `${i + offset},${(i * 7) % 11}`)].join('\n') + '\n'

const run = (workspace: string, inputs: Record<string, string>) =>
  runAction({ action: 'validate-data', inputs, workspace, node: NODE24 })

describe('validate-data records the digest of every data file it read', () => {
  test('in the report and in the profile written by profile-out', async () => {
    const workspace = await workspaceWith({ 'data/a.csv': csv(30), 'data/b.csv': csv(20, 30) })
    const result = await run(workspace, { data: 'data/*.csv', 'profile-out': 'profile.json' })
    expect(result.exitCode).toBe(0)
    const expected = [
      {
        file: 'data/a.csv',
        sha256: (await sha256sum(path.join(workspace, 'data/a.csv'))).slice(7),
        bytes: csv(30).length
      },
      {
        file: 'data/b.csv',
        sha256: (await sha256sum(path.join(workspace, 'data/b.csv'))).slice(7),
        bytes: csv(20, 30).length
      }
    ]
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
    expect(report.sources).toEqual(expected)
    const profile = JSON.parse(await readFile(path.join(workspace, 'profile.json'), 'utf8'))
    expect(profile.sources).toEqual(expected)
  })

  test('mode merge carries the shards’ digests', async () => {
    const workspace = await workspaceWith({ 'data/a.csv': csv(30), 'data/b.csv': csv(20, 30) })
    for (const shard of ['a', 'b']) {
      const result = await run(workspace, { data: `data/${shard}.csv`, report: `shard-${shard}.json` })
      expect(result.exitCode).toBe(0)
    }
    const merged = await run(workspace, { mode: 'merge', data: 'shard-*.json', report: 'merged.json' })
    expect(merged.exitCode).toBe(0)
    const report = JSON.parse(await readFile(path.join(workspace, 'merged.json'), 'utf8'))
    expect(report.sources.map((s: { file: string; sha256: string }) => [s.file, s.sha256])).toEqual([
      ['data/a.csv', (await sha256sum(path.join(workspace, 'data/a.csv'))).slice(7)],
      ['data/b.csv', (await sha256sum(path.join(workspace, 'data/b.csv'))).slice(7)]
    ])
  })
})
