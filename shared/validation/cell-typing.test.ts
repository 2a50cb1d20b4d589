import { beforeAll, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describeIfPython } from '../../test/oracles/python-gate.js'
import { runPython } from '../../test/oracles/python.js'
import { validateFiles } from './validate-files.js'

/**
 * The CSV typing rule (cell-typing.ts, README "What a value is") against an independent implementation: Python's
 * `csv` reads the file, a few lines of Python apply the rule as the README words it, and python-jsonschema checks
 * each row. validate-data (validateFiles, as the action's worker runs it) must fail exactly the same (line, column)
 * pairs, cell by cell and row by row. Seeded and bounded.
 */
const CELLS = [
  ...['', '0', '1', '-2', '+3', '2.50', '.5', '5.', '1e1', '3.0', '-0', '007', '1E-2'],
  ...[' 3', '3 ', '\t', '\u00a0', '\u3000', '0x1F', '0b11', 'Infinity', 'NaN', '1,5', '1_0'],
  ...['true', 'false', 'True', 'TRUE', 'null', 'NA', 'a', 'abc', 'b😀']
]
const TYPES = [
  undefined,
  'string',
  'number',
  'integer',
  'boolean',
  'null',
  ['number', 'null'],
  ['integer', 'null'],
  ['string', 'null'],
  ['integer', 'string'],
  ['boolean', 'number'],
  ['boolean', 'string', 'null']
]

const property = fc
  .record({
    type: fc.constantFrom(...TYPES),
    minimum: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
    maximum: fc.option(fc.integer({ min: -3, max: 10 }), { nil: undefined }),
    enum: fc.option(
      fc.uniqueArray(fc.constantFrom('a', '1', 1, 2.5, null, true, '', 'NA'), { minLength: 1, maxLength: 4 }),
      { nil: undefined }
    ),
    minLength: fc.option(fc.nat(3), { nil: undefined }),
    pattern: fc.option(fc.constantFrom('^[a-c]+$', '[0-9]'), { nil: undefined })
  })
  .map(p => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))

const scenario = fc.record({
  properties: fc.array(property, { minLength: 3, maxLength: 3 }),
  rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 3, maxLength: 3 }), {
    minLength: 1,
    maxLength: 8
  }),
  required: fc.subarray(['c0', 'c1', 'c2', 'absent']),
  fileMissing: fc.constantFrom([''], ['', 'NA'], ['NA']),
  ownMissing: fc.array(fc.option(fc.constantFrom(['null'], ['', 'null']), { nil: undefined }), {
    minLength: 3,
    maxLength: 3
  })
})
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

/** The rule as the README words it, in Python, and python-jsonschema on every row: the failing (line, column)s. */
const PYTHON = `
import csv, io, json, re, sys
import math
from jsonschema import Draft7Validator, validators
# validate-data's documented departure: NaN and ±Infinity are not numbers (SECURITY.md).
finite = lambda checker, x: isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
types = Draft7Validator.TYPE_CHECKER.redefine_many({
    'number': finite,
    'integer': lambda checker, x: finite(checker, x) and float(x).is_integer(),
})
Draft7Validator = validators.extend(Draft7Validator, type_checker=types)
# The README's CSV number: a decimal or Infinity, optionally signed, optionally surrounded by white space (JS's).
SPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*'
DECIMAL = re.compile(SPACE + r'[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Infinity)' + SPACE)
def admitted(prop):
    if not isinstance(prop, dict): return None
    if 'type' in prop: return set([prop['type']] if isinstance(prop['type'], str) else prop['type'])
    if 'enum' in prop:
        kinds = set()
        for v in prop['enum']:
            if v is None: kinds.add('null')
            elif isinstance(v, bool): kinds.add('boolean')
            elif isinstance(v, int) or (isinstance(v, float) and v.is_integer()): kinds.add('integer')
            elif isinstance(v, float): kinds.add('number')
            else: kinds.add('string')
        return kinds
    return None
def typed(text, kinds):
    if kinds is None: kinds = {'number', 'integer', 'boolean'}
    if ('number' in kinds or 'integer' in kinds) and DECIMAL.fullmatch(text):
        value = float(text)
        if 'number' in kinds: return int(value) if value.is_integer() else value
        if value.is_integer(): return int(value)
    if 'boolean' in kinds and text in ('true', 'false'): return text == 'true'
    return text
out = []
for case in json.load(sys.stdin):
    schema = case['schema']
    validator = Draft7Validator(schema)
    reader = csv.reader(io.StringIO(case['csv'], newline=''))
    header = next(reader)
    bad = set()
    for number, cells in enumerate(reader, start=2):
        row = {}
        for name, text in zip(header, cells):
            tokens = case['missing'].get(name, case['fileMissing'])
            row[name] = None if text in tokens else typed(text, admitted(schema['properties'].get(name)))
        for error in validator.iter_errors(row):
            if error.validator == 'required':
                column = re.match(r"'(.*)' is a required property", error.message).group(1)
            else:
                column = error.path[0]
            bad.add('%d %s' % (number, column))
    out.append(sorted(bad))
print(json.dumps(out))
`

