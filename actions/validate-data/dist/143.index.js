export const id = 143;
export const ids = [143];
export const modules = {

/***/ 9143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCheckRun: () => (/* binding */ check_run_createCheckRun)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(2897);
// EXTERNAL MODULE: ../../node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(2825);
// EXTERNAL MODULE: ../../node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1738);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(4491);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(2812);
// EXTERNAL MODULE: ../../shared/errors/github-refusal.ts
var github_refusal = __webpack_require__(4822);
// EXTERNAL MODULE: ../../shared/errors/service-error.ts
var service_error = __webpack_require__(5874);
// EXTERNAL MODULE: ../../shared/runner/github-token.ts
var github_token = __webpack_require__(1592);
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
    return new ServiceError('GitHub', `GitHub refused to ${what}.`, {
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

// EXTERNAL MODULE: ../../shared/report/github-limits.ts
var github_limits = __webpack_require__(1521);
;// CONCATENATED MODULE: ../../shared/runner/check-run.ts





/** GitHub takes at most 50 annotations per check-run request; the rest go in follow-up updates. */
const ANNOTATIONS_PER_REQUEST = github_limits/* GITHUB_LIMITS */.f_.checkRunAnnotationsPerRequest;
/** A commit status description holds at most 140 characters. */
const MAX_DESCRIPTION = github_limits/* GITHUB_LIMITS */.f_.commitStatusDescriptionChars;
/** How often a create that got no answer is tried again, waiting 1, 4, 9 s as the client's own retries do. */
const CREATE_RETRIES = 3;
/**
 * Reports a verdict on a commit as a check run (annotations batched by 50). A token that cannot write checks
 * (a fork PR's, a personal token) falls back to a commit status of the same name, and a read-only one to the
 * job summary and the exit code. The log says which; the channel used is returned.
 */
async function publishCheck(client, report) {
    const { owner, repo, headSha, name, title } = report;
    const { annotations, left } = budgetAnnotations(report.annotations);
    // The note survives any cut of the summary, like the trailer (which stays the last line: evaluate's digest).
    const leftNote = left === 0
        ? ''
        : `${left} more annotation(s) are not attached to this check run (mlci attaches at most ` +
            `${github_limits/* CHECK_RUN_ANNOTATIONS_BUDGET */.SG}, the most important first); the job summary and the step's report have them all.`;
    const trailer = [leftNote, report.trailer ?? ''].filter(part => part !== '').join('\n\n');
    const output = { title, summary: fitSummary(report.summary, trailer) };
    try {
        const data = await createCheckRun(client, {
            owner,
            repo,
            name,
            head_sha: headSha,
            status: 'completed',
            conclusion: report.conclusion,
            output: { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) }
        });
        for (let at = ANNOTATIONS_PER_REQUEST; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
            await client.rest.checks.update({
                owner,
                repo,
                check_run_id: data.id,
                output: { ...output, annotations: annotations.slice(at, at + ANNOTATIONS_PER_REQUEST) }
            });
        }
        log/* info */.pq `Check run '${name}' on ${headSha.slice(0, 12)}: ${report.conclusion} (${data.html_url}).`;
        return 'check-run';
    }
    catch (error) {
        if (!isPermissionError(error))
            throw error;
        log/* info */.pq `This token cannot create check runs (${error.message}); falling back to a commit status.`;
    }
    try {
        await client.rest.repos.createCommitStatus({
            owner,
            repo,
            sha: headSha,
            state: report.status.state,
            context: name,
            description: clip(report.status.description, MAX_DESCRIPTION)
        });
        log/* info */.pq `Commit status '${name}' on ${headSha.slice(0, 12)}: ${report.status.state} (no check run: the token cannot write checks).`;
        return 'commit-status';
    }
    catch (error) {
        if (!isPermissionError(error))
            throw error;
        log/* warning */.$e `This token can write neither check runs nor commit statuses (${error.message}), as on a pull request from a fork: the verdict is in the job summary and this step's exit code only.`;
        return 'summary-only';
    }
}
/**
 * Creates a check run exactly once. A POST whose answer was lost (a reset, a timeout, a 502 after GitHub
 * committed it) may have created the run, and the client's own retry would create a second one next to it.
 * So the client does not retry this POST; we do, and before each new attempt look for the run it may have
 * made: same commit, same name, and the `external_id` only this call knows. If GitHub cannot answer that
 * question either, the step fails rather than risk a duplicate.
 */
async function createCheckRun(client, parameters) {
    const externalId = `mlci-${(0,external_node_crypto_.randomUUID)()}`;
    for (let attempt = 1;; attempt++) {
        try {
            const { data } = await client.rest.checks.create({
                ...parameters,
                external_id: externalId,
                request: { retries: 0 }
            });
            return data;
        }
        catch (error) {
            if (!isNoAnswer(error) || attempt > CREATE_RETRIES)
                throw error;
            await (0,promises_.setTimeout)(attempt * attempt * 1000);
            const made = await findCheckRun(client, parameters, externalId);
            if (made !== undefined) {
                log/* info */.pq `The answer to creating check run '${parameters.name}' was lost (${error.message.split('\n')[0]}), but it was created (${made.html_url}): not creating it again.`;
                return made;
            }
        }
    }
}
/** The check run `externalId` on the commit, if a create whose answer was lost made it. */
async function findCheckRun(client, { owner, repo, name, head_sha }, externalId) {
    const { data } = await client.rest.checks.listForRef({
        owner,
        repo,
        ref: head_sha,
        check_name: name,
        filter: 'all',
        per_page: 100
    });
    return data.check_runs.find(run => run.external_id === externalId && run.head_sha === head_sha);
}
/** Within GitHub's 65,535 for output.summary, cut at a line with a note; the trailer always kept whole. */
function fitSummary(summary, trailer = '') {
    return (0,github_limits/* fitText */.vY)(summary, {
        limitBytes: github_limits/* GITHUB_LIMITS */.f_.checkRunTextBytes,
        note: "… (cut to fit GitHub's 65,535 characters for a check run's summary; the job summary has everything)",
        trailer
    });
}
/** At most CHECK_RUN_ANNOTATIONS_BUDGET annotations, each title and message within GitHub's sizes. */
function budgetAnnotations(all) {
    const annotations = all.slice(0, github_limits/* CHECK_RUN_ANNOTATIONS_BUDGET */.SG).map(a => ({
        ...a,
        title: clip(a.title, github_limits/* GITHUB_LIMITS */.f_.annotationTitleChars),
        message: (0,github_limits/* utf8Prefix */.yx)(a.message, github_limits/* GITHUB_LIMITS */.f_.annotationMessageBytes)
    }));
    return { annotations, left: all.length - annotations.length };
}
function clip(text, limit) {
    return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

// EXTERNAL MODULE: ../../shared/validation/report.ts + 2 modules
var validation_report = __webpack_require__(327);
;// CONCATENATED MODULE: ./src/check-run.ts



/** A completed check run whose conclusion mirrors the verdict, so a branch rule can require it. */
async function check_run_createCheckRun(inputs, run, report, summary) {
    const client = createGitHubClient(inputs.token);
    // One annotation per failed rule, at its first bad line, the rules with the most violations first.
    const annotations = report.rules
        .filter(rule => rule.failed && rule.samples[0]?.file && rule.samples[0].location === 'line')
        .sort((a, b) => b.violations - a.violations)
        .map(rule => ({
        path: rule.samples[0].file,
        start_line: rule.samples[0].line,
        end_line: rule.samples[0].line,
        annotation_level: rule.severity === 'error' ? 'failure' : 'warning',
        title: rule.id,
        message: (0,validation_report/* describeRule */.IO)(rule)
    }));
    const title = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)`;
    return publishCheck(client, {
        owner: run.owner,
        repo: run.repo,
        headSha: run.headSha,
        name: inputs.checkName,
        conclusion: report.valid ? 'success' : 'failure',
        title,
        summary,
        annotations,
        status: { state: report.valid ? 'success' : 'failure', description: title }
    });
}


/***/ }),

/***/ 4822:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ rateLimitOf),
/* harmony export */   u: () => (/* binding */ refusalReasons)
/* harmony export */ });
/**
 * What an error answer of GitHub's REST API says, read from Octokit's `HttpError` (`status`, `response.headers`,
 * `response.data`): is it a rate limit, and which reasons does a 422 give. Shared by the error boundary, which
 * words the step's failure, and the GitHub client's callers, which must not mistake a rate limit for a
 * missing permission (both are 403s).
 */
/**
 * GitHub's rate limit, recognised as @octokit/plugin-throttling does: a 403 or 429 whose message names a
 * secondary rate limit, or with `x-ratelimit-remaining: 0`. Undefined for any other error.
 */
function rateLimitOf(error) {
    const { status, message, response } = (error ?? {});
    if (status !== 403 && status !== 429)
        return undefined;
    const headers = response?.headers ?? {};
    if (typeof message === 'string' && /\bsecondary rate\b/i.test(message)) {
        const retryAfter = Number(headers['retry-after']);
        return { kind: 'secondary', retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined };
    }
    if (headers['x-ratelimit-remaining'] === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        return { kind: 'primary', resetAt: Number.isFinite(reset) ? new Date(reset * 1000) : undefined };
    }
    return undefined;
}
/**
 * Why GitHub refused a request's content (a 422): the `message` of each entry of `errors`, or
 * `resource.field code` when an entry has none, else the answer's own message. Never the documentation link
 * Octokit appends to its error message.
 */
function refusalReasons(error) {
    const { message, response } = (error ?? {});
    const data = (response?.data ?? {});
    const entries = Array.isArray(data.errors) ? data.errors : [];
    const reasons = entries.map(entry => {
        if (typeof entry === 'string')
            return entry;
        const { message: text, resource, field, code } = (entry ?? {});
        if (typeof text === 'string' && text !== '')
            return text;
        return ([resource, field].filter(part => typeof part === 'string').join('.') + (code ? ` ${String(code)}` : ''));
    });
    if (reasons.length > 0)
        return reasons.join('; ');
    if (typeof data.message === 'string' && data.message !== '')
        return data.message;
    return typeof message === 'string' ? message.replace(/ - https:\/\/\S+$/, '') : 'no reason given';
}


/***/ }),

/***/ 5874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ isServiceError)
/* harmony export */ });
/* unused harmony export ServiceError */
/**
 * A service mlci talks to (GitHub's API, an OCI registry, MLflow, Prometheus, a deploy webhook) could not be
 * reached or refused the request. Not the user's file and not our bug: reported as one annotation that names the
 * service, what it answered (the HTTP status, when there was one) and what to check, without a stack.
 */
class ServiceError extends Error {
    service;
    details;
    constructor(
    /** The service as the user knows it: `GitHub`, `the registry 127.0.0.1:5000`, `Prometheus at …`. */
    service, message, details = {}) {
        super(message);
        this.service = service;
        this.details = details;
        this.name = 'ServiceError';
    }
    get status() {
        return this.details.status;
    }
}
function isServiceError(error) {
    return error instanceof ServiceError;
}


/***/ })

};
