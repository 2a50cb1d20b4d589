import { describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sha256Digest } from './descriptor.js'
import { buildModelArtifact, buildReferrer, layerMediaType, modelFormat } from './model-manifest.js'
import {
  emptyIndex,
  isReferrerRecord,
  listsRecord,
  referrerDescriptor,
  referrerRecordTag,
  referrersTag
} from './referrers-index.js'

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

  test('a referrer record tag names the subject and the referrer, and fits in a tag', () => {
    const referrer = `sha256:${'0123456789abcdef'.repeat(4)}`
    const record = referrerRecordTag(subject.digest, referrer)
    expect(record).toBe(`sha256-${'e'.repeat(64)}.${'0123456789abcdef'.repeat(2)}`)
    expect(record.length).toBeLessThanOrEqual(128)
    const tag = referrersTag(subject.digest)
    expect(isReferrerRecord(record, tag)).toBe(true)
    expect(isReferrerRecord(`${tag}.sig`, tag)).toBe(false)
    expect(isReferrerRecord(tag, tag)).toBe(false)
    expect(listsRecord(emptyIndex(), record)).toBe(false)
    const index = { ...emptyIndex(), manifests: [{ mediaType: 'm', digest: referrer, size: 1 }] }
    expect(listsRecord(index, record)).toBe(true)
  })

  test("a referrer's index entry carries its artifactType and annotations, as the referrers API lists them", () => {
    const referrer = buildReferrer('application/x.results', [], subject, {
      'org.opencontainers.image.title': 'r.json'
    })
    expect(referrerDescriptor(referrer)).toEqual({
      mediaType: referrer.descriptor.mediaType,
      digest: referrer.descriptor.digest,
      size: referrer.descriptor.size,
      artifactType: 'application/x.results',
      annotations: { 'org.opencontainers.image.title': 'r.json' }
    })
    expect(
      referrerDescriptor(buildReferrer('application/x.results', [], subject, {})).annotations
    ).toBeUndefined()
  })
})
