import * as path from 'node:path'
import { contentOf, jsonBytes, sortedAnnotations, type Content, type Descriptor } from './descriptor.js'
import {
  ANNOTATION_CREATED,
  ANNOTATION_FILEPATH,
  ANNOTATION_TITLE,
  EMPTY_DESCRIPTOR,
  MODEL_ARTIFACT,
  MODEL_CODE,
  MODEL_CONFIG,
  MODEL_DOC,
  MODEL_WEIGHT,
  MODEL_WEIGHT_CONFIG,
  OCI_MANIFEST
} from './media-types.js'

/** One file of the model, already hashed: `path` is relative to the model root, with `/` separators. */
export interface ModelFile {
  path: string
  digest: string
  size: number
}

export interface ModelMetadata {
  /** The model's name (ModelPack `descriptor.name`). */
  name: string
  version?: string
  /** The git commit the model was built from. */
  revision?: string
  sourceUrl?: string
  /** RFC 3339, from the commit time: never the wall clock, so a re-run yields the same digest. */
  created?: string
  /** Manifest annotations: lineage, metrics, the user's own. */
  annotations: Record<string, string>
}

export interface ModelArtifact {
  config: Content
  manifest: Content
  layers: Descriptor[]
}

/**
 * Builds the ModelPack manifest and config of a model: one uncompressed layer per file, ordered by path,
 * typed by what the file is. Pure: the same files and metadata always give the same bytes.
 * The ModelPack config schema is closed (`additionalProperties: false`), so lineage and metrics go into
 * the manifest's annotations, never into the config.
 */
export function buildModelArtifact(files: ModelFile[], metadata: ModelMetadata): ModelArtifact {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].path === sorted[i - 1].path) throw new Error(`model file ${sorted[i].path} given twice`)
  }
  const layers: Descriptor[] = sorted.map(file => ({
    mediaType: layerMediaType(file.path),
    digest: file.digest,
    size: file.size,
    annotations: { [ANNOTATION_FILEPATH]: file.path, [ANNOTATION_TITLE]: file.path }
  }))
  const descriptor: Record<string, unknown> = {}
  if (metadata.created !== undefined) descriptor.createdAt = metadata.created
  descriptor.name = metadata.name
  if (metadata.version !== undefined) descriptor.version = metadata.version
  if (metadata.sourceUrl !== undefined) descriptor.sourceURL = metadata.sourceUrl
  if (metadata.revision !== undefined) descriptor.revision = metadata.revision
  const format = modelFormat(sorted.map(file => file.path))
  const config = contentOf(
    MODEL_CONFIG,
    jsonBytes({
      descriptor,
      config: format === undefined ? {} : { format },
      // For uncompressed (`.raw`) layers the diffId is the layer digest itself.
      modelfs: { type: 'layers', diffIds: layers.map(layer => layer.digest) }
    })
  )
  const annotations = { ...metadata.annotations }
  if (metadata.created !== undefined) annotations[ANNOTATION_CREATED] = metadata.created
  const manifest = contentOf(
    OCI_MANIFEST,
    jsonBytes({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: MODEL_ARTIFACT,
      config: config.descriptor,
      layers,
      annotations: sortedAnnotations(annotations)
    })
  )
  return { config, manifest, layers }
}

/**
 * An artifact attached to a model (evaluation results, a model card): an OCI 1.1 manifest with an empty
 * config, one layer per file, and `subject` pointing at the model's manifest.
 */
export function buildReferrer(
  artifactType: string,
  files: { descriptor: Descriptor }[],
  subject: Descriptor,
  annotations: Record<string, string>
): Content {
  return contentOf(
    OCI_MANIFEST,
    jsonBytes({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: EMPTY_DESCRIPTOR,
      layers: files.map(file => file.descriptor),
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations: sortedAnnotations(annotations)
    }),
    { artifactType }
  )
}

const DOC_EXTENSIONS = new Set(['.md', '.markdown', '.rst', '.txt', '.pdf', '.html'])
const DOC_NAMES = /^(readme|license|licence|notice|copying|model[-_]?card)(\..*)?$/i
const CODE_EXTENSIONS = new Set(['.py', '.ipynb', '.sh', '.js', '.mjs', '.ts', '.r', '.jl'])
const CONFIG_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.toml', '.cfg', '.ini', '.model', '.vocab'])

/** ModelPack's layer kinds: weights, weight configuration (config.json, tokenizer files), docs, code. */
export function layerMediaType(filePath: string): string {
  const base = path.posix.basename(filePath)
  const extension = path.posix.extname(base).toLowerCase()
  if (DOC_NAMES.test(base) || DOC_EXTENSIONS.has(extension)) return MODEL_DOC
  if (CODE_EXTENSIONS.has(extension)) return MODEL_CODE
  if (CONFIG_EXTENSIONS.has(extension) || /^tokenizer/i.test(base)) return MODEL_WEIGHT_CONFIG
  return MODEL_WEIGHT
}

const FORMATS: Record<string, string> = {
  '.safetensors': 'safetensors',
  '.gguf': 'gguf',
  '.onnx': 'onnx',
  '.pt': 'pt',
  '.pth': 'pt',
  '.pkl': 'pickle',
  '.joblib': 'joblib'
}

/** The weights' format when every weight file agrees on one; otherwise none is claimed. */
export function modelFormat(paths: string[]): string | undefined {
  const formats = new Set(
    paths
      .filter(p => layerMediaType(p) === MODEL_WEIGHT)
      .map(p => FORMATS[path.posix.extname(p).toLowerCase()])
  )
  if (formats.size !== 1) return undefined
  return [...formats][0]
}
