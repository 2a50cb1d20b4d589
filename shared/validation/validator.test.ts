import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { openTable } from '../data/table.js'
import { KeySet } from './key-set.js'
import { parseConfigFile } from '../config/config-file.js'
import { compileJsonSchema } from './json-schema.js'
import { emptyRules, parseRules } from './rules.js'
import { tableSchemaRules } from './table-schema.js'
import type { DataRuleResult } from './data-rule-result.js'
import { Validator } from './validator.js'

const dir = mkdtemp(path.join(tmpdir(), 'mlci-rules-'))

async function validate(
  csv: string,
  rulesYaml: string,
  schema?: object,
  { rowByRow = false } = {}
): Promise<Record<string, DataRuleResult>> {
  const file = path.join(await dir, `t${Math.random().toString(36).slice(2)}.csv`)
  await writeFile(file, csv)
  const rules = rulesYaml ? parseRules(rulesYaml, 'rules.yml') : emptyRules()
  let rowSchema
  if (schema && 'fields' in schema)
    tableSchemaRules(parseConfigFile(JSON.stringify(schema), 'schema.json'), rules)
  else if (schema) rowSchema = compileJsonSchema(schema, 'schema.json')
  if (rowSchema && rowByRow) delete rowSchema.perColumn
  const validator = new Validator(rules, rowSchema, 100)
  await validator.validate(await openTable(file, { displayName: 'data.csv', batchRows: 2 }))
  return Object.fromEntries(validator.finish().map(r => [r.id, r]))
}

const CSV = 'id,age,country,email\n1,30,US,a@b.c\n2,,DE,x@y.z\n3,140,XX,bad\n3,abc,FR,c@d.e\n'
const brief = (r: DataRuleResult) => [r.violations, r.considered, r.failed, r.samples.map(s => s.line)]

