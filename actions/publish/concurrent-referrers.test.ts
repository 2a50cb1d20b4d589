import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runAction, type RunResult } from '../../test/harness/run-action.js'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { runCommand } from '../../test/servers/run-command.js'
import { describeIfBinaries } from '../../test/servers/test-if-binaries.js'

/**
 * Ten jobs publish the same model at once (a matrix), each attaching its own file: the model's referrers fallback
 * index (the `sha256-<digest>` tag, for registries without the referrers API) must list all ten afterwards, on
 * distribution 2.8 (no conditional PUT) and in an OCI image layout, read back by skopeo.
 */
const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })
const JOBS = 10

let workspace: string
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'mlci-publish-concurrent-'))
  await mkdir(path.join(workspace, 'model'))
  await writeFile(path.join(workspace, 'model/weights.bin'), randomBytes(32 * 1024))
  await writeFile(path.join(workspace, 'model/config.json'), '{"layers": 3}\n')
  for (let i = 0; i < JOBS; i++) await writeFile(path.join(workspace, `card-${i}.md`), `# card ${i}\n`)
})
afterAll(() => rm(workspace, { recursive: true, force: true }))

/** The ten jobs, started together. */
function publishAll(inputs: (i: number) => Record<string, string>): Promise<RunResult[]> {
  return Promise.all(
    Array.from({ length: JOBS }, (_, i) =>
      runAction({
        action: 'publish',
        workspace,
        inputs: { model: 'model', tags: 'v1', alias: `job-${i}`, attach: `card-${i}.md`, ...inputs(i) },
        env: { SOURCE_DATE_EPOCH: '1763980000' },
        timeoutMs: 120_000
      })
    )
  )
}

interface Index {
  manifests: { digest: string; artifactType: string; annotations?: Record<string, string> }[]
}

async function expectAllReferrers(results: RunResult[], read: (reference: string) => Promise<Index>) {
  for (const result of results) expect(result.annotations).toEqual([])
  const digests = new Set(results.map(r => r.outputs.digest))
  expect(digests.size).toBe(1)
  const [digest] = digests
  const index = await read(`sha256-${digest.slice('sha256:'.length)}`)
  const published = results.map(r => (JSON.parse(r.outputs.referrers) as { digest: string }[])[0].digest)
  expect(index.manifests.map(m => m.digest).sort()).toEqual([...new Set(published)].sort())
  expect(index.manifests).toHaveLength(JOBS)
  expect(index.manifests.map(m => m.annotations?.['org.opencontainers.image.title']).sort()).toEqual(
    Array.from({ length: JOBS }, (_, i) => `card-${i}.md`).sort()
  )
}

describeRegistry('concurrent publishes of one model', () => {
  let registry: RunningRegistry
  beforeAll(async () => {
    registry = await startRegistry()
  })
  afterAll(async () => registry?.stop())

  test('to distribution 2.8: every referrer is in the fallback index', async () => {
    const results = await publishAll(() => ({
      destination: `oci://${registry.host}/acme/matrix`,
      insecure: 'true'
    }))
    await expectAllReferrers(results, async reference =>
      JSON.parse(
        (
          await runCommand('skopeo', [
            'inspect',
            '--raw',
            '--tls-verify=false',
            `docker://${registry.host}/acme/matrix:${reference}`
          ])
        ).toString()
      )
    )
  })

  test('to one OCI image layout: every referrer is in the fallback index, and every tag is there', async () => {
    const layout = path.join(workspace, 'build/layout')
    const results = await publishAll(() => ({ destination: 'oci-layout://build/layout' }))
    const inspect = async (reference: string) =>
      JSON.parse((await runCommand('skopeo', ['inspect', '--raw', `oci:${layout}:${reference}`])).toString())
    await expectAllReferrers(results, inspect)
    for (let i = 0; i < JOBS; i++) expect((await inspect(`job-${i}`)).layers).toHaveLength(2)
  })
})
