export const id = 313;
export const ids = [313];
export const modules = {

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

/***/ 1521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SG: () => (/* binding */ CHECK_RUN_ANNOTATIONS_BUDGET),
/* harmony export */   dp: () => (/* binding */ byteLength),
/* harmony export */   f_: () => (/* binding */ GITHUB_LIMITS),
/* harmony export */   vY: () => (/* binding */ fitText),
/* harmony export */   yx: () => (/* binding */ utf8Prefix)
/* harmony export */ });
/**
 * GitHub's limits on what a step may show, in one place, and the one way a text is cut to fit them: at a line, in
 * UTF-8 bytes, with a note saying where the rest is. Nothing here fails: a text too long is cut, never refused.
 *
 * Counted in UTF-8 bytes even where GitHub says "characters": a text within N bytes is within N characters in
 * any counting (code points, UTF-16 units or bytes), so it fits whichever GitHub applies.
 */
const GITHUB_LIMITS = {
    /** One step's job summary: GitHub refuses one over 1 MiB and shows none of it ("Step summary is over 1024k"). */
    jobSummaryBytes: 1024 * 1024,
    /** A check run's output.summary and output.text: "Maximum length: 65535 characters" (REST checks API). */
    checkRunTextBytes: 65_535,
    /** Annotations in one create or update of a check run: "a maximum of 50 per API request" (REST checks API). */
    checkRunAnnotationsPerRequest: 50,
    /** A check-run annotation's title: 255 characters (REST checks API). */
    annotationTitleChars: 255,
    /** A check-run annotation's message: "The maximum size is 64 KB" (REST checks API). */
    annotationMessageBytes: 64 * 1024,
    /**
     * Workflow-command annotations the run's page keeps per step and level: the runner counts every `::error` and
     * `::warning` but keeps only the first 10 of each (actions/runner, ExecutionContext.cs, `_maxIssueCount = 10`).
     */
    stepAnnotationsPerLevel: 10,
    /** An issue or pull-request comment's body: GitHub refuses one over 65,536 characters ("body is too long"). */
    commentBodyChars: 65_536,
    /** A commit status description: 140 characters (REST statuses API). */
    commitStatusDescriptionChars: 140
};
/**
 * The check-run annotations mlci attaches at most, the most important first: 250, five requests of 50. GitHub sets
 * no total, but each 50 more is one more write request, which the client spaces a second apart (its throttling
 * plugin) and which counts against the job's rate limit; no reviewer reads more in a diff. The job summary and the
 * step's report have them all.
 */
const CHECK_RUN_ANNOTATIONS_BUDGET = 250;
/**
 * `text`, and the trailer after it, within `limitBytes` UTF-8 bytes. When the text does not fit it is cut at the
 * last line break that leaves room (a single over-long line is cut at a character), an open code fence and open
 * `<details>` are closed so the markdown after the cut renders as intended, and the note follows.
 */
function fitText(text, { limitBytes, note, trailer = '' }) {
    const tail = trailer === '' ? '' : `\n\n${trailer}\n`;
    if (byteLength(text) + byteLength(tail) <= limitBytes)
        return text + tail;
    const noted = `\n\n${note}\n${tail}`;
    const room = limitBytes - byteLength(noted);
    if (room <= 0)
        return utf8Prefix(noted.trimStart(), limitBytes);
    let kept = utf8Prefix(text, room);
    for (;;) {
        const lastBreak = kept.lastIndexOf('\n');
        if (lastBreak > 0)
            kept = kept.slice(0, lastBreak);
        const fitted = `${kept}${closingsFor(kept)}${noted}`;
        if (byteLength(fitted) <= limitBytes || kept === '')
            return fitted;
        // The closings did not fit: give up one more line (or, in one long line, a few characters) for them.
        if (lastBreak <= 0)
            kept = utf8Prefix(kept, byteLength(kept) - 64);
    }
}
/** The longest prefix of `text` within `limit` UTF-8 bytes that ends on a whole code point. */
function utf8Prefix(text, limit) {
    if (byteLength(text) <= limit)
        return text;
    const bytes = Buffer.from(text).subarray(0, Math.max(0, limit));
    // A cut inside a multi-byte character leaves a replacement character at the end: drop it.
    return bytes.toString('utf8').replace(/\uFFFD$/u, '');
}
function byteLength(text) {
    return Buffer.byteLength(text);
}
/** What closes the code fence and the `<details>` elements left open at the end of `markdown`. */
function closingsFor(markdown) {
    let fence;
    let openDetails = 0;
    for (const line of markdown.split('\n')) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
        if (marker !== undefined) {
            if (fence === undefined)
                fence = marker;
            else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
                fence = undefined;
            continue;
        }
        if (fence !== undefined)
            continue;
        openDetails += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length;
    }
    return (fence === undefined ? '' : `\n${fence}`) + '\n</details>'.repeat(Math.max(0, openDetails));
}


