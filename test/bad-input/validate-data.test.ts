import { describe, expect, test } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeParquet } from '../fixtures/parquet-writer.js'
import { NODE24, runAction } from '../harness/run-action.js'
import {
  anyObject,
  DIRECTORY,
  expectOneClearError,
  inWorkspace,
  serviceDown,
  OUTSIDE,
  symlinkTo,
  unreachableUrl,
  type ActionUnderTest,
  type BadCase
} from './corpus.js'

/**
 * validate-data's bad input: broken data files, schemas and rules files, wrong paths and inputs. Each gives
 * one clear error (what, where, how to fix) and exit 1, and the report is either absent or complete.
 * Inputs are built here, so the corpus documents itself.
 */
const GITHUB_DOWN = await unreachableUrl()

const validateData: ActionUnderTest = {
  action: 'validate-data',
  // No case may reach api.github.com: a check run, if one is attempted, goes to a closed loopback port.
  defaults: () => ({ env: { GITHUB_API_URL: GITHUB_DOWN } }),
  writes: (inputs, { workspace, runnerTemp }) => [
    {
      path: inWorkspace(workspace, inputs.report, path.join(runnerTemp, 'mlci-validate-data/report.json')),
      problems: json => {
        const report = json as { mlciValidateData?: unknown; rules?: unknown; profile?: unknown }
        return report?.mlciValidateData === 1 && Array.isArray(report.rules) && report.profile !== undefined
          ? []
          : ['not a complete validate-data report']
      }
    },
    ...(inputs['profile-out']
      ? [{ path: inWorkspace(workspace, inputs['profile-out'], ''), problems: anyObject }]
      : [])
  ]
}

const GOOD = 'id,age,country\n1,30,US\n2,40,DE\n'
const parquet = writeParquet([
  { name: 'id', type: 'int64', values: [1, 2, 3] },
  { name: 'age', type: 'double', values: [30, 40, 50] }
])
const gz = gzipSync(GOOD.repeat(200))
const schemaCase = (schema: string, message: RegExp, line?: number, name = 'schema.json'): BadCase => ({
  files: { 'd.csv': GOOD, [name]: schema },
  inputs: { data: 'd.csv', schema: name },
  message,
  file: name,
  line
})
const rulesCase = (
  rules: string,
  message: RegExp,
  line?: number,
  extra: Record<string, string> = {}
): BadCase => ({
  files: { 'd.csv': GOOD, 'ref.csv': GOOD, 'rules.yml': rules },
  inputs: { data: 'd.csv', rules: 'rules.yml', ...extra },
  message,
  file: 'rules.yml',
  line
})
const dataCase = (name: string, content: string | Buffer, message: RegExp, line?: number): BadCase => ({
  files: { [name]: content },
  inputs: { data: name },
  message,
  file: name,
  line
})