interface Case {
  csv: string
  schema: Record<string, unknown>
  rules: string
  fileMissing: readonly string[]
  missing: Record<string, readonly string[]>
}

function caseOf(s: Scenario): Case {
  const schema = {
    type: 'object',
    required: s.required,
    properties: Object.fromEntries(s.properties.map((p, i) => [`c${i}`, p]))
  }
  const csv =
    ['c0,c1,c2', ...s.rows.map(r => r.map(c => (c === '' ? '' : `"${c}"`)).join(','))].join('\n') + '\n'
  const missing = Object.fromEntries(s.ownMissing.flatMap((m, i) => (m ? [[`c${i}`, m]] : [])))
  const rules =
    `missing_values: ${JSON.stringify(s.fileMissing)}\n` +
    (Object.keys(missing).length
      ? `columns:\n${Object.entries(missing)
          .map(([c, m]) => `  ${c}: { missing_values: ${JSON.stringify(m)} }`)
          .join('\n')}\n`
      : '')
  return { csv, schema, rules, fileMissing: s.fileMissing, missing }
}

/** validate-data's failing (line, column)s: every schema rule's examples (max-errors is never reached). */
async function ours(dir: string, c: Case, i: number, rowByRow: boolean): Promise<string[]> {
  const data = path.join(dir, `${i}.csv`)
  const schema = path.join(dir, `${i}-${rowByRow}.json`)
  const rules = path.join(dir, `${i}.yml`)
  await writeFile(data, c.csv)
  // additionalProperties: true says nothing, but makes the schema one that is checked row by row.
  await writeFile(schema, JSON.stringify(rowByRow ? { ...c.schema, additionalProperties: true } : c.schema))
  await writeFile(rules, c.rules)
  const outcome = await validateFiles({
    files: [{ path: data, name: 'd.csv' }],
    format: 'csv',
    rules: { path: rules, name: 'rules.yml' },
    schema: { path: schema, name: 's.json' },
    maxErrors: 100_000,
    purpose: 'validate'
  })
  const bad = new Set(
    outcome.results
      .filter(r => r.id.startsWith('schema '))
      .flatMap(r => r.samples.map(sample => `${sample.line} ${r.column}`))
  )
  return [...bad].sort()
}

describeIfPython({ jsonschema: 'python3-jsonschema' })('the CSV typing rule', () => {
  const cases = fc.sample(scenario, { seed: 20261205, numRuns: 150 }).map(caseOf)
  let expected: string[][]
  beforeAll(async () => {
    expected = await runPython<string[][]>(PYTHON, cases)
  }, 60_000)

  test.each([
    ['cell by cell', false],
    ['row by row', true]
  ])(
    'fails the (line, column)s that Python csv + the rule + python-jsonschema fail (%s)',
    async (_name, rowByRow) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'mlci-typing-'))
      const mismatches: unknown[] = []
      let failing = 0
      for (const [i, c] of cases.entries()) {
        const mine = await ours(dir, c, i, rowByRow)
        failing += expected[i].length
        if (JSON.stringify(mine) !== JSON.stringify(expected[i]))
          mismatches.push({
            case: i,
            schema: c.schema,
            csv: c.csv,
            rules: c.rules,
            mine,
            python: expected[i]
          })
      }
      expect(mismatches.slice(0, 3)).toEqual([])
      // The scenarios do exercise the checks.
      expect(failing).toBeGreaterThan(100)
    },
    60_000
  )
})
