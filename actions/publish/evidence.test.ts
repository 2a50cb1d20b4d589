import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parseResultsFile } from '../../shared/metrics/results-file.js'
import { runAction, type RunResult } from '../../test/harness/run-action.js'
import {
  cyclonedxValidator,
  pythonSchemaErrors,
  schemaErrors,
  statementValidator
} from '../../test/oracles/attestation-schemas.js'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { runCommand, sha256sum } from '../../test/servers/run-command.js'
import { describeIfBinaries } from '../../test/servers/test-if-binaries.js'

/**
 * publish with an evaluate results file and validate-data's reports: the Test Result and provenance statements,
 * the CycloneDX ML-BOM and the evidence pack go up as referrers of the model, read back from a real
 * docker-registry (distribution 2.8: no referrers API, so through the fallback tag) with skopeo and plain HTTP,
 * and checked against the official CycloneDX schema and the in-toto and SLSA definitions (test/oracles).
 */
const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })

/** The policy as evaluate read it; the workspace's policy.yml has changed since (publish runs in a later job). */
const POLICY_AS_EVALUATED = 'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n'
const RESULTS = {
  schemaVersion: 1,
  createdAt: '2026-11-24T10:26:40Z',
  commit: 'c'.repeat(40),
  verdict: 'warn',
  policyFile: 'policy.yml',
  policySha256: createHash('sha256').update(POLICY_AS_EVALUATED).digest('hex'),
  candidate: {
    source: 'predictions',
    task: 'binary',
    examples: 400,
    confidence: 0.95,
    bootstrap: 1000,
    seed: 7,
    metrics: {
      accuracy: { value: 0.9, ci: { low: 0.87, high: 0.93 } },
      f1: { value: 0.8, ci: { low: 0.75, high: 0.85 } }
    },
    slices: [
      { column: 'country', values: { DE: { accuracy: { value: 0.86, ci: { low: 0.8, high: 0.91 } } } } }
    ]
  },
  baseline: { source: 'none', commit: null, metrics: null },
  rules: [
    { metric: 'accuracy', rule: 'min', threshold: 0.8, actual: 0.9, status: 'pass', message: 'ok' },
    {
      metric: 'accuracy',
      slice: 'DE',
      rule: 'min',
      threshold: 0.88,
      actual: 0.86,
      status: 'warn',
      message: 'low'
    }
  ]
}

let workspace: string
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'mlci-publish-evidence-'))
  await mkdir(path.join(workspace, 'model'), { recursive: true })
  await writeFile(path.join(workspace, 'model/model.safetensors'), 'weights '.repeat(1000))
  await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 2}\n')
  await mkdir(path.join(workspace, 'data'), { recursive: true })
  await writeFile(
    path.join(workspace, 'data/train.csv'),
    'id,x\n' + Array.from({ length: 50 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n'
  )
  await writeFile(
    path.join(workspace, 'data/test.csv'),
    'id,x\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 3}`).join('\n') + '\n'
  )
  await writeFile(
    path.join(workspace, 'policy.yml'),
    'metrics:\n  accuracy: { direction: higher, min: 0.5 }\n'
  )
  // The fixture is what evaluate writes: its own schema accepts it.
  const results = JSON.stringify(RESULTS, null, 1)
  parseResultsFile(results, 'results.json')
  await writeFile(path.join(workspace, 'results.json'), results)
  await writeFile(path.join(workspace, 'metrics.json'), '{"accuracy": 0.9}\n')
  // The datasets' evidence comes from the real validate-data bundle.
  for (const [name, extra] of [
    ['train', { report: 'reports/train.json' }],
    ['test', { report: 'reports/test-report.json', 'profile-out': 'reports/test-profile.json' }]
  ] as const) {
    const validated = await runAction({
      action: 'validate-data',
      workspace,
      inputs: { data: `data/${name}.csv`, ...extra }
    })
    expect(validated.exitCode).toBe(0)
  }
})
afterAll(() => rm(workspace, { recursive: true, force: true }))

