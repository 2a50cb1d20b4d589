export const id = 213;
export const ids = [213];
export const modules = {

/***/ 1213:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCheckRun: () => (/* binding */ createCheckRun)
});

// EXTERNAL MODULE: ../../node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1738);
// EXTERNAL MODULE: ../../node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(919);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(4491);
// EXTERNAL MODULE: ../../node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(2812);
;// CONCATENATED MODULE: ../../shared/github/client.ts




/**
 * The one GitHub client of mlci: Octokit from @actions/github with retries (5xx and network errors)
 * and throttling (primary and secondary rate limits, honouring retry-after). The token is masked first,
 * so it cannot reach a log even through a debug line.
 */
function createGitHubClient(token, options = {}) {
    if (token === '')
        throw new Error('createGitHubClient needs a token');
    core/* setSecret */.Pq(token);
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
                core/* warning */.$e(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
                return count < retries;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, count) => {
                core/* warning */.$e(`GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
                return count < retries;
            }
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}

// EXTERNAL MODULE: ../../shared/validation/report.ts + 2 modules
var validation_report = __webpack_require__(327);
;// CONCATENATED MODULE: ./src/check-run.ts



/** GitHub caps a check run's summary at 65535 characters, and its annotations at 50 per request. */
const SUMMARY_LIMIT = 65535;
const ANNOTATION_LIMIT = 50;
/** A completed check run whose conclusion mirrors the verdict, so a branch rule can require it. */
async function createCheckRun(inputs, report, summary) {
    const client = createGitHubClient(inputs.token);
    const { owner, repo } = github/* context */._.repo;
    const pull = github/* context */._.payload.pull_request;
    const headSha = pull?.head?.sha ?? github/* context */._.sha;
    // Unlike step annotations (10 per level), a check run takes 50: one per failed rule, at its first bad line.
    const annotations = report.rules
        .filter(rule => rule.failed && rule.samples[0]?.file && rule.samples[0].location === 'line')
        .sort((a, b) => b.violations - a.violations)
        .slice(0, ANNOTATION_LIMIT)
        .map(rule => ({
        path: rule.samples[0].file,
        start_line: rule.samples[0].line,
        end_line: rule.samples[0].line,
        annotation_level: rule.severity === 'error' ? 'failure' : 'warning',
        title: rule.id,
        message: (0,validation_report/* describeRule */.IO)(rule)
    }));
    const title = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)`;
    await client.rest.checks.create({
        owner,
        repo,
        name: inputs.checkName,
        head_sha: headSha,
        status: 'completed',
        conclusion: report.valid ? 'success' : 'failure',
        output: {
            title,
            summary: summary.length > SUMMARY_LIMIT
                ? `${summary.slice(0, SUMMARY_LIMIT - 40)}\n\n(truncated; see the job summary)`
                : summary,
            annotations
        }
    });
}


/***/ })

};
