import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { NODE24, runAction } from '../harness/run-action.js'
import { runPython } from '../oracles/python.js'
import { describeIfPython } from '../oracles/python-gate.js'

/**
 * Issue 13: Parquet written by DuckDB through the validate-data bundle. Expected figures come from DuckDB's
 * own answers on the same file (and Python's json for JSONL), never from our earlier output.
 */

let duck: DuckDBConnection
let workspace: string

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect()
  workspace = await mkdtemp(path.join(tmpdir(), 'mlci-vdp-'))
})
afterAll(() => duck?.closeSync())

const run = (inputs: Record<string, string>) =>
  runAction({ action: 'validate-data', inputs, workspace, node: NODE24 })

async function copy(select: string, file: string, options = 'COMPRESSION snappy'): Promise<void> {
  await duck.run(`COPY (${select}) TO '${path.join(workspace, file)}' (FORMAT parquet, ${options})`)
}

async function duckScalar(sql: string): Promise<number> {
  const reader = await duck.runAndReadAll(sql)
  return Number(reader.getRows()[0][0])
}

async function reportOf(result: { outputs: Record<string, string> }): Promise<{
  rules: { id: string; considered: number; violations: number }[]
}> {
  return JSON.parse(await readFile(result.outputs.report, 'utf8'))
}

describe('unique keys beyond 2^53', () => {
  test.each([
    ['BIGINT', '(4611686018427387904 + i)::BIGINT'],
    ['UBIGINT', '(9223372036854775808::UBIGINT + i::UBIGINT)'],
    ['BIGINT negative', '(-4611686018427387904 - i)::BIGINT']
  ])('%s ids: duplicates as DuckDB counts them', async (label, expression) => {
    const file = `ids-${label.replace(' ', '-')}.parquet`
    // 600 distinct ids one apart, then 3 of them again: DuckDB says how many repeat.
    await copy(
      `SELECT ${expression} AS id FROM range(600) r(i) UNION ALL SELECT ${expression} AS id FROM range(3) r(i)`,
      file
    )
    const expected = await duckScalar(
      `SELECT count(*) - count(DISTINCT id) FROM '${path.join(workspace, file)}'`
    )
    await writeFile(path.join(workspace, 'unique.yml'), 'unique: [[id]]\n')
    const result = await run({ data: file, rules: 'unique.yml' })
    const rule = (await reportOf(result)).rules.find(r => r.id === 'unique(id)')
    expect(rule?.violations).toBe(expected)
  })
})

describeIfPython({ json: 'python3' })('unique keys beyond 2^53 in JSONL', () => {
  test('ids one apart beyond 2^53: duplicates as Python json counts them', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => (2n ** 62n + BigInt(i)).toString())
    const text = [...ids, ...ids.slice(0, 3)].map(id => `{"id": ${id}, "x": 1}`).join('\n') + '\n'
    await writeFile(path.join(workspace, 'ids.jsonl'), text)
    await writeFile(path.join(workspace, 'unique.yml'), 'unique: [[id]]\n')
    const expected = await runPython<number>(
      `import json, sys
ids = [json.loads(line)["id"] for line in json.load(sys.stdin).splitlines() if line]
print(len(ids) - len(set(ids)))`,
      text
    )
    const result = await run({ data: 'ids.jsonl', rules: 'unique.yml' })
    const rule = (await reportOf(result)).rules.find(r => r.id === 'unique(id)')
    expect(rule?.violations).toBe(expected)
  })
})