/***/ }),

/***/ 1137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ revealHidden)
/* harmony export */ });
/**
 * Characters a reader cannot see but a program may act on, made visible. Shared by the job log
 * (`runner/log.ts`) and markdown (`markdown.ts`), so a name shows the same characters in both.
 *
 * Hidden are: controls (C0, DEL, C1), format characters (zero-width space and joiners, bidi embeddings,
 * overrides and isolates, soft hyphen, BOM…), line and paragraph separators, lone surrogates, and Unicode's
 * default-ignorable code points (variation selectors, Hangul fillers, tags…). These are the characters that
 * make `acc\u200buracy` look like `accuracy`, reorder a line (U+202E) or hide text; they are also the ones ICU's
 * collation gives no weight, which matters for the runner's culture-sensitive command matching (see log.ts).
 *
 * A C0 control or DEL becomes its Control Picture (LF → ␊, CR → ␍, ESC → ␛, DEL → ␡); anything else becomes
 * `<U+200B>`. TAB stays (callers that want it gone replace it first). A zero-width joiner or variation selector
 * inside an emoji (👩‍💻, ❤️) stays, because it is part of what the reader sees, and no character of a workflow
 * command or of markdown syntax is a pictograph.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const PICTOGRAPH_BEFORE = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f)$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;
function revealHidden(text) {
    return text.replace(HIDDEN, (char, offset, whole) => {
        if (char === '\t' || insideEmoji(char, whole, offset))
            return char;
        const code = char.codePointAt(0);
        if (code < 0x20)
            return String.fromCodePoint(0x2400 + code);
        if (code === 0x7f)
            return '\u2421';
        return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
    });
}
function insideEmoji(char, whole, offset) {
    if (char !== '\u200d' && char !== '\ufe0f' && char !== '\ufe0e')
        return false;
    const before = PICTOGRAPH_BEFORE.test(whole.slice(Math.max(0, offset - 2), offset));
    if (char !== '\u200d')
        return before && !whole.slice(Math.max(0, offset - 1), offset).endsWith('\ufe0f');
    return before && PICTOGRAPH_AFTER.test(whole.slice(offset + 1, offset + 3));
}


/***/ }),

/***/ 2897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Mn: () => (/* binding */ lines),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   X4: () => (/* binding */ noteUnshownAnnotations),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony export printed */
/* harmony import */ var _report_github_limits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1521);
/* harmony import */ var _report_visible_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1137);