describe('column rules', () => {
  test('min and max count non-numbers as violations, nulls are not considered', async () => {
    const r = await validate(CSV, 'columns:\n  age: { min: 0, max: 130 }\n')
    expect(brief(r['age.max'])).toEqual([2, 3, true, [4, 5]])
    expect(r['age.max'].samples[1].message).toBe('not a number')
    expect(brief(r['age.min'])).toEqual([1, 3, true, [5]])
  })

  test('not_null, type, in, pattern (anchored), lengths', async () => {
    const r = await validate(
      CSV,
      "columns:\n  age: { not_null: true, type: integer }\n  country: { in: [US, DE, FR] }\n  email: { pattern: '[a-z]@[a-z]\\.[a-z]', min_length: 4, max_length: 5 }\n"
    )
    expect(brief(r['age.not_null'])).toEqual([1, 4, true, [3]])
    expect(brief(r['age.type'])).toEqual([1, 3, true, [5]])
    expect(brief(r['country.in'])).toEqual([1, 4, true, [4]])
    expect(brief(r['email.pattern'])).toEqual([1, 4, true, [4]])
    expect(brief(r['email.min_length'])).toEqual([1, 4, true, [4]])
    expect(brief(r['email.max_length'])).toEqual([0, 4, false, []])
  })

  test('mostly follows Great Expectations: (considered − violations) / considered ≥ mostly, nulls left out', async () => {
    const rows = ['v,w', ...Array.from({ length: 99 }, () => '1,x'), '5,x', ',x', ',x']
    const csv = rows.join('\n') + '\n'
    const passes = await validate(csv, 'columns:\n  v: { max: 1, mostly: 0.99 }\n')
    expect(brief(passes['v.max'])).toEqual([1, 100, false, [101]])
    const fails = await validate(csv, 'columns:\n  v: { max: 1, mostly: 0.995 }\n')
    expect(fails['v.max'].failed).toBe(true)
  })

  test('null tokens replace the default [""], per file or per column', async () => {
    const csv = 'a,b\nNA,\n1,n/a\n'
    const r = await validate(
      csv,
      "missing_values: [NA]\ncolumns:\n  a: { not_null: true }\n  b: { not_null: true, missing_values: ['n/a'] }\n"
    )
    expect(brief(r['a.not_null'])).toEqual([1, 2, true, [2]])
    expect(brief(r['b.not_null'])).toEqual([1, 2, true, [3]])
  })

  test('unique columns and compound keys report the later duplicate and point at the first', async () => {
    const csv = 'id,day,user\n1,mon,a\n2,mon,b\n1,tue,a\n3,mon,a\n4,,a\n5,,a\n'
    const r = await validate(csv, 'unique: [[user, day]]\ncolumns:\n  id: { unique: true }\n')
    expect(brief(r['id.unique'])).toEqual([1, 6, true, [4]])
    // Keys with a null part are not compared (SQL semantics, as Table Schema's uniqueKeys).
    expect(brief(r['unique(user, day)'])).toEqual([1, 4, true, [5]])
    expect(r['unique(user, day)'].samples[0].message).toBe('same key as line 2')
  })

  test('rows and null_fraction_max are dataset-level', async () => {
    const r = await validate('a\n1\n\n2\n', 'rows: { min: 5 }\ncolumns:\n  a: { null_fraction_max: 0 }\n')
    expect(r.rows.failed).toBe(true)
    expect(r.rows.samples[0].value).toBe('2')
    // The blank line is skipped, as pandas does, so no null here.
    expect(r['a.null_fraction_max'].failed).toBe(false)
    const nulls = await validate(
      'a,b\n1,\n2,x\n',
      'columns:\n  b: { null_fraction_max: 0.4, severity: warning }\n'
    )
    expect(nulls['b.null_fraction_max']).toEqual(
      expect.objectContaining({ failed: true, severity: 'warning' })
    )
  })

  test('a JSON Schema checks each row with CSV cells coerced, errors grouped by path and keyword', async () => {
    const r = await validate(CSV, '', {
      type: 'object',
      required: ['id', 'age'],
      properties: { age: { type: ['integer', 'null'], maximum: 130 }, country: { enum: ['US', 'DE', 'FR'] } }
    })
    expect(brief(r['schema /age maximum'])).toEqual([1, 0, true, [4]])
    expect(brief(r['schema /age type'])).toEqual([1, 0, true, [5]])
    expect(brief(r['schema /country enum'])).toEqual([1, 0, true, [4]])
  })

  test('a Table Schema becomes column rules with ids of their own, and its primary key a unique key', async () => {
    const r = await validate(CSV, '', {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'age', type: 'integer', constraints: { maximum: 130 } }
      ],
      primaryKey: 'id'
    })
    expect(brief(r['schema age.max'])).toEqual([2, 3, true, [4, 5]])
    expect(brief(r['unique(id)'])).toEqual([1, 4, true, [5]])
  })
})

