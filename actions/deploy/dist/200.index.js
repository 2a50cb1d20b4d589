export const id = 200;
export const ids = [200];
export const modules = {

/***/ 200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyModelAttestation: () => (/* binding */ verifyModelAttestation)
});

// EXTERNAL MODULE: ../../node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(7391);
// EXTERNAL MODULE: ../../shared/errors/service-error.ts
var service_error = __webpack_require__(5874);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
;// CONCATENATED MODULE: ../../shared/github/attestations.ts
/** Most a deploy reads for one digest: each is verified, and a digest with more is suspicious, not useful. */
const MAX_ATTESTATIONS = 300;
/**
 * The attestations stored in the repository for a subject digest (`sha256:<hex>`), newest first, filtered by
 * predicate type on GitHub's side (GET /repos/{owner}/{repo}/attestations/{subject_digest}, cursor paging).
 */
async function listAttestations(client, repo, subjectDigest, predicateType) {
    const found = [];
    const pages = client.paginate.iterator(client.rest.repos.listAttestations, {
        ...repo,
        subject_digest: subjectDigest,
        predicate_type: predicateType,
        per_page: 100
    });
    for await (const page of pages) {
        // octokit normalises only answers with a total_count: this one stays `{attestations: [...]}`.
        const data = page.data;
        const items = data.attestations ?? [];
        for (const item of items)
            found.push({ bundle: item.bundle, url: item.bundle_url });
        if (found.length >= MAX_ATTESTATIONS)
            break;
    }
    return found;
}
/** Stores a signed bundle; GitHub answers with the attestation's id. */
async function createAttestation(client, repo, bundle) {
    const response = await client.rest.repos.createAttestation({
        ...repo,
        bundle: bundle
    });
    if (response.data.id === undefined)
        throw new Error(`GitHub stored the attestation without an id`);
    return response.data.id;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ../../shared/registry/descriptor.ts

function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function descriptor_contentOf(mediaType, bytes, extra = {}) {
    return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra }, bytes };
}
/** The serialisation used for every manifest we write: keys in insertion order, no whitespace. */
function descriptor_jsonBytes(value) {
    return Buffer.from(JSON.stringify(value), 'utf8');
}
/** Annotations with sorted keys, so the same metadata always serialises to the same bytes. */
function sortedAnnotations(annotations) {
    const keys = Object.keys(annotations).sort();
    if (keys.length === 0)
        return undefined;
    return Object.fromEntries(keys.map(key => [key, annotations[key]]));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ../../shared/registry/http-transport.ts


/** Responses we read are manifests, indexes, tokens and error bodies; the spec lets manifests reach 4 MB. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/**
 * HTTP/1.1 over node:http with kept-alive connections. Request bodies stream from their source (a file
 * range), so no blob is ever held whole in memory; responses are read whole, as only small ones are expected.
 */
class HttpTransport {
    timeoutMs;
    agents = {
        'http:': new external_node_http_.Agent({ keepAlive: true, maxSockets: 8 }),
        'https:': new external_node_https_.Agent({ keepAlive: true, maxSockets: 8 })
    };
    constructor(timeoutMs = 120_000) {
        this.timeoutMs = timeoutMs;
    }
    send(request) {
        const { url } = request;
        const module = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
        const agent = this.agents[url.protocol];
        if (!agent)
            return Promise.reject(new Error(`unsupported URL scheme in ${url.href}`));
        const body = request.body;
        const length = body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : body.length;
        const headers = { ...request.headers };
        if (body !== undefined || ['PUT', 'POST', 'PATCH'].includes(request.method)) {
            headers['content-length'] = String(length);
        }
        return new Promise((resolve, reject) => {
            let settled = false;
            let bodySent = body === undefined || Buffer.isBuffer(body);
            const fail = (error) => {
                if (settled)
                    return;
                settled = true;
                reject(error);
            };
            const req = module.request(url, { method: request.method, headers, agent }, res => {
                const chunks = [];
                let received = 0;
                res.on('data', (chunk) => {
                    received += chunk.length;
                    if (received > MAX_RESPONSE_BYTES) {
                        res.destroy(new Error(`response from ${url.host} is larger than ${MAX_RESPONSE_BYTES} bytes`));
                        return;
                    }
                    chunks.push(chunk);
                });
                res.on('error', fail);
                res.on('aborted', () => fail(new Error(`connection to ${url.host} closed mid-response`)));
                res.on('end', () => {
                    // The server answered before taking the whole body (a 401, an error): stop sending it.
                    if (!bodySent)
                        req.destroy();
                    if (settled)
                        return;
                    settled = true;
                    resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
                });
            });
            req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer from ${url.host} in ${this.timeoutMs / 1000} s`)));
            req.on('error', fail);
            if (body === undefined)
                req.end();
            else if (Buffer.isBuffer(body))
                req.end(body);
            else {
                // Each chunk is handed to the socket and its write awaited before the next is read into the same
                // buffer: backpressure for free, and no copy of the file piling up in memory.
                const sink = (chunk) => new Promise((done, failed) => {
                    if (req.destroyed)
                        return failed(new Error(`connection to ${url.host} closed mid-request`));
                    req.write(chunk, error => (error ? failed(error) : done()));
                });
                body.write(sink).then(() => {
                    bodySent = true;
                    req.end();
                }, (error) => {
                    bodySent = true;
                    req.destroy(error);
                    fail(error);
                });
            }
        });
    }
    close() {
        for (const agent of Object.values(this.agents))
            agent.destroy();
    }
}

;// CONCATENATED MODULE: ../../shared/registry/media-types.ts
/**
 * Media types of the OCI image spec v1.1 and of CNCF ModelPack (modelpack/model-spec
 * `specs-go/v1/mediatype.go`, unchanged from v0.0.7 through 2026): what Docker Model Runner, KitOps and
 * modctl read.
 */
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const media_types_OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const MODEL_ARTIFACT = 'application/vnd.cncf.model.manifest.v1+json';
const MODEL_CONFIG = 'application/vnd.cncf.model.config.v1+json';
/** Weights are pushed uncompressed: ModelPack notes they are typically incompressible. */
const MODEL_WEIGHT = 'application/vnd.cncf.model.weight.v1.raw';
const MODEL_WEIGHT_CONFIG = 'application/vnd.cncf.model.weight.config.v1.raw';
const MODEL_DOC = 'application/vnd.cncf.model.doc.v1.raw';
const MODEL_CODE = 'application/vnd.cncf.model.code.v1.raw';
/** Our own artifact types for the referrers attached to a model. */
const EVALUATION_RESULTS = 'application/vnd.mlci.evaluation.results.v1+json';
const ATTACHMENT = 'application/vnd.mlci.attachment.v1';
const ANNOTATION_TITLE = 'org.opencontainers.image.title';
const ANNOTATION_CREATED = 'org.opencontainers.image.created';
const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
const ANNOTATION_FILEPATH = 'org.cncf.model.filepath';
/** The empty JSON descriptor of image-spec §"Guidance for an Empty Descriptor": the blob is `{}`. */
const EMPTY_DESCRIPTOR = {
    mediaType: OCI_EMPTY,
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
    data: 'e30='
};

// EXTERNAL MODULE: ../../shared/errors/fetch-failure.ts
var fetch_failure = __webpack_require__(5825);
;// CONCATENATED MODULE: ../../shared/registry/registry-error.ts

/**
 * A registry refused or could not be reached: a ServiceError (see `errors/error-kind.ts`), reported as one
 * annotation naming the registry, its HTTP status and the registry's own code and message (the
 * distribution-spec error body), with what to check, without a stack.
 */
class RegistryError extends service_error/* ServiceError */._ {
    /** The distribution-spec error code (`UNAUTHORIZED`, `BLOB_UNKNOWN`…), when the registry sent one. */
    code;
    constructor(
    /** `the registry HOST:PORT`, or the token service it sent us to. */
    service, message, details = {}) {
        super(service, message, { status: details.status, hint: details.hint });
        this.name = 'RegistryError';
        this.code = details.code;
    }
}
/** `{"errors":[{"code":"…","message":"…"}]}`, or the start of whatever else the registry said. */
function describeErrorBody(body) {
    const text = body.toString('utf8');
    try {
        const parsed = JSON.parse(text);
        const first = parsed.errors?.[0];
        if (first)
            return { code: first.code, text: `${first.code ?? ''}: ${first.message ?? ''}`.trim() };
    }
    catch {
        // not JSON: distribution answers unknown routes with plain text
    }
    return { text: text.trim().slice(0, 200) };
}

// EXTERNAL MODULE: ../../shared/registry/registry-origin.ts
var registry_origin = __webpack_require__(9910);
;// CONCATENATED MODULE: ../../shared/registry/registry-auth.ts



/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (RFC 7235 auth-params). */
function parseChallenge(header) {
    const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/.exec(header);
    if (!match)
        return undefined;
    const params = {};
    const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g;
    for (let m = pattern.exec(match[2]); m; m = pattern.exec(match[2])) {
        params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    return { scheme: match[1].toLowerCase(), params };
}
/** Docker's token spec: a token without `expires_in` lives 60 seconds. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Refresh a token this long before it expires, so a request never leaves with a token about to die. */
const REFRESH_MARGIN_MS = 5_000;
/**
 * Registry authentication: anonymous until challenged; then HTTP Basic, or the Docker/OCI token flow
 * (GHCR, Docker Hub, Harbor): ask the challenge's realm for a token covering the scopes this push needs,
 * with the credentials as Basic auth, and refresh it when it expires, before or during a long push.
 * Credentials and tokens go only to the registry's own origin, the password also to a token service the workflow
 * trusts, and nothing over plain http but to loopback (registry-origin.ts).
 */
class RegistryAuth {
    transport;
    basic = false;
    bearer;
    token;
    registry;
    credentials;
    scopes;
    credentialOrigins;
    onSecret;
    now;
    constructor(transport, options) {
        this.transport = transport;
        this.registry = options.registry;
        this.credentials = options.credentials;
        this.scopes = options.scopes;
        this.credentialOrigins = (0,registry_origin/* credentialOrigins */.lH)(options.registry, options.tokenServices);
        this.onSecret = options.onSecret ?? (() => { });
        this.now = options.now ?? Date.now;
    }
    /**
     * The Authorization header for a request to `url`, refreshing an expiring token first; none for a URL on
     * another origin than the registry's (an upload session the registry moved elsewhere).
     */
    async header(url = this.registry) {
        if (url.origin !== this.registry.origin)
            return undefined;
        if (this.bearer) {
            if (!this.token || this.now() > this.token.expiresAt - REFRESH_MARGIN_MS)
                await this.refresh();
            return `Bearer ${this.token.value}`;
        }
        if (this.basic && this.credentials)
            return basicHeader(this.credentials);
        return undefined;
    }
    /**
     * Answers a 401 to a request to `url` sent with `used` (its Authorization header). Returns false when nothing
     * new can be tried, so the caller reports the refusal instead of looping. Requests run in parallel: one that
     * was refused with credentials another one has since replaced is simply sent again with the new ones.
     */
    async answer(response, url, used) {
        if (url.origin !== this.registry.origin)
            throw new AuthError(url.origin, `the registry ${this.registry.host} sent a request here, and it asked for credentials (HTTP 401); they are sent only to the registry's own origin ${this.registry.origin}.`, {
                status: 401,
                hint: "Check the registry's configuration: its upload URLs must not need the credentials."
            });
        const current = await this.header();
        if (current !== undefined && current !== used)
            return true;
        const challenge = parseChallenge(String(response.headers['www-authenticate'] ?? ''));
        if (challenge?.scheme === 'bearer' && challenge.params.realm) {
            this.bearer = { realm: this.tokenService(challenge.params.realm), service: challenge.params.service };
            // No token yet, or this one was refused before its announced expiry (the server decides): get another.
            this.token = undefined;
            await this.refresh();
            return true;
        }
        if (challenge?.scheme === 'basic') {
            if (!this.credentials)
                throw new AuthError(`the registry ${this.registry.host}`, 'it requires credentials, and none were given.', {
                    status: 401,
                    hint: 'Set the username and password inputs.'
                });
            if (this.basic)
                return false;
            this.basic = true;
            return true;
        }
        return false;
    }
    /** The realm a challenge names, once it is one we may ask, with the credentials if there are any. */
    tokenService(realm) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new AuthError(`the registry ${this.registry.host}`, `it names a token service that is not a URL: '${realm}'.`, {
                hint: "Check the registry's token authentication settings."
            });
        }
        const name = `the token service ${url.origin}${url.pathname}`;
        const refused = (0,registry_origin/* refusedUrl */.u0)(this.registry, url);
        if (refused)
            throw new AuthError(name, `the registry ${this.registry.host} names it, and ${refused}: nothing is sent there.`, {
                hint: "Check the registry's token authentication settings (its realm must be https)."
            });
        if (this.credentials && !this.credentialOrigins.has(url.origin))
            throw new AuthError(name, `the registry ${this.registry.host} names it, and it is on another origin than the registry (${this.registry.origin}): the credentials are not sent there.`, {
                hint: `If this token service belongs to the registry, name it in the 'token-service' input (token-service: ${url.origin}).`
            });
        return url;
    }
    /** One token request at a time, however many uploads run in parallel. */
    refresh() {
        this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
        return this.pending;
    }
    pending;
    async fetchToken() {
        const { realm, service } = this.bearer;
        const url = new URL(realm);
        if (service)
            url.searchParams.set('service', service);
        for (const scope of this.scopes)
            url.searchParams.append('scope', scope);
        const headers = {};
        // tokenService() refused a realm the credentials may not go to; this says so where they are sent.
        if (this.credentials && this.credentialOrigins.has(url.origin))
            headers.authorization = basicHeader(this.credentials);
        const tokenService = `the token service ${url.origin}${url.pathname}`;
        let response;
        try {
            response = await this.transport.send({ method: 'GET', url, headers });
        }
        catch (error) {
            throw new AuthError(tokenService, `it could not be reached: ${(0,fetch_failure/* describeFetchFailure */.c)(error)}.`, {
                hint: "Check the registry's token realm and the runner's network, or retry the job."
            });
        }
        if (response.status !== 200) {
            throw new AuthError(tokenService, `it refused ${this.credentials ? `user '${this.credentials.username}'` : 'anonymous access'} for ${this.scopes.join(' ')}.`, {
                status: response.status,
                hint: 'Check the username and password inputs, and that the token may write packages.'
            });
        }
        let body;
        try {
            body = JSON.parse(response.body.toString('utf8'));
        }
        catch {
            body = {};
        }
        const value = body.token ?? body.access_token;
        if (!value)
            throw new AuthError(tokenService, 'it answered without a token.', {
                hint: 'Check the registry, or retry the job.'
            });
        this.onSecret(value);
        const seconds = body.expires_in && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
        this.token = { value, expiresAt: this.now() + seconds * 1000 };
    }
}
/** Credentials missing or refused: the registry said no, and the hint names the inputs to fix. */
class AuthError extends RegistryError {
    constructor(service, message, details) {
        super(service, message, details);
        this.name = 'AuthError';
    }
}
function basicHeader(credentials) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

