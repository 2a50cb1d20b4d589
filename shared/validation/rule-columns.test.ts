import { describe, expect, test } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeParquet } from '../../test/fixtures/parquet-writer.js'
import { UserError } from '../errors/user-error.js'
import { Profile } from '../stats/profile.js'
import { parseRules } from './rules.js'
import { mergeShardReports } from './shard-merge.js'
import { validateFiles } from './validate-files.js'

const dir = mkdtemp(path.join(tmpdir(), 'mlci-rule-columns-'))

/** Validates `files` (name → content) with the rules file and an optional schema. */
async function validate(files: Record<string, string | Buffer>, rules: string, schema?: [string, string]) {
  const root = await dir
  const folder = await mkdtemp(path.join(root, 'case-'))
  const named = async (name: string, content: string | Buffer) => {
    await writeFile(path.join(folder, name), content)
    return { path: path.join(folder, name), name }
  }
  const data = await Promise.all(Object.entries(files).map(([name, content]) => named(name, content)))
  return validateFiles({
    files: data,
    format: 'auto',
    rules: await named('rules.yml', rules),
    schema: schema && (await named(...schema)),
    maxErrors: 10,
    purpose: 'validate'
  })
}

async function rejected(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => new Error('no error'),
    (e: unknown) => e
  )
  if (error instanceof UserError) return error
  throw error
}

const CSV = 'id,age,country\n1,30,US\n2,40,DE\n'

describe('rules about columns the data does not have', () => {
  test('a misspelt column fails at its rule, before any row is read', async () => {
    // Line 3 is malformed: reading it would fail with another error.
    const error = await rejected(
      validate({ 'd.csv': 'id,age\n1,30\n"open\n' }, 'rows: { min: 1 }\ncolumns:\n  agee:\n    min: 0\n')
    )
    expect(error.message).toBe(
      "rules.yml:3: columns.agee: no column 'agee' in d.csv: did you mean 'age'? A rule about a column the data does not have is never checked: fix the name, or give the column `required: false` if it may be absent."
    )
    expect(error.location).toEqual({ file: 'rules.yml', line: 3 })
  })

  test('a unique key on a misspelt column fails at the column, and a far name lists the columns', async () => {
    const key = await rejected(validate({ 'd.csv': CSV }, 'unique:\n  - [id]\n  - - country\n    - idd\n'))
    expect(key.message).toMatch(/^rules\.yml:4: unique\.1: no column 'idd' in d\.csv: did you mean 'id'\?/)
    expect(key.location).toEqual({ file: 'rules.yml', line: 4 })
    const far = await rejected(validate({ 'd.csv': CSV }, 'columns:\n  income: { min: 0 }\n'))
    expect(far.message).toMatch(
      /^rules\.yml:2: columns\.income: no column 'income' in d\.csv \(columns: id, age, country\)\./
    )
  })

  test('required says whether a column may be absent: true makes it a finding, false skips its rules', async () => {
    const outcome = await validate(
      { 'd.csv': CSV },
      'columns:\n  label: { required: true, not_null: true }\n  weight: { required: false, min: 0 }\nunique: [[weight]]\n'
    )
    const ids = outcome.results.map(r => [r.id, r.failed])
    expect(ids).toContainEqual(['label.required', true])
    expect(ids).toContainEqual(['unique(weight)', false])
    expect(ids.some(([id]) => id === 'weight.min')).toBe(false)
  })

  test('a column in some files of a glob and not others is checked where it is', async () => {
    const outcome = await validate(
      { 'a.csv': 'id,age\n1,30\n', 'b.csv': 'id,label\n2,-1\n', 'c.csv': 'id\n3\n' },
      'columns:\n  label: { min: 0 }\n'
    )
    expect(outcome.results.find(r => r.id === 'label.min')).toEqual(
      expect.objectContaining({ considered: 1, violations: 1 })
    )
    const error = await rejected(
      validate({ 'a.csv': 'id\n1\n', 'b.csv': 'id\n2\n' }, 'columns:\n  idd: { min: 0 }\n')
    )
    expect(error.message).toMatch(/no column 'idd' in any of the 2 data files: did you mean 'id'\?/)
  })

  test('JSON Lines keys are known after reading; Parquet columns from the schema', async () => {
    // A key first seen after the first batch of rows is a column all the same.
    const late = Array.from({ length: 5000 }, (_, i) =>
      i < 4999 ? '{"id": 1}' : '{"id": 2, "tip": 3}'
    ).join('\n')
    const outcome = await validate({ 'd.jsonl': late }, 'columns:\n  tip: { max: 1 }\n')
    expect(outcome.results.find(r => r.id === 'tip.max')?.violations).toBe(1)
    const jsonl = await rejected(validate({ 'd.jsonl': '{"id": 1}\n' }, 'columns:\n  ids: { min: 0 }\n'))
    expect(jsonl.message).toMatch(
      /^rules\.yml:2: columns\.ids: no column 'ids' in d\.jsonl: did you mean 'id'\?/
    )
    const parquet = writeParquet([{ name: 'age', type: 'double', values: [1, 2] }])
    const error = await rejected(validate({ 'd.parquet': parquet }, 'columns:\n  aeg: { max: 1 }\n'))
    expect(error.message).toMatch(/no column 'aeg' in d\.parquet: did you mean 'age'\?/)
  })

  test('a Table Schema field the data lacks is a finding, as before', async () => {
    const outcome = await validate({ 'd.csv': CSV }, 'rows: { min: 1 }\n', [
      'schema.json',
      '{"fields": [{"name": "id"}, {"name": "label"}], "primaryKey": "id"}'
    ])
    expect(outcome.results.map(r => [r.id, r.failed])).toContainEqual(['label.required', true])
  })

  test('mode merge checks the rules against the columns of all the shards', () => {
    const profile = (columns: string[]) => {
      const p = new Profile()
      p.rows = 1
      for (const column of columns) p.column(column).addValue('1', 1)
      return p.toJSON()
    }
    const report = (columns: string[]) => ({
      mlciValidateData: 1,
      files: ['d.csv'],
      rules: [],
      profile: profile(columns)
    })
    const shards = [
      { name: 'a.json', report: report(['id']) },
      { name: 'b.json', report: report(['id', 'score']) }
    ]
    const rules = parseRules(
      'columns:\n  score: { null_fraction_max: 0.1 }\n  scor: { null_fraction_max: 0 }\n',
      'rules.yml'
    )
    expect(() => mergeShardReports(shards, rules, 10)).toThrow(
      /^rules\.yml:3: columns\.scor: no column 'scor' in the data of the 2 reports: did you mean 'score'\?/
    )
    const good = parseRules('columns:\n  score: { null_fraction_max: 0.1 }\n', 'rules.yml')
    expect(() => mergeShardReports(shards, good, 10)).not.toThrow()
  })
})