describe('JSON Schema cell by cell', () => {
  const typeOf = fc.constantFrom(
    undefined,
    'string',
    'number',
    'integer',
    'boolean',
    'null',
    ['number', 'null'],
    ['integer', 'null'],
    ['string', 'null']
  )
  const bound = fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined })
  const anyProperty = fc
    .record({
      type: typeOf,
      minimum: bound,
      maximum: bound,
      exclusiveMinimum: bound,
      exclusiveMaximum: bound,
      enum: fc.option(
        fc.uniqueArray(fc.constantFrom('a', '1', 1, 2.5, null, true), { minLength: 1, maxLength: 3 }),
        {
          nil: undefined
        }
      ),
      pattern: fc.option(fc.constantFrom('^[a-c]+$', '\\d'), { nil: undefined }),
      minLength: fc.option(fc.nat(3), { nil: undefined })
    })
    .map(p => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
  // Numbers with limits only: the cells decided without ajv (NumericRange).
  const limitsOnly = fc
    .record({
      type: fc.constantFrom('number', 'integer', ['number', 'null'], ['integer', 'null']),
      minimum: bound,
      maximum: bound,
      exclusiveMinimum: bound,
      exclusiveMaximum: bound
    })
    .map(p => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
  // A string with a pattern only: the cells decided without ajv when they match.
  const patternOnly = fc.record({
    type: fc.constant('string'),
    pattern: fc.constantFrom('^[a-c]+$', '\\d', '^-?\\d+$')
  })
  const property = fc.oneof(anyProperty, limitsOnly, patternOnly)
  const cell = fc.constantFrom(
    '',
    '0',
    '1',
    '-2',
    '2.50',
    '1e1',
    ' 3 ',
    '0x1',
    'abc',
    'true',
    'false',
    'a',
    'null',
    '7',
    'NA',
    '\t',
    '\u3000',
    'Infinity',
    '1.0'
  )
  // A column's own null tokens (which replace the file's default ['']).
  const ownMissing = fc.array(
    fc.option(fc.constantFrom(['NA'], ['', 'null'], ['null']), { nil: undefined }),
    {
      minLength: 3,
      maxLength: 3
    }
  )

  test('gives the errors a row check gives, for any flat schema, any cells and any null tokens', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(property, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.subarray(['c0', 'c1', 'c2', 'absent']),
        ownMissing,
        async (properties, rows, required, missing) => {
          const schema = {
            type: 'object',
            required,
            properties: Object.fromEntries(properties.map((p, i) => [`c${i}`, p]))
          }
          const csv =
            ['c0,c1,c2', ...rows.map(r => r.map(c => (c === '' ? '' : `"${c}"`)).join(','))].join('\n') + '\n'
          const summary = (results: Record<string, DataRuleResult>) =>
            Object.values(results).map(r => [r.id, r.description, r.violations, r.samples.map(x => x.line)])
          const tokens = missing.flatMap((m, i) =>
            m ? [`  c${i}: { missing_values: ${JSON.stringify(m)} }`] : []
          )
          const rules = tokens.length ? `columns:\n${tokens.join('\n')}\n` : ''
          const byCell = await validate(csv, rules, schema)
          const byRow = await validate(csv, rules, schema, { rowByRow: true })
          expect(summary(byCell).sort()).toEqual(summary(byRow).sort())
        }
      ),
      { numRuns: 200 }
    )
  })

  test('leaves schemas that relate columns to the row check', () => {
    expect(
      compileJsonSchema({ type: 'object', properties: { a: { type: 'string' } } }, 's.json').perColumn
    ).toBeDefined()
    for (const schema of [
      { type: 'object', additionalProperties: false, properties: { a: {} } },
      { type: 'object', properties: { a: { $ref: '#/$defs/x' } }, $defs: { x: {} } },
      { type: 'object', if: { required: ['a'] }, then: { required: ['b'] } },
      { type: 'object', properties: { a: false } }
    ])
      expect(compileJsonSchema(schema, 's.json').perColumn).toBeUndefined()
  })
})

describe('pattern safety and key sets', () => {
  test.each(['(a+)+', '(a*)*b', '(a|aa)+', '(\\w+\\s?)*', '((ab)*)+', '(x+x+)+y', '\\S+@\\S+\\.\\S+'])(
    "%s, a backtracking engine's worst case, is decided at once on a value built against it",
    pattern => {
      const rules = parseRules(`columns:\n  x:\n    pattern: '${pattern}'\n`, 'rules.yml')
      const compiled = rules.columns[0].pattern!
      // 2^40 ways to split for a backtracking engine; one pass for RE2.
      expect(compiled.test('a'.repeat(40) + '!')).toBe(false)
      expect(compiled.test('@.'.repeat(50_000) + ' ')).toBe(false)
    }
  )

  test('the rules file reports a pattern RE2 cannot run at its line', () => {
    expect(() => parseRules("columns:\n  x:\n    pattern: '(a)\\1'\n", 'rules.yml')).toThrow(UserError)
    expect(() => parseRules("columns:\n  x:\n    pattern: '(a)\\1'\n", 'rules.yml')).toThrow(
      /^rules\.yml:3: columns\.x\.pattern: '\(a\)\\1' cannot be matched in linear time: it uses a back-reference/
    )
  })

  test('KeySet finds every repeat among 200k keys and grows without losing any', () => {
    const keys = new KeySet()
    let fresh = 0
    for (let i = 0; i < 200_000; i++) if (keys.addOrFind(`k${i}`, i + 2) === -1) fresh++
    expect(fresh).toBe(200_000)
    expect(keys.size).toBe(200_000)
    for (let i = 0; i < 200_000; i += 997) expect(keys.addOrFind(`k${i}`, 0)).toBe(i + 2)
  })
})