;// CONCATENATED MODULE: ../../shared/registry/oci-client.ts






const MiB = 1024 * 1024;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const MANIFEST_ACCEPT = [OCI_MANIFEST, media_types_OCI_INDEX].join(', ');
/** A repository of 100,000 tags at Docker Hub's 100 a page; a registry that never stops is not followed further. */
const MAX_TAG_PAGES = 1000;
/**
 * An OCI distribution-spec client for pushing: HEAD before upload, cross-repository mount, monolithic PUT,
 * chunked PATCH strictly in order (distribution 2.8 appends out-of-order chunks instead of refusing them)
 * with resume from the upload's `Range` after a dropped connection, retries with backoff, and
 * anonymous / Basic / Bearer-token authentication.
 */
class OciClient {
    options;
    name;
    /** The registry as the user knows it, for errors: `the registry HOST:PORT`. */
    service;
    transport;
    auth;
    base;
    chunkThreshold;
    chunkBytes;
    retries;
    retryBaseMs;
    log;
    /** Bytes sent in blob bodies, resent bytes included: what a test or a summary can count. */
    bytesSent = 0;
    constructor(options) {
        this.options = options;
        this.base = new URL(options.baseUrl);
        this.name = `${this.base.host}/${options.repository}`;
        this.service = `the registry ${this.base.host}`;
        this.transport = new HttpTransport(options.timeoutMs);
        const scopes = [
            `repository:${options.repository}:pull,push`,
            ...(options.mountFrom ?? []).map(from => `repository:${from}:pull`)
        ];
        this.auth = new RegistryAuth(this.transport, {
            registry: this.base,
            credentials: options.credentials,
            scopes,
            tokenServices: options.tokenServices,
            onSecret: options.onSecret
        });
        // Chunks cost a request each: against distribution 2.8 a 576 MiB blob took 8-9 s in 4 MiB PATCHes and
        // 3.3-3.7 s in one PUT (same machine, same run). So one PUT unless a blob is big enough that restarting
        // it after a dropped connection would cost more than the chunks do.
        this.chunkThreshold = options.chunkThresholdBytes ?? 1024 * MiB;
        this.chunkBytes = Math.min(options.chunkBytes ?? 4 * MiB, 4 * MiB);
        this.retries = options.retries ?? 4;
        this.retryBaseMs = options.retryBaseMs ?? 300;
        this.log = options.log ?? (() => { });
    }
    close() {
        this.transport.close();
    }
    /** `GET /v2/`: proves the registry answers and the credentials work before anything is read or sent. */
    async ping() {
        const response = await this.call('GET', this.url('/v2/'));
        if (response.status !== 200)
            throw this.failure('reach', response);
    }
    async hasBlob(digest) {
        const response = await this.call('HEAD', this.repoUrl(`/blobs/${digest}`));
        if (response.status === 200)
            return true;
        if (response.status === 404)
            return false;
        throw this.failure(`check blob ${digest}`, response);
    }
    async pushBlob(blob) {
        const { digest } = blob.descriptor;
        if (await this.hasBlob(digest))
            return 'present';
        for (const from of this.options.mountFrom ?? []) {
            const url = this.repoUrl('/blobs/uploads/');
            url.searchParams.set('mount', digest);
            url.searchParams.set('from', from);
            const response = await this.call('POST', url);
            if (response.status === 201)
                return 'mounted';
            // 202: the registry could not mount and opened an upload session instead; it would be abandoned.
            if (response.status !== 202)
                throw this.failure(`mount ${digest} from ${from}`, response);
        }
        if (blob.descriptor.size >= this.chunkThreshold)
            await this.uploadChunked(blob);
        else
            await this.uploadMonolithic(blob);
        return 'uploaded';
    }
    async pushManifest(content, reference) {
        let response;
        for (let attempt = 0;; attempt++) {
            response = await this.call('PUT', this.repoUrl(`/manifests/${reference}`), {
                headers: { 'content-type': content.descriptor.mediaType },
                body: content.bytes
            });
            // distribution 2.8 answers DIGEST_INVALID to a PUT of a manifest that another request is writing at the
            // same moment (ten jobs pushing one model): it reads back a blob still being written. Our bytes do hash to
            // the digest we computed, so the answer is the registry's race: send them again.
            const raced = response.status === 400 && describeErrorBody(response.body).code === 'DIGEST_INVALID';
            if (!raced || attempt >= this.retries)
                break;
            this.log(`push of manifest ${reference} met a concurrent push of it (DIGEST_INVALID); sending it again`);
            await this.backoff(attempt);
        }
        if (response.status !== 201)
            throw this.failure(`push manifest ${reference}`, response);
        const digest = header(response, 'docker-content-digest') ?? content.descriptor.digest;
        if (digest !== content.descriptor.digest) {
            throw new RegistryError(this.service, `${this.options.repository}: stored manifest ${reference} as ${digest}, not ${content.descriptor.digest}: the registry rewrote it.`);
        }
        return { digest, subjectProcessed: header(response, 'oci-subject') !== undefined };
    }
    async getManifest(reference) {
        // distribution 2.8 answers 404 for an OCI manifest unless the Accept header names OCI media types.
        const response = await this.call('GET', this.repoUrl(`/manifests/${reference}`), {
            headers: { accept: MANIFEST_ACCEPT }
        });
        if (response.status === 404)
            return undefined;
        if (response.status !== 200)
            throw this.failure(`read manifest ${reference}`, response);
        const mediaType = (header(response, 'content-type') ?? OCI_MANIFEST).split(';')[0].trim();
        return {
            descriptor: { mediaType, digest: sha256Digest(response.body), size: response.body.length },
            bytes: response.body
        };
    }
    /**
     * The referrers API (`GET /v2/<name>/referrers/<digest>`); undefined when the registry has none
     * (GHCR and distribution answer 404, the latter in plain text), so the caller reads the fallback tag.
     */
    async referrers(digest) {
        const response = await this.call('GET', this.repoUrl(`/referrers/${digest}`), {
            headers: { accept: media_types_OCI_INDEX }
        });
        const type = header(response, 'content-type') ?? '';
        if (response.status !== 200 || !type.startsWith(media_types_OCI_INDEX))
            return undefined;
        return JSON.parse(response.body.toString('utf8')).manifests;
    }
    /**
     * A blob of at most `maxBytes`, checked against its digest. Registries may answer with a redirect to blob
     * storage (GHCR, S3-backed distribution): followed on its own, without the registry's credentials (send gives
     * them only to the registry's origin), never from https to http (registry-origin.ts).
     */
    async getBlob(digest, maxBytes) {
        let url = this.repoUrl(`/blobs/${digest}`);
        for (let hops = 0;; hops++) {
            const response = await this.call('GET', url);
            if ([301, 302, 303, 307, 308].includes(response.status) && hops < 3) {
                url = this.resolve(response, url, undefined, `blob ${digest}`);
                continue;
            }
            if (response.status !== 200)
                throw this.failure(`read blob ${digest}`, response);
            if (response.body.length > maxBytes)
                throw new RegistryError(this.service, `${this.options.repository}: blob ${digest} is larger than ${maxBytes} bytes.`);
            if (sha256Digest(response.body) !== digest)
                throw new RegistryError(this.service, `${this.options.repository}: blob ${digest} does not match its digest.`);
            return response.body;
        }
    }
    /** Every tag, page after page: registries that paginate (Docker Hub, GHCR) say where the next page is in `Link`. */
    async tags() {
        const tags = [];
        let url = this.repoUrl('/tags/list');
        for (let page = 0; url !== undefined && page < MAX_TAG_PAGES; page++) {
            const response = await this.call('GET', url);
            if (response.status === 404)
                return tags;
            if (response.status !== 200)
                throw this.failure('list tags', response);
            tags.push(...(JSON.parse(response.body.toString('utf8')).tags ?? []));
            url = this.nextPage(response, url);
        }
        return tags;
    }
    /** `Link: </v2/…/tags/list?last=…&n=…>; rel="next"`, on the registry's own origin only. */
    nextPage(response, requested) {
        const link = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header(response, 'link') ?? '')?.[1];
        if (link === undefined)
            return undefined;
        const url = new URL(link, requested);
        if (url.origin !== this.base.origin)
            throw new RegistryError(this.service, `${this.options.repository}: the next page of tags is on another origin (${url.origin}); it is not followed.`);
        return url;
    }
    async uploadMonolithic(blob) {
        const { digest, size } = blob.descriptor;
        for (let attempt = 0;; attempt++) {
            const location = await this.startUpload();
            try {
                const response = await this.send('PUT', withDigest(location, digest), {
                    headers: { 'content-type': 'application/octet-stream' },
                    body: { length: size, write: (sink) => this.counted(blob, 0, size, sink) }
                });
                if (response.status === 201)
                    return this.confirm(response, digest);
                if (!RETRYABLE_STATUS.has(response.status) || attempt >= this.retries) {
                    throw this.failure(`upload blob ${digest}`, response);
                }
            }
            catch (error) {
                if (error instanceof RegistryError || attempt >= this.retries)
                    throw this.gaveUp(digest, error);
                this.log(`upload of ${digest} interrupted (${message(error)}); starting it again`);
            }
            await this.backoff(attempt);
        }
    }
    /**
     * PATCH chunks of at most 4 MiB, each starting where the registry's `Range` says the last one ended.
     * After a dropped connection or a 5xx, `GET <upload URL>` tells how much arrived and the upload resumes
     * there; if the session is gone (distribution cancels one whose size no longer matches its signed state,
     * which happens when a chunk arrived in part), a new session starts from byte 0.
     */
    async uploadChunked(blob) {
        const { digest, size } = blob.descriptor;
        let location = await this.startUpload();
        let offset = 0;
        let failures = 0;
        while (offset < size) {
            const end = Math.min(offset + this.chunkBytes, size);
            let response;
            let problem;
            try {
                response = await this.send('PATCH', location, {
                    headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` },
                    body: { length: end - offset, write: (sink) => this.counted(blob, offset, end, sink) }
                });
                if (response.status === 202) {
                    location = this.resolve(response, location);
                    offset = rangeEnd(response) ?? end;
                    continue;
                }
                if (response.status !== 416 && !RETRYABLE_STATUS.has(response.status)) {
                    throw this.failure(`upload blob ${digest}`, response);
                }
                problem = `HTTP ${response.status}`;
            }
            catch (error) {
                if (error instanceof RegistryError)
                    throw error;
                problem = message(error);
            }
            if (++failures > this.retries)
                throw this.gaveUp(digest, new Error(problem));
            await this.backoff(failures - 1);
            const status = await this.send('GET', location).catch(() => undefined);
            if (status?.status === 204) {
                location = this.resolve(status, location, location);
                offset = rangeEnd(status) ?? 0;
                this.log(`upload of ${digest} interrupted (${problem}); resuming at byte ${offset} of ${size}`);
            }
            else {
                location = await this.startUpload();
                offset = 0;
                this.log(`upload of ${digest} interrupted (${problem}) and its session is gone; starting it again`);
            }
        }
        const response = await this.send('PUT', withDigest(location, digest), {
            headers: { 'content-type': 'application/octet-stream' },
            body: Buffer.alloc(0)
        }).catch(async (error) => {
            // The answer was lost, not necessarily the upload: the registry may have completed it.
            if (await this.hasBlob(digest))
                return undefined;
            throw this.gaveUp(digest, error);
        });
        if (response === undefined)
            return;
        if (response.status !== 201)
            throw this.failure(`complete upload of ${digest}`, response);
        this.confirm(response, digest);
    }
    async startUpload() {
        const response = await this.call('POST', this.repoUrl('/blobs/uploads/'));
        if (response.status !== 202)
            throw this.failure('start an upload', response);
        return this.resolve(response, this.repoUrl('/blobs/uploads/'));
    }
    confirm(response, digest) {
        const stored = header(response, 'docker-content-digest');
        if (stored !== undefined && stored !== digest) {
            throw new RegistryError(this.service, `${this.options.repository}: stored ${stored} for blob ${digest}: the file changed while it was read.`);
        }
    }
    counted(blob, start, end, sink) {
        return blob.read(start, end, async (chunk) => {
            this.bytesSent += chunk.length;
            await sink(chunk);
        });
    }
    /** One request, with authentication and, unless `resend` is false, retries of failures worth retrying. */
    async call(method, url, options = {}) {
        return this.send(method, url, { ...options, resend: options.resend ?? true });
    }
    async send(method, url, options = {}) {
        let challenges = 0;
        for (let attempt = 0;;) {
            const authorization = await this.auth.header(url);
            let response;
            try {
                response = await this.transport.send({
                    method,
                    url,
                    headers: { ...options.headers, ...(authorization ? { authorization } : {}) },
                    body: options.body
                });
            }
            catch (error) {
                if (!options.resend)
                    throw error;
                if (attempt >= this.retries) {
                    throw new RegistryError(this.service, `${method} ${url.pathname} failed after ${attempt + 1} attempts: ${message(error)}.`, { hint: 'Is the registry up, and the destination right? Check the address, or retry the job.' });
                }
                this.log(`${method} ${url.pathname} failed (${message(error)}); retrying`);
                await this.backoff(attempt++);
                continue;
            }
            if (response.status === 401 &&
                challenges++ < 3 &&
                (await this.auth.answer(response, url, authorization))) {
                continue;
            }
            if (response.status === 401 || response.status === 403)
                throw this.failure(`${method} ${url.pathname}`, response);
            if (options.resend && RETRYABLE_STATUS.has(response.status) && attempt < this.retries) {
                await this.backoff(attempt++, header(response, 'retry-after'));
                continue;
            }
            return response;
        }
    }
    backoff(attempt, retryAfter) {
        const asked = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
        const ms = Math.max(asked, this.retryBaseMs * 2 ** attempt * (0.75 + Math.random() / 2));
        return new Promise(resolve => setTimeout(resolve, Math.min(ms, 60_000)));
    }
    url(pathname) {
        return new URL(pathname, this.base);
    }
    repoUrl(suffix) {
        return this.url(`/v2/${this.options.repository}${suffix}`);
    }
    /**
     * Upload URLs are opaque and may be relative (to the request's URL); they "MAY contain critical query
     * parameters". One on another origin is followed without credentials (OciClient.send), one on plain http
     * from an https registry not at all (registry-origin.ts).
     */
    resolve(response, requested, fallback, what = 'the upload') {
        const location = header(response, 'location');
        if (location === undefined) {
            if (fallback)
                return fallback;
            throw new RegistryError(this.service, `${this.options.repository}: answered an upload request without a Location header.`);
        }
        const url = new URL(location, requested);
        const refused = (0,registry_origin/* refusedUrl */.u0)(this.base, url);
        if (refused)
            throw new RegistryError(this.service, `${this.options.repository}: sent ${what} to ${url.origin}${url.pathname}, and ${refused}: nothing was sent there.`, {
                hint: "Check the registry's configuration (its upload URLs), or its address in the destination input."
            });
        return url;
    }
    failure(action, response) {
        const { code, text } = describeErrorBody(response.body);
        return new RegistryError(this.service, `${this.options.repository}: could not ${action}${text ? `: ${text}` : ''}.`, { status: response.status, hint: hintFor(response.status), code });
    }
    gaveUp(digest, error) {
        if (error instanceof RegistryError)
            return error;
        return new RegistryError(this.service, `${this.options.repository}: upload of blob ${digest} failed after ${this.retries + 1} attempts (${message(error)}); nothing was tagged.`, { hint: 'Check that the registry is up and has room, or retry the job.' });
    }
}
/** What to check when the registry answered `status` to a request we no longer retry. */
function hintFor(status) {
    if (status === 401 || status === 403)
        return 'Check the username and password inputs (on GHCR the workflow needs `permissions: packages: write`).';
    if (status === 429 || status >= 500)
        return 'The registry may be having trouble: check its status, or retry the job.';
    return undefined;
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url;
}
/**
 * `Range: 0-<last byte>` of an upload; the next byte to send is one past it. distribution writes `0-0` both
 * for an empty session and for one holding a single byte, so `0-0` tells nothing and yields undefined.
 */
function rangeEnd(response) {
    const range = header(response, 'range');
    const match = range === undefined ? null : /^(?:bytes=)?0-(\d+)$/.exec(range);
    return match && match[1] !== '0' ? Number(match[1]) + 1 : undefined;
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ../../shared/registry/referrers-index.ts


function emptyIndex() {
    return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
}
/**
 * The OCI 1.1 referrers tag schema (distribution-spec §"Referrers Tag Schema"): `<alg>-<ref>`, the algorithm
 * cut to 32 characters and the hex to 64, any character a tag cannot hold replaced by `-`.
 */
function referrersTag(digest) {
    const [algorithm, encoded] = digest.split(':');
    const clean = (text, max) => text.slice(0, max).replace(/[^a-zA-Z0-9_.-]/g, '-');
    return `${clean(algorithm, 32)}-${clean(encoded, 64)}`;
}
/**
 * The tag that records one referrer of `subject` next to the fallback index: `sha256-<subject hex>.<the first 32
 * hex of the referrer's digest>` (104 characters; tags may have 128). distribution 2.8 and GHCR have no
 * conditional PUT, so two publishes that update the index at once can each overwrite the other's entry; these
 * tags are what a publish reads to put lost entries back (referrers-fallback.ts). cosign keeps its signatures
 * under `sha256-<hex>.sig` the same way; publish refuses user tags starting `sha256-`.
 */
function referrerRecordTag(subject, referrer) {
    return `${referrersTag(subject)}.${referrer.split(':')[1].slice(0, 32)}`;
}
/** Whether `tag` is a referrer record of the subject whose fallback tag is `indexTag`. */
function isReferrerRecord(tag, indexTag) {
    return tag.startsWith(`${indexTag}.`) && /^[a-f0-9]{32}$/.test(tag.slice(indexTag.length + 1));
}
/** Whether the index lists the referrer a record tag names. */
function listsRecord(index, record) {
    const prefix = `sha256:${record.slice(record.lastIndexOf('.') + 1)}`;
    return index.manifests.some(entry => entry.digest.startsWith(prefix));
}
/**
 * A referrer's entry in the index, as the referrers API would list it: the manifest's descriptor with its
 * artifactType (or its config's media type) and its annotations.
 */
function referrerDescriptor(manifest) {
    const parsed = JSON.parse(manifest.bytes.toString('utf8'));
    const { mediaType, digest, size } = manifest.descriptor;
    const annotations = parsed.annotations ?? {};
    return {
        mediaType,
        digest,
        size,
        artifactType: parsed.artifactType ?? parsed.config?.mediaType,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {})
    };
}
function parseIndex(bytes, where) {
    const parsed = JSON.parse(bytes.toString('utf8'));
    if (parsed.schemaVersion !== 2 || !Array.isArray(parsed.manifests)) {
        throw new Error(`${where} is not an OCI image index`);
    }
    return { schemaVersion: 2, mediaType: parsed.mediaType ?? media_types_OCI_INDEX, manifests: parsed.manifests };
}
function indexContent(index) {
    return contentOf(OCI_INDEX, jsonBytes(index));
}

;// CONCATENATED MODULE: ../../shared/registry/sigstore-referrers.ts

const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle';
/** A bundle is a few KiB; a certificate chain and a few log entries stay well under this. */
const MAX_BUNDLE_BYTES = 1024 * 1024;
/** More referrer bundles than any honest model has; the rest are not read. */
const MAX_BUNDLES = 50;
async function referrerBundles(source, subject) {
    let descriptors = await source.referrers(subject);
    if (descriptors === undefined) {
        const index = await source.getManifest(referrersTag(subject));
        descriptors =
            index === undefined ? [] : parseIndex(index.bytes, `the referrers tag of ${subject}`).manifests;
    }
    const bundles = [];
    for (const descriptor of descriptors.filter(entry => entry.artifactType?.startsWith(SIGSTORE_BUNDLE))) {
        if (bundles.length >= MAX_BUNDLES)
            break;
        const manifest = await source.getManifest(descriptor.digest);
        if (manifest === undefined)
            continue;
        const layers = JSON.parse(manifest.bytes.toString('utf8')).layers ?? [];
        const layer = layers.find(entry => entry.mediaType?.startsWith(SIGSTORE_BUNDLE));
        if (layer === undefined || layer.size > MAX_BUNDLE_BYTES)
            continue;
        const bytes = await source.getBlob(layer.digest, MAX_BUNDLE_BYTES);
        try {
            bundles.push({
                bundle: JSON.parse(bytes.toString('utf8')),
                source: `OCI referrer ${descriptor.digest}`
            });
        }
        catch {
            bundles.push({ bundle: undefined, source: `OCI referrer ${descriptor.digest}` });
        }
    }
    return bundles;
}

// EXTERNAL MODULE: ../../node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(6124);
// EXTERNAL MODULE: ../../node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(5137);
// EXTERNAL MODULE: ../../node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(3575);
// EXTERNAL MODULE: ../../shared/attest/github-issuer.ts
var github_issuer = __webpack_require__(8685);
;// CONCATENATED MODULE: ../../shared/attest/in-toto.ts
/**
 * The DSSE payload type of an in-toto Statement (in-toto attestation framework, envelope.md). In a module of its
 * own so that verifying (deploy) does not bundle the signing client and its HTTP stack.
 */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

;// CONCATENATED MODULE: ../../shared/attest/sigstore-verify.ts





/** Why a bundle was not accepted, in words a user can act on. */
class AttestationRefusal extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
        this.name = 'AttestationRefusal';
    }
}
/**
 * Verifies a Sigstore bundle holding a DSSE-signed in-toto Statement, with @sigstore/verify: the certificate chains
 * to a CA of one of the trust roots and was valid when the log or timestamp authority saw the signature, the log
 * entry matches the envelope, the signature verifies; then the signer is a workflow of `policy.repository`, and
 * the statement is about `digest` (`sha256:<hex>`) with `predicateType`. Throws an AttestationRefusal naming the
 * first check that failed.
 */
function verifyStatementBundle(serialized, trustRoots, expected) {
    let bundle;
    try {
        bundle = (0,dist/* bundleFromJSON */.vw)(serialized);
    }
    catch (error) {
        throw new AttestationRefusal('malformed', `not a Sigstore bundle (${error.message})`);
    }
    if (bundle.content.$case !== 'dsseEnvelope' ||
        bundle.content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
        throw new AttestationRefusal('malformed', `not a DSSE envelope of an in-toto statement`);
    const signer = verifySignature(bundle, trustRoots);
    const identity = checkSigner(bundle, signer, expected.signer);
    const statement = parseStatement(bundle.content.dsseEnvelope.payload);
    const [algorithm, hex] = expected.digest.split(':');
    if (!statement.subject.some(subject => subject.digest?.[algorithm]?.toLowerCase() === hex?.toLowerCase())) {
        const about = statement.subject.map(subject => Object.entries(subject.digest ?? {}).map(([a, h]) => `${a}:${h}`));
        throw new AttestationRefusal('wrong-digest', `it is about ${about.flat().join(', ') || 'no digest'}, not ${expected.digest}`);
    }
    if (statement.predicateType !== expected.predicateType)
        throw new AttestationRefusal('wrong-predicate', `its predicate is ${statement.predicateType}, not ${expected.predicateType}`);
    return { statement, ...identity, signedAt: signedAt(bundle) };
}
function verifySignature(bundle, trustRoots) {
    let entity;
    try {
        entity = (0,verify_dist/* toSignedEntity */.DC)(bundle);
    }
    catch (error) {
        throw new AttestationRefusal('malformed', `its verification material is unusable (${error.message})`);
    }
    if (entity.timestamps.length === 0)
        throw new AttestationRefusal('bad-timestamp', 'it has no transparency-log entry or signed timestamp');
    const failures = [];
    for (const root of trustRoots) {
        // A CT log's SCT is required where the root names CT logs (public-good); GitHub's own instance has none.
        const verifier = new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root), {
            ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
            tlogThreshold: root.tlogs.length > 0 && root.timestampAuthorities.length === 0 ? 1 : 0,
            tsaThreshold: root.timestampAuthorities.length > 0 && root.tlogs.length === 0 ? 1 : 0
        });
        try {
            return verifier.verify(entity);
        }
        catch (error) {
            const { code, message } = error;
            const cause = error.cause?.message;
            failures.push({ code, message: cause ? `${message}: ${cause}` : message });
        }
    }
    // Report the failure of the root that got furthest: a signature or log failure means the chain was fine.
    const rank = (code) => code === 'SIGNATURE_ERROR' || code === 'TLOG_BODY_ERROR'
        ? 3
        : code?.startsWith('TLOG') || code === 'TIMESTAMP_ERROR'
            ? 2
            : 1;
    const worst = failures.sort((a, b) => rank(b.code) - rank(a.code))[0];
    switch (rank(worst.code)) {
        case 3:
            throw new AttestationRefusal('bad-signature', `its signature does not verify (${worst.message})`);
        case 2:
            throw new AttestationRefusal('bad-timestamp', `its log entry or timestamp does not verify (${worst.message})`);
        default:
            throw new AttestationRefusal('untrusted-certificate', `its certificate does not chain to the trusted root (${worst.message})`);
    }
}
const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12';
function checkSigner(bundle, signer, policy) {
    const san = signer.identity?.subjectAlternativeName ?? '';
    const issuer = signer.identity?.extensions?.issuer ?? '';
    const issuers = policy.issuers ?? [github_issuer/* GITHUB_ACTIONS_ISSUER */.q];
    const server = (policy.serverUrl ?? 'https://github.com').replace(/\/$/, '');
    const wanted = policy.signerWorkflow
        ? `${policy.repository}/${policy.signerWorkflow}`
        : `${policy.repository}/*`;
    if (!issuers.includes(issuer))
        throw new AttestationRefusal('wrong-identity', `it was signed by ${san} from issuer ${issuer || '(none)'}, not ${issuers.join(' or ')}`);
    if (!workflowMatches(san, server, policy))
        throw new AttestationRefusal('wrong-identity', `it was signed by ${san || '(no identity)'}, not by ${server}/${wanted}`);
    // The SAN of a reusable workflow names the workflow's repository; the run's repository is in its own extension.
    const source = sourceRepository(bundle);
    if (source !== undefined && source.toLowerCase() !== `${server}/${policy.repository}`.toLowerCase())
        throw new AttestationRefusal('wrong-identity', `it was signed in a run of ${source}, not of ${server}/${policy.repository}`);
    return { signer: san, issuer };
}
function workflowMatches(san, server, policy) {
    const prefix = `${server}/${policy.repository}/`;
    if (san.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase())
        return false;
    const rest = san.slice(prefix.length);
    if (!/^\.github\/workflows\/[^@]+@.+$/.test(rest))
        return false;
    if (policy.signerWorkflow === undefined)
        return true;
    const pattern = policy.signerWorkflow
        .split('*')
        .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/@]*');
    return new RegExp(policy.signerWorkflow.includes('@') ? `^${pattern}$` : `^${pattern}@`).test(rest);
}
function sourceRepository(bundle) {
    const material = bundle.verificationMaterial.content;
    const raw = material.$case === 'certificate'
        ? material.certificate.rawBytes
        : material.$case === 'x509CertificateChain'
            ? material.x509CertificateChain.certificates[0]?.rawBytes
            : undefined;
    if (raw === undefined)
        return undefined;
    const extension = core_dist.X509Certificate.parse(raw).extension(OID_SOURCE_REPOSITORY_URI);
    return extension?.valueObj.subs[0]?.value.toString('utf8');
}
function parseStatement(payload) {
    let statement;
    try {
        statement = JSON.parse(payload.toString('utf8'));
    }
    catch {
        throw new AttestationRefusal('malformed', 'its payload is not JSON');
    }
    if (typeof statement !== 'object' ||
        statement === null ||
        !String(statement._type).startsWith('https://in-toto.io/Statement/') ||
        !Array.isArray(statement.subject))
        throw new AttestationRefusal('malformed', 'its payload is not an in-toto Statement');
    return statement;
}
function signedAt(bundle) {
    const entry = bundle.verificationMaterial.tlogEntries[0];
    return entry ? new Date(Number(entry.integratedTime) * 1000) : undefined;
}

