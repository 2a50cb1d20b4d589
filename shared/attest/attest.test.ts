/* eslint-disable @typescript-eslint/no-explicit-any -- BOM fields read back from plain JSON */
import { describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseResultsFile } from '../metrics/results-file.js'
import type { Results, Verdict } from '../metrics/results.js'
import {
  cyclonedxValidator,
  schemaErrors,
  statementValidator
} from '../../test/oracles/attestation-schemas.js'
import { buildModelBom } from './cyclonedx-bom.js'
import { parseDatasetEvidence, type DatasetEvidence } from './dataset-evidence.js'
import { buildEvidencePack, renderEvidencePack, TO_BE_WRITTEN } from './evidence-pack.js'
import { buildProvenanceStatement, MLCI_BUILD_TYPE, SLSA_PROVENANCE_TYPE } from './provenance.js'
import { buildTestResultStatement, TEST_RESULT_TYPE } from './test-result.js'

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden')

/** Compares with a reviewed golden file; `UPDATE_GOLDEN=1 npm test` rewrites it for review in the diff. */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

const DIGEST = `sha256:${'ab'.repeat(32)}`
const MODEL = { name: '127.0.0.1:5000/acme/churn', digest: DIGEST }
const HOSTILE = '<img src=x onerror=alert(1)> @octocat #1 [x](https://evil.example)'

/** A results file as evaluate writes it: the schema accepts it, so the fixture cannot drift from the real one. */
function resultsWith(verdict: Verdict): Results {
  const results: Results = {
    schemaVersion: 1,
    createdAt: '2026-11-24T10:26:40Z',
    commit: 'c'.repeat(40),
    verdict,
    policyFile: 'policy.yml',
    candidate: {
      source: 'predictions',
      task: 'binary',
      examples: 400,
      confidence: 0.95,
      bootstrap: 1000,
      seed: 42,
      metrics: {
        accuracy: { value: 0.9, ci: { low: 0.87, high: 0.93 } },
        [HOSTILE]: { value: null, reason: 'undefined on this data' }
      },
      slices: [
        {
          column: 'country',
          values: {
            DE: { accuracy: { value: 0.88, ci: { low: 0.8, high: 0.94 } } },
            US: { accuracy: { value: 0.91, ci: { low: 0.86, high: 0.95 } } }
          }
        }
      ]
    },
    baseline: { source: 'none', commit: null, metrics: null },
    rules: [
      { metric: 'accuracy', rule: 'min', threshold: 0.8, actual: 0.9, status: 'pass', message: 'ok' },
      {
        metric: 'accuracy',
        slice: 'DE',
        rule: 'min',
        threshold: 0.9,
        actual: 0.88,
        status: 'warn',
        message: 'w'
      },
      {
        metric: 'accuracy',
        rule: 'max_drop',
        threshold: 0.02,
        actual: 0.01,
        status: 'inconclusive',
        message: 'i'
      },
      {
        metric: 'latency',
        rule: 'max',
        threshold: 50,
        actual: 70,
        status: 'fail',
        informational: true,
        message: 'f'
      },
      { metric: 'f1', rule: 'missing', threshold: null, actual: null, status: 'skipped', message: 's' }
    ]
  }
  return parseResultsFile(JSON.stringify(results), 'results.json')
}

const report = (sources: object[], extra: object = {}) =>
  JSON.stringify({
    mlciValidateData: 1,
    valid: true,
    failOn: 'error',
    files: sources.map(s => (s as { file: string }).file),
    sources,
    rows: 400,
    errors: 0,
    warnings: 2,
    rules: [],
    driftedColumns: [],
    profile: { mlciProfile: 3, rows: 400, columns: {} },
    ...extra
  })
const TRAIN = { file: 'data/train.csv', sha256: '1'.repeat(64), bytes: 1234 }
const TEST_PART = (i: number) => ({ file: `data/test-${i}.csv`, sha256: String(i + 2).repeat(64), bytes: 99 })

function datasets(): DatasetEvidence[] {
  return [
    parseDatasetEvidence('train', report([TRAIN]), 'train-report.json'),
    parseDatasetEvidence(
      HOSTILE,
      JSON.stringify({ mlciProfile: 3, rows: 80, columns: {}, sources: [TEST_PART(1), TEST_PART(2)] }),
      'test-profile.json'
    )
  ]
}

