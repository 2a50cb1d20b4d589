import { describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'

/**
 * Issue 13, schema checks and value typing, through the validate-data bundle: what a value is (null, number,
 * boolean, string) is decided once per source (a CSV cell by its documented typing rule, a JSONL or Parquet value
 * as it is), and every check (JSON Schema, Table Schema, rules, profile) sees that one value.
 */
interface Outcome {
  exitCode: number | null
  stdout: string
  /** Violations by rule id. */
  violations: Record<string, number>
  report: { rules: { id: string; violations: number; considered: number }[]; profile?: unknown }
}

async function validate(files: Record<string, string>, inputs: Record<string, string>): Promise<Outcome> {
  const workspace = await workspaceWith(files)
  const result = await runAction({ action: 'validate-data', inputs, workspace, node: NODE24 })
  expect(result.stdout).not.toMatch(/internal error|TypeError/)
  const report = result.outputs.report
    ? JSON.parse(await readFile(result.outputs.report, 'utf8'))
    : { rules: [] }
  const violations = Object.fromEntries(
    (report.rules as { id: string; violations: number }[]).map(r => [r.id, r.violations])
  )
  return { exitCode: result.exitCode, stdout: result.stdout, violations, report }
}

const schema = (properties: object, extra: object = {}) =>
  JSON.stringify({ type: 'object', properties, ...extra })

/** `additionalProperties: true` says nothing, but makes the schema one that is checked row by row. */
const rowByRow = { additionalProperties: true }

describe('validate-data typing (issue 13)', () => {
  test.each([
    ['cell by cell', {}],
    ['row by row', rowByRow]
  ])(
    'an empty CSV cell is null, which is not an integer, and is not reported as "must be >= 1" (%s)',
    async (_name, extra) => {
      const r = await validate(
        {
          'd.csv': 'id,age\n1,5\n2,\n3,0\n',
          's.json': schema({ age: { type: 'integer', minimum: 1 } }, extra)
        },
        { data: 'd.csv', schema: 's.json' }
      )
      expect(r.violations).toEqual({ 'schema /age type': 1, 'schema /age minimum': 1, rows: 0 })
      expect(r.exitCode).toBe(1)
    }
  )

  test('JSONL values are checked as they are: no coercion, null is not a value of a non-null type', async () => {
    const rows = [
      { age: 5, name: 'a', flag: true },
      { age: '5', name: 'a', flag: true },
      { age: 5, name: 5, flag: true },
      { age: 5, name: 'a', flag: 1 },
      { age: null, name: null, flag: null },
      { age: 5.5, name: 'a', flag: 'true' }
    ]
    const r = await validate(
      {
        'd.jsonl': rows.map(row => JSON.stringify(row)).join('\n') + '\n',
        's.json': schema({ age: { type: 'integer' }, name: { type: 'string' }, flag: { type: 'boolean' } })
      },
      { data: 'd.jsonl', schema: 's.json' }
    )
    expect(r.violations).toEqual({
      'schema /age type': 3,
      'schema /name type': 2,
      'schema /flag type': 3,
      rows: 0
    })
  })

  test('CSV cells are typed by one rule: a number where the property admits a number, true/false a boolean, else text', async () => {
    const csv = [
      'n,i,b,s,either',
      '1.5,7,true,007,5',
      '1e3,-0,false,12,x',
      '0x1F,0x1F,1,true,true',
      'Infinity,1.0,TRUE,,',
      ' 1,+3,false, ,7.5'
    ].join('\n')
    const r = await validate(
      {
        'd.csv': csv + '\n',
        's.json': schema({
          n: { type: 'number' },
          i: { type: 'integer' },
          b: { type: 'boolean' },
          s: { type: 'string', maxLength: 4 },
          either: { type: ['integer', 'string'], not: { const: 7.5 } }
        })
      },
      { data: 'd.csv', schema: 's.json' }
    )
    expect(r.violations).toEqual({
      // 0x1F is not a number in a CSV cell (' 1' is); Infinity is a number that is not finite, never a pass.
      'schema /n type': 2,
      // 0x1F is not an integer; 1.0 is (JSON Schema: a number with a zero fraction).
      'schema /i type': 1,
      // 1 and TRUE are not JSON Schema booleans.
      'schema /b type': 2,
      // The empty cell is null.
      'schema /s type': 1,
      // 7.5 is a number, which the property admits only as an integer: it stays the text '7.5', a string.
      'schema /either type': 1,
      rows: 0
    })
  })

  test.each([
    ['cell by cell', {}],
    ['row by row', rowByRow]
  ])(
    'properties named like Object.prototype members are plain names, and __proto__ is a column like any other (CSV, %s)',
    async (_name, extra) => {
      const r = await validate(
        {
          'd.csv': '__proto__,x\nabc,1\n',
          's.json': schema(
            {
              constructor: { type: 'string' },
              toString: { type: 'string' },
              valueOf: { type: 'string' },
              ['__proto__']: { type: 'integer' }
            },
            { required: ['toString'], ...extra }
          )
        },
        { data: 'd.csv', schema: 's.json' }
      )
      expect(r.violations).toEqual({ 'schema /toString required': 1, 'schema /__proto__ type': 1, rows: 0 })
    }
  )

  test('properties named like Object.prototype members are plain names (JSONL)', async () => {
    const r = await validate(
      {
        'd.jsonl': '{"x":1}\n{"__proto__":"abc","x":2}\n{"toString":"t","x":3,"__proto__":4}\n',
        's.json': schema(
          {
            constructor: { type: 'string' },
            toString: { type: 'string' },
            valueOf: { type: 'string' },
            ['__proto__']: { type: 'integer' }
          },
          { required: ['toString'] }
        )
      },
      { data: 'd.jsonl', schema: 's.json' }
    )
    expect(r.violations).toEqual({ 'schema /toString required': 2, 'schema /__proto__ type': 1, rows: 0 })
  })

  test('an empty string in JSONL is a string for the rules, the profile and the schema alike', async () => {
    const r = await validate(
      {
        'd.jsonl': '{"name":""}\n{"name":"a"}\n{"name":null}\n',
        'rules.yml': 'columns:\n  name: { not_null: true, min_length: 1 }\n',
        's.json': schema({ name: { type: 'string', minLength: 1 } })
      },
      { data: 'd.jsonl', rules: 'rules.yml', schema: 's.json' }
    )
    expect(r.violations).toEqual({
      'name.not_null': 1,
      'name.min_length': 1,
      'schema /name minLength': 1,
      'schema /name type': 1,
      rows: 0
    })
  })

  test('unique keys follow the same rule: "" is a value in JSONL, a column\'s own null tokens are nulls in CSV', async () => {
    const jsonl = await validate(
      {
        'd.jsonl': '{"id":""}\n{"id":""}\n{"id":null}\n{"id":null}\n{"id":"a","k":1}\n{"id":"a","k":""}\n',
        'rules.yml': 'unique: [[id], [id, k]]\n'
      },
      { data: 'd.jsonl', rules: 'rules.yml' }
    )
    // ("", ) repeats; nulls are not compared; (a, 1) and (a, "") differ.
    expect(jsonl.violations).toEqual({ 'unique(id)': 2, 'unique(id, k)': 0, rows: 0 })
    const csv = await validate(
      {
        'd.csv': 'id,k\nNA,1\nNA,1\n,2\n,2\n',
        'rules.yml': "unique: [[id], [id, k]]\ncolumns:\n  id: { missing_values: ['NA'] }\n"
      },
      { data: 'd.csv', rules: 'rules.yml' }
    )
    // NA is id's null (not compared); '' is id's text, which repeats.
    expect(csv.violations).toEqual({ 'unique(id)': 1, 'unique(id, k)': 1, rows: 0 })
  })

  test('whitespace-only CSV cells are text, not the number 0', async () => {
    const cells = [' ', '\t', '\u00a0', '\u3000']
    const r = await validate(
      {
        'd.csv': 'n\n' + cells.map(c => `"${c}"`).join('\n') + '\n1\n',
        'rules.yml': 'columns:\n  n: { type: integer, not_null: true, min: 0 }\n',
        's.json': schema({ n: { type: 'integer', minimum: 0 } })
      },
      { data: 'd.csv', rules: 'rules.yml', schema: 's.json' }
    )
    expect(r.violations).toEqual({
      'n.type': 4,
      'n.not_null': 0,
      'n.min': 4,
      'schema /n type': 4,
      rows: 0
    })
  })

  test.each([
    ['cell by cell', {}],
    ['row by row', rowByRow]
  ])("a column's own missing_values reach the schema check (%s)", async (_name, extra) => {
    const r = await validate(
      {
        'd.csv': 'a,b,c\nNA,n/a,n/a\n2,,3\n,3,4\n',
        'rules.yml':
          "missing_values: [NA]\ncolumns:\n  b: { missing_values: ['n/a'] }\n  c: { missing_values: ['n/a'] }\n",
        's.json': schema(
          { a: { type: ['integer', 'null'] }, b: { type: ['integer', 'null'] }, c: { type: 'integer' } },
          extra
        )
      },
      { data: 'd.csv', rules: 'rules.yml', schema: 's.json' }
    )
    // a: NA is null (allowed), '' is the text '' (not an integer); b: n/a is null (allowed), '' is text (the
    // column's own tokens replace the file's); c: n/a is null, which is not an integer.
    expect(r.violations).toEqual({ 'schema /a type': 1, 'schema /b type': 1, 'schema /c type': 1, rows: 0 })
  })

  test('infer then validate passes on the same JSONL file, empty strings and all', async () => {
    const rows = ['{"c":"a","n":1}', '{"c":"","n":2}', '{"c":"b","n":null}', '{"c":null,"n":3}']
    const workspace = await workspaceWith({ 'd.jsonl': rows.join('\n') + '\n' })
    const inferred = await runAction({
      action: 'validate-data',
      inputs: { data: 'd.jsonl', mode: 'infer', schema: 'schema.json', rules: 'rules.yml' },
      workspace,
      node: NODE24
    })
    expect(inferred.exitCode).toBe(0)
    const written = JSON.parse(await readFile(path.join(workspace, 'schema.json'), 'utf8'))
    expect(written.properties.c.enum).toEqual(['', 'a', 'b', null])
    const again = await runAction({
      action: 'validate-data',
      inputs: { data: 'd.jsonl', schema: 'schema.json', rules: 'rules.yml' },
      workspace,
      node: NODE24
    })
    expect(again.stdout).not.toMatch(/::error/)
    expect(again.outputs.valid).toBe('true')
  })

  test('infer then validate passes on a CSV column with infinite values, which no JSON Schema type admits', async () => {
    const workspace = await workspaceWith({ 'd.csv': 'x,y\n1.5,2\nInfinity,3\n-1e400,4\n2.5,5\n' })
    const inferred = await runAction({
      action: 'validate-data',
      inputs: { data: 'd.csv', mode: 'infer', schema: 'schema.json', rules: 'rules.yml' },
      workspace,
      node: NODE24
    })
    expect(inferred.exitCode).toBe(0)
    const written = JSON.parse(await readFile(path.join(workspace, 'schema.json'), 'utf8'))
    expect(written.properties.y).toMatchObject({ type: 'integer', minimum: 2, maximum: 5 })
    expect(written.properties.x.type).toBeUndefined()
    const again = await runAction({
      action: 'validate-data',
      inputs: { data: 'd.csv', schema: 'schema.json', rules: 'rules.yml' },
      workspace,
      node: NODE24
    })
    expect(again.stdout).not.toMatch(/::error/)
    expect(again.outputs.valid).toBe('true')
  })

  test('min_length and max_length count characters (code points): an emoji is one', async () => {
    const r = await validate(
      {
        'd.csv': 'e\n😀\n😀😀\n',
        'rules.yml': 'columns:\n  e: { min_length: 1, max_length: 1 }\n'
      },
      { data: 'd.csv', rules: 'rules.yml' }
    )
    expect(r.violations).toEqual({ 'e.min_length': 0, 'e.max_length': 1, rows: 0 })
  })

  test('0x1F, 1e400 and Infinity are not integers or numbers of a rules file', async () => {
    const r = await validate(
      {
        'd.csv': 'i,n\n0x1F,1e400\n31,Infinity\n0b11,12\n',
        'rules.yml': 'columns:\n  i: { type: integer }\n  n: { type: number }\n'
      },
      { data: 'd.csv', rules: 'rules.yml' }
    )
    expect(r.violations).toEqual({ 'i.type': 2, 'n.type': 2, rows: 0 })
  })

  test('Table Schema lexical forms follow the spec: trueValues/falseValues, NaN/INF, decimalChar, groupChar, bareNumber', async () => {
    const tableSchema = {
      fields: [
        { name: 'b', type: 'boolean' },
        { name: 'n', type: 'number' },
        { name: 'd', type: 'number', decimalChar: ',', groupChar: '.' },
        { name: 'g', type: 'integer', groupChar: ',' },
        { name: 'p', type: 'number', bareNumber: false },
        { name: 'yes', type: 'boolean', trueValues: ['Y'], falseValues: ['N'] }
      ]
    }
    const csv = [
      'b,n,d,g,p,yes',
      'True,NaN,"1.234,5","1,000",€95,Y',
      'FALSE,INF,"3,5",12,95%,N',
      '1,-INF,7,"-2,000,000",EUR 1.5,N',
      '0,1E5,"1.000.000",3,-7,Y',
      'yes,Infinity,"1,2,3",1.5,€,true'
    ]
    const r = await validate(
      { 'd.csv': csv.join('\n') + '\n', 's.json': JSON.stringify(tableSchema) },
      { data: 'd.csv', schema: 's.json' }
    )
    expect(r.violations).toEqual({
      // Only the last row's values are outside the spec's lexical forms.
      'schema b.type': 1,
      'schema n.type': 1,
      'schema d.type': 1,
      'schema g.type': 1,
      'schema p.type': 1,
      'schema yes.type': 1,
      rows: 0
    })
  })

  test('an empty enum is a schema no value passes, not a compile error', async () => {
    const r = await validate(
      { 'd.jsonl': '{"x":1}\n{"y":2}\n', 's.json': schema({ x: { enum: [] } }) },
      { data: 'd.jsonl', schema: 's.json' }
    )
    expect(r.stdout).not.toMatch(/not a valid JSON Schema/)
    expect(r.violations).toEqual({ 'schema /x enum': 1, rows: 0 })
  })

  test('format is an annotation in 2020-12 (as python-jsonschema by default) and asserted in draft-07', async () => {
    const data = { 'd.jsonl': '{"e":"not an email"}\n{"e":"a@b.org"}\n' }
    const draft2020 = await validate(
      {
        ...data,
        's.json': JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          properties: { e: { type: 'string', format: 'email' } }
        })
      },
      { data: 'd.jsonl', schema: 's.json' }
    )
    expect(draft2020.violations).toEqual({ rows: 0 })
    const draft7 = await validate(
      { ...data, 's.json': schema({ e: { type: 'string', format: 'email' } }) },
      { data: 'd.jsonl', schema: 's.json' }
    )
    expect(draft7.violations).toEqual({ 'schema /e format': 1, rows: 0 })
  })
})