const RUNNER_ENV = {
  SOURCE_DATE_EPOCH: '1763980000',
  GITHUB_WORKFLOW_REF: 'acme/churn/.github/workflows/release.yml@refs/heads/main',
  GITHUB_REF: 'refs/heads/main'
}

function publish(inputs: Record<string, string>): Promise<RunResult> {
  return runAction({ action: 'publish', workspace, inputs, env: RUNNER_ENV })
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

describeRegistry('publish attaches the evidence of an evaluated model', () => {
  let registry: RunningRegistry
  beforeAll(async () => {
    registry = await startRegistry()
  })
  afterAll(async () => registry?.stop())

  const skopeoRaw = async (reference: string) =>
    runCommand('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/${reference}`])
  const blob = async (digest: string) => {
    const response = await fetch(`${registry.url}/v2/acme/churn/blobs/${digest}`)
    expect(response.status).toBe(200)
    return Buffer.from(await response.arrayBuffer())
  }

  test('statements, BOM and evidence pack are referrers of the pushed manifest, valid against their specs', async () => {
    const result = await publish({
      model: 'model',
      destination: `oci://${registry.host}/acme/churn`,
      tags: 'v1',
      results: 'results.json',
      datasets: 'train=reports/train.json\nreports/test-profile.json',
      insecure: 'true'
    })
    expect(result.annotations).toEqual([])
    expect(result.exitCode).toBe(0)
    const digest = `sha256:${sha256(await skopeoRaw('acme/churn:v1'))}`
    expect(result.outputs.digest).toBe(digest)
    expect(result.outputs['attestation-ids']).toBe('[]')
    expect(result.stdout).toContain(
      `Attached to ${digest}: the Test Result (warn) and provenance statements (unsigned), the CycloneDX ML-BOM ${result.outputs['bom-digest']} and the evidence pack, with 2 dataset(s).`
    )
    expect(result.summary).toMatch(
      /\| application\/vnd\.cyclonedx\+json \| sha256:[0-9a-f]{64} \| bom\.cdx\.json \|/
    )

    const index = JSON.parse((await skopeoRaw(`acme/churn:sha256-${digest.slice(7)}`)).toString()) as {
      manifests: { artifactType: string; digest: string }[]
    }
    expect(index.manifests.map(m => m.artifactType).sort()).toEqual([
      'application/vnd.cyclonedx+json',
      'application/vnd.in-toto+json',
      'application/vnd.in-toto+json',
      'application/vnd.mlci.evaluation.results.v1+json',
      'application/vnd.mlci.evidence-pack.v1+json'
    ])
    const layersOf = async (artifactType: string) => {
      const found = index.manifests.filter(m => m.artifactType === artifactType)
      return Promise.all(
        found.map(async m => {
          const manifest = JSON.parse((await skopeoRaw(`acme/churn@${m.digest}`)).toString()) as {
            subject: { digest: string }
            layers: { digest: string; mediaType: string; annotations: Record<string, string> }[]
          }
          expect(manifest.subject.digest).toBe(digest)
          return manifest.layers
        })
      )
    }

    // The BOM: valid CycloneDX 1.6, naming the manifest digest; bom-digest is its sha256.
    const [[bomLayer]] = await layersOf('application/vnd.cyclonedx+json')
    const bomBytes = await blob(bomLayer.digest)
    expect(result.outputs['bom-digest']).toBe(`sha256:${sha256(bomBytes)}`)
    const bom = JSON.parse(bomBytes.toString())
    expect(schemaErrors(cyclonedxValidator(), bom)).toEqual([])
    expect(bom.metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: digest.slice(7) }])
    expect(bom.metadata.component.modelCard.quantitativeAnalysis.performanceMetrics).toHaveLength(3)
    expect(bom.components.map((c: { name: string }) => c.name)).toEqual([
      'train',
      'reports/test-profile.json'
    ])
    expect(bom.components[0].hashes[0].content).toBe(
      (await sha256sum(path.join(workspace, 'data/train.csv'))).slice(7)
    )

    // The statements: each about the pushed manifest, valid against the in-toto and SLSA definitions.
    const statements = await Promise.all(
      (await layersOf('application/vnd.in-toto+json')).map(async ([layer]) =>
        JSON.parse((await blob(layer.digest)).toString())
      )
    )
    for (const statement of statements)
      expect(statement.subject).toEqual([
        { name: `${registry.host}/acme/churn`, digest: { sha256: digest.slice(7) } }
      ])
    readBack.bom = bom
    readBack.statements = statements
    const testResult = statements.find(
      s => s.predicateType === 'https://in-toto.io/attestation/test-result/v0.1'
    )
    expect(schemaErrors(statementValidator('test-result-v0.1'), testResult)).toEqual([])
    expect(testResult.predicate).toMatchObject({
      result: 'WARNED',
      passedTests: ['accuracy min'],
      warnedTests: ['accuracy[DE] min'],
      failedTests: [],
      configuration: [
        // What evaluate gated with, not what the workspace holds now.
        { name: 'policy.yml', digest: { sha256: sha256(POLICY_AS_EVALUATED) } },
        expect.objectContaining({
          name: 'results.json',
          digest: { sha256: (await sha256sum(path.join(workspace, 'results.json'))).slice(7) }
        })
      ]
    })
    const provenance = statements.find(s => s.predicateType === 'https://slsa.dev/provenance/v1')
    expect(schemaErrors(statementValidator('slsa-provenance-v1'), provenance)).toEqual([])
    expect(provenance.predicate.runDetails.builder.id).toBe(
      'https://github.com/acme/churn/.github/workflows/release.yml@refs/heads/main'
    )
    expect(
      provenance.predicate.buildDefinition.resolvedDependencies.map((d: { digest: object }) => d.digest)
    ).toEqual([
      { gitCommit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { sha256: (await sha256sum(path.join(workspace, 'data/train.csv'))).slice(7) },
      { sha256: (await sha256sum(path.join(workspace, 'data/test.csv'))).slice(7) }
    ])

    // The evidence pack: the markdown and its JSON twin.
    const [packLayers] = await layersOf('application/vnd.mlci.evidence-pack.v1+json')
    const byTitle = Object.fromEntries(
      packLayers.map(l => [l.annotations['org.opencontainers.image.title'], l])
    )
    expect(Object.keys(byTitle).sort()).toEqual(['evidence-pack.json', 'technical-documentation.md'])
    const markdown = (await blob(byTitle['technical-documentation.md'].digest)).toString()
    expect(markdown).toContain(`@${digest}`)
    expect(markdown).toContain('TO BE WRITTEN BY THE PROVIDER')
    const pack = JSON.parse((await blob(byTitle['evidence-pack.json'].digest)).toString())
    expect(pack.model.digest).toBe(digest)
    expect(pack.deployments.known).toBe(false)
  })

  test('a plain metrics file attaches no evidence, as before', async () => {
    const result = await publish({
      model: 'model',
      destination: `oci://${registry.host}/acme/plain`,
      results: 'metrics.json',
      tags: 'v1',
      insecure: 'true'
    })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.referrers).map((r: { artifactType: string }) => r.artifactType)).toEqual(
      ['application/vnd.mlci.evaluation.results.v1+json']
    )
    expect(result.outputs['bom-digest']).toBe('')
  })
})