/**
 * The one way mlci writes to the job log. Nothing else in actions/ or shared/ prints (eslint.config.js forbids
 * `core.info`, `core.warning`, `core.error`, `console.*`, `process.stdout` … everywhere but here).
 *
 * Why: the runner reads a step's stdout and stderr as commands (actions/runner, ActionCommandManager and
 * ActionCommand.cs). It splits the output into lines at LF, CR or CRLF (StreamReader.ReadLine), and a line is
 *   - a command `::name k=v,…::data` when, after leading white space (.NET `TrimStart()`), it starts with `::`;
 *   - a legacy command `##[name k=v;…]data` when it contains `##[` anywhere.
 * Both tests are .NET's culture-sensitive `StartsWith`/`IndexOf`, which under ICU skip characters that collate
 * as ignorable (controls, zero-width and bidi marks, soft hyphen…): `:\u200b:add-mask::x` may be a command.
 * The commands include `add-mask` (hides any text in the log from then on), `set-output`, `save-state` and
 * `stop-commands` (turns all of this off until a token); a text from a fork that reached stdout as it is could give
 * any of them in the job that holds the write token.
 *
 * So a message is a template whose fixed text is ours and whose `${}` values are all treated as untrusted:
 *
 *     log.info`Read ${count} metric(s) from ${file}.`
 *     log.warning(log.text`Could not comment on ${where}`, { title: 'mlci metric-diff' })
 *
 * A value never ends the line it is in: LF, CR and every other control is shown as its Control Picture (␊ ␍ ␛),
 * invisible characters as `<U+200B>` (report/visible-text.ts). `log.lines(value)` keeps a value's own line
 * breaks (a program's output, a stack), each line treated the same way. Then, on every line of the message, a `::`
 * after leading white space becomes `\::`, and every `##[` becomes `##\[`. What is printed therefore has no
 * line that starts with `::` and no `##[`, under an ordinal or an ICU comparison alike: the only hidden
 * characters ICU could skip were made visible, and the backslash that breaks each pattern is a printing character
 * that no comparison ignores (a zero-width break would be exactly what ICU skips). The text stays readable: the
 * reader sees what was there, with a `\` where it would have been a command.
 *
 * A message is a `LogText`, which only `text` (or a tagged call) makes, so a raw string does not type-check
 * as one; a string that reaches here anyway (through `any`) is printed as an untrusted value.
 *
 * Annotations (`::error file=…::message`) are written here too, escaped as the runner unescapes them (data: %25
 * %0D %0A; properties also %3A %2C, so a file name holding `,` or `::` stays one property). Their message is
 * neutralised like any other, so the log line the runner shows for it carries no `##[` either. This module
 * deliberately does not use @actions/core (validate-data reads its data before loading it).
 */
const PRINTABLE = Symbol('mlci log text');
/** A value whose own line breaks are kept (each line neutralised); see `lines`. */
class Multiline {
    value;
    constructor(value) {
        this.value = value;
    }
}
/** Builds a message: the template's fixed text is ours, each `${value}` is untrusted and shown on one line. */
function text(strings, ...values) {
    let joined = strings[0];
    values.forEach((value, index) => {
        joined += piece(value) + strings[index + 1];
    });
    return { [PRINTABLE]: neutralizeLines(joined) };
}
/** Interpolates an untrusted value that keeps its line breaks, e.g. a program's output or a stack trace. */
function lines(value) {
    return new Multiline(value);
}
function info(first, ...values) {
    process.stdout.write(`${printed(messageOf(first, values))}\n`);
}
function warning(first, ...rest) {
    annotate('warning', first, rest);
}
function error(first, ...rest) {
    annotate('error', first, rest);
}
function fail(first, ...rest) {
    process.exitCode = 1;
    annotate('error', first, rest, 'verdict');
}
/**
 * Says on the run's page, as a notice, how many findings were printed as plain lines because the run's page had no
 * room left for them (see `annotate`). The error boundary calls it when the step's work ends.
 */
function noteUnshownAnnotations() {
    for (const level of ['error', 'warning']) {
        const count = unshown[level];
        if (count === 0)
            continue;
        unshown[level] = 0;
        const message = `${count} more ${level}(s) than the ${SHOWN_PER_LEVEL} GitHub shows for one step: they are printed in this ` +
            "step's log as plain lines, and the job summary has them all.";
        process.stdout.write(`::notice title=mlci%3A more ${level}s::${escapeData(printed(text `${message}`))}\n`);
    }
}
/** The text a message prints as: what the tests and the fuzz test check. */
function printed(message) {
    return isLogText(message) ? message[PRINTABLE] : text `${message}`[PRINTABLE];
}
/**
 * The run's page keeps the first 10 errors and the first 10 warnings of a step and only counts the rest
 * (GITHUB_LIMITS.stepAnnotationsPerLevel): an eleventh is lost, however important. So findings (`error`,
 * `warning`; callers give the most important first) get the first 9 errors and 10 warnings, and the tenth error is
 * kept for the verdict (`fail`, and the error boundary's), which is always an annotation. A finding past its slots
 * is printed as a plain line, and `noteUnshownAnnotations` says how many were.
 */