/** Column groups, each a SELECT over range(300) r(i); NULLs in every column. */
const GROUPS: Record<string, string> = {
  integers: `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b, (i % 100)::TINYINT AS t,
    (i * 100)::SMALLINT AS s, (i * 100000)::INTEGER AS n, CASE WHEN i % 5 = 0 THEN NULL ELSE i::BIGINT * 1000000000 END AS big,
    (i % 200)::UTINYINT AS ut, (i * 200)::USMALLINT AS us, (i * 1000000)::UINTEGER AS ui, (i * 1000)::UBIGINT AS ub,
    i::HUGEINT * 1000 AS h, (i % 5)::INTEGER AS low`,
  decimals: `SELECT (i / 3)::FLOAT AS f, CASE WHEN i % 9 = 0 THEN NULL ELSE i / 7 END::DOUBLE AS d,
    (i / 7)::DECIMAL(4,1) AS d4, (i / 7)::DECIMAL(10,3) AS d10, (i / 7)::DECIMAL(18,6) AS d18, (i / 7)::DECIMAL(38,10) AS d38`,
  text: `SELECT 'v' || i AS v, CASE WHEN i % 4 = 0 THEN NULL ELSE 'é日本' || (i % 3) END AS mb,
    ('\\x00\\xFF' || i)::BLOB AS bl, uuid() AS u, CASE WHEN i % 3 = 0 THEN NULL ELSE gen_random_uuid() END AS un`,
  times: `SELECT DATE '2024-01-01' + i::INTEGER AS dt, CASE WHEN i % 6 = 0 THEN NULL ELSE DATE '1969-12-25' + i::INTEGER END AS dn,
    TIME '12:00:00' + INTERVAL (i) SECOND AS tm, TIMESTAMP '2024-01-01 00:00:00.123456' + INTERVAL (i) HOUR AS ts,
    (TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE)::TIMESTAMP_MS AS tms,
    (TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE)::TIMESTAMP_S AS tsec,
    (TIMESTAMP '1960-01-01 00:00:00.123456' + INTERVAL (i) MINUTE)::TIMESTAMP_NS AS tns,
    TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) HOUR AS tstz`,
  nested: `SELECT [i, i + 1] AS l, CASE WHEN i % 3 = 0 THEN NULL ELSE ['a' || i] END AS ls,
    {'a': i, 'b': 'x' || i, 'd': DATE '2024-01-01' + i::INTEGER} AS st, MAP {'k': i, 'j': i * 2} AS m,
    [{'x': i}] AS lst, [[i], []] AS ll`
}

const FILES: [string, string, string][] = [
  ...['snappy', 'zstd', 'gzip', 'uncompressed', 'lz4', 'lz4_raw', 'brotli'].flatMap(
    (compression): [string, string, string][] => [
      [`integers-${compression}`, GROUPS.integers, `COMPRESSION ${compression}`],
      [`text-${compression}`, GROUPS.text, `COMPRESSION ${compression}`],
      [`times-${compression}`, GROUPS.times, `COMPRESSION ${compression}`]
    ]
  ),
  ['decimals-zstd-v2', GROUPS.decimals, "COMPRESSION zstd, PARQUET_VERSION 'V2'"],
  ['decimals-snappy', GROUPS.decimals, 'COMPRESSION snappy, ROW_GROUP_SIZE 100'],
  ['integers-v2', GROUPS.integers, "COMPRESSION snappy, PARQUET_VERSION 'V2', ROW_GROUP_SIZE 64"],
  ['text-v2', GROUPS.text, "COMPRESSION zstd, PARQUET_VERSION 'V2'"],
  ['times-v2', GROUPS.times, "COMPRESSION gzip, PARQUET_VERSION 'V2'"],
  ['nested-snappy', GROUPS.nested, 'COMPRESSION snappy'],
  ['nested-zstd-v2', GROUPS.nested, "COMPRESSION zstd, PARQUET_VERSION 'V2', ROW_GROUP_SIZE 100"]
]

describe('infer then validate on the same Parquet file passes', () => {
  test.each(FILES)('%s', async (name, select, options) => {
    await copy(`${select} FROM range(300) r(i)`, `${name}.parquet`, options)
    const inferred = await run({
      data: `${name}.parquet`,
      mode: 'infer',
      schema: `${name}.schema.json`,
      rules: `${name}.rules.yml`,
      'profile-out': `${name}.profile.json`,
      report: `${name}.infer.json`
    })
    expect(inferred.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(inferred.exitCode).toBe(0)
    const again = await run({
      data: `${name}.parquet`,
      schema: `${name}.schema.json`,
      rules: `${name}.rules.yml`,
      reference: `${name}.profile.json`,
      report: `${name}.validate.json`
    })
    expect(again.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(again.outputs.valid).toBe('true')
  })
})

describe('a Parquet type we cannot read', () => {
  test('INTERVAL is refused with the column and its type named', async () => {
    await copy('SELECT i AS id, INTERVAL (i) DAY AS wait FROM range(5) r(i)', 'interval.parquet')
    const result = await run({ data: 'interval.parquet' })
    expect(result.exitCode).toBe(1)
    const error = result.annotations.find(a => a.level === 'error')
    expect(error?.message).toMatch(/'wait'.*INTERVAL/)
  })
})
