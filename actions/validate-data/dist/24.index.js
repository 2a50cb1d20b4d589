export const id = 24;
export const ids = [24];
export const modules = {

/***/ 8024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../shared/action/user-error.ts
var user_error = __webpack_require__(5815);
;// CONCATENATED MODULE: ../../shared/action/globs.ts



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

// EXTERNAL MODULE: ../../shared/stats/profile.ts + 1 modules
var stats_profile = __webpack_require__(9288);
// EXTERNAL MODULE: ../../shared/stats/drift.ts + 1 modules
var drift = __webpack_require__(4791);
// EXTERNAL MODULE: ../../shared/validation/rules.ts + 2 modules
var validation_rules = __webpack_require__(6395);
;// CONCATENATED MODULE: ../../shared/validation/drift-check.ts


/** Every column in both profiles gets a score, drifted or not (TFDV hides them; users asked for them). */
function evaluateDrift(reference, current, rules, keys = []) {
    // A unique identifier has no distribution to drift: each batch of new rows brings new ids.
    const identifiers = new Set(keys.filter(key => key.length === 1).map(([column]) => column));
    const config = rules ?? { ...validation_rules/* DEFAULT_DRIFT */.Wd, file: 'rules' };
    for (const [column, spec] of config.columns) {
        if (!reference.columns.has(column)) {
            throw (0,validation_rules/* ruleError */.hV)(`drift.columns.${column}: the reference has no column '${column}' (it has ${[...reference.columns.keys()].join(', ')}). Remove the entry or fix the name.`, config.file, spec.line);
        }
    }
    const columns = [];
    for (const [column, profile] of current.columns) {
        const referenceProfile = reference.columns.get(column);
        if (!referenceProfile || (identifiers.has(column) && !config.columns.has(column)))
            continue;
        const ref = referenceProfile.distribution();
        const cur = profile.distribution();
        if (!ref || !cur)
            continue;
        // As Evidently: a number with at most 5 distinct values (a 0/1 label, a rating) is compared as categories.
        const fewValues = (d) => d.kind === 'numeric' && d.distinct !== undefined && d.distinct.size <= 5;
        const kind = ref.kind === 'numeric' && cur.kind === 'numeric' && !(fewValues(ref) && fewValues(cur))
            ? 'numeric'
            : 'categorical';
        const spec = config.columns.get(column);
        const method = spec?.method ?? (kind === 'numeric' ? config.numeric : config.categorical);
        if ((kind === 'categorical' && drift/* NUMERIC_ONLY */.nS.has(method)) ||
            (kind === 'numeric' && drift/* CATEGORICAL_ONLY */.G7.has(method))) {
            if (spec?.method) {
                throw (0,validation_rules/* ruleError */.hV)(`drift.columns.${column}: ${method} does not apply to a ${kind} column.`, config.file, spec.line);
            }
            continue;
        }
        const refDist = kind === 'categorical' && ref.kind === 'numeric' ? asCategories(ref) : ref;
        const curDist = kind === 'categorical' && cur.kind === 'numeric' ? asCategories(cur) : cur;
        const { score, pValue } = (0,drift/* computeDrift */.f1)(method, refDist, curDist);
        const threshold = spec?.fail ?? config.threshold;
        const beyond = (limit) => (drift/* P_VALUE_METHODS */.e.has(method) ? score < limit : score >= limit);
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
            currentCount: cur.count
        });
    }
    const drifted = columns.filter(c => c.drifted).length;
    const share = columns.length === 0 ? 0 : drifted / columns.length;
    return {
        columns,
        share,
        datasetShare: config.datasetShare,
        datasetDrift: columns.length > 0 && share >= config.datasetShare
    };
}
function asCategories(d) {
    const counts = new Map();
    d.values.forEach((v, i) => counts.set(String(v), (counts.get(String(v)) ?? 0) + d.weights[i]));
    return { kind: 'categorical', counts, count: d.count };
}

// EXTERNAL MODULE: ../../node_modules/yaml/dist/index.js
var dist = __webpack_require__(3483);
;// CONCATENATED MODULE: ../../shared/validation/infer.ts

/** At most this many distinct values make a column an enum in the starter schema (qsv uses 50, TFDV 100). */
const ENUM_LIMIT = 50;
/**
 * The one-command bootstrap: a starter JSON Schema and rules file from a profile of known-good data.
 * Ranges are the observed min and max, enums the observed categories; users are expected to edit them.
 */
