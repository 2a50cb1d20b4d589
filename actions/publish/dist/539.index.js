export const id = 539;
export const ids = [539];
export const modules = {

/***/ 19539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  signStatements: () => (/* binding */ signStatements)
});

// EXTERNAL MODULE: ../../node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(36124);
// EXTERNAL MODULE: ../../node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(45775);
// EXTERNAL MODULE: ../../shared/errors/service-error.ts
var service_error = __webpack_require__(15874);
;// CONCATENATED MODULE: ../../shared/attest/in-toto.ts
/**
 * The DSSE payload type of an in-toto Statement (in-toto attestation framework, envelope.md). In a module of its
 * own so that verifying (deploy) does not bundle the signing client and its HTTP stack.
 */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

;// CONCATENATED MODULE: ../../shared/attest/sigstore-sign.ts




/**
 * Signs an in-toto Statement as the workflow: a short-lived Fulcio certificate for the job's OIDC identity, a DSSE
 * envelope over the statement, the entry logged in Rekor, all in a Sigstore bundle v0.3
 * (`application/vnd.dev.sigstore.bundle.v0.3+json`, the leaf certificate alone, as the attestations API and
 * `gh attestation verify` expect). The crypto is @sigstore/sign's; this module only wires it.
 */
async function signStatement(statement, options) {
    const retry = { retries: 2, minTimeout: 200 };
    const builder = new sign_dist/* DSSEBundleBuilder */.VV({
        signer: new sign_dist/* FulcioSigner */.$o({
            fulcioBaseURL: options.fulcioUrl,
            identityProvider: options.identityProvider ?? new sign_dist/* CIContextProvider */.Zk('sigstore'),
            retry,
            timeout: options.timeoutMs ?? 30_000
        }),
        witnesses: [
            new sign_dist/* RekorWitness */.fU({
                rekorBaseURL: options.rekorUrl,
                entryType: 'dsse',
                fetchOnConflict: true,
                retry,
                timeout: options.timeoutMs ?? 30_000
            })
        ]
    });
    try {
        const bundle = await builder.create({
            data: Buffer.from(JSON.stringify(statement)),
            type: IN_TOTO_PAYLOAD_TYPE
        });
        return { bundle: (0,dist.bundleToJSON)(bundle) };
    }
    catch (error) {
        throw signingFailure(error);
    }
}
/** @sigstore/sign's InternalError names the step (`code`) and keeps what the service said in `cause`. */
function signingFailure(error) {
    const { code, message, cause } = error;
    const said = cause instanceof Error ? `: ${cause.message}` : '';
    const status = cause?.statusCode;
    const hint = 
    // The CI provider resolves a refused token request as no token, which then fails to parse.
    code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR'
        ? "the job needs 'permissions: id-token: write' for the workflow's OIDC token"
        : 'check that the Sigstore services are reachable from the runner';
    // @sigstore/sign puts the whole token into IDENTITY_TOKEN_PARSE_ERROR's message: never show it.
    const text = code === 'IDENTITY_TOKEN_PARSE_ERROR'
        ? 'the OIDC identity token could not be read'
        : (message ?? String(error));
    return new service_error/* ServiceError */._('Sigstore', `${text}${said}`, { status, hint });
}

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

// EXTERNAL MODULE: ../../node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(10919);
// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(42897);
// EXTERNAL MODULE: ../../node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(71738);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(54491);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(22812);
// EXTERNAL MODULE: ../../shared/errors/github-refusal.ts
var github_refusal = __webpack_require__(74822);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(36696);
;// CONCATENATED MODULE: ../../shared/runner/github-token.ts

/**
 * The token for a GitHub feature the workflow asked for, or the user's mistake of an empty one: every action says
 * it the same way, before any work. `feature` completes "… needs a token", e.g. "check-name 'mlci/evaluate'".
 * Kept apart from the client so that a step can check it without loading Octokit.
 */
function requireToken(token, feature, permission) {
    if (token === '')
        throw new user_error/* UserError */.y(`Input 'github-token' is empty, but ${feature} needs a token: pass github-token: \${{ github.token }} ` +
            `and give the job 'permissions: ${permission}'.`);
    return token;
}

;// CONCATENATED MODULE: ../../shared/runner/github-api.ts








/**
 * The one GitHub client of mlci: Octokit from @actions/github with retries (5xx and network errors)
 * and throttling (primary and secondary rate limits, honouring retry-after). The token is masked first,
 * so it cannot reach a log even through a debug line.
 */