describe('the Test Result statement', () => {
  test.each([
    ['pass', 'PASSED'],
    ['warn', 'WARNED'],
    ['inconclusive', 'FAILED'],
    ['fail', 'FAILED']
  ] as const)('verdict %s is %s, and the statement is a valid in-toto Test Result', (verdict, expected) => {
    const statement = buildTestResultStatement({
      model: MODEL,
      results: resultsWith(verdict),
      resultsFile: { name: 'out/results.json', sha256: '2'.repeat(64) },
      policyFile: { name: 'policy.yml', sha256: '3'.repeat(64) },
      runUrl: 'https://github.com/acme/churn/actions/runs/7'
    })
    expect(schemaErrors(statementValidator('test-result-v0.1'), statement)).toEqual([])
    expect(statement.subject).toEqual([{ name: MODEL.name, digest: { sha256: 'ab'.repeat(32) } }])
    expect(statement.predicateType).toBe(TEST_RESULT_TYPE)
    expect(statement.predicate.result).toBe(expected)
    expect(statement.predicate.configuration).toEqual([
      { name: 'policy.yml', digest: { sha256: '3'.repeat(64) } },
      { name: 'out/results.json', digest: { sha256: '2'.repeat(64) }, mediaType: 'application/json' }
    ])
    expect(statement.predicate).toMatchObject({
      url: 'https://github.com/acme/churn/actions/runs/7',
      passedTests: ['accuracy min'],
      warnedTests: ['accuracy[DE] min', 'latency max'],
      failedTests: ['accuracy max_drop']
    })
  })

  test('the schemas are strict enough to catch a wrong result or a subject without digest', () => {
    const statement = buildTestResultStatement({
      model: MODEL,
      results: resultsWith('pass'),
      resultsFile: { name: 'results.json', sha256: '2'.repeat(64) }
    })
    const validate = statementValidator('test-result-v0.1')
    expect(
      schemaErrors(validate, { ...statement, predicate: { ...statement.predicate, result: 'INCONCLUSIVE' } })
    ).not.toEqual([])
    expect(schemaErrors(validate, { ...statement, subject: [{ name: 'x' }] })).not.toEqual([])
  })
})

describe('the SLSA provenance statement', () => {
  test('builder is the workflow at its ref; the commit and every dataset file are resolved dependencies', () => {
    const statement = buildProvenanceStatement(
      MODEL,
      {
        serverUrl: 'https://github.com',
        repository: 'acme/churn',
        workflowRef: 'acme/churn/.github/workflows/release.yml@refs/heads/main',
        ref: 'refs/heads/main',
        sha: 'c'.repeat(40),
        eventName: 'push',
        runUrl: 'https://github.com/acme/churn/actions/runs/7/attempts/1'
      },
      datasets()
    )
    expect(schemaErrors(statementValidator('slsa-provenance-v1'), statement)).toEqual([])
    expect(statement.predicate.runDetails.builder.id).toBe(
      'https://github.com/acme/churn/.github/workflows/release.yml@refs/heads/main'
    )
    expect(statement.predicateType).toBe(SLSA_PROVENANCE_TYPE)
    expect(statement.predicate.buildDefinition.buildType).toBe(MLCI_BUILD_TYPE)
    expect(statement.predicate.buildDefinition.externalParameters.workflow).toEqual({
      ref: 'refs/heads/main',
      repository: 'https://github.com/acme/churn',
      path: '.github/workflows/release.yml'
    })
    expect(
      statement.predicate.buildDefinition.resolvedDependencies.map(d => [d.uri ?? d.name, d.digest])
    ).toEqual([
      ['git+https://github.com/acme/churn@refs/heads/main', { gitCommit: 'c'.repeat(40) }],
      ['data/train.csv', { sha256: '1'.repeat(64) }],
      ['data/test-1.csv', { sha256: '3'.repeat(64) }],
      ['data/test-2.csv', { sha256: '4'.repeat(64) }]
    ])
  })

  test('outside Actions (no workflow ref, no repository) it is still a valid statement', () => {
    const statement = buildProvenanceStatement(MODEL, { serverUrl: 'https://github.com' }, [])
    expect(schemaErrors(statementValidator('slsa-provenance-v1'), statement)).toEqual([])
  })
})