const SHOWN_PER_LEVEL = _report_github_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_LIMITS */ .f_.stepAnnotationsPerLevel;
const findingSlots = { error: SHOWN_PER_LEVEL - 1, warning: SHOWN_PER_LEVEL };
const unshown = { error: 0, warning: 0 };
function annotate(level, first, rest, kind = 'finding') {
    const template = isTemplate(first);
    const message = template ? text(first, ...rest) : first;
    const properties = template ? undefined : rest[0];
    if (kind === 'finding' && findingSlots[level] === 0) {
        unshown[level]++;
        const where = properties?.file
            ? ` at ${properties.file}${properties.startLine === undefined ? '' : `:${properties.startLine}`}`
            : '';
        const heading = `${level === 'error' ? 'Error' : 'Warning'} (not annotated: GitHub shows ${SHOWN_PER_LEVEL} per step)`;
        info(text `${heading}${where}: ${properties?.title ? `${properties.title}: ` : ''}${message}`);
        return;
    }
    if (kind === 'finding')
        findingSlots[level]--;
    process.stdout.write(`::${level}${formatProperties(properties)}::${escapeData(printed(message))}\n`);
}
function messageOf(first, values) {
    return isTemplate(first) ? text(first, ...values) : first;
}
function isTemplate(value) {
    return Array.isArray(value) && 'raw' in value;
}
function isLogText(value) {
    return typeof value === 'object' && value !== null && PRINTABLE in value;
}
function piece(value) {
    if (isLogText(value))
        return value[PRINTABLE];
    if (value instanceof Multiline)
        return value.value
            .split(/\r\n|\r|\n/)
            .map(_report_visible_text_js__WEBPACK_IMPORTED_MODULE_1__/* .revealHidden */ .C)
            .join('\n');
    return (0,_report_visible_text_js__WEBPACK_IMPORTED_MODULE_1__/* .revealHidden */ .C)(String(value));
}
/** `::` after leading white space, and `##[` anywhere: what the runner would take for a command. */
function neutralizeLines(message) {
    return message
        .split(/\r\n|\r|\n/)
        .map(line => line.replace(/^(\s*)::/, '$1\\::').replaceAll('##[', '##\\['))
        .join('\n');
}
/** The runner's property names for @actions/core's AnnotationProperties. */
const PROPERTY_NAMES = {
    title: 'title',
    file: 'file',
    startLine: 'line',
    endLine: 'endLine',
    startColumn: 'col',
    endColumn: 'endColumn'
};
function formatProperties(properties = {}) {
    const pairs = [];
    for (const [key, name] of Object.entries(PROPERTY_NAMES)) {
        const value = properties[key];
        if (value === undefined || value === '')
            continue;
        // The title is shown as text: neutralised like a message. The file must name the real file, as it is.
        const shown = key === 'title' ? printed(text `${value}`) : String(value);
        pairs.push(`${name}=${escapeProperty(shown)}`);
    }
    return pairs.length === 0 ? '' : ` ${pairs.join(',')}`;
}
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/***/ }),

/***/ 4313:
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

// EXTERNAL MODULE: ../../shared/errors/github-refusal.ts
var github_refusal = __webpack_require__(4822);
// EXTERNAL MODULE: ../../shared/io/display-path.ts
var display_path = __webpack_require__(135);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ../../shared/io/process-group.ts