/** What the registry test read back, for a second opinion from Python's jsonschema. */
const readBack: { bom?: unknown; statements: { predicateType: string }[] } = { statements: [] }
const pythonTest = testIfPython({ jsonschema: 'python3-jsonschema' })

describe('publish refuses evidence it cannot stand behind', () => {
  const layout = { model: 'model', destination: 'oci-layout://build/refused', tags: 'v1' }
  const errorOf = (result: RunResult) => result.annotations.filter(a => a.level === 'error')

  test('a datasets entry that is not a validate-data report or profile names the file', async () => {
    const result = await publish({ ...layout, results: 'results.json', datasets: 'train=results.json' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Input 'datasets': results\.json is not a validate-data report or profile/
        )
      })
    ])
  })

  test('datasets with a results file that is not evaluate’s names the results file', async () => {
    const result = await publish({ ...layout, results: 'metrics.json', datasets: 'reports/train.json' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/metrics\.json is not an mlci evaluate results file/)
      })
    ])
  })

  test('a damaged evaluate results file names the file', async () => {
    await writeFile(path.join(workspace, 'damaged.json'), JSON.stringify({ ...RESULTS, verdict: 'maybe' }))
    const result = await publish({ ...layout, results: 'damaged.json' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/damaged\.json is not an mlci evaluate results file.*verdict/)
      })
    ])
  })

  test('attest: true in a job without id-token: write names the permission, and pushes no tag', async () => {
    // The runner sets ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN only for a job with `permissions: id-token: write`.
    const result = await publish({
      ...layout,
      destination: 'oci-layout://build/attest',
      results: 'results.json',
      attest: 'true',
      'github-token': 'ghs_job_token'
    })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result).map(a => a.message)).toEqual([expect.stringMatching(/Sigstore.*id-token: write/s)])
    const index = JSON.parse(
      await readFile(path.join(workspace, 'build/attest/index.json'), 'utf8').catch(() => '{"manifests":[]}')
    )
    expect(
      index.manifests.filter(
        (m: { annotations?: Record<string, string> }) =>
          m.annotations?.['org.opencontainers.image.ref.name'] === 'v1'
      )
    ).toEqual([])
  })
})

