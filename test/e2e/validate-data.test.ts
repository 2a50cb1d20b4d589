import { describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'

const run = (workspace: string, inputs: Record<string, string>) =>
  runAction({ action: 'validate-data', inputs, workspace, node: NODE24 })

/** 400 deterministic rows: id, age, country, email, score. */
function cleanCsv(rows = 400, shift = 0): string {
  const lines = ['id,age,country,email,score']
  for (let i = 0; i < rows; i++) {
    const country = ['US', 'DE', 'FR', 'JP'][(i * 7 + (shift > 0 && i % 3 === 0 ? 1 : 0)) % 4]
    lines.push(
      `${i},${20 + ((i * 13) % 50)},${country},user${i}@example.org,${(((i * 37) % 100) / 100 + shift).toFixed(2)}`
    )
  }
  return lines.join('\n') + '\n'
}

const RULES = `rows: { min: 10 }
unique: [[id]]
columns:
  age: { required: true, not_null: true, min: 0, max: 130 }
  country: { in: [US, DE, FR, JP], severity: warning }
  email: { pattern: '[^@\\s]+@[^@\\s]+' }
drift:
  defaults: { numeric: wasserstein, categorical: jensenshannon, threshold: 0.1 }
  columns: { score: { method: psi, warn: 0.1, fail: 0.25 } }
`

describe('validate-data end to end', () => {
  test('a clean dataset passes with a summary and a complete report', async () => {
    const workspace = await workspaceWith({ 'data/train.csv': cleanCsv(), 'rules.yml': RULES })
    const result = await run(workspace, { data: 'data/*.csv', rules: 'rules.yml' })
    expect(result.stdout).not.toMatch(/::error/)
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual(
      expect.objectContaining({ valid: 'true', rows: '400', errors: '0', warnings: '0' })
    )
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
    expect(report.rules.map((r: { id: string }) => r.id).sort()).toEqual(
      ['age.max', 'age.min', 'age.not_null', 'country.in', 'email.pattern', 'rows', 'unique(id)'].sort()
    )
    expect(result.summary).toContain('mlci validate-data: ✅ passed')
  })

  test('a dirty dataset fails with exact counts and annotations at physical lines after quoted newlines', async () => {
    const csv = [
      'id,age,country,email,score',
      '1,30,US,a@b.c,0.1',
      '2,"40",DE,"multi',
      'line@x.y",0.2',
      '3,140,FR,c@d.e,0.3',
      '4,,XX,no-at-sign,0.4',
      '4,150,JP,e@f.g,0.5',
      ...Array.from({ length: 10 }, (_, i) => `${10 + i},50,US,u${i}@x.y,0.5`)
    ].join('\r\n')
    const workspace = await workspaceWith({ 'dirty.csv': csv, 'rules.yml': RULES })
    const result = await run(workspace, { data: 'dirty.csv', rules: 'rules.yml', 'max-errors': '2' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.valid).toBe('false')
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
    const byId = Object.fromEntries(report.rules.map((r: { id: string }) => [r.id, r]))
    expect(byId['age.max'].violations).toBe(2)
    expect(byId['age.not_null'].violations).toBe(1)
    expect(byId['unique(id)'].violations).toBe(1)
    expect(byId['email.pattern'].violations).toBe(2)
    expect(byId['country.in'].violations).toBe(1)
    expect(result.outputs.errors).toBe('6')
    expect(result.outputs.warnings).toBe('1')
    const lineOf = (title: string) => result.annotations.find(a => a.title === `mlci validate-data: ${title}`)
    expect(lineOf('age.max')).toEqual(expect.objectContaining({ level: 'error', file: 'dirty.csv', line: 5 }))
    expect(lineOf('email.pattern')).toEqual(expect.objectContaining({ file: 'dirty.csv', line: 3 }))
    expect(lineOf('unique(id)')).toEqual(expect.objectContaining({ line: 7 }))
    expect(lineOf('country.in')).toEqual(expect.objectContaining({ level: 'warning', line: 6 }))
    expect(result.summary).toContain('First bad rows')
  })

  test('a drifted dataset names its drifted columns; infer then validate passes; three shards merge into the whole', async () => {
    const workspace = await workspaceWith({
      'ref.csv': cleanCsv(400),
      'cur.csv': cleanCsv(400, 0.5),
      'rules.yml': RULES,
      'shards/a.csv': cleanCsv(400).split('\n').slice(0, 134).join('\n') + '\n',
      'shards/b.csv':
        ['id,age,country,email,score', ...cleanCsv(400).split('\n').slice(134, 268)].join('\n') + '\n',
      'shards/c.csv': ['id,age,country,email,score', ...cleanCsv(400).split('\n').slice(268)].join('\n')
    })
    const drifted = await run(workspace, { data: 'cur.csv', rules: 'rules.yml', reference: 'ref.csv' })
    expect(JSON.parse(drifted.outputs['drifted-columns'])).toEqual(expect.arrayContaining(['score']))
    expect(drifted.exitCode).toBe(1)

    const inferred = await run(workspace, {
      data: 'ref.csv',
      mode: 'infer',
      schema: 'schema.json',
      rules: 'inferred.yml',
      'profile-out': 'ref-profile.json'
    })
    expect(inferred.exitCode).toBe(0)
    const again = await run(workspace, {
      data: 'ref.csv',
      schema: 'schema.json',
      rules: 'inferred.yml',
      reference: 'ref-profile.json'
    })
    expect(again.stdout).not.toMatch(/::error/)
    expect(again.outputs.valid).toBe('true')

    const reports: string[] = []
    for (const shard of ['a', 'b', 'c']) {
      const r = await run(workspace, {
        data: `shards/${shard}.csv`,
        rules: 'rules.yml',
        report: `reports/${shard}.json`
      })
      reports.push(r.outputs.report)
    }
    const merged = await run(workspace, {
      data: 'reports/*.json',
      mode: 'merge',
      rules: 'rules.yml',
      reference: 'ref-profile.json',
      'profile-out': 'merged.json'
    })
    expect(merged.outputs.rows).toBe('400')
    expect(merged.outputs.valid).toBe('true')
    const whole = JSON.parse(await readFile(path.join(workspace, 'ref-profile.json'), 'utf8'))
    const combined = JSON.parse(await readFile(path.join(workspace, 'merged.json'), 'utf8'))
    for (const column of ['id', 'age', 'score']) {
      expect(combined.columns[column].count).toBe(whole.columns[column].count)
      expect(combined.columns[column].min).toBe(whole.columns[column].min)
      expect(combined.columns[column].mean).toBeCloseTo(whole.columns[column].mean, 9)
      expect(combined.columns[column].m2).toBeCloseTo(whole.columns[column].m2, 6)
    }
    expect(combined.columns.country.categories).toEqual(whole.columns.country.categories)
    expect(combined.columns.score.sketch).toEqual(whole.columns.score.sketch)
  })

  test('merged shards recheck null fractions on the whole, as they do the row count', async () => {
    const workspace = await workspaceWith({
      'rules.yml': 'columns:\n  score: { null_fraction_max: 0.25 }\n',
      // 2 of 3 scores missing in one shard (67%), none in the other: 2 of 10 (20%) in the whole.
      'shards/a.csv': 'id,score\n1,\n2,\n3,0.5\n',
      'shards/b.csv': 'id,score\n' + [4, 5, 6, 7, 8, 9, 10].map(i => `${i},0.${i}`).join('\n') + '\n'
    })
    for (const shard of ['a', 'b']) {
      await run(workspace, {
        data: `shards/${shard}.csv`,
        rules: 'rules.yml',
        report: `reports/${shard}.json`
      })
    }
    const shardA = JSON.parse(await readFile(path.join(workspace, 'reports/a.json'), 'utf8'))
    expect(shardA.valid).toBe(false)
    const merged = await run(workspace, { data: 'reports/*.json', mode: 'merge', rules: 'rules.yml' })
    expect(merged.outputs.valid).toBe('true')
    const report = JSON.parse(await readFile(merged.outputs.report, 'utf8'))
    expect(report.rules.find((r: { id: string }) => r.id === 'score.null_fraction_max')).toEqual(
      expect.objectContaining({ considered: 1, violations: 0, failed: false })
    )
  })
})

describe('validate-data on JSONL and Parquet', () => {
  test('JSONL violations are annotated at their lines; a required key absent everywhere is reported', async () => {
    const { gzipSync } = await import('node:zlib')
    const jsonl = '{"id": 1, "age": 30}\n\n{"id": 2, "age": 300}\n{"id": 3, "age": null}\n'
    const workspace = await workspaceWith({
      'd.jsonl.gz': gzipSync(jsonl),
      'rules.yml': 'columns:\n  age: { max: 130, not_null: true }\n  label: { required: true }\n'
    })
    const result = await run(workspace, { data: 'd.jsonl.gz', rules: 'rules.yml' })
    expect(result.exitCode).toBe(1)
    const at = (id: string) => result.annotations.find(a => a.title === `mlci validate-data: ${id}`)
    expect(at('age.max')).toEqual(expect.objectContaining({ file: 'd.jsonl.gz', line: 3 }))
    expect(at('age.not_null')).toEqual(expect.objectContaining({ line: 4 }))
    expect(at('label.required')?.message).toMatch(/no column 'label' in id, age/)
  })

  test('Parquet violations name the row number; the profile is the same as for the CSV of the same data', async () => {
    const { writeParquet } = await import('../fixtures/parquet-writer.js')
    const ages = [30, 40, 200, 50, null, 60]
    const workspace = await workspaceWith({
      'd.parquet': writeParquet(
        [
          { name: 'id', type: 'int64', values: [1, 2, 3, 4, 5, 6] },
          { name: 'age', type: 'double', values: ages },
          { name: 'country', type: 'string', values: ['US', 'DE', 'US', 'FR', 'JP', 'US'] }
        ],
        4
      ),
      'd.csv':
        'id,age,country\n' +
        ages.map((a, i) => `${i + 1},${a ?? ''},${['US', 'DE', 'US', 'FR', 'JP', 'US'][i]}`).join('\n') +
        '\n',
      'rules.yml': 'columns:\n  age: { max: 130 }\n'
    })
    const parquet = await run(workspace, { data: 'd.parquet', rules: 'rules.yml', 'profile-out': 'p.json' })
    expect(parquet.exitCode).toBe(1)
    const annotation = parquet.annotations.find(a => a.title === 'mlci validate-data: age.max')
    expect(annotation).toEqual(expect.objectContaining({ file: 'd.parquet', line: undefined }))
    expect(annotation?.message).toContain("first at d.parquet row 3: '200'")
    const csv = await run(workspace, { data: 'd.csv', rules: 'rules.yml', 'profile-out': 'c.json' })
    const fromParquet = JSON.parse(await readFile(path.join(workspace, 'p.json'), 'utf8'))
    const fromCsv = JSON.parse(await readFile(path.join(workspace, 'c.json'), 'utf8'))
    expect(csv.outputs.errors).toBe(parquet.outputs.errors)
    expect(fromParquet.columns).toEqual(fromCsv.columns)
  })
})

describe('validate-data check run', () => {
  test('check-name creates a completed check run whose conclusion mirrors the verdict, with annotations', async () => {
    const { startGitHubFake } = await import('../fakes/github/server.js')
    const { pushEvent } = await import('../harness/events.js')
    const fake = await startGitHubFake({ owner: 'octo-org', repo: 'models' })
    try {
      const { sha } = fake.state.addCommit({ branch: 'main' })
      const workspace = await workspaceWith({
        'd.csv': 'id,age\n1,30\n2,200\n3,40\n',
        'rules.yml': 'columns:\n  age: { max: 130 }\n'
      })
      const result = await runAction({
        action: 'validate-data',
        inputs: { data: 'd.csv', rules: 'rules.yml', 'check-name': 'data quality' },
        workspace,
        node: NODE24,
        event: 'push',
        eventPayload: pushEvent({ after: sha }),
        token: 'ghs_fake_token_for_tests',
        env: { GITHUB_API_URL: fake.url }
      })
      expect(result.exitCode).toBe(1)
      const runs = [...fake.state.repo().checkRuns.values()]
      expect(runs).toHaveLength(1)
      expect(runs[0]).toEqual(
        expect.objectContaining({
          name: 'data quality',
          headSha: sha,
          status: 'completed',
          conclusion: 'failure'
        })
      )
      expect(runs[0].output.summary).toContain('age.max')
      expect(runs[0].annotations).toEqual([
        expect.objectContaining({ path: 'd.csv', start_line: 3, annotation_level: 'failure' })
      ])
      expect(result.masks).toContain('ghs_fake_token_for_tests')
    } finally {
      await fake.close()
    }
  })
})
