/**
 * Media types of the OCI image spec v1.1 and of CNCF ModelPack (modelpack/model-spec
 * `specs-go/v1/mediatype.go`, unchanged from v0.0.7 through 2026): what Docker Model Runner, KitOps and
 * modctl read.
 */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json'

export const MODEL_ARTIFACT = 'application/vnd.cncf.model.manifest.v1+json'
export const MODEL_CONFIG = 'application/vnd.cncf.model.config.v1+json'
/** Weights are pushed uncompressed: ModelPack notes they are typically incompressible. */
export const MODEL_WEIGHT = 'application/vnd.cncf.model.weight.v1.raw'
export const MODEL_WEIGHT_CONFIG = 'application/vnd.cncf.model.weight.config.v1.raw'
export const MODEL_DOC = 'application/vnd.cncf.model.doc.v1.raw'
export const MODEL_CODE = 'application/vnd.cncf.model.code.v1.raw'

/** Our own artifact types for the referrers attached to a model. */
export const EVALUATION_RESULTS = 'application/vnd.mlci.evaluation.results.v1+json'
export const ATTACHMENT = 'application/vnd.mlci.attachment.v1'

export const ANNOTATION_TITLE = 'org.opencontainers.image.title'
export const ANNOTATION_CREATED = 'org.opencontainers.image.created'
export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name'
export const ANNOTATION_FILEPATH = 'org.cncf.model.filepath'

/** The empty JSON descriptor of image-spec §"Guidance for an Empty Descriptor": the blob is `{}`. */
export const EMPTY_DESCRIPTOR = {
  mediaType: OCI_EMPTY,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30='
} as const