/** The group of a program just started (its pid leads a group of its own: spawned `detached`). */
function process_group_processGroupOf(pid) {
    const stat = readStat(pid);
    return stat ? { pid, startTicks: stat.startTicks } : { pid };
}
/** Sends `signal` to every process of the group; false when there is none (or none we may signal). */
function process_group_signalProcessGroup(pid, signal) {
    try {
        // A negative pid signals the whole group the detached child leads.
        process.kill(-pid, signal);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Whether the group still has a live process of ours. Linux never hands out a pid that is still some group's id,
 * so while any member lives, the number is ours; once the leader is gone, a leader with the same pid but another
 * start time is a stranger and our group is over. A zombie (dead, its parent gone) runs nothing and does not count.
 */
function process_group_isProcessGroupRunning(group) {
    if (process.platform === 'win32')
        return false;
    const leader = readStat(group.pid);
    if (leader && group.startTicks !== undefined && leader.startTicks !== group.startTicks)
        return false;
    const members = liveMembers(group.pid);
    if (members !== undefined)
        return members > 0;
    return process_group_signalProcessGroup(group.pid, 0);
}
/**
 * Ends the group: SIGTERM, then SIGKILL if any process is left after `graceMs`, then waits (a bounded while) until
 * none is. After SIGKILL a process runs no more code of its own even if the kernel takes a moment to remove it.
 */
async function process_group_stopProcessGroup(group, graceMs) {
    if (!process_group_isProcessGroupRunning(group))
        return 'not-running';
    process_group_signalProcessGroup(group.pid, 'SIGTERM');
    if (await waitUntilGone(group, graceMs))
        return 'ended';
    if (!process_group_isProcessGroupRunning(group))
        return 'ended';
    process_group_signalProcessGroup(group.pid, 'SIGKILL');
    await waitUntilGone(group, KILL_WAIT_MS);
    return 'killed';
}
/** Sends SIGKILL to the group at once, if it is still ours. */
function killProcessGroup(group) {
    if (process_group_isProcessGroupRunning(group))
        process_group_signalProcessGroup(group.pid, 'SIGKILL');
}
const POLL_MS = 50;
const KILL_WAIT_MS = 2_000;
async function waitUntilGone(group, ms) {
    for (const until = Date.now() + ms; Date.now() < until;) {
        if (!process_group_isProcessGroupRunning(group))
            return true;
        await (0,promises_.setTimeout)(POLL_MS);
    }
    return !process_group_isProcessGroupRunning(group);
}
/** /proc/<pid>/stat, read after the last ')': the command name before it may hold spaces and parentheses. */
function readStat(pid) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
    }
    catch {
        return undefined;
    }
    // Fields from 3 (state) on; starttime is field 22.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], pgrp: Number(fields[2]), startTicks: fields[19] };
}
/** How many processes of the group are alive (not zombies); undefined without /proc. */
function liveMembers(pgid) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return undefined;
    }
    let count = 0;
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        const stat = readStat(entry);
        if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X')
            count++;
    }
    return count;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ../../shared/io/run-program.ts


/** Thrown when the program could not be started at all (not found, not executable). */
class ProgramNotStarted extends Error {
    executable;
    code;
    constructor(executable, code, cause) {
        super(`could not run ${executable}: ${cause.message}`);
        this.executable = executable;
        this.code = code;
        this.name = 'ProgramNotStarted';
    }
}
const KILL_GRACE_MS = 5_000;
const DEFAULT_MAX_OUTPUT = (/* unused pure expression or super */ null && (16 * 1024 * 1024));
/**
 * The process groups of the programs this process started that have not ended yet. A program's own group lets a
 * timeout end it with whatever it started, but it also means the runner's signals to the step never reach it: a
 * cancelled step ends them itself (stopRunningPrograms), and a step that may be killed outright keeps them where
 * its post step can find them (watchRunningPrograms).
 */
const running = new Map();
const watchers = new Set();
let stopping = false;
/** Calls `watcher` with the running groups now and after every start and end; returns how to stop watching. */
function watchRunningPrograms(watcher) {
    watchers.add(watcher);
    watcher([...running.values()]);
    return () => watchers.delete(watcher);
}
function changed() {
    const groups = [...running.values()];
    for (const watcher of watchers)
        watcher(groups);
}
/**
 * The step is ending (cancelled): ends every running program (SIGTERM to its group, SIGKILL after `graceMs`) and
 * resolves with the groups it ended. From then on no program starts and none reports how it ended: a runProgram
 * promise never settles, so nothing acts on an outcome the cancellation caused (a deploy command "failing" because
 * it was stopped must not trigger a rollback, nor the rollout be saved as settled, while the step is going away).
 */
