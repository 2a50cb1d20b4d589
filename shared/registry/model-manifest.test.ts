import { describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sha256Digest } from './descriptor.js'
import { buildModelArtifact, buildReferrer, layerMediaType, modelFormat } from './model-manifest.js'
import { addReferrer, emptyIndex, referrersTag } from './referrers-index.js'

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden')

/** Compares with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites it (review the diff before committing). */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN) await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

const FILES = [
  { path: 'weights/model.safetensors', digest: `sha256:${'a'.repeat(64)}`, size: 1234 },
  { path: 'README.md', digest: `sha256:${'b'.repeat(64)}`, size: 56 },
  { path: 'config.json', digest: `sha256:${'c'.repeat(64)}`, size: 78 }
]
const METADATA = {
  name: 'churn',
  version: 'sha-0123456',
  revision: '0123456789abcdef0123456789abcdef01234567',
  sourceUrl: 'https://github.com/acme/churn',
  created: '2026-11-20T09:30:00Z',
  annotations: { 'dev.mlci.metrics': '{"auc":0.91}', 'org.opencontainers.image.revision': '0123456' }
}

describe('buildModelArtifact', () => {
  test('writes the ModelPack manifest and config of the golden files', async () => {
    const artifact = buildModelArtifact(FILES, METADATA)
    const pretty = (bytes: Buffer) => JSON.stringify(JSON.parse(bytes.toString('utf8')), null, 2) + '\n'
    await expectGolden('model-manifest.json', pretty(artifact.manifest.bytes))
    await expectGolden('model-config.json', pretty(artifact.config.bytes))
    expect(artifact.manifest.descriptor.digest).toBe(sha256Digest(artifact.manifest.bytes))
  })

  test('is reproducible: the order of files and annotations does not change the digest', () => {
    const a = buildModelArtifact(FILES, METADATA)
    const b = buildModelArtifact([...FILES].reverse(), {
      ...METADATA,
      annotations: Object.fromEntries(Object.entries(METADATA.annotations).reverse())
    })
    expect(b.manifest.descriptor.digest).toBe(a.manifest.descriptor.digest)
  })

  test('any change of content or lineage changes the digest', () => {
    const base = buildModelArtifact(FILES, METADATA).manifest.descriptor.digest
    const changedFile = FILES.map((f, i) => (i === 0 ? { ...f, digest: `sha256:${'d'.repeat(64)}` } : f))
    expect(buildModelArtifact(changedFile, METADATA).manifest.descriptor.digest).not.toBe(base)
    expect(
      buildModelArtifact(FILES, { ...METADATA, revision: 'f'.repeat(40) }).manifest.descriptor.digest
    ).not.toBe(base)
  })

  test('refuses the same path twice', () => {
    expect(() => buildModelArtifact([FILES[0], FILES[0]], METADATA)).toThrow('given twice')
  })
})

describe('layer media types', () => {
  test.each([
    ['model.safetensors', 'application/vnd.cncf.model.weight.v1.raw'],
    ['model.pkl', 'application/vnd.cncf.model.weight.v1.raw'],
    ['tokenizer.json', 'application/vnd.cncf.model.weight.config.v1.raw'],
    ['params.yaml', 'application/vnd.cncf.model.weight.config.v1.raw'],
    ['LICENSE', 'application/vnd.cncf.model.doc.v1.raw'],
    ['docs/MODEL_CARD.md', 'application/vnd.cncf.model.doc.v1.raw'],
    ['train.py', 'application/vnd.cncf.model.code.v1.raw']
  ])('%s is %s', (file, mediaType) => expect(layerMediaType(file)).toBe(mediaType))

  test('claims a format only when every weight file agrees', () => {
    expect(modelFormat(['a.safetensors', 'b.safetensors', 'config.json'])).toBe('safetensors')
    expect(modelFormat(['a.safetensors', 'b.onnx'])).toBeUndefined()
    expect(modelFormat(['weights.bin'])).toBeUndefined()
  })
})

describe('referrers', () => {
  const subject = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${'e'.repeat(64)}`,
    size: 9
  }

  test('a referrer manifest points at its subject with an empty config', async () => {
    const file = {
      descriptor: { mediaType: 'application/json', digest: `sha256:${'f'.repeat(64)}`, size: 3 }
    }
    const referrer = buildReferrer('application/vnd.mlci.evaluation.results.v1+json', [file], subject, {
      a: 'b'
    })
    await expectGolden(
      'referrer-manifest.json',
      JSON.stringify(JSON.parse(referrer.bytes.toString()), null, 2) + '\n'
    )
  })

  test('the fallback tag follows the referrers tag schema', () => {
    expect(referrersTag(subject.digest)).toBe(`sha256-${'e'.repeat(64)}`)
  })

  test('a referrer is listed once', () => {
    const entry = { ...subject, artifactType: 'x' }
    const once = addReferrer(emptyIndex(), entry)
    expect(once.changed).toBe(true)
    const twice = addReferrer(once.index, entry)
    expect(twice.changed).toBe(false)
    expect(twice.index.manifests).toHaveLength(1)
  })
})