function createGitHubClient(token, options = {}) {
    if (token === '')
        throw new Error('createGitHubClient needs a token: use requireGitHubClient for an input');
    core.setSecret(token);
    const retries = options.retries ?? 3;
    return (0,github/* getOctokit */.Q)(token, {
        baseUrl: options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
        // 409 joins Octokit's list: GitHub answers it for conflicts (a deployment blocked by failing checks)
        // that a retry cannot clear.
        retry: {
            retries,
            retryAfterBaseValue: options.retryBaseMs ?? 1000,
            doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451]
        },
        throttle: {
            onRateLimit: (retryAfter, request, _octokit, count) => {
                log/* warning */.$e `GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`;
                return count < retries;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, count) => {
                log/* warning */.$e `GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`;
                return count < retries;
            }
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
/** The client for a GitHub feature the workflow asked for; an empty token is the user's mistake (requireToken). */
function requireGitHubClient(token, feature, permission) {
    return createGitHubClient(requireToken(token, feature, permission));
}
/**
 * GitHub refused for want of a permission (403) or hid the resource from this token (404). A rate limit is a 403
 * too, but says nothing about permissions: it is not one (a fallback to a commit status or a warning to grant a
 * permission would both be wrong).
 */
function isPermissionError(error) {
    const status = error?.status;
    return (status === 403 && (0,github_refusal/* rateLimitOf */.t)(error) === undefined) || status === 404;
}
/**
 * A refusal turned into what to do: a 403/404 becomes a ServiceError naming the permission to grant; any other
 * error passes through unchanged (the boundary reports an HTTP error of GitHub's as a ServiceError itself).
 */
function explainRefusal(error, what, permission) {
    if (!isPermissionError(error))
        return error;
    const status = error.status;
    return new service_error/* ServiceError */._('GitHub', `GitHub refused to ${what}.`, {
        status,
        hint: `Give the job 'permissions: ${permission}', and check that github-token is the job's token.`
    });
}
/**
 * GitHub did not answer, answered with a server error, or held us off with a rate limit (after the client's
 * retries): a lookup must not read that as "nothing there" — a gate would then run without its baseline — so
 * the step fails as a ServiceError.
 */
function isGitHubUnavailable(error) {
    return isNoAnswer(error) || rateLimitOf(error) !== undefined;
}
/** No answer at all, or a server error: GitHub may or may not have done what was asked. */
function isNoAnswer(error) {
    const { status, response } = (error ?? {});
    return typeof status === 'number' && (status >= 500 || response === undefined);
}

// EXTERNAL MODULE: ../../shared/runner/run-context.ts
var run_context = __webpack_require__(5076);
;// CONCATENATED MODULE: ./src/sign-statements.ts





/**
 * Signs each statement with the workflow's OIDC identity (a Fulcio certificate, the entry logged in Rekor) and
 * stores each bundle with the attestations API: the one call publish makes when `attest: true`. It runs once the
 * manifest digest is known and before any tag is pushed, so a refusal (no `id-token: write`, no
 * `attestations: write`, Sigstore unreachable) fails the step with no tag naming an unsigned model.
 */
async function signStatements(request) {
    const repo = (0,run_context/* requireRepository */.C)(request.context);
    // Checked before anything is signed: a Rekor entry for an attestation that cannot be stored helps no one.
    const client = requireGitHubClient(request.githubToken ?? '', 'attest: true (the attestations API stores what is signed)', 'attestations: write');
    const signed = [];
    for (const statement of request.statements) {
        const { bundle } = await signStatement(statement, request.sigstore);
        let id;
        try {
            id = await createAttestation(client, repo, bundle);
        }
        catch (error) {
            throw explainRefusal(error, `store the signed ${statement.predicateType} attestation of ${request.subject.digest}`, 'attestations: write');
        }
        log/* info */.pq `Signed the ${statement.predicateType} statement about ${request.subject.digest} (Rekor log index ${bundle.verificationMaterial.tlogEntries[0]?.logIndex ?? '?'}); attestation ${id}.`;
        signed.push({
            predicateType: statement.predicateType,
            bundle,
            // v0.3 (`application/vnd.dev.sigstore.bundle.v0.3+json`): the referrer's artifactType and layer deploy reads.
            mediaType: bundle.mediaType,
            attestationId: String(id)
        });
    }
    return signed;
}


/***/ })

};
