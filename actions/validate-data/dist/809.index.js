export const id = 809;
export const ids = [809];
export const modules = {

/***/ 1809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(2897);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ../../shared/registry/blob-source.ts

const CHUNK = 1024 * 1024;
function fileBlob(file, descriptor) {
    return { descriptor, read: (start, end, sink) => readFileRange(file, start, end, sink) };
}
function memoryBlob(content) {
    return {
        descriptor: content.descriptor,
        read: (start, end, sink) => sink(content.bytes.subarray(start, end))
    };
}
async function readFileRange(file, start, end, sink) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, end - start)));
        for (let position = start; position < end;) {
            const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
            if (bytesRead === 0)
                throw new Error(`${file} is shorter than ${end} bytes: it changed while it was read`);
            await sink(buffer.subarray(0, bytesRead));
            position += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ../../shared/registry/file-digest.ts



/** sha256 and size of a file, streamed through one reused buffer: a model larger than memory is fine. */
async function digestFile(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const { size } = await (0,promises_.stat)(file);
    await readFileRange(file, 0, size, async (chunk) => {
        hash.update(chunk);
    });
    return { digest: `sha256:${hash.digest('hex')}`, size };
}

;// CONCATENATED MODULE: ../../shared/io/atomic-write.ts



/**
 * Writes a file so that a reader sees the old content or the whole new content, never a part: the content goes
 * to a temporary name in the same folder (the same filesystem), then one rename replaces the target. On failure
 * the temporary file is removed and the target is untouched.
 */
async function writeFileAtomically(file, content) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,promises_.writeFile)(temporary, content);
        await (0,promises_.rename)(temporary, file);
    }
    catch (error) {
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ../../shared/runner/globs.ts



/** Characters that make a pattern a glob for @actions/glob (minimatch); without them it names one path. */
const GLOB_MAGIC = /[*?[\]{}()!+@]/;
/**
 * Expands glob patterns the way `actions/upload-artifact` does (via @actions/glob), relative to the
 * workspace, and returns sorted absolute file paths. A pattern that matches nothing is the user's mistake:
 * a typo in a path must not turn into "0 files checked, all good".
 */
async function expandGlobs(inputName, patterns, workspace) {
    const found = new Set();
    // A path to a file, with no negation to apply, needs no glob engine (nor the @actions/core it loads,
    // about 30 MB of resident memory: validate-data reads its data before loading it).
    if (patterns.every(p => !GLOB_MAGIC.test(p))) {
        const files = await Promise.all(patterns.map(p => fileAt(external_node_path_.isAbsolute(p) ? p : external_node_path_.join(workspace, p))));
        if (files.every(file => file !== undefined))
            return [...new Set(files)].sort();
    }
    const { create } = await Promise.all(/* import() */[__webpack_require__.e(825), __webpack_require__.e(621)]).then(__webpack_require__.bind(__webpack_require__, 5621));
    for (const pattern of patterns) {
        const negated = pattern.startsWith('!');
        if (negated)
            continue;
        const absolute = external_node_path_.isAbsolute(pattern) ? pattern : external_node_path_.join(workspace, pattern);
        const negations = patterns
            .filter(p => p.startsWith('!'))
            .map(p => '!' + (external_node_path_.isAbsolute(p.slice(1)) ? p.slice(1) : external_node_path_.join(workspace, p.slice(1))));
        const globber = await create([absolute, ...negations].join('\n'), {
            matchDirectories: false,
            implicitDescendants: true
        });
        const matches = await globber.glob();
        if (matches.length === 0) {
            throw new user_error/* UserError */.y(`Input '${inputName}': '${pattern}' matched no file under ${workspace}. Check the path, or the step that should have written it.`);
        }
        for (const match of matches)
            found.add(match);
    }
    return [...found].sort();
}
/** The normalised path when it names a regular file (symbolic links followed, as @actions/glob does). */
async function fileAt(file) {
    try {
        return (await (0,promises_.stat)(file)).isFile() ? external_node_path_.resolve(file) : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ../../shared/runner/run-context.ts



function readRunContext(env = process.env) {
    const workspace = external_node_path_.resolve(env.GITHUB_WORKSPACE || process.cwd());
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
    const runId = env.GITHUB_RUN_ID || undefined;
    const common = {
        workspace,
        runnerTemp: external_node_path_.resolve(env.RUNNER_TEMP || workspace),
        owner,
        repo,
        eventName: env.GITHUB_EVENT_NAME ?? '',
        payload: readPayload(env.GITHUB_EVENT_PATH),
        sha: env.GITHUB_SHA ?? '',
        serverUrl,
        actor: env.GITHUB_ACTOR || undefined,
        sourceDateEpoch: env.SOURCE_DATE_EPOCH || undefined,
        runId,
        workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
        ref: env.GITHUB_REF || undefined,
        runUrl: owner && runId
            ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}/attempts/${env.GITHUB_RUN_ATTEMPT || '1'}`
            : undefined
    };
    const pr = common.payload.pull_request;
    if (pr) {
        return {
            ...common,
            headSha: pr.head.sha,
            pullRequest: { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha, baseRef: pr.base.ref },
            baseBranch: pr.base.ref,
            onDefaultBranch: false
        };
    }
    const { ref, before, repository } = common.payload;
    const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    return {
        ...common,
        headSha: common.sha,
        pushBefore: before && !/^0+$/.test(before) ? before : undefined,
        baseBranch: branch,
        pushBranch: branch,
        onDefaultBranch: branch !== undefined && branch === repository?.default_branch
    };
}
/** The repository as `{owner, repo}`, or the user's mistake of running outside GitHub Actions. */
function requireRepository(run) {
    if (!run.owner || !run.repo)
        throw new UserError('GITHUB_REPOSITORY is not set: this step must run in GitHub Actions (or set it as owner/name).');
    return { owner: run.owner, repo: run.repo };
}
function readPayload(eventPath) {
    if (!eventPath)
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(eventPath, 'utf8');
    }
    catch {
        // The runner always writes it; a local run may point at nothing.
        return {};
    }
    try {
        return JSON.parse(text);
    }
    catch {
        throw new user_error/* UserError */.y(`GITHUB_EVENT_PATH ${eventPath} is not JSON: it must be the runner's event payload.`);
    }
}

// EXTERNAL MODULE: ../../shared/report/github-limits.ts
var github_limits = __webpack_require__(1521);
;// CONCATENATED MODULE: ../../shared/runner/step-output.ts
/**
 * What a step hands on: outputs for the next steps and the job summary for people. @actions/core is loaded when
 * they are written, not before: validate-data reads its data without it.
 */

const CUT_NOTE = "… (cut to fit GitHub's 1 MiB job summary; the step's report file has everything)";
/** What this step has written to its job summary so far: the 1 MiB is per step, not per write. */
let summaryBytesWritten = 0;
async function setOutputs(outputs) {
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    for (const [name, value] of Object.entries(outputs))
        core.setOutput(name, value);
}
/** Appends to the step's job summary, cut with a note where it would pass GitHub's 1 MiB (never refused). */
async function writeJobSummary(markdown) {
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    const fitted = fitSummary(markdown, github_limits/* GITHUB_LIMITS */.f_.jobSummaryBytes - summaryBytesWritten);
    // Steps append to one summary file: each part ends its last line.
    const part = fitted.endsWith('\n') ? fitted : `${fitted}\n`;
    if (part.trim() === '')
        return;
    summaryBytesWritten += (0,github_limits/* byteLength */.dp)(part);
    await core.summary.addRaw(part).write();
}
/** The markdown, cut at a line boundary so that it, the note and a final line break fit the limit in UTF-8 bytes. */
function fitSummary(markdown, limit = github_limits/* GITHUB_LIMITS */.f_.jobSummaryBytes) {
    return (0,github_limits/* fitText */.vY)(markdown, { limitBytes: limit - 1, note: CUT_NOTE });
}

;// CONCATENATED MODULE: ../../shared/io/containment.ts


/**
 * Whether a path lies inside the folders a run may read and write (the workspace, RUNNER_TEMP) once `..` and
 * symbolic links are resolved: a pull request must not make a step read `/proc/self/environ` or write into
 * `~/.ssh` through a link it brought along.
 */
async function realRoots(roots) {
    // A root that does not exist (yet) stands for itself.
    return Promise.all(roots.map(root => (0,promises_.realpath)(root).catch(() => external_node_path_.resolve(root))));
}
/** `real` must itself be resolved (realpath). */
function insideAny(real, roots) {
    return roots.some(root => {
        const relative = external_node_path_.relative(root, real);
        return (relative === '' ||
            (relative !== '..' && !relative.startsWith(`..${external_node_path_.sep}`) && !external_node_path_.isAbsolute(relative)));
    });
}
/**
 * The real path `file` would have once created: its nearest existing ancestor resolved, the rest appended. A folder
 * made by `mkdir -p` through a link lands where the link points, so this is checked before anything is made.
 */
async function realPathToBe(file) {
    let rest = '';
    for (let at = external_node_path_.resolve(file);; at = external_node_path_.dirname(at)) {
        try {
            return external_node_path_.join(await (0,promises_.realpath)(at), rest);
        }
        catch {
            if (at === external_node_path_.dirname(at))
                return external_node_path_.resolve(file);
            rest = external_node_path_.join(external_node_path_.basename(at), rest);
        }
    }
}

// EXTERNAL MODULE: ../../shared/io/display-path.ts
var display_path = __webpack_require__(135);
;// CONCATENATED MODULE: ../../shared/io/output-file.ts





/**
 * Checks, before any work, that a file an input names as an output can be written: its folder lies inside the
 * workspace (or another allowed root, RUNNER_TEMP) once links are resolved, can be made, and the path is not a
 * folder itself. A report that cannot be written after a ten-minute validation is a wasted run; a raw EISDIR from
 * the final rename reads as our bug; and a link in a pull request must not send a report into `~/.ssh`. Returns
 * the absolute path; the folder exists afterwards.
 */
async function prepareOutputFile(raw, options) {
    const file = external_node_path_.resolve(options.workspace, raw);
    const name = (0,display_path/* displayPath */.G)(file, options.workspace);
    const fail = (problem) => new user_error/* UserError */.y(`Input '${options.input}': ${name} cannot be written: ${problem}.`, { file: name });
    // Checked before the folder is made: `mkdir -p` through a link would make folders where it points.
    const folder = await realPathToBe(external_node_path_.dirname(file));
    if (!insideAny(folder, await realRoots([options.workspace, ...(options.roots ?? [])]))) {
        const via = folder === external_node_path_.dirname(file) ? '' : ` (it resolves to ${folder})`;
        throw fail(`its folder lies outside the workspace${via}. Name a path inside the repository checkout or the runner temp folder`);
    }
    try {
        await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    }
    catch (error) {
        const code = error.code;
        if (code === 'EEXIST' || code === 'ENOTDIR')
            throw fail(`${await fileOnTheWay(external_node_path_.dirname(file), options.workspace)} is a file, not a folder`);
        if (code === 'EACCES' || code === 'EROFS')
            throw fail(`its folder cannot be created (${code})`);
        throw error;
    }
    if ((await (0,promises_.stat)(file).catch(() => undefined))?.isDirectory())
        throw new user_error/* UserError */.y(`Input '${options.input}': ${name} is a directory; name a file, such as ${name}/${options.input}.json.`, { file: name });
    return file;
}
/** The first path on the way to `folder` that exists and is not a folder. */
async function fileOnTheWay(folder, workspace) {
    for (let at = folder; at !== external_node_path_.dirname(at); at = external_node_path_.dirname(at)) {
        const info = await (0,promises_.stat)(at).catch(() => undefined);
        if (info && !info.isDirectory()) {
            // Every ancestor above this one exists, so the user's mistake is here.
            return (0,display_path/* displayPath */.G)(at, workspace);
        }
    }
    return (0,display_path/* displayPath */.G)(folder, workspace);
}

;// CONCATENATED MODULE: ../../shared/io/user-file.ts





const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Finds the file a user named and checks it is one we may read: it exists, is a regular file, is readable, and
 * lies inside the workspace (or another allowed root) after `..` and symbolic links are resolved — a pull
 * request must not make a step read `/proc/self/environ` or `~/.docker/config.json` through a path or a link.
 * Each failure is a UserError that names the input and the path, and says what would be right.
 */
async function locateUserFile(raw, options) {
    const absolute = external_node_path_.resolve(options.workspace, raw);
    const name = (0,display_path/* displayPath */.G)(absolute, options.workspace);
    const fail = (problem, fix) => new user_error/* UserError */.y(`Input '${options.input}': ${name} ${problem}. ${fix}`, { file: name });
    let real;
    try {
        real = await (0,promises_.realpath)(absolute);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            throw fail('does not exist', `Check the path (relative to the workspace ${options.workspace}), or the step that should have written it.`);
        if (code === 'EACCES')
            throw fail('cannot be read (permission denied)', 'Make it readable by the runner.');
        if (code === 'ELOOP')
            throw fail('is a loop of symbolic links', 'Point the input at the file itself.');
        throw error;
    }
    if (!options.allowOutside) {
        const roots = await realRoots([options.workspace, ...(options.roots ?? [])]);
        if (!insideAny(real, roots)) {
            const via = real === absolute ? '' : ` (it resolves to ${real})`;
            throw fail(`lies outside the workspace${via}`, 'Name a file inside the repository checkout or the runner temp folder.');
        }
    }
    const info = await (0,promises_.stat)(real);
    if (info.isDirectory())
        throw fail('is a directory, not a file', 'Name a file inside it, or use a glob input where there is one.');
    if (!info.isFile())
        throw fail('is not a regular file', 'Name a regular file.');
    const { maxBytes } = options;
    if (maxBytes !== undefined && info.size > maxBytes)
        throw fail(`is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} this input reads`, 'Check that it is the file you meant.');
    return { path: real, name };
}
/**
 * locateUserFile, then its text (UTF-8). A file of nothing but white space is refused: no config, metrics or
 * results file means anything empty, and an empty one is usually a step that failed to write it.
 */
async function readUserFile(raw, options) {
    const file = await locateUserFile(raw, { ...options, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES });
    let handle;
    try {
        handle = await (0,promises_.open)(file.path, 'r');
    }
    catch (error) {
        if (error.code === 'EACCES')
            throw new user_error/* UserError */.y(`Input '${options.input}': ${file.name} cannot be read (permission denied). Make it readable by the runner.`, { file: file.name });
        throw error;
    }
    let text;
    try {
        text = await handle.readFile('utf8');
    }
    finally {
        await handle.close();
    }
    if (text.trim() === '')
        throw new user_error/* UserError */.y(`Input '${options.input}': ${file.name} is empty. Check the step that writes it, or the path.`, { file: file.name });
    return { ...file, text };
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} bytes`;
    if (bytes < 1024 * 1024)
        return `${Math.ceil(bytes / 1024)} KiB`;
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

;// CONCATENATED MODULE: ../../shared/runner/user-files.ts


function userFiles(run) {
    const base = { workspace: run.workspace, roots: [run.runnerTemp] };
    return {
        locate: (input, raw, options = {}) => locateUserFile(raw, { ...base, ...options, input }),
        read: (input, raw, options = {}) => readUserFile(raw, { ...base, ...options, input }),
        output: (input, raw) => prepareOutputFile(raw, { ...base, input })
    };
}

// EXTERNAL MODULE: ../../shared/stats/profile.ts
var stats_profile = __webpack_require__(9397);
// EXTERNAL MODULE: ../../shared/stats/drift.ts + 1 modules
var stats_drift = __webpack_require__(4791);
;// CONCATENATED MODULE: ../../shared/stats/tolerance.ts
/**
 * Comparisons against a user's threshold, with a tolerance of a few units in the last place.
 *
 * A threshold is written in decimal and the value compared with it is computed in binary floating point, so a value
 * that is exactly on the threshold in decimal arithmetic can land one or two ulps either side of it: 0.86 − 0.85 is
 * 0.010000000000000009, and a KS statistic of exactly 1/10 is 0.09999999999999998. The error of such a result is
 * relative to the largest operand that produced it, not to the result (cancellation), so callers pass the
 * magnitudes of the operands along: `exceeds(baseline - candidate, maxDrop, baseline, candidate)`.
 *
 * Values within the tolerance count as ON the threshold. Every place that compares a computed number with a
 * threshold goes through these functions, so "at the limit" means the same thing everywhere. NaN is never at,
 * beyond or within anything: callers decide what a NaN means before they compare.
 */
/** How many units in the last place (of the largest magnitude involved) still count as equal. */
const THRESHOLD_ULPS = 8;
/** True when `a` and `b` are equal up to THRESHOLD_ULPS of the largest of |a|, |b| and the given magnitudes. */
function nearlyEqual(a, b, ...magnitudes) {
    if (a === b)
        return true;
    if (!Number.isFinite(a) || !Number.isFinite(b))
        return false;
    let scale = Math.max(Math.abs(a), Math.abs(b));
    for (const magnitude of magnitudes)
        if (Number.isFinite(magnitude))
            scale = Math.max(scale, Math.abs(magnitude));
    return Math.abs(a - b) <= THRESHOLD_ULPS * Number.EPSILON * scale;
}
/** `value > limit`, where a value within tolerance of the limit is on it, not beyond it. */
function exceeds(value, limit, ...magnitudes) {
    return value > limit && !nearlyEqual(value, limit, ...magnitudes);
}
/** `value >= limit`, where a value within tolerance below the limit counts as reaching it. */
function reaches(value, limit, ...magnitudes) {
    return value >= limit || nearlyEqual(value, limit, ...magnitudes);
}
/** `value < limit`, where a value within tolerance of the limit is on it, not below it. */
function fallsBelow(value, limit, ...magnitudes) {
    return value < limit && !nearlyEqual(value, limit, ...magnitudes);
}

// EXTERNAL MODULE: ../../shared/validation/rules.ts
var validation_rules = __webpack_require__(2981);
;// CONCATENATED MODULE: ../../shared/validation/drift-check.ts



/**
 * Every column in both profiles gets a score, drifted or not (TFDV hides them; users asked for them), or a
 * reason in `unscored`.
 */
function evaluateDrift(reference, current, rules, keys = []) {
    // A unique identifier has no distribution to drift: each batch of new rows brings new ids.
    const identifiers = new Set(keys.filter(key => key.columns.length === 1).map(key => key.columns[0]));
    const config = rules ?? { ...validation_rules/* DEFAULT_DRIFT */.Wd, file: 'rules' };
    for (const [column, spec] of config.columns) {
        if (!reference.columns.has(column)) {
            throw (0,validation_rules/* ruleError */.hV)(`drift.columns.${column}: the reference has no column '${column}' (it has ${[...reference.columns.keys()].join(', ')}). Remove the entry or fix the name.`, config.file, spec.line);
        }
    }
    const columns = [];
    const unscored = [];
    for (const [column, profile] of current.columns) {
        const referenceProfile = reference.columns.get(column);
        if (!referenceProfile)
            continue;
        const spec = config.columns.get(column);
        const skip = (reason) => unscored.push({ column, reason, gating: spec?.fail !== undefined });
        if (spec?.ignore) {
            skip(`left out by drift.columns.${column} (ignore: true)`);
            continue;
        }
        if (identifiers.has(column) && !spec) {
            skip('a unique key (an identifier has no distribution to drift); give it a drift entry to score it');
            continue;
        }
        const ref = referenceProfile.distribution();
        const cur = profile.distribution();
        if ('reason' in ref || 'reason' in cur) {
            skip([
                'reason' in ref ? `the reference has ${ref.reason}` : '',
                'reason' in cur ? `the current data has ${cur.reason}` : ''
            ]
                .filter(Boolean)
                .join('; '));
            continue;
        }
        // As Evidently: a number with at most 5 distinct values (a 0/1 label, a rating) is compared as categories.
        const fewValues = (d) => d.kind === 'numeric' && d.distinct !== undefined && d.distinct.size <= 5;
        const kind = ref.kind === 'numeric' && cur.kind === 'numeric' && !(fewValues(ref) && fewValues(cur))
            ? 'numeric'
            : 'categorical';
        const method = spec?.method ?? (kind === 'numeric' ? config.numeric : config.categorical);
        if ((kind === 'categorical' && stats_drift/* NUMERIC_ONLY */.nS.has(method)) ||
            (kind === 'numeric' && stats_drift/* CATEGORICAL_ONLY */.G7.has(method))) {
            if (spec?.method) {
                throw (0,validation_rules/* ruleError */.hV)(`drift.columns.${column}: ${method} does not apply to a ${kind} column.`, config.file, spec.line);
            }
            skip(`${method} (the default for ${kind === 'numeric' ? 'categories' : 'numbers'}) does not apply to a ${kind} column`);
            continue;
        }
        const refDist = kind === 'categorical' && ref.kind === 'numeric' ? asCategories(ref) : ref;
        const curDist = kind === 'categorical' && cur.kind === 'numeric' ? asCategories(cur) : cur;
        const drift = (0,stats_drift/* computeDrift */.f1)(method, refDist, curDist);
        const { score, pValue, magnitude } = drift;
        // Numbers compared as categories carry their sketch's approximation along.
        const approximation = drift.approximation ??
            ((ref.kind === 'numeric' && !ref.exact) || (cur.kind === 'numeric' && !cur.exact)
                ? 'sketch'
                : undefined);
        const threshold = spec?.fail ?? config.threshold;
        // On the threshold (within a few ulps, tolerance.ts) is drift: distances reach it, p-values do not fall below it.
        const beyond = (limit) => stats_drift/* P_VALUE_METHODS */.e.has(method) ? fallsBelow(score, limit, magnitude) : reaches(score, limit, magnitude);
        columns.push({
            column,
            method,
            score,
            ...(pValue === undefined ? {} : { pValue }),
            threshold,
            ...(spec?.warn === undefined ? {} : { warn: spec.warn }),
            drifted: beyond(threshold),
            warned: spec?.warn !== undefined && beyond(spec.warn),
            gating: spec?.fail !== undefined,
            referenceCount: ref.count,
            currentCount: cur.count,
            ...(approximation ? { approximation } : {})
        });
    }
    const drifted = columns.filter(c => c.drifted).length;
    const share = columns.length === 0 ? 0 : drifted / columns.length;
    return {
        columns,
        unscored,
        share,
        datasetShare: config.datasetShare,
        datasetDrift: columns.length > 0 && reaches(share, config.datasetShare, 1)
    };
}
/** A numeric distribution's points as categories, keyed by the number's text (as a CSV writes it). */
function asCategories(d) {
    const counts = new Map();
    for (let i = 0; i < d.values.length; i++) {
        const key = String(d.values[i]);
        counts.set(key, (counts.get(key) ?? 0) + (d.weights?.[i] ?? 1));
    }
    return { kind: 'categorical', counts, count: d.count };
}

// EXTERNAL MODULE: ../../node_modules/yaml/dist/index.js
var dist = __webpack_require__(3483);
// EXTERNAL MODULE: ../../shared/data/name-map.ts
var name_map = __webpack_require__(3601);
;// CONCATENATED MODULE: ../../shared/validation/infer.ts


/** At most this many distinct values make a column an enum in the starter schema (qsv uses 50, TFDV 100). */
const ENUM_LIMIT = 50;
/**
 * The one-command bootstrap: a starter JSON Schema and rules file from a profile of known-good data.
 * Ranges are the observed min and max, enums the observed categories; users are expected to edit them.
 */
function inferStarter(profile) {
    const properties = (0,name_map/* nameMap */.s)();
    const required = [];
    const columns = (0,name_map/* nameMap */.s)();
    for (const [name, column] of profile.columns) {
        const type = column.type;
        const nullable = column.nulls > 0;
        const present = column.count - column.nulls;
        const rule = { required: true };
        if (!nullable)
            rule.not_null = true;
        const property = {};
        const nonFinite = column.nonFinite.positive + column.nonFinite.negative + column.nonFinite.nan;
        if ((type === 'integer' || type === 'number') && nonFinite > 0) {
            // ±Infinity and NaN are values of no JSON Schema type and of no rules `type` (SECURITY.md): a starter that
            // must pass on the data it came from leaves the column's type open and says why.
            property.description = `${nonFinite} non-finite value(s) (Infinity, NaN): no JSON Schema type admits them`;
            if (column.finite > 0 && column.nonFinite.negative === 0)
                property.minimum = rule.min = column.min;
            if (column.finite > 0 && column.nonFinite.positive === 0)
                property.maximum = rule.max = column.max;
        }
        else if (type === 'integer' || type === 'number') {
            property.type = nullable ? [type, 'null'] : type;
            rule.type = type;
            // An infinite value (or no finite one) leaves that side unbounded: no finite bound holds for the data.
            if (column.finite > 0 && column.nonFinite.negative === 0)
                property.minimum = rule.min = column.min;
            if (column.finite > 0 && column.nonFinite.positive === 0)
                property.maximum = rule.max = column.max;
        }
        else if (type === 'boolean') {
            property.type = nullable ? ['boolean', 'null'] : 'boolean';
            rule.type = 'boolean';
        }
        else if (type === 'string' && (column.arrays === present || column.objects === present)) {
            // JSON arrays and objects (JSONL, Parquet LIST/STRUCT/MAP) are profiled as their JSON text.
            const shape = column.arrays === present ? 'array' : 'object';
            property.type = nullable ? [shape, 'null'] : shape;
        }
        else if (type === 'string') {
            property.type = nullable ? ['string', 'null'] : 'string';
            if (column.categories && column.categories.size <= ENUM_LIMIT) {
                const values = [...column.categories.keys()].sort();
                property.enum = nullable ? [...values, null] : values;
                rule.in = values;
            }
        }
        properties[name] = property;
        if (!nullable)
            required.push(name);
        columns[name] = rule;
    }
    const schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties,
        required
    };
    const rules = `# Starter rules inferred by mlci validate-data from ${profile.rows} rows: review and edit.\n` +
        (0,dist/* stringify */.As)({
            rows: { min: 1 },
            columns,
            drift: {
                defaults: { numeric: 'wasserstein', categorical: 'jensenshannon', threshold: 0.1 },
                dataset_share: 0.5
            }
        });
    return { schema, rules };
}

// EXTERNAL MODULE: ../../shared/validation/report.ts + 2 modules
var validation_report = __webpack_require__(327);
// EXTERNAL MODULE: ../../shared/validation/data-rule-result.ts
var data_rule_result = __webpack_require__(2461);
// EXTERNAL MODULE: ../../shared/validation/dataset-checks.ts
var dataset_checks = __webpack_require__(1462);
// EXTERNAL MODULE: ../../shared/validation/rule-columns.ts
var rule_columns = __webpack_require__(6292);
;// CONCATENATED MODULE: ../../shared/validation/shard-merge.ts





/**
 * Merges the reports of shards validated in parallel (mode: merge): counts add up rule by rule, examples are kept
 * up to `maxErrors` in all, and the profiles merge exactly. Rules about the whole dataset — the row count and null
 * fractions — are checked again on the merged profile when the rules file is given: per-shard verdicts do not add up.
 */
function mergeShardReports(shards, rulesFile, maxErrors) {
    const profile = new stats_profile/* Profile */.WV();
    const rules = new Map();
    const files = [];
    const sources = [];
    let examplesLeft = maxErrors;
    for (const { name, report: data } of shards) {
        const report = data;
        if (report?.mlciValidateData !== 1) {
            throw new user_error/* UserError */.y(`Input 'data': ${name} is not a validate-data report (no "mlciValidateData": 1); mode merge reads the reports of mode validate.`, { file: name });
        }
        files.push(...report.files);
        if (Array.isArray(report.sources))
            sources.push(...report.sources);
        const state = report.profile;
        if (state?.mlciProfile !== stats_profile/* PROFILE_VERSION */.PL) {
            throw new user_error/* UserError */.y(`Input 'data': ${name} holds a profile of version ${String(state?.mlciProfile)}; this mlci merges version ${stats_profile/* PROFILE_VERSION */.PL}. Validate that shard again with this version.`, { file: name });
        }
        const problem = (0,stats_profile/* profileStateProblem */.Kd)(state);
        if (problem)
            throw new user_error/* UserError */.y(`Input 'data': ${name} holds an unusable profile: ${problem}.`, { file: name });
        profile.merge(stats_profile/* Profile */.WV.fromJSON(state));
        for (const rule of report.rules) {
            const mine = rules.get(rule.id);
            const samples = rule.samples.slice(0, Math.max(examplesLeft, mine ? 0 : 1));
            examplesLeft = Math.max(0, examplesLeft - samples.length);
            if (!mine)
                rules.set(rule.id, { ...rule, samples });
            else {
                mine.considered += rule.considered;
                mine.violations += rule.violations;
                mine.samples.push(...samples);
            }
        }
    }
    // As in a run over all the files at once: a rule about a column no shard has is a mistake in the rules
    // file. Shards without rows have no column profiles, so they cannot tell.
    if (rulesFile && profile.rows > 0)
        (0,rule_columns/* checkRuleColumns */.o)(rulesFile, new Set(profile.columns.keys()), `the data of ${plural(shards.length, 'report')}`);
    rules.delete('rows');
    const wholeRules = rulesFile ? (0,dataset_checks/* checkNullFractions */.p)(rulesFile, profile) : [];
    for (const result of wholeRules)
        rules.delete(result.id);
    const merged = (0,data_rule_result/* finishResults */.W)([...rules.values()]);
    const rowRule = rulesFile ? (0,dataset_checks/* checkRowCount */._)(rulesFile.rows, profile.rows) : undefined;
    if (rowRule)
        wholeRules.push(rowRule);
    merged.push(...(0,data_rule_result/* finishResults */.W)(wholeRules));
    return { files, sources, profile, rules: merged };
}
function plural(count, noun) {
    return count === 1 ? `the ${noun}` : `the ${count} ${noun}s`;
}

// EXTERNAL MODULE: ../../shared/validation/structured-file.ts
var structured_file = __webpack_require__(5930);
// EXTERNAL MODULE: ../../shared/validation/validate-files.ts + 10 modules
var validate_files = __webpack_require__(2994);
// EXTERNAL MODULE: ../../shared/units/duration.ts
var duration = __webpack_require__(2070);
;// CONCATENATED MODULE: ../../shared/runner/inputs.ts



/** The runner passes `with:` values as INPUT_<NAME>: upper-cased, spaces to underscores, hyphens kept. */
function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
const envInputSource = name => (process.env[inputEnvName(name)] ?? '').trim();
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
/**
 * Reads every input of an action once, strictly. Each method takes the input's name as its first
 * argument, written as a literal: `scripts/check-actions.mjs` reads those names to prove that the code and
 * action.yml declare the same inputs. A bad value is a UserError that names the input and what would be right.
 */
class InputReader {
    source;
    workspace;
    constructor(source = envInputSource, workspace = process.env.GITHUB_WORKSPACE || process.cwd()) {
        this.source = source;
        this.workspace = workspace;
    }
    string(name, options = {}) {
        const raw = this.source(name);
        if (raw !== '')
            return raw;
        if (options.required)
            throw new user_error/* UserError */.y(`Input '${name}' is required but was not given.`);
        return options.default ?? '';
    }
    optionalString(name) {
        const raw = this.source(name);
        return raw === '' ? undefined : raw;
    }
    /** YAML 1.2 core-schema booleans only, as the runner's own getBooleanInput: `yes`, `1` and `on` are refused. */
    boolean(name, options) {
        const raw = this.source(name);
        if (raw === '')
            return options.default;
        if (TRUE_WORDS.includes(raw))
            return true;
        if (FALSE_WORDS.includes(raw))
            return false;
        throw new user_error/* UserError */.y(`Input '${name}' must be true or false, got '${clip(raw)}'.`);
    }
    number(name, options = {}) {
        const raw = this.source(name);
        if (raw === '') {
            if (options.default !== undefined)
                return options.default;
            throw new user_error/* UserError */.y(`Input '${name}' is required: give a number.`);
        }
        const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
        const kind = options.integer ? 'an integer' : 'a number';
        if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
            throw new user_error/* UserError */.y(`Input '${name}' must be ${kind}, got '${clip(raw)}'.`);
        }
        if (options.min !== undefined && value < options.min) {
            throw new user_error/* UserError */.y(`Input '${name}' must be at least ${options.min}, got ${raw}.`);
        }
        if (options.max !== undefined && value > options.max) {
            throw new user_error/* UserError */.y(`Input '${name}' must be at most ${options.max}, got ${raw}.`);
        }
        return value;
    }
    /** A duration such as `90s`, `10m` or `1h30m`, in milliseconds. */
    duration(name, options) {
        const raw = this.source(name) || options.default;
        const ms = (0,duration/* parseDuration */.E)(raw);
        if (ms === undefined) {
            throw new user_error/* UserError */.y(`Input '${name}' must be a duration such as 90s, 10m or 1h30m (units ms, s, m, h, d), got '${clip(raw)}'.`);
        }
        return ms;
    }
    choice(name, choices, options) {
        const raw = this.source(name);
        if (raw === '')
            return options.default;
        if (choices.includes(raw))
            return raw;
        throw new user_error/* UserError */.y(`Input '${name}' must be one of ${choices.join(', ')}; got '${clip(raw)}'.`);
    }
    /** A list separated by newlines or commas; blank entries are dropped. */
    list(name, options = {}) {
        const items = splitList(this.source(name));
        if (options.required && items.length === 0) {
            throw new user_error/* UserError */.y(`Input '${name}' is required: give one or more values, one per line or comma-separated.`);
        }
        return items;
    }
    /** A file path resolved against GITHUB_WORKSPACE, as a relative path in a workflow means. */
    path(name, options = {}) {
        const raw = this.string(name, options);
        return raw === '' ? undefined : external_node_path_.resolve(this.workspace, raw);
    }
    /**
     * Glob patterns (newline or comma separated), kept as text: expandGlobs resolves them against the workspace.
     * Patterns are not split on commas inside braces, so `*.{json,yaml}` stays one pattern.
     */
    globs(name, options = {}) {
        const patterns = splitList(this.source(name), true);
        if (options.required && patterns.length === 0) {
            throw new user_error/* UserError */.y(`Input '${name}' is required: give a path or glob pattern.`);
        }
        return patterns;
    }
}
function splitList(raw, keepBraces = false) {
    const items = [];
    for (const line of raw.split(/\r?\n/)) {
        let depth = 0;
        let current = '';
        for (const char of line) {
            if (keepBraces && char === '{')
                depth++;
            if (keepBraces && char === '}')
                depth = Math.max(0, depth - 1);
            if (char === ',' && depth === 0) {
                items.push(current);
                current = '';
            }
            else {
                current += char;
            }
        }
        items.push(current);
    }
    return items.map(item => item.trim()).filter(item => item !== '');
}
function clip(text) {
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// EXTERNAL MODULE: ../../shared/runner/github-token.ts
var github_token = __webpack_require__(1592);
// EXTERNAL MODULE: ../../shared/data/table.ts + 3 modules
var table = __webpack_require__(1394);
;// CONCATENATED MODULE: ./src/inputs.ts



function getInputs(run, reader = new InputReader(undefined, run.workspace)) {
    const checkName = reader.optionalString('check-name');
    const token = reader.string('github-token');
    // Checked before any data is read: the check run comes last.
    if (checkName !== undefined)
        (0,github_token/* requireToken */.F)(token, `check-name '${checkName}' (the check run a branch rule can require; remove it to skip)`, 'checks: write');
    return {
        data: reader.globs('data', { required: true }),
        format: reader.choice('format', ['auto', ...table/* TABLE_FORMATS */.A], { default: 'auto' }),
        schema: reader.optionalString('schema'),
        rules: reader.optionalString('rules'),
        reference: reader.optionalString('reference'),
        profileOut: reader.path('profile-out'),
        mode: reader.choice('mode', ['validate', 'infer', 'merge'], { default: 'validate' }),
        maxErrors: reader.number('max-errors', { default: 1000, min: 0, integer: true }),
        failOn: reader.choice('fail-on', ['error', 'warning', 'never'], { default: 'error' }),
        report: reader.path('report') ?? `${run.runnerTemp}/mlci-validate-data/report.json`,
        checkName,
        token
    };
}

// EXTERNAL MODULE: ./src/validation-worker.ts
var validation_worker = __webpack_require__(5526);
;// CONCATENATED MODULE: ./src/main.ts



















/** `entry` is the bundle's entry file, which the validation worker runs again. */
async function run(entry) {
    const runJob = job => (0,validation_worker/* runValidationJob */.E)(job, entry);
    const context = readRunContext();
    const inputs = getInputs(context);
    const files = userFiles(context);
    // Where the report and profile go is checked before the data is read, not after.
    await files.output('report', inputs.report);
    if (inputs.profileOut)
        await files.output('profile-out', inputs.profileOut);
    const data = await Promise.all((await expandGlobs('data', inputs.data, context.workspace)).map(file => files.locate('data', file)));
    if (inputs.mode === 'infer')
        return infer(inputs, context, data, files, runJob);
    const rulesFile = inputs.rules ? await files.locate('rules', inputs.rules) : undefined;
    const schemaFile = inputs.schema ? await files.locate('schema', inputs.schema) : undefined;
    if (inputs.mode === 'merge')
        return finish(inputs, context, await mergeReports(inputs, data, rulesFile, files, runJob));
    const job = {
        files: data,
        format: inputs.format,
        rules: rulesFile,
        schema: schemaFile,
        maxErrors: inputs.maxErrors,
        purpose: 'validate',
        // Drift is computed on the exact values where they fit in memory (KEPT_VALUES_BUDGET).
        keepValues: inputs.reference !== undefined
    };
    // Read the rules (and a Table Schema) here first: their mistakes are reported before any data is read.
    // The worker compiles a JSON Schema (and reports its mistakes) before it reads any data.
    const { rules } = await (0,validate_files/* loadRules */.A)(job, { compile: false });
    // runner/log.ts needs no @actions/core: that (and the HTTP client it imports, ~30 MB resident) is loaded
    // only once the data has been read, so it does not add to the validation's peak memory.
    log/* info */.pq `Validating ${data.map(f => f.name).join(', ')}`;
    const started = performance.now();
    // Hashed while the worker validates: the digests name what was validated (publish's provenance and ML-BOM).
    const [outcome, sources] = await Promise.all([runJob(job), digestSources(data)]);
    const seconds = (performance.now() - started) / 1000;
    log/* info */.pq `Read ${outcome.rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s (${Math.round(outcome.rows / seconds).toLocaleString('en')} rows/s)`;
    const drift = inputs.reference
        ? evaluateDrift(await loadReference(inputs, inputs.reference, files, runJob), profileOf(outcome), rules.drift, rules.unique)
        : undefined;
    await finish(inputs, context, buildReport(inputs, data, sources, outcome.rows, outcome.results, drift, outcome.profile));
}
/** sha256 and size of each data file, as sha256sum prints them. */
async function digestSources(data) {
    const sources = [];
    for (const file of data) {
        const { digest, size } = await digestFile(file.path);
        sources.push({ file: file.name, sha256: digest.slice('sha256:'.length), bytes: size });
    }
    return sources;
}
function buildReport(inputs, files, sources, rows, rules, drift, profile) {
    const { errors, warnings } = (0,validation_report/* countFindings */.Gt)(rules, drift);
    return {
        mlciValidateData: 1,
        valid: (0,validation_report/* isValid */.fn)(inputs.failOn, errors, warnings),
        failOn: inputs.failOn,
        files: files.map(f => (typeof f === 'string' ? f : f.name)),
        sources,
        rows,
        errors,
        warnings,
        rules,
        drift,
        driftedColumns: drift?.columns.filter(c => c.drifted).map(c => c.column) ?? [],
        profile
    };
}
async function finish(inputs, context, report) {
    await writeFileAtomically(inputs.report, JSON.stringify(report, null, 1) + '\n');
    let profilePath = '';
    if (inputs.profileOut) {
        // The profile names the files it describes by digest too; readers of profiles ignore the extra key.
        await writeFileAtomically(inputs.profileOut, JSON.stringify({ ...report.profile, sources: report.sources }) + '\n');
        profilePath = inputs.profileOut;
    }
    annotate(report.rules);
    for (const column of report.drift?.columns ?? []) {
        if (column.drifted || column.warned) {
            const message = log/* text */.Qq `drift in '${column.column}': ${column.method} ${column.score.toPrecision(4)} (threshold ${column.threshold})`;
            if (column.drifted && column.gating)
                log/* error */.z3(message, { title: 'mlci validate-data: drift' });
            else
                log/* warning */.$e(message, { title: 'mlci validate-data: drift' });
        }
    }
    for (const column of report.drift?.unscored ?? []) {
        // A column with its own fail rule and no score is an error (countFindings), so it is annotated as one.
        if (column.gating)
            log/* error */.z3(log/* text */.Qq `drift in '${column.column}' cannot be scored: ${column.reason}`, {
                title: 'mlci validate-data: drift'
            });
    }
    await setOutputs({
        valid: String(report.valid),
        rows: String(report.rows),
        errors: String(report.errors),
        warnings: String(report.warnings),
        'drifted-columns': JSON.stringify(report.driftedColumns),
        report: inputs.report,
        profile: profilePath
    });
    const summary = (0,validation_report/* renderSummary */.Br)(report);
    await writeJobSummary(summary);
    if (inputs.checkName) {
        // Octokit is loaded only when a check run is asked for (it also keeps the validation worker lean).
        const { createCheckRun } = await Promise.all(/* import() */[__webpack_require__.e(825), __webpack_require__.e(179), __webpack_require__.e(143)]).then(__webpack_require__.bind(__webpack_require__, 9143));
        await createCheckRun(inputs, context, report, summary);
    }
    const verdict = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)${report.drift?.datasetDrift ? ', dataset drift' : ''}.`;
    if (report.valid)
        log/* info */.pq `Valid: ${verdict}`;
    else
        log/* fail */.fJ `The data failed validation (fail-on: ${inputs.failOn}): ${verdict} See the job summary and ${inputs.report}.`;
}
function annotate(rules) {
    const failed = rules.filter(r => r.failed).sort((a, b) => b.violations - a.violations);
    for (const level of ['error', 'warning']) {
        // All of them, the most violated first: the log shows as many as GitHub keeps as annotations (runner/log.ts).
        for (const rule of failed.filter(r => r.severity === level)) {
            const first = rule.samples[0];
            const properties = { title: `mlci validate-data: ${rule.id}` };
            if (first?.file) {
                properties.file = first.file;
                if (first.location === 'line')
                    properties.startLine = first.line;
            }
            if (level === 'error')
                log/* error */.z3(log/* text */.Qq `${(0,validation_report/* describeRule */.IO)(rule)}`, properties);
            else
                log/* warning */.$e(log/* text */.Qq `${(0,validation_report/* describeRule */.IO)(rule)}`, properties);
        }
    }
}
/** A profile file (JSON with "mlciProfile") or a dataset, profiled the same way as the data. */
async function loadReference(inputs, raw, files, runJob) {
    if (/\.json$/i.test(raw)) {
        const file = await files.read('reference', raw);
        const state = (0,structured_file/* parseStructuredText */.S)(file.text, file.name);
        if (typeof state?.mlciProfile === 'number' && state.mlciProfile !== stats_profile/* PROFILE_VERSION */.PL) {
            throw new user_error/* UserError */.y(`${file.name} is a profile of version ${state.mlciProfile}; this mlci reads version ${stats_profile/* PROFILE_VERSION */.PL}. Write it again with profile-out (or mode: infer) from the reference data.`, { file: file.name });
        }
        if (state?.mlciProfile !== stats_profile/* PROFILE_VERSION */.PL) {
            throw new user_error/* UserError */.y(`${file.name} is not a profile written by profile-out (no "mlciProfile").`, {
                file: file.name
            });
        }
        const problem = (0,stats_profile/* profileStateProblem */.Kd)(state);
        if (problem) {
            throw new user_error/* UserError */.y(`${file.name} cannot be a drift reference: ${problem}. Write it again with profile-out (or mode: infer) from the reference data.`, { file: file.name });
        }
        return stats_profile/* Profile */.WV.fromJSON(state);
    }
    const file = await files.locate('reference', raw);
    const outcome = await runJob({
        files: [file],
        format: inputs.format,
        maxErrors: 0,
        purpose: 'profile',
        keepValues: true
    });
    return profileOf(outcome);
}
/** The profile of a validation job, with the values it kept for drift. */
function profileOf(outcome) {
    const profile = stats_profile/* Profile */.WV.fromJSON(outcome.profile);
    profile.attachKeptValues(outcome.values);
    return profile;
}
async function infer(inputs, context, data, files, runJob) {
    // In mode infer, schema and rules name where to write the starters (beside the report unless given): checked
    // before the data is read, as every output is.
    const dir = external_node_path_.dirname(inputs.report);
    const output = (input, raw, fallback) => raw === undefined ? Promise.resolve(external_node_path_.join(dir, fallback)) : files.output(input, raw);
    const schemaPath = await output('schema', inputs.schema, 'schema.json');
    const rulesPath = await output('rules', inputs.rules, 'rules.yml');
    const job = {
        files: data,
        format: inputs.format,
        maxErrors: inputs.maxErrors,
        purpose: 'infer'
    };
    const [outcome, sources] = await Promise.all([runJob(job), digestSources(data)]);
    const profile = stats_profile/* Profile */.WV.fromJSON(outcome.profile);
    const starter = inferStarter(profile);
    const profilePath = inputs.profileOut ?? external_node_path_.join(dir, 'profile.json');
    await writeFileAtomically(schemaPath, JSON.stringify(starter.schema, null, 2) + '\n');
    await writeFileAtomically(rulesPath, starter.rules);
    await finish({ ...inputs, profileOut: profilePath }, context, buildReport(inputs, job.files, sources, outcome.rows, [], undefined, outcome.profile));
    const shown = (file) => external_node_path_.relative(context.workspace, file) || file;
    log/* info */.pq `Inferred ${shown(schemaPath)}, ${shown(rulesPath)} and ${shown(profilePath)}.`;
}
async function mergeReports(inputs, reports, rulesFile, files, runJob) {
    const shards = await Promise.all(reports.map(async ({ path: file }) => {
        const { name, text } = await files.read('data', file);
        return { name, report: (0,structured_file/* parseStructuredText */.S)(text, name) };
    }));
    const rules = rulesFile
        ? (0,validation_rules/* parseRules */.NR)((await files.read('rules', rulesFile.path)).text, rulesFile.name)
        : undefined;
    const merged = mergeShardReports(shards, rules, inputs.maxErrors);
    const drift = inputs.reference
        ? evaluateDrift(await loadReference(inputs, inputs.reference, files, runJob), merged.profile, rules?.drift, rules?.unique)
        : undefined;
    return buildReport(inputs, merged.files, merged.sources, merged.profile.rows, merged.rules, drift, merged.profile.toJSON());
}


/***/ }),

/***/ 3601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ownValue),
/* harmony export */   s: () => (/* binding */ nameMap)
/* harmony export */ });
/**
 * Objects keyed by names that come from users' files: metric names, column names, slice values, rule ids. A plain
 * `{}` answers `constructor`, `toString` or `hasOwnProperty` with what it inherits from Object.prototype, and
 * `record['__proto__'] = value` sets its prototype instead of a key, so a metric called `toString` would read
 * as present before it was ever written and one called `__proto__` would vanish. These have no prototype: every
 * name is a key like any other. They serialise with JSON.stringify as plain objects do.
 */
function nameMap(entries = []) {
    const map = Object.create(null);
    for (const [name, value] of entries)
        map[name] = value;
    return map;
}
/**
 * The value `record` holds under `name` itself, never one it inherits: for records that may come from
 * JSON.parse (results files, digests, artifacts), which have Object.prototype.
 */
function ownValue(record, name) {
    return record != null && Object.hasOwn(record, name) ? record[name] : undefined;
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

/***/ 1592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ requireToken)
/* harmony export */ });
/* harmony import */ var _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6696);

/**
 * The token for a GitHub feature the workflow asked for, or the user's mistake of an empty one: every action says
 * it the same way, before any work. `feature` completes "… needs a token", e.g. "check-name 'mlci/evaluate'".
 * Kept apart from the client so that a step can check it without loading Octokit.
 */
function requireToken(token, feature, permission) {
    if (token === '')
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`Input 'github-token' is empty, but ${feature} needs a token: pass github-token: \${{ github.token }} ` +
            `and give the job 'permissions: ${permission}'.`);
    return token;
}


/***/ }),

/***/ 327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Gt: () => (/* binding */ countFindings),
  IO: () => (/* binding */ describeRule),
  fn: () => (/* binding */ isValid),
  Br: () => (/* binding */ renderSummary)
});

// EXTERNAL MODULE: ../../shared/report/visible-text.ts
var visible_text = __webpack_require__(1137);
;// CONCATENATED MODULE: ../../shared/report/markdown.ts

/**
 * Markdown rendering for text we do not control (metric names, column values, PR titles).
 * Escaping is done once, here, so no caller can forget it: a cell can neither break the table,
 * inject HTML, an image or a link, start a heading or a list, ping a user or team with an @mention,
 * reference an issue (#1, owner/repo#5, GH-12), autolink a URL or an e-mail address, typeset math,
 * nor hide or reorder text with invisible characters.
 */
// `[` and `]` are enough to stop links and images; `|` would end a table cell; `$` starts GitHub's math.
const MARKDOWN_SPECIALS = /[\\`*_[\]|~$]/g;
const HTML_SPECIALS = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * GitHub links these in rendered text, after markdown and entities are processed, so a backslash cannot stop
 * them; an invisible break inside the pattern does. It is written as the entity `&#8203;` (a zero-width space),
 * so the markdown itself holds no raw invisible character: those in the input are all shown (visible-text.ts).
 */
