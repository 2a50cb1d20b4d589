import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startMlflowFake } from '../../test/fakes/mlflow.js'
import { runAction, type RunResult } from '../../test/harness/run-action.js'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { runCommand, sha256sum } from '../../test/servers/run-command.js'
import { describeIfBinaries } from '../../test/servers/test-if-binaries.js'

/**
 * The bundle, run as the runner runs it, publishing to a real docker-registry (distribution 2.8); skopeo and
 * coreutils' sha256sum read back what arrived.
 */
const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })

interface Manifest {
  artifactType: string
  config: { mediaType: string; digest: string }
  layers: { mediaType: string; digest: string; size: number; annotations: Record<string, string> }[]
  annotations: Record<string, string>
}

let workspace: string
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'mlci-publish-'))
  await mkdir(path.join(workspace, 'model/weights'), { recursive: true })
  await writeFile(path.join(workspace, 'model/weights/model.safetensors'), randomBytes(300 * 1024))
  await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 4}\n')
  await writeFile(path.join(workspace, 'model/README.md'), '# churn model\n')
  await writeFile(path.join(workspace, 'results.json'), '{"test": {"accuracy": 0.912, "f1": 0.874}}\n')
  await writeFile(path.join(workspace, 'MODEL_CARD.md'), '# Model card\n')
})

afterAll(() => rm(workspace, { recursive: true, force: true }))

function publish(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction({ action: 'publish', workspace, inputs, env: { SOURCE_DATE_EPOCH: '1763980000', ...env } })
}

function uploadedFiles(result: RunResult): string[] {
  return [...result.stdout.matchAll(/^uploaded +sha256:[0-9a-f]{64} (.*)$/gm)].map(m => m[1])
}