describe('the CycloneDX 1.6 ML-BOM', () => {
  const bom = () =>
    buildModelBom({
      model: { ...MODEL, version: 'v1', oci: { host: '127.0.0.1:5000', repository: 'acme/churn' } },
      results: resultsWith('warn'),
      datasets: datasets(),
      timestamp: '2026-11-24T10:26:40Z',
      tool: { name: 'mlci publish' }
    })

  test('validates against the official schema', () => {
    expect(schemaErrors(cyclonedxValidator(), bom())).toEqual([])
  })

  test('the model is hashed by its manifest digest, with every metric per slice and its interval', () => {
    const model = (bom().metadata as { component: Record<string, any> }).component
    expect(model.type).toBe('machine-learning-model')
    expect(model.hashes).toEqual([{ alg: 'SHA-256', content: 'ab'.repeat(32) }])
    expect(model.purl).toBe(
      `pkg:oci/churn@sha256%3A${'ab'.repeat(32)}?repository_url=127.0.0.1%3A5000/acme/churn`
    )
    expect(model.modelCard.quantitativeAnalysis.performanceMetrics).toEqual([
      { type: 'accuracy', value: '0.9', confidenceInterval: { lowerBound: '0.87', upperBound: '0.93' } },
      { type: HOSTILE, value: 'undefined' },
      {
        type: 'accuracy',
        value: '0.88',
        slice: 'country=DE',
        confidenceInterval: { lowerBound: '0.8', upperBound: '0.94' }
      },
      {
        type: 'accuracy',
        value: '0.91',
        slice: 'country=US',
        confidenceInterval: { lowerBound: '0.86', upperBound: '0.95' }
      }
    ])
    const rules = model.properties.filter((p: { name: string }) => p.name === 'mlci:policy:rule')
    expect(JSON.parse(rules[1].value)).toEqual({
      metric: 'accuracy',
      slice: 'DE',
      rule: 'min',
      threshold: 0.9,
      actual: 0.88,
      status: 'warn'
    })
  })

  test('datasets are data components with their digests and validation outcome', () => {
    const [train, test] = bom().components as Record<string, any>[]
    expect(train).toMatchObject({
      type: 'data',
      name: 'train',
      hashes: [{ alg: 'SHA-256', content: '1'.repeat(64) }]
    })
    expect(train.properties).toContainEqual({ name: 'mlci:validation:valid', value: 'true' })
    expect(train.properties).toContainEqual({ name: 'mlci:validation:warnings', value: '2' })
    expect(test.components.map((c: Record<string, any>) => c.hashes[0].content)).toEqual([
      '3'.repeat(64),
      '4'.repeat(64)
    ])
    expect(test.properties).toContainEqual({
      name: 'mlci:validation:valid',
      value: 'not validated (a profile)'
    })
  })
})

describe('the evidence pack', () => {
  const pack = () =>
    buildEvidencePack({
      model: { ...MODEL, tags: ['v1'], created: '2026-11-24T10:26:40Z' },
      results: resultsWith('pass'),
      resultsFile: { name: 'results.json', sha256: '2'.repeat(64) },
      policyFile: { name: 'policy.yml', sha256: '3'.repeat(64) },
      datasets: datasets(),
      lineage: { commit: 'c'.repeat(40), runUrl: 'https://github.com/acme/churn/actions/runs/7' }
    })

  test('says what it knows, marks what only the provider can write, and says no deployment is known yet', () => {
    const markdown = renderEvidencePack(pack())
    for (const heading of ['intended purpose', 'risk management', 'human oversight'])
      expect(markdown).toMatch(new RegExp(`### [^\\n]*${heading}[^\\n]*\\n\\n\\*\\*${TO_BE_WRITTEN}\\*\\*`))
    expect(markdown).toContain('| accuracy | country=DE | 0.88 | [0.8, 0.94] |')
    expect(markdown).toContain('None yet')
    expect(pack().deployments.known).toBe(false)
    expect(pack().evaluation!.metrics).toHaveLength(4)
  })

  test('technical-documentation.md as reviewed', async () => {
    await expectGolden('technical-documentation.md', renderEvidencePack(pack()))
  })

  test('untrusted names are escaped: no HTML, mention, reference or link', () => {
    const markdown = renderEvidencePack(pack())
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('@octocat')
    expect(markdown).not.toContain('](https://evil')
    expect(markdown).toContain('&lt;img')
  })
})

describe('dataset evidence', () => {
  test.each([
    ['not JSON', 'not json', /not a validate-data report or profile \(it is not JSON\)/],
    ['evaluate results', '{"schemaVersion": 1, "verdict": "pass"}', /not a validate-data report or profile/],
    [
      'a report without digests',
      report([]).replace('"sources":[]', '"x":[]'),
      /records no data file digests/
    ],
    [
      'a merged report missing a shard’s digests',
      report([TRAIN], { files: ['data/train.csv', 'data/old-shard.csv'] }),
      /records the digests of 1 of its 2 data files \(missing: data\/old-shard\.csv\)/
    ]
  ])('%s is refused, naming the file', (_, text, message) => {
    expect(() => parseDatasetEvidence('train', text, 'data/thing.json')).toThrow(message)
    expect(() => parseDatasetEvidence('train', text, 'data/thing.json')).toThrow(/data\/thing\.json/)
  })
})