const CASES: Record<string, BadCase> = {
  'unterminated quote': dataCase(
    'd.csv',
    'a,b\n1,2\n3,"open\n4,5\n',
    /quoted field opened here is never closed/,
    3
  ),
  'ragged row, too many fields': dataCase(
    'd.csv',
    'a,b\n1,2\n1,2,3\n',
    /has 3 field\(s\) but the header has 2/,
    3
  ),
  'ragged row, too few fields': dataCase(
    'd.csv',
    'a,b,c\n1,2,3\n\n4,5\n',
    /has 2 field\(s\) but the header has 3/,
    4
  ),
  'ragged row after a quoted newline': dataCase('d.csv', 'a,b\n"x\ny",2\n1\n', /has 1 field\(s\)/, 4),
  'duplicate header': dataCase('d.csv', 'id,age,id\n1,2,3\n', /names column 'id' twice/, 1),
  'blank header name': dataCase('d.csv', 'id,,age\n1,2,3\n', /column 2 of the header has no name/, 1),
  'text after a closing quote': dataCase(
    'd.csv',
    'a,b\n"x"y,1\n',
    /unexpected text after the closing quote/,
    2
  ),
  'empty file': dataCase('d.csv', '', /is empty: a CSV file needs a header line/, 1),
  'only blank lines': dataCase('d.tsv', '\n\r\n\n', /is empty: a TSV file/, 1),
  'invalid UTF-8': dataCase(
    'd.csv',
    Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
    /not valid UTF-8 at line 3/,
    3
  ),
  'a 10 MB single line with a ragged row': dataCase(
    'd.csv',
    `a,b\n${'x'.repeat(10 * 1024 * 1024)},1,2\n`,
    /has 3 field\(s\) but the header has 2/,
    2
  ),
  'truncated gzip': dataCase('d.csv.gz', gz.subarray(0, gz.length - 30), /not a complete gzip file/),
  'gzip extension on plain text': dataCase('d.jsonl.gz', '{"a":1}\n', /not a complete gzip file/),
  'truncated Parquet': dataCase(
    'd.parquet',
    parquet.subarray(0, parquet.length - 12),
    /not a readable Parquet file/
  ),
  'CSV named .parquet': dataCase('d.parquet', GOOD, /not a readable Parquet file/),
  'JSONL with a broken line': dataCase(
    'd.jsonl',
    '{"a":1}\n{"a":}\n',
    /d\.jsonl:2: not valid JSON at column 6/,
    2
  ),
  'JSONL with a cell nested 100,000 deep': dataCase(
    'd.jsonl',
    `{"a": 1}\n{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`,
    /d\.jsonl:2: nested more than 100 levels deep at column 106/,
    2
  ),
  'JSONL with an array line': dataCase('d.jsonl', '{"a":1}\n[1]\n', /expected a JSON object/, 2),
  'JSONL with no object': dataCase('d.jsonl', '\n\n', /holds no JSON object/, 1),
  'unknown extension': dataCase('d.xlsx', 'x', /Cannot tell the format of d\.xlsx/),
  'schema that is not JSON': schemaCase(
    '{\n  "type": "object",\n  "properties": {,}\n}',
    /schema\.json:3: not valid JSON/,
    3
  ),
  'schema that is not a valid JSON Schema': schemaCase(
    '{"type": "object", "properties": {"age": {"type": "strin"}}}',
    /is not a valid JSON Schema/
  ),
  'schema with a remote $ref': schemaCase(
    '{"properties": {"age": {"$ref": "https://example.com/age.json"}}}',
    /\$ref 'https:\/\/example\.com\/age\.json' points outside the schema/
  ),
  'schema that is a list': schemaCase('[1, 2]', /a JSON Schema must be an object/),
  'JSON Schema nested 100,000 deep': schemaCase(
    `{"type": "object", "properties": {"a": ${'{"items": '.repeat(100_000)}{}${'}'.repeat(100_000)}}}`,
    /schema\.json:1: nested more than 100 levels deep/,
    1
  ),
  'a damaged JSON Schema nested 100,000 deep': schemaCase(
    `{"type": "object",\n "properties": ${'['.repeat(100_000)}`,
    /schema\.json:2: nested more than 100 levels deep/,
    2
  ),
  'YAML JSON Schema nested 100,000 deep': schemaCase(
    `type: object\nproperties: {a: ${'{items: '.repeat(100_000)}{}${'}'.repeat(100_000)}}\n`,
    /schema\.yaml(:\d+)?: nested (more than 100 levels|too) deep/,
    undefined,
    'schema.yaml'
  ),
  'YAML schema with a syntax error': schemaCase(
    'type: object\nproperties: [\n',
    /schema\.yaml:\d+: not valid YAML/,
    undefined,
    'schema.yaml'
  ),
  'Table Schema with a pattern a linear-time engine cannot run': schemaCase(
    '{"fields": [{"name": "country", "constraints": {"pattern": "(a)\\\\1"}}]}',
    /cannot be matched in linear time: it uses a back-reference/
  ),
  'JSON Schema with a pattern a linear-time engine cannot run': schemaCase(
    '{\n  "properties": {\n    "country": { "pattern": "^(?=[A-Z])" }\n  }\n}',
    /schema\.json:3: pattern at #\/properties\/country: .* it uses a lookaround/,
    3
  ),
  'rules with a typo': rulesCase(
    'columns:\n  age: { mosty: 0.9 }\n',
    /rules\.yml:2: unknown key 'mosty': did you mean 'mostly'\?/,
    2
  ),
  'rules with a top-level typo': rulesCase(
    'row: { min: 1 }\n',
    /unknown key 'row': did you mean 'rows'\?/,
    1
  ),
  'rules with a YAML syntax error': rulesCase(
    'columns:\n  age: { min: 1\n',
    /rules\.yml:\d+: not valid YAML/
  ),
  'rules with a wrong type': rulesCase('rows: { min: many }\n', /rows\.min: must be a number/, 1),
  'rules with min above max': rulesCase('columns:\n  age: { min: 10, max: 1 }\n', /is below min/, 2),
  'rules with a pattern a linear-time engine cannot run': rulesCase(
    "columns:\n  country:\n    pattern: '(?<![a-z])x'\n",
    /cannot be matched in linear time: it uses a lookaround/,
    3
  ),
  'rules with an invalid regex': rulesCase(
    "columns:\n  country: { pattern: '[a-' }\n",
    /is not a valid regular expression/,
    2
  ),
  'rules with an unknown drift method': rulesCase(
    'drift:\n  defaults: { numeric: wassrstein }\n',
    /did you mean 'wasserstein'\?/,
    2
  ),
  'drift on a column absent from the reference': rulesCase(
    'drift:\n  columns:\n    income: { method: psi }\n',
    /the reference has no column 'income'/,
    3,
    { reference: 'ref.csv' }
  ),
  'ks on a categorical column': rulesCase(
    'drift:\n  columns:\n    country: { method: ks }\n',
    /ks does not apply to a categorical column/,
    3,
    { reference: 'ref.csv' }
  ),
  'data that matches nothing': { files: {}, inputs: { data: 'missing/*.csv' }, message: /matched no file/ },
  'an unknown format': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', format: 'excel' },
    message: /Input 'format' must be one of/
  },
  'a negative max-errors': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'max-errors': '-1' },
    message: /must be at least 0/
  },
  'a reference that is not a profile': {
    files: { 'd.csv': GOOD, 'ref.json': '{"rows": 3}' },
    inputs: { data: 'd.csv', reference: 'ref.json' },
    message: /ref\.json is not a profile written by profile-out/,
    file: 'ref.json'
  },
  'a profile of an older version': {
    files: { 'd.csv': GOOD, 'ref.json': '{"mlciProfile": 2, "rows": 3, "columns": {}}' },
    inputs: { data: 'd.csv', reference: 'ref.json' },
    message:
      /ref\.json is a profile of version 2; this mlci reads version 3\. Write it again with profile-out/,
    file: 'ref.json'
  },
  'a reference profile with unusable statistics (issue 13)': {
    files: {
      'd.csv': GOOD,
      'ref.json': JSON.stringify({
        mlciProfile: 3,
        rows: 2,
        columns: {
          x: {
            type: 'number',
            count: 2,
            nulls: 0,
            numeric: 2,
            nonFinite: { positive: 0, negative: 0, nan: 0 },
            mean: null,
            m2: 0,
            min: 1,
            max: null,
            sketch: { exact: [1, null] },
            categories: null
          }
        }
      })
    },
    inputs: { data: 'd.csv', reference: 'ref.json' },
    message: /ref\.json cannot be a drift reference: column 'x': mean is null, not a finite number/,
    file: 'ref.json'
  },
  'merge of a shard report whose profile is of an older version (issue 13)': {
    files: {
      'r.json': JSON.stringify({
        mlciValidateData: 1,
        files: ['a.csv'],
        rules: [],
        profile: { mlciProfile: 2, rows: 0, columns: {} }
      })
    },
    inputs: { data: 'r.json', mode: 'merge' },
    message: /r\.json holds a profile of version 2; this mlci merges version 3/,
    file: 'r.json'
  },
  'merge of files that are not reports': {
    files: { 'r.json': '{"valid": true}' },
    inputs: { data: 'r.json', mode: 'merge' },
    message: /r\.json is not a validate-data report/,
    file: 'r.json'
  },

  // Wrong paths: a typo, a folder, a file outside the workspace.
  'a typo in the rules path': {
    files: { 'd.csv': GOOD, 'rules.yml': 'rows: { min: 1 }\n' },
    inputs: { data: 'd.csv', rules: 'rule.yml' },
    message: /Input 'rules'.*rule\.yml does not exist/
  },
  'rules that are a folder': {
    files: { 'd.csv': GOOD, 'rules.yml/.keep': '' },
    inputs: { data: 'd.csv', rules: 'rules.yml' },
    message: /Input 'rules'.*rules\.yml is a directory/
  },
  'an empty rules file': {
    files: { 'd.csv': GOOD, 'rules.yml': '' },
    inputs: { data: 'd.csv', rules: 'rules.yml' },
    message: /rules\.yml is empty/,
    file: 'rules.yml'
  },
  'rules linked to a file outside the workspace': {
    files: { 'd.csv': GOOD, 'rules.yml': symlinkTo('/proc/self/environ') },
    inputs: { data: 'd.csv', rules: 'rules.yml' },
    message: /Input 'rules'.*rules\.yml.*outside the workspace/
  },
  'a typo in the schema path': {
    files: { 'd.csv': GOOD, 'schema.json': '{"type": "object"}' },
    inputs: { data: 'd.csv', schema: 'shema.json' },
    message: /Input 'schema'.*shema\.json does not exist/
  },
  'a schema that is a folder': {
    files: { 'd.csv': GOOD, 'schema/.keep': '' },
    inputs: { data: 'd.csv', schema: 'schema' },
    message: /Input 'schema'.*schema is a directory/
  },
  'an empty schema file': schemaCase('', /schema\.json is empty/),
  'a reference that does not exist': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', reference: 'reference.csv' },
    message: /Input 'reference'.*reference\.csv does not exist/
  },
  'an empty reference file': {
    files: { 'd.csv': GOOD, 'ref.csv': '' },
    inputs: { data: 'd.csv', reference: 'ref.csv' },
    message: /ref\.csv is empty/,
    file: 'ref.csv'
  },
  'a reference profile that is not JSON': {
    files: { 'd.csv': GOOD, 'ref.json': '{"mlciProfile": 2,\n' },
    inputs: { data: 'd.csv', reference: 'ref.json' },
    message: /ref\.json:\d+: not valid JSON/,
    file: 'ref.json'
  },
  'data that is an empty folder': {
    files: { data: DIRECTORY },
    inputs: { data: 'data' },
    message: /Input 'data'.*'?data'?.*(matched no file|is an empty directory)/
  },
  'one of several data patterns matches nothing': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv\nshards/*.csv' },
    message: /Input 'data'.*'shards\/\*\.csv' matched no file/
  },
  'data linked to a file outside the workspace': {
    files: { 'd.csv': symlinkTo('/etc/passwd') },
    inputs: { data: 'd.csv' },
    message: /Input 'data'.*d\.csv.*outside the workspace/
  },
  'a data glob matching a link to /proc/self/environ': {
    files: { 'data/a.csv': GOOD, 'data/env.csv': symlinkTo('/proc/self/environ') },
    inputs: { data: 'data/*.csv' },
    message: /Input 'data'.*data\/env\.csv.*outside the workspace/
  },
  'a data glob through a link to a folder outside the workspace': {
    files: { 'data/a.csv': GOOD, 'data/more': symlinkTo(OUTSIDE) },
    inputs: { data: 'data/**/*.csv' },
    message: /Input 'data'.*data\/more\/.*outside the workspace/
  },
  'a schema linked to a file outside the workspace': {
    files: { 'd.csv': GOOD, 'schema.json': symlinkTo(`${OUTSIDE}/secret.json`) },
    inputs: { data: 'd.csv', schema: 'schema.json' },
    message: /Input 'schema'.*schema\.json.*outside the workspace/
  },
  'a reference linked to a file outside the workspace': {
    files: { 'd.csv': GOOD, 'ref.csv': symlinkTo(`${OUTSIDE}/secret.csv`) },
    inputs: { data: 'd.csv', reference: 'ref.csv' },
    message: /Input 'reference'.*ref\.csv.*outside the workspace/
  },
  'a report folder that is a link to a folder outside the workspace': {
    files: { 'd.csv': GOOD, out: symlinkTo(OUTSIDE) },
    inputs: { data: 'd.csv', report: 'out/sub/report.json' },
    message: /Input 'report'.*out\/sub\/report\.json cannot be written: its folder lies outside the workspace/
  },
  'a profile written through a link to a folder outside the workspace': {
    files: { 'd.csv': GOOD, out: symlinkTo(OUTSIDE) },
    inputs: { data: 'd.csv', 'profile-out': 'out/profile.json' },
    message:
      /Input 'profile-out'.*out\/profile\.json cannot be written: its folder lies outside the workspace/
  },
  'an inferred schema written through a link to a folder outside the workspace': {
    files: { 'd.csv': GOOD, out: symlinkTo(OUTSIDE) },
    inputs: { data: 'd.csv', mode: 'infer', schema: 'out/schema.json' },
    message: /Input 'schema'.*out\/schema\.json cannot be written: its folder lies outside the workspace/
  },
  'a report path that is a folder': {
    files: { 'd.csv': GOOD, 'out/.keep': '' },
    inputs: { data: 'd.csv', report: 'out' },
    message: /Input 'report'.*out is a directory/
  },
  'a profile-out path under a file': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'profile-out': 'd.csv/profile.json' },
    message: /Input 'profile-out'.*d\.csv\/profile\.json/
  },

  // Wrong formats and unknown values of inputs.
  'a CSV file read as Parquet': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', format: 'parquet' },
    message: /d\.csv is not a readable Parquet file/,
    file: 'd.csv'
  },
  'a CSV file read as JSONL': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', format: 'jsonl' },
    message: /d\.csv:1: not valid JSON/,
    file: 'd.csv',
    line: 1
  },
  'an unknown fail-on': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'fail-on': 'errors' },
    message: /Input 'fail-on' must be one of error, warning, never/
  },
  'an unknown mode': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', mode: 'check' },
    message: /Input 'mode' must be one of validate, infer, merge/
  },
  'max-errors that is not a number': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'max-errors': 'all' },
    message: /Input 'max-errors' must be an integer/
  },
  'a merge of a report that is not JSON': {
    files: { 'r.json': '{"mlciValidateData": 1,\n' },
    inputs: { data: 'r.json', mode: 'merge' },
    message: /r\.json:\d+: not valid JSON/,
    file: 'r.json'
  },

  // Typos and out-of-range numbers in the rules file.
  'rules with mostly above 1': rulesCase(
    'columns:\n  age: { not_null: true, mostly: 1.5 }\n',
    /columns\.age\.mostly: must be at most 1/,
    2
  ),
  'rules with a negative drift threshold': rulesCase(
    'drift:\n  defaults: { threshold: -0.1 }\n',
    /drift\.defaults\.threshold: must be at least 0/,
    2
  ),
  'rules with an unknown severity': rulesCase(
    'columns:\n  age: { min: 0, severity: critical }\n',
    /'critical'.*(error, warning|error or warning)/,
    2
  ),
  'rules with an unknown column type': rulesCase(
    'columns:\n  age: { type: int }\n',
    /columns\.age\.type: 'int'.*integer/,
    2
  ),
  'rules on a misspelt column': rulesCase(
    'columns:\n  agee: { min: 0 }\n',
    /column 'agee'.*(did you mean 'age'\?|columns: .*age)/,
    2
  ),
  'a unique key on a misspelt column': rulesCase(
    'unique: [[idd]]\n',
    /'idd'.*(did you mean 'id'\?|columns: .*id)/,
    1
  ),

  // Typos in a Table Schema (YAML, so every mistake has a line).
  'Table Schema with an unknown field type': schemaCase(
    'fields:\n  - name: age\n    type: integr\n',
    /'integr'.*did you mean 'integer'\?/,
    3,
    'schema.yml'
  ),
  'Table Schema with a misspelt constraints key': schemaCase(
    'fields:\n  - name: age\n    constriants: { minimum: 0 }\n',
    /unknown key 'constriants': did you mean 'constraints'\?/,
    3,
    'schema.yml'
  ),
  'Table Schema with a misspelt constraint': schemaCase(
    'fields:\n  - name: age\n    type: integer\n    constraints: { minimun: 0 }\n',
    /unknown key 'minimun': did you mean 'minimum'\?/,
    4,
    'schema.yml'
  ),
  'Table Schema with a maximum that is text': schemaCase(
    '{"fields": [{"name": "age", "constraints": {"maximum": "130"}}]}',
    /fields\[0\]\.constraints\.maximum must be a number/
  ),
  'JSON Schema with a misspelt keyword': schemaCase(
    '{"type": "object", "properties": {"age": {"type": "number", "minimun": 0}}}',
    /schema\.json.*unknown keyword.*minimun/
  ),

  // A missing token and an unreachable GitHub for the check run.
  'check-name with an empty token': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'check-name': 'data-quality', 'github-token': '' },
    message: /Input 'github-token' is empty.*check-name 'data-quality'/
  },
  'a check run on an unreachable GitHub': {
    files: { 'd.csv': GOOD },
    inputs: { data: 'd.csv', 'check-name': 'data-quality' },
    token: 'ghs_bad_input_token',
    message: serviceDown('GitHub', GITHUB_DOWN.replace('http://', ''))
  }
}

describe('validate-data bad input', () => {
  test('has at least 60 cases', () => expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(60))

  test.concurrent.each(Object.entries(CASES))('%s: one clear error, exit 1, no half report', (_, bad) =>
    expectOneClearError(validateData, bad)
  )

  test('a header without rows fails the default row-count rule with a complete report', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-bad-input-'))
    let runnerTemp: string | undefined
    try {
      await writeFile(path.join(workspace, 'd.csv'), 'id,age\n')
      const result = await runAction({
        action: 'validate-data',
        inputs: { data: 'd.csv' },
        workspace,
        node: NODE24
      })
      runnerTemp = result.runnerTemp
      expect(result.exitCode).toBe(1)
      expect(result.outputs.rows).toBe('0')
      expect(result.annotations[0].message).toMatch(/^rows: expected row count in \[1, ∞\], got 0$/)
      const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
      expect(report.rules).toEqual([expect.objectContaining({ id: 'rows', failed: true })])
    } finally {
      await rm(workspace, { recursive: true, force: true })
      if (runnerTemp) await rm(path.dirname(runnerTemp), { recursive: true, force: true })
    }
  })
})