async function stopRunningPrograms(graceMs = KILL_GRACE_MS) {
    stopping = true;
    const groups = [...running.values()];
    await Promise.all(groups.map(group => process_group_stopProcessGroup(group, graceMs)));
    return groups;
}
/** SIGKILL to every running program at once: the runner has lost patience (a second signal). */
function killRunningPrograms() {
    stopping = true;
    for (const group of running.values())
        killProcessGroup(group);
}
/**
 * The one way mlci runs another program: an argument vector, never a shell, so no input is ever parsed as shell
 * syntax; an explicit environment; its own process group, so a timeout ends the program and whatever it started.
 * Resolves with how it ended (a non-zero exit is the caller's to judge); rejects with ProgramNotStarted only when
 * there was no program to run. Once stopRunningPrograms has been called it starts nothing and never settles.
 */
function runProgram(executable, args, options) {
    if (stopping)
        return new Promise(() => undefined);
    return new Promise((resolve, reject) => {
        const child = spawn(executable, args, {
            cwd: options.cwd,
            env: options.env,
            shell: false,
            detached: process.platform !== 'win32',
            stdio: ['ignore', 'pipe', 'pipe']
        });
        // Recorded at once, before any await: a step killed a moment later must still know this group.
        const group = child.pid !== undefined && process.platform !== 'win32' ? processGroupOf(child.pid) : undefined;
        if (group) {
            running.set(group.pid, group);
            changed();
        }
        const ended = () => {
            if (group && running.delete(group.pid))
                changed();
        };
        const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
        const collected = { stdout: '', stderr: '' };
        for (const stream of ['stdout', 'stderr']) {
            let partial = '';
            child[stream].setEncoding('utf8').on('data', (chunk) => {
                if (collected[stream].length < limit)
                    collected[stream] += chunk.slice(0, limit - collected[stream].length);
                if (!options.onLine)
                    return;
                const lines = (partial + chunk).split('\n');
                partial = lines.pop() ?? '';
                for (const line of lines)
                    options.onLine(line.replace(/\r$/, ''), stream);
            });
            child[stream].on('end', () => {
                if (partial !== '')
                    options.onLine?.(partial, stream);
            });
        }
        let timedOut = false;
        let killer;
        const timer = options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                signalGroup(child.pid, 'SIGTERM');
                killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
            }, options.timeoutMs);
        child.once('error', error => {
            clearTimeout(timer);
            clearTimeout(killer);
            ended();
            if (!stopping)
                reject(new ProgramNotStarted(executable, error.code, error));
        });
        child.once('close', (exitCode, signal) => {
            clearTimeout(timer);
            clearTimeout(killer);
            ended();
            if (!stopping)
                resolve({ exitCode, signal, stdout: collected.stdout, stderr: collected.stderr, timedOut });
        });
    });
}
/** How a finished program ended, for a message: "exited with code 2", "was killed by SIGTERM after 60 s". */
function describeExit(result, timeoutMs) {
    if (result.timedOut) {
        const limit = timeoutMs === undefined
            ? ''
            : ` within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
        return `did not finish${limit} and was stopped`;
    }
    return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
}
function signalGroup(pid, signal) {
    if (pid === undefined)
        return;
    if (process.platform !== 'win32') {
        signalProcessGroup(pid, signal);
        return;
    }
    try {
        process.kill(pid, signal);
    }
    catch {
        // Already gone.
    }
}

// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(2897);
;// CONCATENATED MODULE: ../../shared/runner/cancellation.ts



/**
 * How a step's programs end with the step. The runner cancels a step (a cancelled job, `timeout-minutes`, the
 * `cancel:` of a background step) with SIGINT to its node process, SIGTERM 7.5 s later, and kills the process tree
 * 2.5 s after that (docs.github.com, "Workflow cancellation reference"). Programs run in process groups of their own
 * (io/run-program.ts), so none of that reaches them: the step forwards it.
 */
/** Well inside the runner's 7.5 s between SIGINT and SIGTERM. */
const CANCEL_GRACE_MS = 5_000;
/** The post step waits as long for what a killed main step left running. */
const ORPHAN_GRACE_MS = 5_000;
let installed = false;
/**
 * On SIGINT or SIGTERM: SIGTERM to every running program's group, SIGKILL to what is left after 5 s, then exit
 * (130 or 143, as a shell reports a signal). A second signal kills them at once. Without programs the step exits
 * at once, as node would have.
 */
function stopProgramsOnCancel() {
    if (installed)
        return;
    installed = true;
    let cancelling = false;
    const onSignal = (signal) => {
        const exitCode = signal === 'SIGINT' ? 130 : 143;
        if (cancelling) {
            killRunningPrograms();
            process.exit(exitCode);
        }
        cancelling = true;
        void stopRunningPrograms(CANCEL_GRACE_MS).then(async (groups) => {
            if (groups.length > 0) {
                log/* info */.pq `The step was cancelled (${signal}): ended ${describeGroups(groups)} it had started.`;
            }
            process.exit(exitCode);
        });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
}
/**
 * In the post step: ends the groups the main step recorded that are still running, each only if it is still the
 * same process (never a stranger that got the pid since), and says which it ended.
 */
async function stopOrphanedPrograms(groups) {
    const alive = groups.filter(isProcessGroupRunning);
    return Promise.all(alive.map(async (group) => ({ group, outcome: await stopProcessGroup(group, ORPHAN_GRACE_MS) })));
}
function describeGroups(groups) {
    const ids = groups.map(group => group.pid).join(', ');
    return groups.length === 1
        ? `the program (process group ${ids})`
        : `${groups.length} programs (process groups ${ids})`;
}

;// CONCATENATED MODULE: ../../shared/runner/run-action.ts





const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.';
/**
 * The error boundary every entry point runs its work in, the one place where an error becomes what the user
 * sees (see `errors/error-kind.ts`): a UserError is one annotation at its file:line, a ServiceError one annotation
 * naming the service, neither with a stack; anything else is a bug and keeps its stack. The step fails either way.
 * Also where a cancelled step ends the programs it started (`cancellation.ts`).
 */
async function errorBoundary(work) {
    stopProgramsOnCancel();
    try {
        await work();
    }
    catch (error) {
        await reportFailure(error);
    }
    log/* noteUnshownAnnotations */.X4();
}
async function reportFailure(error) {
    process.exitCode = 1;
    switch (errorKind(error)) {
        case 'user': {
            const { file, line, column } = error.location;
            log/* fail */.fJ(log/* text */.Qq `${error.message}`, {
                title: 'mlci',
                file: file === undefined ? undefined : (0,display_path/* displayPath */.G)(file, process.env.GITHUB_WORKSPACE || process.cwd()),
                startLine: line,
                startColumn: line === undefined ? undefined : column
            });
            return;
        }
        case 'service':
            log/* fail */.fJ(log/* text */.Qq `${describeServiceFailure(error)}`, {
                title: 'mlci: service unavailable'
            });
            return;
        case 'bug': {
            const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
            log/* fail */.fJ(log/* text */.Qq `${log/* lines */.Mn(detail)}\n${BUG_REPORT}`, { title: 'mlci: internal error' });
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
        const request = `${error.request.method} ${where}`;
        const limit = (0,github_refusal/* rateLimitOf */.t)(error);
        // The client waits out rate limits (runner/github-api.ts): one that reaches here outlasted its retries.
        if (limit?.kind === 'secondary')
            return (`GitHub's secondary rate limit refused ${request} and outlasted the retries` +
                `${limit.retryAfterSeconds === undefined ? '' : ` (GitHub asked to wait ${limit.retryAfterSeconds} s more)`}: ` +
                'too many requests at once, as when many jobs write to GitHub together. Re-run the job later, or spread the jobs out.');
        if (limit?.kind === 'primary')
            return (`GitHub's API rate limit of this token is used up, so ${request} was not done` +
                `${limit.resetAt === undefined ? '' : ` (it resets at ${limit.resetAt.toISOString()})`}. Re-run the job after that.`);
        if (error.status === 422)
            return `GitHub refused ${request} (HTTP 422): ${firstLine((0,github_refusal/* refusalReasons */.u)(error)).replace(/\.?$/, '.')}`;
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