const BREAK = '&#8203;';
const AUTOLINKS = [
    // Issue and pull request references: #12, owner/repo#12; GH-12.
    // `&#` only starts our own entities: input `&` is `&amp;` by now.
    [/(?<!&)#(?=\d)/g, `#${BREAK}`],
    [/(gh)-(?=\d)/gi, `$1${BREAK}-`],
    // URLs GitHub autolinks (GFM's extended autolinks: http://, https://, ftp://, www.).
    [/(https?|ftp)(?=:\/\/)/gi, `$1${BREAK}`],
    [/(www)(?=\.)/gi, `$1${BREAK}`]
];
/**
 * Where a line may start (a list item's text): `# x` is a heading, `- x`, `+ x`, `1. x` lists, `---` a rule.
 * A table cell starts no block, but `+1`, `-0.5` or `0.9` there is unchanged: only a marker followed by a space
 * (or the end) is one.
 */
const BLOCK_START = /^(#(?=#*(?:\s|$))|[-+](?=\s|-|$)|\d{1,9}(?=[.)](?:\s|$)))/;
function escapeMarkdown(text) {
    let escaped = (0,visible_text/* revealHidden */.C)(text.replace(/[\r\n\t]+/g, ' '))
        .replace(/[&<>"]/g, char => HTML_SPECIALS[char])
        .replace(MARKDOWN_SPECIALS, char => `\\${char}`)
        // Four leading spaces would make an indented code block: the first is written as an entity.
        .replace(/^ /, '&#32;')
        .replace(BLOCK_START, (marker) => (/\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
    for (const [pattern, replacement] of AUTOLINKS)
        escaped = escaped.replace(pattern, replacement);
    return escaped.replace(/@(?=[A-Za-z0-9])/g, (at, offset, whole) => keepsAt(whole, offset) ? at : `@${BREAK}`);
}
/**
 * An @ followed by a letter or digit is a mention (@org/team), an e-mail address GFM links (me@example.com,
 * pkg@1.2), or a commit reference (owner/repo@a5c3785), and gets a break. One that follows a name and is
 * followed by a dotless word (not a commit hash) and a colon stays as it is: an image digest (model@sha256:…),
 * which readers copy.
 */
function keepsAt(text, at) {
    const after = text.slice(at);
    return (/\w$/.test(text.slice(0, at)) && /^@[A-Za-z0-9-]+:/.test(after) && !/^@[0-9a-fA-F]{7,40}\b/.test(after));
}
const SEPARATOR = { left: ':---', right: '---:', center: ':---:' };
function renderTable(columns, rows) {
    const head = `| ${columns.map(column => escapeMarkdown(column.header)).join(' | ')} |`;
    const rule = `|${columns.map(column => SEPARATOR[column.align ?? 'left']).join('|')}|`;
    const body = rows.map(row => `| ${row.map(renderCell).join(' | ')} |`);
    return [head, rule, ...body].join('\n');
}
function renderCell(cell) {
    return typeof cell === 'string' ? escapeMarkdown(cell) : cell.markdown.replace(/[\r\n]+/g, ' ');
}

;// CONCATENATED MODULE: ../../shared/report/number-format.ts
/**
 * Formats a number to `digits` significant digits without float noise (never 0.30000000000000004)
 * and without exponents for the magnitudes metrics usually have.
 */
function formatNumber(value, digits = 4) {
    if (Number.isNaN(value))
        return 'NaN';
    if (!Number.isFinite(value))
        return value > 0 ? '∞' : '−∞';
    if (value === 0)
        return '0';
    const magnitude = Math.abs(value);
    if (magnitude >= 1e-6 && magnitude < 1e15) {
        const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
        const rounded = Number(value.toFixed(Math.min(decimals, 100)));
        if (Number.isInteger(rounded) && Math.abs(rounded) >= 10 ** digits)
            return String(rounded);
        return trimZeros(rounded.toFixed(Math.min(decimals, 100)));
    }
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent}`;
}
function trimZeros(text) {
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

;// CONCATENATED MODULE: ../../shared/validation/report.ts


/** How an approximate score is shown (README, Drift). */
const APPROXIMATIONS = { sketch: 'on the sketch', 'hash-classes': 'on hash classes: a lower bound' };
function countFindings(rules, drift) {
    let errors = 0;
    let warnings = 0;
    for (const rule of rules) {
        if (!rule.failed)
            continue;
        if (rule.severity === 'error')
            errors += rule.violations;
        else
            warnings += rule.violations;
    }
    if (drift) {
        for (const column of drift.columns) {
            if (column.drifted && column.gating)
                errors++;
            else if (column.drifted || column.warned)
                warnings++;
        }
        // A column with its own fail rule that cannot be scored must not pass silently.
        for (const column of drift.unscored)
            if (column.gating)
                errors++;
        if (drift.datasetDrift)
            errors++;
    }
    return { errors, warnings };
}
function isValid(failOn, errors, warnings) {
    if (failOn === 'never')
        return true;
    return failOn === 'error' ? errors === 0 : errors + warnings === 0;
}
function whereOf(sample) {
    if (!sample.file)
        return '';
    return sample.location === 'line' ? `${sample.file}:${sample.line}` : `${sample.file} row ${sample.line}`;
}
/** One line per failed rule, worded for an annotation. */
function describeRule(rule) {
    const first = rule.samples[0];
    if (first && !first.file)
        return `${rule.id}: expected ${rule.description}, got ${first.value}`;
    const share = rule.considered > 0
        ? ` (${formatNumber((rule.violations / rule.considered) * 100, 3)}% of ${rule.considered})`
        : '';
    const mostly = rule.mostly < 1 ? `, mostly ${rule.mostly} required` : '';
    const example = first
        ? `; first at ${whereOf(first) || 'dataset level'}: '${first.value}'${first.message ? ` (${first.message})` : ''}`
        : '';
    return `${rule.id}: ${rule.violations} row(s) break "${rule.description}"${share}${mostly}${example}`;
}
function renderSummary(report, maxRows = 20) {
    const verdict = report.valid ? '✅ passed' : '❌ failed';
    const parts = [
        `### mlci validate-data: ${verdict}`,
        '',
        `${report.rows} rows in ${report.files.map(f => `\`${escapeMarkdown(f)}\``).join(', ')}: ${report.errors} error(s), ${report.warnings} warning(s) (fail-on: ${report.failOn}).`,
        ''
    ];
    const ruleRows = report.rules.map(rule => [
        rule.failed ? (rule.severity === 'error' ? '❌' : '⚠️') : '✅',
        rule.id,
        rule.description,
        String(rule.violations),
        String(rule.considered),
        rule.mostly < 1 ? String(rule.mostly) : ''
    ]);
    if (ruleRows.length) {
        parts.push(renderTable([
            { header: '' },
            { header: 'rule' },
            { header: 'expects' },
            { header: 'violations', align: 'right' },
            { header: 'checked', align: 'right' },
            { header: 'mostly', align: 'right' }
        ], ruleRows), '');
    }
    const bad = report.rules
        .filter(r => r.failed)
        .flatMap(rule => rule.samples.map(sample => ({ rule, sample })));
    if (bad.length) {
        parts.push('#### First bad rows', '');
        parts.push(renderTable([{ header: 'where' }, { header: 'rule' }, { header: 'value' }, { header: 'note' }], bad
            .slice(0, maxRows)
            .map(({ rule, sample }) => [whereOf(sample), rule.id, sample.value, sample.message ?? ''])), '');
    }
    if (report.drift) {
        const d = report.drift;
        parts.push(`#### Drift: ${d.columns.filter(c => c.drifted).length} of ${d.columns.length} column(s) drifted (share ${formatNumber(d.share, 3)}, dataset drifts at ≥ ${d.datasetShare})${d.datasetDrift ? ' — dataset drift' : ''}`, '');
        parts.push(renderTable([
            { header: 'column' },
            { header: 'method' },
            { header: 'score', align: 'right' },
            { header: 'threshold', align: 'right' },
            { header: 'drifted' }
        ], [
            ...d.columns.map(c => [
                c.column,
                c.approximation ? `${c.method} (${APPROXIMATIONS[c.approximation]})` : c.method,
                formatNumber(c.score),
                formatNumber(c.threshold),
                c.drifted ? 'yes' : c.warned ? 'warn' : 'no'
            ]),
            ...d.unscored.map(c => [
                c.column,
                '',
                '',
                '',
                `no score: ${c.reason}${c.gating ? ' (fails: the column has its own fail rule)' : ''}`
            ])
        ]), '');
    }
    return parts.join('\n');
}


/***/ })

};