;// CONCATENATED MODULE: ../../shared/attest/test-result-requirement.ts



/** in-toto's Test Result predicate (in-toto/attestation spec/predicates/test-result.md). */
const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
/**
 * A deploy's gate on evidence: among the attestations stored for the model's digest, one must verify (chain to the
 * trusted root, signed by a workflow of this repository, about this digest) and be a Test Result whose `result` is
 * PASSED, or WARNED when `allowWarned`. Otherwise a UserError lists each attestation and why it was not enough,
 * so the user sees what is missing: none at all, a bad signature, another identity, another digest, a FAILED run.
 */
function requirePassingTestResult(candidates, options) {
    const accepted = options.allowWarned ? ['PASSED', 'WARNED'] : ['PASSED'];
    const reasons = [];
    for (const [index, candidate] of candidates.entries()) {
        let verified;
        try {
            verified = verifyStatementBundle(candidate.bundle, options.trustRoots, {
                digest: options.digest,
                predicateType: TEST_RESULT_PREDICATE,
                signer: options.signer
            });
        }
        catch (error) {
            if (!(error instanceof AttestationRefusal))
                throw error;
            reasons.push(`#${index + 1}: ${error.kind}: ${error.message}`);
            continue;
        }
        const result = String(verified.statement.predicate.result ?? '');
        if (!accepted.includes(result)) {
            const why = result === 'WARNED' ? ' (set allow-warned: true to accept WARNED)' : '';
            reasons.push(`#${index + 1}: verified, signed by ${verified.signer}, but its result is ${result || 'missing'}${why}`);
            continue;
        }
        const payload = candidate.bundle.dsseEnvelope?.payload ?? '';
        return {
            predicateType: TEST_RESULT_PREDICATE,
            digest: options.digest,
            result,
            signer: verified.signer,
            issuer: verified.issuer,
            statementDigest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(Buffer.from(payload, 'base64')).digest('hex')}`,
            source: candidate.source,
            signedAt: verified.signedAt?.toISOString()
        };
    }
    if (candidates.length === 0)
        throw new user_error/* UserError */.y(`No Test Result attestation exists for ${options.digest} in ${options.where}, so the model was not deployed and no traffic moved. Publish it with 'attest: true' after a passing evaluation.`);
    throw new user_error/* UserError */.y(`No attestation of ${options.digest} in ${options.where} is a verified, ${accepted.join(' or ')} Test Result signed by a workflow of ${options.signer.repository}, so the model was not deployed and no traffic moved. ${candidates.length} found: ${reasons.join('; ')}`);
}

// EXTERNAL MODULE: ../../node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(7154);
;// CONCATENATED MODULE: ../../shared/attest/trust-root.ts


/**
 * The trust roots a bundle must chain to: Sigstore's TrustedRoot format (protobuf-specs trustroot.proto: the
 * Fulcio CA certificates, the Rekor and CT log keys, the timestamp authorities). `gh attestation trusted-root`
 * prints one root per line (public-good's and GitHub's own), a hand-kept file usually holds one JSON object:
 * both are read. Fetching and refreshing roots over TUF is out of scope: the workflow passes the file.
 */
function parseTrustedRoots(text, fileName) {
    const documents = text.trimStart().startsWith('{') && !isJsonLines(text) ? [text] : text.split('\n');
    const roots = [];
    documents.forEach((document, index) => {
        if (document.trim() === '')
            return;
        const line = documents.length === 1 ? undefined : index + 1;
        let json;
        try {
            json = JSON.parse(document);
        }
        catch (error) {
            throw new user_error/* UserError */.y(`${fileName} is not a Sigstore trusted root: ${error.message}`, {
                file: fileName,
                line
            });
        }
        const root = protobuf_specs_dist.TrustedRoot.fromJSON(json);
        if (typeof json.mediaType !== 'string' ||
            !root.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot') ||
            root.certificateAuthorities.length === 0) {
            throw new user_error/* UserError */.y(`${fileName} is not a Sigstore trusted root: it needs a 'mediaType' of application/vnd.dev.sigstore.trustedroot+json and at least one certificate authority (get one with 'gh attestation trusted-root').`, { file: fileName, line });
        }
        roots.push(root);
    });
    if (roots.length === 0)
        throw new user_error/* UserError */.y(`${fileName} holds no trusted root.`, { file: fileName });
    return roots;
}
/** More than one non-empty line, each a JSON object of its own. */
function isJsonLines(text) {
    const lines = text.split('\n').filter(line => line.trim() !== '');
    return lines.length > 1 && lines.every(line => line.trim().startsWith('{') && line.trim().endsWith('}'));
}

// EXTERNAL MODULE: ../../shared/runner/github-api.ts + 26 modules
var github_api = __webpack_require__(9492);
// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(2897);
// EXTERNAL MODULE: ../../shared/runner/run-context.ts
var run_context = __webpack_require__(5076);
// EXTERNAL MODULE: ../../shared/runner/user-files.ts + 3 modules
var user_files = __webpack_require__(6735);
;// CONCATENATED MODULE: ./src/attestation.ts












/*
 * require-attestation: test-result, before any deployment is recorded or traffic moves. A module of its own, loaded
 * by main only when an attestation is required: the Sigstore verifier and the OCI client stay off the start-up path.
 */
/**
 * The model's attestations from the attestations API, each verified; one must be a PASSED (or allowed WARNED)
 * Test Result signed by a workflow of this repository about the digest being deployed.
 */
async function verifyModelAttestation(inputs, requirement, run) {
    const trustRoots = await readTrustRoots(requirement, run);
    const client = (0,github_api/* createGitHubClient */.LX)(inputs.githubToken);
    const repo = (0,run_context/* requireRepository */.C)(run);
    let stored;
    try {
        stored = await listAttestations(client, repo, requirement.digest, TEST_RESULT_PREDICATE);
    }
    catch (error) {
        throw (0,github_api/* explainRefusal */.GC)(error, 'read the attestations of the model', 'attestations: read');
    }
    const fromApi = stored.map(item => ({ bundle: item.bundle, source: item.url }));
    const apiWhere = `${repo.owner}/${repo.repo}'s attestations`;
    const check = (candidates, where) => requirePassingTestResult(candidates, {
        digest: requirement.digest,
        trustRoots,
        signer: requirement.signer,
        allowWarned: requirement.allowWarned,
        where
    });
    let accepted;
    try {
        accepted = check(fromApi, apiWhere);
    }
    catch (refusal) {
        // The model's OCI referrers are the second source, read only when the API has nothing acceptable.
        if (!(0,user_error/* isUserError */.i)(refusal) || requirement.registry === undefined)
            throw refusal;
        const { baseUrl, repository, credentials } = requirement.registry;
        const registry = new OciClient({
            baseUrl,
            repository,
            credentials,
            retries: 1,
            onSecret: secret => core.setSecret(secret),
            log: message => log/* info */.pq `${message}`
        });
        let fromRegistry;
        try {
            fromRegistry = await referrerBundles(registry, requirement.digest);
        }
        catch (error) {
            if (!(0,service_error/* isServiceError */.g)(error))
                throw error;
            throw new user_error/* UserError */.y(`${refusal.message} The OCI referrers of ${registry.name} could not be read: ${error.message}`);
        }
        accepted = check([...fromApi, ...fromRegistry], `${apiWhere} and the OCI referrers of ${registry.name}`);
    }
    log/* info */.pq `Verified the ${accepted.result} Test Result attestation of ${accepted.digest} (statement ${accepted.statementDigest}), signed by ${accepted.signer}.`;
    return accepted;
}
/**
 * Before any traffic moves: the trust roots `require-attestation` verifies with. Not part of getInputs, for the
 * same reason as checkPrograms.
 */
async function readTrustRoots(requirement, run) {
    const file = await (0,user_files/* userFiles */.R)(run).read('attestation-trusted-root', requirement.trustedRootPath);
    return parseTrustedRoots(file.text, file.name);
}


/***/ })

};
