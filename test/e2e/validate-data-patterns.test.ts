import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'

/**
 * A user's pattern never makes validate-data run for minutes, whatever the pattern and the cells: patterns run on
 * a linear-time engine. Each value below takes a backtracking engine seconds to minutes per cell (`^(a+)+$` on 32
 * a's and a '!': 2^32 ways to split them; `\S+@\S+\.\S+` on 4,000 characters of '@.': cubic). The step must be
 * done long before the harness would kill it, with every such cell reported as not matching.
 */
const STEP_BUDGET_MS = 20_000

const workspaces: string[] = []
afterAll(() => Promise.all(workspaces.map(w => rm(w, { recursive: true, force: true }))))

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-vd-patterns-'))
  workspaces.push(workspace)
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(workspace, name), text)
  return workspace
}

const run = (workspace: string, inputs: Record<string, string>) =>
  runAction({ action: 'validate-data', inputs, workspace, node: NODE24, timeoutMs: STEP_BUDGET_MS })

describe('user patterns run in linear time', () => {
  test('a JSON Schema pattern ^(a+)+$ against cells built to make it backtrack', async () => {
    const evil = 'a'.repeat(32) + '!'
    const workspace = await workspaceWith({
      'data.csv': ['id,code', '1,aaaa', `2,${evil}`, `3,${evil}`, `4,${evil}`].join('\n') + '\n',
      'schema.json': JSON.stringify({
        type: 'object',
        properties: { id: { type: 'integer' }, code: { type: 'string', pattern: '^(a+)+$' } }
      })
    })
    const result = await run(workspace, { data: 'data.csv', schema: 'schema.json' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.errors).toBe('3')
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8')) as {
      rules: { id: string; violations: number }[]
    }
    expect(report.rules.filter(r => r.violations > 0).map(r => [r.id, r.violations])).toEqual([
      [expect.stringMatching(/code.*pattern|pattern.*code/), 3]
    ])
  })

  test('a rules pattern \\S+@\\S+\\.\\S+ against 4,000-character cells', async () => {
    const evil = '@.'.repeat(2000) + ' '
    const workspace = await workspaceWith({
      'data.csv':
        ['id,email', '1,a@b.c', ...[2, 3, 4, 5, 6, 7, 8, 9].map(id => `${id},"${evil}"`)].join('\n') + '\n',
      'rules.yml': "columns:\n  email: { pattern: '\\S+@\\S+\\.\\S+' }\n"
    })
    const result = await run(workspace, { data: 'data.csv', rules: 'rules.yml' })
    expect(result.exitCode).toBe(1)
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8')) as {
      rules: { id: string; violations: number }[]
    }
    expect(report.rules.find(r => r.id === 'email.pattern')?.violations).toBe(8)
  })

  test('a pattern a linear-time engine cannot run is refused at its line, saying why', async () => {
    const workspace = await workspaceWith({
      'data.csv': 'id,code\n1,ab\n',
      'rules.yml': "columns:\n  code:\n    pattern: '(?=a)\\w+'\n"
    })
    const result = await run(workspace, { data: 'data.csv', rules: 'rules.yml' })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'rules.yml',
        line: 3,
        message: expect.stringMatching(/columns\.code\.pattern.*lookaround.*linear/)
      })
    ])
  })
})
