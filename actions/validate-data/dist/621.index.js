export const id = 621;
export const ids = [621];
export const modules = {

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


/***/ }),

/***/ 6696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ isUserError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
class UserError extends Error {
    location;
    constructor(message, location = {}) {
        super(message);
        this.name = 'UserError';
        this.location = location;
    }
}
function isUserError(error) {
    return error instanceof UserError;
}


/***/ }),

/***/ 135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ displayPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * A path as a person (and GitHub's annotations) should see it: relative to the workspace with forward slashes
 * when it lies inside, else as it is. GitHub links an annotation to a file only by its repository-relative path.
 */
function displayPath(file, workspace) {
    if (!node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(file))
        return file.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(workspace, file);
    if (relative === '' ||
        relative === '..' ||
        relative.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) ||
        node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(relative))
        return file;
    return relative.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}


/***/ }),

/***/ 2621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  errorBoundary: () => (/* binding */ errorBoundary)
});

// EXTERNAL MODULE: ../../shared/errors/service-error.ts
var service_error = __webpack_require__(5874);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
;// CONCATENATED MODULE: ../../shared/errors/error-kind.ts
/**
 * mlci's error taxonomy: every error that leaves an action's work is exactly one of three kinds, and the error
 * boundary (`runner/run-action.ts`) reports each kind one way.
 *
 * | kind      | class                               | meaning                                       | reported as                                   |
 * |-----------|-------------------------------------|-----------------------------------------------|-----------------------------------------------|
 * | `user`    | `UserError` (`user-error.ts`)       | the workflow or its files are wrong           | one `::error` at file:line, no stack, exit 1  |
 * | `service` | `ServiceError` (`service-error.ts`) | GitHub, a registry, MLflow, Prometheus or a   | one `::error` naming the service, its status  |
 * |           |                                     | webhook is unreachable or refuses             | and what to check, no stack, exit 1           |
 * | `bug`     | anything else                       | mlci itself is wrong                          | the stack and "please report", exit 1         |
 *
 * How the other error classes of the code base map onto the three:
 * - `RegistryError` (registry/registry-error.ts) and `MlflowError` (registry/mlflow-client.ts) are ServiceErrors:
 *   the registry answered with an error or not at all. A registry *address* the user got wrong is a UserError
 *   raised where the destination is parsed.
 * - `ProviderUnavailableError` (deploy/metrics-provider.ts) and `TargetError` (deploy/rollout-target.ts) are
 *   ServiceErrors; the rollout catches them and turns them into "no data" or a rollback, so they only reach the
 *   boundary from the post step.
 * - `ZipRefused` (data/zip-archive.ts), the CSV reader's `InvalidUtf8` and the JSON locator's `JsonSyntaxAt` never
 *   leave their modules as they are: their callers turn them into a UserError naming the file.
 * - `DegenerateSampleError` (stats/mann-whitney.ts) is caught by the canary judge ("no variance, no verdict").
 * - An error from Octokit (`HttpError`, with a numeric `status`) that no caller translated is a ServiceError of
 *   GitHub: `runner/github-api.ts` translates the common ones (403/404 → the permission to grant).
 */


function errorKind(error) {
    if ((0,user_error/* isUserError */.i)(error))
        return 'user';
    if ((0,service_error/* isServiceError */.g)(error) || isOctokitError(error))
        return 'service';
    return 'bug';
}
/** An HTTP error of Octokit's request library: `RequestError` with a status and the request it answered. */
function isOctokitError(error) {
    if (!(error instanceof Error) || error.name !== 'HttpError')
        return false;
    const { status, request } = error;
    return typeof status === 'number' && typeof request?.method === 'string' && typeof request.url === 'string';
}

// EXTERNAL MODULE: ../../shared/io/display-path.ts
var display_path = __webpack_require__(135);
;// CONCATENATED MODULE: ../../shared/runner/run-action.ts


const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.';
/**
 * The error boundary every entry point runs its work in, the one place where an error becomes what the user
 * sees (see `errors/error-kind.ts`): a UserError is one annotation at its file:line, a ServiceError one annotation
 * naming the service, neither with a stack; anything else is a bug and keeps its stack. The step fails either way.
 */
async function errorBoundary(work) {
    try {
        await work();
    }
    catch (error) {
        await reportFailure(error);
    }
}
async function reportFailure(error) {
    // Loaded here, not at start-up: an action may finish its heavy work before it needs @actions/core.
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    process.exitCode = core.ExitCode.Failure;
    switch (errorKind(error)) {
        case 'user': {
            const { file, line, column } = error.location;
            core.error(error.message, {
                title: 'mlci',
                file: file === undefined ? undefined : (0,display_path/* displayPath */.G)(file, process.env.GITHUB_WORKSPACE || process.cwd()),
                startLine: line,
                startColumn: line === undefined ? undefined : column
            });
            return;
        }
        case 'service':
            core.error(describeServiceFailure(error), { title: 'mlci: service unavailable' });
            return;
        case 'bug': {
            const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
            core.error(`${detail}\n${BUG_REPORT}`, { title: 'mlci: internal error' });
        }
    }
}
function describeServiceFailure(error) {
    if (isOctokitError(error)) {
        const url = new URL(error.request.url, 'https://api.invalid');
        const where = url.pathname;
        // Octokit reports a request that got no answer at all (refused, reset, timed out) as a 500 without a response.
        if (error.response === undefined)
            return (`GitHub at ${url.host} could not be reached (${error.request.method} ${where}: ${firstLine(error.message)}). ` +
                "Check GITHUB_API_URL and the runner's network, or retry the job.");
        return (`GitHub answered HTTP ${error.status} to ${error.request.method} ${where}: ${firstLine(error.message)}. ` +
            "Check the job's permissions and the github-token input; GitHub may also be having trouble (retry the job).");
    }
    const { service, details } = error;
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    const hint = details.hint ? ` ${details.hint}` : '';
    return `${service}${status}: ${firstLine(error.message)}${hint}`;
}
function firstLine(text) {
    return text.split('\n')[0].trim();
}


/***/ })

};