describeRegistry('a second JSON Schema implementation agrees', () => {
  pythonTest(
    'python jsonschema validates the BOM and the statements read back from the registry',
    async () => {
      expect(readBack.bom).toBeDefined()
      expect(await pythonSchemaErrors('cyclonedx', readBack.bom)).toEqual([])
      expect(readBack.statements).toHaveLength(2)
      for (const statement of readBack.statements) {
        const schema = statement.predicateType.includes('slsa') ? 'slsa-provenance-v1' : 'test-result-v0.1'
        expect(await pythonSchemaErrors(schema, statement)).toEqual([])
      }
      // And it is not vacuous: a BOM without its format is refused.
      expect(
        await pythonSchemaErrors('cyclonedx', { ...(readBack.bom as object), bomFormat: 'SPDX' })
      ).not.toEqual([])
    }
  )
})

describe('a results file from before evaluate recorded the policy digest', () => {
  test('the Test Result names the workspace policy file by its digest', async () => {
    const { policySha256: _, ...older } = RESULTS
    await writeFile(path.join(workspace, 'older-results.json'), JSON.stringify(older))
    const result = await publish({
      model: 'model',
      destination: 'oci-layout://build/older',
      tags: 'v1',
      results: 'older-results.json'
    })
    expect(result.exitCode).toBe(0)
    const layout = path.join(workspace, 'build/older')
    const blob = async (digest: string) =>
      JSON.parse(await readFile(path.join(layout, 'blobs/sha256', digest.slice(7)), 'utf8'))
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8'))
    const fallback = index.manifests.find(
      (m: { annotations?: Record<string, string> }) =>
        m.annotations?.['org.opencontainers.image.ref.name'] === `sha256-${result.outputs.digest.slice(7)}`
    )
    const referrers = (await blob(fallback.digest)).manifests as { artifactType: string; digest: string }[]
    const statements = await Promise.all(
      referrers
        .filter(r => r.artifactType === 'application/vnd.in-toto+json')
        .map(async r => blob((await blob(r.digest)).layers[0].digest))
    )
    const testResult = statements.find(s => s.predicateType.includes('test-result'))
    expect(testResult.predicate.configuration[0]).toEqual({
      name: 'policy.yml',
      digest: { sha256: (await sha256sum(path.join(workspace, 'policy.yml'))).slice(7) }
    })
  })
})