describeRegistry('publish to a real registry', () => {
  let registry: RunningRegistry
  beforeAll(async () => {
    registry = await startRegistry()
  })
  afterAll(async () => registry?.stop())

  const skopeo = (...args: string[]) => runCommand('skopeo', args)
  const inspect = async (reference: string) =>
    JSON.parse(
      (
        await skopeo('inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/${reference}`)
      ).toString()
    ) as Manifest & { manifests: { digest: string; artifactType: string }[] }

  test('publishes a model directory; skopeo reads it back; re-publishing sends nothing; a change sends one file', async () => {
    const inputs = {
      model: 'model',
      destination: `oci://${registry.host}/acme/churn`,
      tags: 'v1',
      alias: 'champion',
      results: 'results.json',
      attach: 'MODEL_CARD.md',
      annotations: 'dev.mlci.dataset.digest=sha256:1234',
      insecure: 'true'
    }
    const first = await publish(inputs)
    expect(first.annotations).toEqual([])
    expect(first.exitCode).toBe(0)
    const digest = first.outputs.digest
    expect(first.outputs['model-uri']).toBe(`${registry.host}/acme/churn@${digest}`)
    expect(first.outputs['subject-name']).toBe(`${registry.host}/acme/churn`)
    expect(first.outputs['subject-digest']).toBe(digest)
    expect(JSON.parse(first.outputs.tags)).toEqual(['v1', 'champion'])
    expect(uploadedFiles(first).sort()).toEqual([
      '(ModelPack config)',
      '(empty config)',
      'MODEL_CARD.md',
      'README.md',
      'config.json',
      'results.json',
      'weights/model.safetensors'
    ])

    const raw = await skopeo(
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/acme/churn:v1`
    )
    expect(`sha256:${(await import('node:crypto')).createHash('sha256').update(raw).digest('hex')}`).toBe(
      digest
    )
    const manifest = JSON.parse(raw.toString()) as Manifest
    expect(manifest.artifactType).toBe('application/vnd.cncf.model.manifest.v1+json')
    expect(manifest.config.mediaType).toBe('application/vnd.cncf.model.config.v1+json')
    for (const layer of manifest.layers) {
      const file = path.join(workspace, 'model', layer.annotations['org.cncf.model.filepath'])
      expect(layer.digest).toBe(await sha256sum(file))
    }
    expect(manifest.layers.map(l => [l.annotations['org.opencontainers.image.title'], l.mediaType])).toEqual([
      ['README.md', 'application/vnd.cncf.model.doc.v1.raw'],
      ['config.json', 'application/vnd.cncf.model.weight.config.v1.raw'],
      ['weights/model.safetensors', 'application/vnd.cncf.model.weight.v1.raw']
    ])
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.created': '2025-11-24T10:26:40Z',
      'org.opencontainers.image.revision': expect.stringMatching(/^[0-9a-f]{40}$/),
      'org.opencontainers.image.source': expect.stringMatching(/^https:\/\/github\.com\//),
      'dev.mlci.run.url': expect.stringContaining('/actions/runs/'),
      'dev.mlci.metrics': '{"test.accuracy":0.912,"test.f1":0.874}',
      'dev.mlci.dataset.digest': 'sha256:1234'
    })
    expect((await inspect('acme/churn:champion')).layers).toEqual(manifest.layers)

    // skopeo copies the whole artifact, byte for byte.
    const copy = path.join(workspace, 'copy')
    await skopeo(
      'copy',
      '--src-tls-verify=false',
      `docker://${registry.host}/acme/churn:v1`,
      `oci:${copy}:v1`
    )
    const weights = manifest.layers[2].digest.slice('sha256:'.length)
    expect(await readFile(path.join(copy, 'blobs/sha256', weights))).toEqual(
      await readFile(path.join(workspace, 'model/weights/model.safetensors'))
    )

    // The results and the model card are found through the OCI 1.1 fallback tag: distribution has no referrers API.
    const referrers = await inspect(`acme/churn:sha256-${digest.slice('sha256:'.length)}`)
    expect(referrers.manifests.map(m => m.artifactType).sort()).toEqual([
      'application/vnd.mlci.attachment.v1',
      'application/vnd.mlci.evaluation.results.v1+json'
    ])
    const results = referrers.manifests.find(m => m.artifactType.includes('evaluation'))!
    const resultsManifest = await inspect(`acme/churn@${results.digest}`)
    expect(resultsManifest.layers[0].digest).toBe(await sha256sum(path.join(workspace, 'results.json')))
    expect(JSON.parse(first.outputs.referrers)).toHaveLength(2)

    const second = await publish(inputs)
    expect(second.exitCode).toBe(0)
    expect(second.outputs.digest).toBe(digest)
    expect(uploadedFiles(second)).toEqual([])
    expect(second.stdout).toContain('0 blob(s) uploaded')

    await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 5}\n')
    const third = await publish(inputs)
    expect(third.exitCode).toBe(0)
    expect(third.outputs.digest).not.toBe(digest)
    // The changed file, and the config blob that lists every layer's digest.
    expect(uploadedFiles(third).sort()).toEqual(['(ModelPack config)', 'config.json'])
    expect(third.stdout).toContain('2 blob(s) uploaded')
    await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 4}\n')
  })

  test('an unreachable registry fails the step with a plain error, not a stack', async () => {
    const result = await publish({
      model: 'model',
      destination: 'oci://127.0.0.1:9/acme/down',
      tags: 'v1',
      insecure: 'true'
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /^the registry 127\.0\.0\.1:9: GET \/v2\/ failed after 5 attempts: connect ECONNREFUSED.*Is the registry up/
        )
      })
    ])
    expect(result.annotations[0].message).not.toMatch(/bug in mlci|\n {4}at /)
    // Nothing was read before the registry was found unreachable.
    expect(result.stdout).not.toMatch(/Publishing|uploaded/)
  })

  test('with htpasswd auth: credentials are masked, a wrong password fails without a tag', async () => {
    const secured = await startRegistry({ auth: true })
    try {
      const { username, password } = secured.credentials!
      const inputs = {
        model: 'model',
        destination: `oci://${secured.host}/acme/private`,
        tags: 'v1',
        insecure: 'true',
        username
      }
      const ok = await publish({ ...inputs, password })
      expect(ok.exitCode).toBe(0)
      expect(ok.masks).toContain(password)
      expect(ok.stdout.replace(/::add-mask::.*/g, '')).not.toContain(password)
      const wrong = await publish({ ...inputs, password: 'not-it', tags: 'v2' })
      expect(wrong.exitCode).toBe(1)
      expect(wrong.annotations[0].message).toMatch(/HTTP 401.*Check the username and password/)
      const tags = await runCommand('skopeo', [
        'list-tags',
        '--tls-verify=false',
        `--creds=${username}:${password}`,
        `docker://${secured.host}/acme/private`
      ])
      expect(JSON.parse(tags.toString()).Tags).toEqual(['v1'])
    } finally {
      await secured.stop()
    }
  })
})