function inferStarter(profile) {
    const properties = {};
    const required = [];
    const columns = {};
    for (const [name, column] of profile.columns) {
        const type = column.type;
        const nullable = column.nulls > 0;
        const rule = { required: true };
        if (!nullable)
            rule.not_null = true;
        const property = {};
        if (type === 'integer' || type === 'number') {
            property.type = nullable ? [type, 'null'] : type;
            property.minimum = column.min;
            property.maximum = column.max;
            rule.type = type;
            rule.min = column.min;
            rule.max = column.max;
        }
        else if (type === 'boolean') {
            property.type = nullable ? ['boolean', 'null'] : 'boolean';
            rule.type = 'boolean';
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
// EXTERNAL MODULE: ../../shared/validation/structured-file.ts
var structured_file = __webpack_require__(5930);
// EXTERNAL MODULE: ../../shared/validation/validate-files.ts + 1 modules
var validate_files = __webpack_require__(8636);
// EXTERNAL MODULE: ../../shared/validation/validator.ts + 2 modules
var validator = __webpack_require__(625);
;// CONCATENATED MODULE: ../../shared/units/duration.ts
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
/**
 * Parses a duration such as `90s`, `10m`, `1h30m` or `250ms` into milliseconds.
 * A bare number is not accepted: `10` could mean seconds or minutes, and guessing wrong
 * silently stretches a bake or an analysis window. Returns undefined when the text is not a duration.
 */
function parseDuration(text) {
    const trimmed = text.trim();
    if (trimmed === '')
        return undefined;
    let total = 0;
    PART.lastIndex = 0;
    while (PART.lastIndex < trimmed.length) {
        const start = PART.lastIndex;
        const match = PART.exec(trimmed);
        if (!match || match.index !== start)
            return undefined;
        total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return total;
}
/** Formats milliseconds back into the shortest form parseDuration reads (`90000` → `1m30s`). */
function formatDuration(ms) {
    if (ms === 0)
        return '0s';
    let rest = ms;
    let text = '';
    for (const unit of ['d', 'h', 'm', 's', 'ms']) {
        const size = UNIT_MS[unit];
        const count = Math.floor(rest / size);
        if (count > 0) {
            text += `${count}${unit}`;
            rest -= count * size;
        }
    }
    return text;
}

;// CONCATENATED MODULE: ../../shared/action/inputs.ts



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
        const ms = parseDuration(raw);
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

// EXTERNAL MODULE: ../../shared/data/table.ts + 3 modules
var table = __webpack_require__(1394);
;// CONCATENATED MODULE: ./src/inputs.ts


function getInputs(reader = new InputReader()) {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const runnerTemp = process.env.RUNNER_TEMP || workspace;
    return {
        data: reader.globs('data', { required: true }),
        format: reader.choice('format', ['auto', ...table/* TABLE_FORMATS */.Aj], { default: 'auto' }),
        schema: reader.path('schema'),
        rules: reader.path('rules'),
        reference: reader.path('reference'),
        profileOut: reader.path('profile-out'),
        mode: reader.choice('mode', ['validate', 'infer', 'merge'], { default: 'validate' }),
        maxErrors: reader.number('max-errors', { default: 1000, min: 0, integer: true }),
        failOn: reader.choice('fail-on', ['error', 'warning', 'never'], { default: 'error' }),
        report: reader.path('report') ?? `${runnerTemp}/mlci-validate-data/report.json`,
        checkName: reader.optionalString('check-name'),
        token: reader.string('github-token'),
        workspace
    };
}

// EXTERNAL MODULE: ./src/validation-worker.ts
var validation_worker = __webpack_require__(5526);
;// CONCATENATED MODULE: ./src/main.ts














/** GitHub shows at most 10 annotations of each level per step: spend them on the largest rules. */
const ANNOTATIONS_PER_LEVEL = 10;
/** `entry` is the bundle's entry file, which the validation worker runs again. */
async function run(entry) {
    const runJob = job => (0,validation_worker/* runValidationJob */.E)(job, entry);
    const inputs = getInputs();
    const named = (file) => ({
        path: file,
        name: external_node_path_.relative(inputs.workspace, file) || file
    });
    const files = (await expandGlobs('data', inputs.data, inputs.workspace)).map(named);
    const rulesFile = inputs.rules ? named(inputs.rules) : undefined;
    const schemaFile = inputs.schema ? named(inputs.schema) : undefined;
    if (inputs.mode === 'merge')
        return finish(inputs, await mergeReports(inputs, files, rulesFile, named, runJob));
    const job = {
        files,
        format: inputs.format,
        rules: rulesFile,
        schema: schemaFile,
        maxErrors: inputs.maxErrors,
        purpose: inputs.mode === 'infer' ? 'infer' : 'validate'
    };
    if (inputs.mode === 'infer')
        return infer(inputs, job, named, runJob);
    // Read the rules (and a Table Schema) here first: their mistakes are reported before any data is read.
    // The worker compiles a JSON Schema (and reports its mistakes) before it reads any data.
    const { rules } = await (0,validate_files/* loadRules */.A)(job, { compile: false });
    // Plain stdout, as core.info writes it: @actions/core (and the HTTP client it imports, ~30 MB resident)
    // is loaded only once the data has been read, so it does not add to the validation's peak memory.
    process.stdout.write(`Validating ${files.map(f => f.name).join(', ')}\n`);
    const started = performance.now();
    const outcome = await runJob(job);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`Read ${outcome.rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s (${Math.round(outcome.rows / seconds).toLocaleString('en')} rows/s)\n`);
    const drift = inputs.reference
        ? evaluateDrift(await loadReference(inputs, named(inputs.reference), runJob), stats_profile/* Profile */.WV.fromJSON(outcome.profile), rules.drift, rules.unique)
        : undefined;
    await finish(inputs, buildReport(inputs, files, outcome.rows, outcome.results, drift, outcome.profile));
}
function buildReport(inputs, files, rows, rules, drift, profile) {
    const { errors, warnings } = (0,validation_report/* countFindings */.Gt)(rules, drift);
    return {
        mlciValidateData: 1,
        valid: (0,validation_report/* isValid */.fn)(inputs.failOn, errors, warnings),
        failOn: inputs.failOn,
        files: files.map(f => (typeof f === 'string' ? f : f.name)),
        rows,
        errors,
        warnings,
        rules,
        drift,
        driftedColumns: drift?.columns.filter(c => c.drifted).map(c => c.column) ?? [],
        profile
    };
}
async function finish(inputs, report) {
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    await writeAtomically(inputs.report, JSON.stringify(report, null, 1) + '\n');
    let profilePath = '';
    if (inputs.profileOut) {
        await writeAtomically(inputs.profileOut, JSON.stringify(report.profile) + '\n');
        profilePath = inputs.profileOut;
    }
    annotate(core, report.rules);
    for (const column of report.drift?.columns ?? []) {
        if (column.drifted || column.warned) {
            const message = `drift in '${column.column}': ${column.method} ${column.score.toPrecision(4)} (threshold ${column.threshold})`;
            if (column.drifted && column.gating)
                core.error(message, { title: 'mlci validate-data: drift' });
            else
                core.warning(message, { title: 'mlci validate-data: drift' });
        }
    }
    core.setOutput('valid', String(report.valid));
    core.setOutput('rows', String(report.rows));
    core.setOutput('errors', String(report.errors));
    core.setOutput('warnings', String(report.warnings));
    core.setOutput('drifted-columns', JSON.stringify(report.driftedColumns));
    core.setOutput('report', inputs.report);
    core.setOutput('profile', profilePath);
    const summary = (0,validation_report/* renderSummary */.Br)(report);
    await core.summary.addRaw(summary, true).write();
    if (inputs.checkName) {
        // Octokit is loaded only when a check run is asked for (it also keeps the validation worker lean).
        const { createCheckRun } = await Promise.all(/* import() */[__webpack_require__.e(825), __webpack_require__.e(179), __webpack_require__.e(181)]).then(__webpack_require__.bind(__webpack_require__, 9181));
        await createCheckRun(inputs, report, summary);
    }
    const verdict = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)${report.drift?.datasetDrift ? ', dataset drift' : ''}.`;
    if (report.valid)
        core.info(`Valid: ${verdict}`);
    else
        core.setFailed(`The data failed validation (fail-on: ${inputs.failOn}): ${verdict} See the job summary and ${inputs.report}.`);
}
function annotate(core, rules) {
    const failed = rules.filter(r => r.failed).sort((a, b) => b.violations - a.violations);
    for (const level of ['error', 'warning']) {
        for (const rule of failed.filter(r => r.severity === level).slice(0, ANNOTATIONS_PER_LEVEL)) {
            const first = rule.samples[0];
            const properties = { title: `mlci validate-data: ${rule.id}` };
            if (first?.file) {
                properties.file = first.file;
                if (first.location === 'line')
                    properties.startLine = first.line;
            }
            if (level === 'error')
                core.error((0,validation_report/* describeRule */.IO)(rule), properties);
            else
                core.warning((0,validation_report/* describeRule */.IO)(rule), properties);
        }
    }
}
/** A profile file (JSON with "mlciProfile") or a dataset, profiled the same way as the data. */
async function loadReference(inputs, file, runJob) {
    if (/\.json$/i.test(file.path)) {
        const state = (await (0,structured_file/* readStructuredFile */.U)(file.path, file.name));
        if (typeof state?.mlciProfile === 'number' && state.mlciProfile !== stats_profile/* PROFILE_VERSION */.PL) {
            throw new user_error/* UserError */.y(`${file.name} is a profile of version ${state.mlciProfile}; this mlci reads version ${stats_profile/* PROFILE_VERSION */.PL}. Write it again with profile-out (or mode: infer) from the reference data.`, { file: file.name });
        }
        if (state?.mlciProfile !== stats_profile/* PROFILE_VERSION */.PL) {
            throw new user_error/* UserError */.y(`${file.name} is not a profile written by profile-out (no "mlciProfile").`, {
                file: file.name
            });
        }
        return stats_profile/* Profile */.WV.fromJSON(state);
    }
    const outcome = await runJob({ files: [file], format: inputs.format, maxErrors: 0, purpose: 'profile' });
    return stats_profile/* Profile */.WV.fromJSON(outcome.profile);
}
async function infer(inputs, job, named, runJob) {
    const outcome = await runJob(job);
    const profile = stats_profile/* Profile */.WV.fromJSON(outcome.profile);
    const starter = inferStarter(profile);
    const dir = external_node_path_.dirname(inputs.report);
    const schemaPath = inputs.schema ?? external_node_path_.join(dir, 'schema.json');
    const rulesPath = inputs.rules ?? external_node_path_.join(dir, 'rules.yml');
    const profilePath = inputs.profileOut ?? external_node_path_.join(dir, 'profile.json');
    await writeAtomically(schemaPath, JSON.stringify(starter.schema, null, 2) + '\n');
    await writeAtomically(rulesPath, starter.rules);
    await finish({ ...inputs, profileOut: profilePath }, buildReport(inputs, job.files, outcome.rows, [], undefined, outcome.profile));
    const core = await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 2825));
    core.info(`Inferred ${named(schemaPath).name}, ${named(rulesPath).name} and ${named(profilePath).name}.`);
}
async function mergeReports(inputs, files, rulesFile, named, runJob) {
    const profile = new stats_profile/* Profile */.WV();
    const rules = new Map();
    const names = [];
    let examplesLeft = inputs.maxErrors;
    for (const file of files) {
        const report = (await (0,structured_file/* readStructuredFile */.U)(file.path, file.name));
        if (report?.mlciValidateData !== 1) {
            throw new user_error/* UserError */.y(`${file.name} is not a validate-data report (no "mlciValidateData": 1).`, {
                file: file.name
            });
        }
        names.push(...report.files);
        profile.merge(stats_profile/* Profile */.WV.fromJSON(report.profile));
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
    // Row counts are rechecked on the whole: per-shard verdicts do not add up.
    rules.delete('rows');
    const parsed = rulesFile
        ? (0,validation_rules/* parseRules */.NR)(await (0,promises_.readFile)(rulesFile.path, 'utf8'), rulesFile.name)
        : undefined;
    const drift = inputs.reference
        ? evaluateDrift(await loadReference(inputs, named(inputs.reference), runJob), profile, parsed?.drift, parsed?.unique)
        : undefined;
    // As the row count, null fractions are rechecked on the merged profile (when the rules file is given).
    const wholeRules = parsed ? (0,validator/* checkNullFractions */.p6)(parsed, profile) : [];
    for (const result of wholeRules)
        rules.delete(result.id);
    const merged = (0,validator/* finishResults */.Wu)([...rules.values()]);
    const rowRule = parsed ? (0,validator/* checkRowCount */._m)(parsed.rows, profile.rows) : undefined;
    if (rowRule)
        wholeRules.push(rowRule);
    merged.push(...(0,validator/* finishResults */.Wu)(wholeRules));
    return buildReport(inputs, names, profile.rows, merged, drift, profile.toJSON());
}
/** Write to a temporary file then rename: a reader never sees half a report. */
async function writeAtomically(file, content) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await (0,promises_.writeFile)(temporary, content);
    await (0,promises_.rename)(temporary, file);
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

// UNUSED EXPORTS: whereOf

;// CONCATENATED MODULE: ../../shared/report/markdown.ts
/**
 * Markdown rendering for text we do not control (metric names, column values, PR titles).
 * Escaping is done once, here, so no caller can forget it: a cell can neither break the table,
 * inject HTML or an image, nor ping a user or team with an @mention.
 */
// `[` and `]` are enough to stop links and images; `|` would end a table cell.
const MARKDOWN_SPECIALS = /[\\`*_[\]|~]/g;
const HTML_SPECIALS = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeMarkdown(text) {
    return (text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/[&<>"]/g, char => HTML_SPECIALS[char])
        .replace(MARKDOWN_SPECIALS, char => `\\${char}`)
        // A mention needs an @ that does not follow a word character: model@sha256:… and emails stay intact.
        .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '@\u200b'));
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
        ], d.columns.map(c => [
            c.column,
            c.method,
            formatNumber(c.score),
            formatNumber(c.threshold),
            c.drifted ? 'yes' : c.warned ? 'warn' : 'no'
        ])), '');
    }
    return parts.join('\n');
}


/***/ })

};