const describeSkopeo = await describeIfBinaries({ skopeo: 'skopeo' })

describeSkopeo('publish to an OCI image layout', () => {
  test('writes a layout skopeo reads, with the results as a referrer', async () => {
    const result = await publish({
      model: 'model',
      destination: 'oci-layout://build/layout',
      tags: 'v1',
      results: 'results.json'
    })
    expect(result.exitCode).toBe(0)
    const layout = path.join(workspace, 'build/layout')
    expect(result.outputs['model-uri']).toBe(`oci-layout://${layout}@${result.outputs.digest}`)
    const raw = await runCommand('skopeo', ['inspect', '--raw', `oci:${layout}:v1`])
    const manifest = JSON.parse(raw.toString()) as Manifest
    expect(manifest.layers).toHaveLength(3)
    const copy = path.join(workspace, 'layout-copy')
    await runCommand('skopeo', ['copy', `oci:${layout}:v1`, `oci:${copy}:v1`])
    const referrers = JSON.parse(
      (
        await runCommand('skopeo', [
          'inspect',
          '--raw',
          `oci:${layout}:sha256-${result.outputs.digest.slice(7)}`
        ])
      ).toString()
    ) as { manifests: { artifactType: string }[] }
    expect(referrers.manifests.map(m => m.artifactType)).toEqual([
      'application/vnd.mlci.evaluation.results.v1+json'
    ])
  })
})

describeRegistry('publish and register in MLflow', () => {
  test('the OCI model-uri becomes a new MLflow version with lineage tags, and the alias points at it', async () => {
    const registry = await startRegistry()
    const mlflow = await startMlflowFake()
    try {
      const result = await publish({
        model: 'model',
        destination: `oci://${registry.host}/acme/churn\nmlflow://${mlflow.host}/churn`,
        tags: 'v1',
        alias: 'champion',
        results: 'results.json',
        insecure: 'true'
      })
      expect(result.annotations).toEqual([])
      expect(JSON.parse(result.outputs['mlflow-versions'])).toEqual([
        { name: 'churn', version: '1', uri: 'models:/churn/1' }
      ])
      const version = mlflow.models.get('churn')!.versions[0]
      expect(version.source).toBe(`oci://${result.outputs['model-uri']}`)
      expect(Object.fromEntries(version.tags.map(t => [t.key, t.value]))).toMatchObject({
        'mlci.digest': result.outputs.digest,
        'mlci.metrics': '{"test.accuracy":0.912,"test.f1":0.874}'
      })
      expect(mlflow.models.get('churn')!.aliases.get('champion')).toBe('1')

      // Publishing the same model again registers no second version.
      const again = await publish({
        model: 'model',
        destination: `oci://${registry.host}/acme/churn\nmlflow://${mlflow.host}/churn`,
        tags: 'v1',
        results: 'results.json',
        insecure: 'true'
      })
      expect(again.outputs.digest).toBe(result.outputs.digest)
      expect(JSON.parse(again.outputs['mlflow-versions'])).toEqual([
        { name: 'churn', version: '1', uri: 'models:/churn/1' }
      ])
      expect(mlflow.models.get('churn')!.versions).toHaveLength(1)
    } finally {
      await mlflow.stop()
      await registry.stop()
    }
  })
})

describe('bad input', () => {
  test.each([
    [{ destination: 'oci://ghcr.io/acme/churn', insecure: 'true' }, /plain HTTP only to a loopback host/],
    [{ destination: 'ftp://x' }, /must be oci:\/\/HOST\/REPOSITORY/],
    [{ destination: 'oci://ghcr.io/Acme/Churn' }, /not a valid repository name/],
    [{ tags: 'bad tag!' }, /not a usable tag/],
    [{ annotations: 'good=1\nno-equals-sign' }, /'annotations', line 2: expected key=value/],
    [{ destination: 'mlflow://127.0.0.1:5000/churn' }, /add an oci:\/\/ or oci-layout:\/\/ destination/]
  ])('%j is refused clearly', async (inputs, message) => {
    const result = await publish({ model: 'model', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
    ])
  })
})
