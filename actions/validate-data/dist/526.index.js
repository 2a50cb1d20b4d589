export const id = 526;
export const ids = [526];
export const modules = {

/***/ 5526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ runValidationJob),
/* harmony export */   serveValidationJob: () => (/* binding */ serveValidationJob)
/* harmony export */ });
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _shared_errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6696);
/* harmony import */ var _shared_validation_validate_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2994);
/* harmony import */ var _shared_runner_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2897);




/**
 * Validation runs in a worker thread with a small young generation: V8's default lets it grow to tens of
 * MB before collecting the strings made for text cells and examples, while 8 MB keeps memory flat at no
 * measurable cost in speed. The worker is this same bundle, started again with the job as workerData
 * (index.ts tells the two apart).
 */
const YOUNG_GENERATION_MB = 8;
/** Long reads report the rows read so far to the log, this often. */
const PROGRESS_EVERY_MS = 5000;
async function serveValidationJob() {
    const job = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.workerData.mlciValidationJob;
    let reply;
    try {
        let next = performance.now() + PROGRESS_EVERY_MS;
        const progress = (rows, file) => {
            if (performance.now() < next)
                return;
            next = performance.now() + PROGRESS_EVERY_MS;
            node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort.postMessage({ progress: { rows, file } });
        };
        reply = { outcome: await (0,_shared_validation_validate_files_js__WEBPACK_IMPORTED_MODULE_2__/* .validateFiles */ .k)(job, progress) };
    }
    catch (error) {
        const e = error;
        reply = {
            error: {
                message: e.message,
                stack: e.stack,
                user: (0,_shared_errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .isUserError */ .i)(error),
                location: (0,_shared_errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .isUserError */ .i)(error) ? error.location : undefined
            }
        };
    }
    // Kept values move to the main thread rather than being copied: the worker ends right after.
    const buffers = new Set(Object.values(reply.outcome?.values ?? {}).map(v => v.buffer));
    node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort.postMessage(reply, [...buffers]);
}
function runValidationJob(job, entry) {
    return new Promise((resolve, reject) => {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(entry, {
            workerData: { mlciValidationJob: job },
            resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
        });
        // The answer is acted on once the worker has exited and its heap is gone: the report and
        // @actions/core that come next must not add to the validation's memory at its peak.
        let reply;
        let crash;
        const started = performance.now();
        worker.on('message', (message) => {
            if (!message.progress)
                reply = message;
            else {
                const { rows, file } = message.progress;
                const seconds = ((performance.now() - started) / 1000).toFixed(0);
                _shared_runner_log_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq `… ${rows.toLocaleString('en')} rows read (${file}, ${seconds} s)`;
            }
        });
        worker.once('error', error => (crash = error));
        worker.once('exit', code => {
            if (crash)
                reject(crash);
            else if (reply?.outcome)
                resolve(reply.outcome);
            else if (reply?.error?.user)
                reject(new _shared_errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(reply.error.message, reply.error.location));
            else if (reply?.error)
                reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
            else
                reject(new Error(`the validation worker exited with code ${code} before answering`));
        });
    });
}


/***/ }),

/***/ 7188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ parseConfigFile)
/* harmony export */ });
/* unused harmony export ConfigValue */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3483);
/* harmony import */ var _data_json_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5852);
/* harmony import */ var _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6696);
/* harmony import */ var _units_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2070);
/* harmony import */ var _suggest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1177);





/**
 * Strict reading of the YAML (or JSON) files users write: rules, policies, analysis plans.
 * Every value keeps its file and line, so a wrong value or an unknown key is reported where it is,
 * with the nearest valid key suggested. Nothing is silently ignored: a typo in a policy must never
 * turn a gate off.
 */
function parseConfigFile(text, file) {
    // An empty config would parse as null and say "expected a mapping": the real news is that nothing is there.
    if (text.trim() === '')
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${file} is empty: it must hold a YAML mapping.`, { file });
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const [first] = document.errors;
    if (first) {
        const line = first.linePos?.[0].line;
        // The yaml parser recurses once per level of flow nesting: a few hundred levels exhaust the stack, which it
        // reports as an error of the document rather than crashing.
        const message = /Maximum call stack size exceeded/.test(first.message)
            ? `nested more than ${_data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTING */ .M1} levels deep.`
            : `not valid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line });
    }
    checkStructure(document, file, lines);
    return new ConfigValue(document.contents, { file, lines, document, path: '' });
}
/** How many times the anchors of one file may be expanded by aliases: `yaml`'s own default, made explicit. */
const MAX_ALIAS_COUNT = 100;
/**
 * Refuses, at its line, a collection nested more than MAX_NESTING levels deep and an alias to a collection that
 * contains it (`eval: &e { again: *e }` would make a value that contains itself, which nothing can flatten or
 * print). The walk keeps its pending nodes in an array, not on the call stack. Aliases resolve as `yaml` resolves
 * them: to the last anchor of that name before the alias, in document order.
 */
function checkStructure(document, file, lines) {
    const lineOf = (node) => lines.linePos(node.range?.[0] ?? 0).line;
    const anchors = new Map();
    /** The collections around the node being looked at, outermost first. */
    const around = [];
    const pending = [[document.contents, 0]];
    while (pending.length > 0) {
        const [node, depth] = pending.pop();
        around.length = depth;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            const source = anchors.get(node.source);
            const problem = source === undefined
                ? `the alias *${node.source} has no anchor &${node.source} before it.`
                : around.includes(source)
                    ? `the alias *${node.source} refers to the value that contains it, so the value would contain itself.`
                    : undefined;
            if (problem !== undefined) {
                const line = lineOf(node);
                throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${file}:${line}: ${problem}`, { file, line });
            }
            continue;
        }
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(node))
            continue;
        if (node.anchor)
            anchors.set(node.anchor, node);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3)(node))
            continue;
        if (depth + 1 > _data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTING */ .M1) {
            const line = lineOf(node);
            throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${file}:${line}: nested more than ${_data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTING */ .M1} levels deep.`, { file, line });
        }
        around.push(node);
        const children = node.items.flatMap(item => ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item) ? [item.key, item.value] : [item]));
        for (let i = children.length - 1; i >= 0; i--)
            pending.push([children[i], depth + 1]);
    }
}
class ConfigValue {
    place;
    keyOffset;
    node;
    constructor(node, place, 
    /** The offset of this value's key in its mapping, for errors about the key itself. */
    keyOffset) {
        this.place = place;
        this.keyOffset = keyOffset;
        // An alias reads as the value of its anchor (checkStructure has refused one that contains itself).
        this.node = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node) ? node.resolve(place.document) : node;
    }
    /** Dotted path from the root, as users see it in messages (`columns.age.min`). */
    get path() {
        return this.place.path || '(top level)';
    }
    get file() {
        return this.place.file;
    }
    get line() {
        const offset = this.node?.range?.[0] ?? this.place.anchor ?? 0;
        return this.place.lines.linePos(offset).line;
    }
    /** The line of this value's key in its mapping (of the value itself in a list): where a name is written. */
    get keyLine() {
        return this.keyOffset === undefined ? this.line : this.place.lines.linePos(this.keyOffset).line;
    }
    get present() {
        return this.node !== null && this.node !== undefined && !((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(this.node) && this.node.value === null);
    }
    /**
     * The plain JavaScript value, for free-form parts such as a JSON Schema embedded in YAML, with its aliases
     * resolved (never dropped). An alias bomb (anchors expanded past MAX_ALIAS_COUNT) is refused, and so is a value
     * that aliases make deeper than MAX_NESTING.
     */
    toJS() {
        if (this.node === null || this.node === undefined)
            return undefined;
        let value;
        try {
            value = this.node.toJS(this.place.document, { maxAliasCount: MAX_ALIAS_COUNT });
        }
        catch (error) {
            // yaml throws a ReferenceError for an alias it may not expand (too many expansions, no anchor before it).
            if (!(error instanceof ReferenceError))
                throw error;
            throw this.error(/Excessive alias count/.test(error.message)
                ? `its aliases expand to too many copies of their anchors (more than ${MAX_ALIAS_COUNT}); write the values out.`
                : `an alias cannot be resolved: ${error.message}.`);
        }
        if ((0,_data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .nestsDeeperThan */ .ix)(value, _data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTING */ .M1))
            throw this.error(`nested more than ${_data_json_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTING */ .M1} levels deep once its aliases are resolved.`);
        return value;
    }
    /** A UserError at this value's line. */
    error(message) {
        return new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${this.file}:${this.line}: ${this.path}: ${message}`, {
            file: this.file,
            line: this.line
        });
    }
    /**
     * A mapping whose keys must all be in `allowed`; an unknown key fails with the nearest valid one.
     * Returns accessors for each allowed key (missing keys give a value whose `present` is false).
     */
    object(allowed) {
        const entries = this.entries();
        for (const [key, value] of entries) {
            if (!allowed.includes(key)) {
                const guess = (0,_suggest_js__WEBPACK_IMPORTED_MODULE_4__/* .suggestNearest */ .nD)(key, allowed);
                const hint = guess ? `did you mean '${guess}'?` : `valid keys are ${allowed.join(', ')}.`;
                throw value.keyError(`unknown key '${key}': ${hint}`);
            }
        }
        const found = new Map(entries);
        return Object.fromEntries(allowed.map(key => [
            key,
            found.get(key) ?? new ConfigValue(undefined, this.child(key, this.node?.range?.[0]))
        ]));
    }
    /** A mapping with free keys (column names, metric names), in file order. */
    entries() {
        if (!this.present)
            return [];
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(this.node))
            throw this.typeError('a mapping');
        return this.node.items.map(pair => {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : String(pair.key);
            const keyOffset = pair.key?.range?.[0];
            return [
                key,
                new ConfigValue(pair.value ?? null, this.child(key, keyOffset), keyOffset)
            ];
        });
    }
    list() {
        if (!this.present)
            return [];
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(this.node))
            throw this.typeError('a list');
        return this.node.items.map((item, index) => new ConfigValue(item, this.child(String(index), item.range?.[0])));
    }
    string() {
        const value = this.scalar();
        if (typeof value !== 'string')
            throw this.typeError('a string');
        return value;
    }
    number(options = {}) {
        const value = this.scalar();
        if (typeof value !== 'number' || !Number.isFinite(value))
            throw this.typeError('a number');
        if (options.integer && !Number.isInteger(value))
            throw this.error(`must be a whole number, got ${value}.`);
        if (options.min !== undefined && value < options.min) {
            throw this.error(`must be at least ${options.min}, got ${value}.`);
        }
        if (options.max !== undefined && value > options.max) {
            throw this.error(`must be at most ${options.max}, got ${value}.`);
        }
        return value;
    }
    /**
     * A duration such as `90s` or `10m`, in milliseconds. YAML reads `bake: 10` as a number: say that it needs a unit
     * rather than "must be a string" (see units/duration.ts for why a bare number is never guessed).
     */
    duration() {
        const value = this.scalar();
        const example = 'must be a duration such as 30s or 10m';
        if (typeof value === 'number')
            throw this.error(`${example}, got the bare number ${value}: give it a unit (${value}s or ${value}m).`);
        if (typeof value !== 'string')
            throw this.error(`${example}, got ${JSON.stringify(value)}.`);
        const ms = (0,_units_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E)(value);
        if (ms === undefined)
            throw this.error(`${example}, got '${value}'.`);
        return ms;
    }
    boolean() {
        const value = this.scalar();
        if (typeof value !== 'boolean')
            throw this.typeError('true or false');
        return value;
    }
    choice(choices) {
        const value = this.string();
        if (choices.includes(value))
            return value;
        const guess = (0,_suggest_js__WEBPACK_IMPORTED_MODULE_4__/* .suggestNearest */ .nD)(value, choices);
        throw this.error(`'${value}' is not one of ${choices.join(', ')}${guess ? `; did you mean '${guess}'?` : '.'}`);
    }
    /** Optional variants: undefined when the key is absent. */
    optional(read) {
        return this.present ? read(this) : undefined;
    }
    keyError(message) {
        const offset = this.keyOffset ?? this.node?.range?.[0] ?? 0;
        const line = this.place.lines.linePos(offset).line;
        return new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${this.file}:${line}: ${message}`, { file: this.file, line });
    }
    scalar() {
        if (!this.present)
            throw this.error('is required.');
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(this.node))
            throw this.typeError('a single value');
        return this.node.value;
    }
    typeError(expected) {
        const actual = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(this.node) ? 'a mapping' : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(this.node) ? 'a list' : JSON.stringify(this.toJS());
        return this.error(`must be ${expected}, got ${actual}.`);
    }
    child(key, anchor) {
        return { ...this.place, path: this.place.path === '' ? key : `${this.place.path}.${key}`, anchor };
    }
}


/***/ }),

/***/ 1177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nD: () => (/* binding */ suggestNearest),
/* harmony export */   uD: () => (/* binding */ misspeltFrom)
/* harmony export */ });
/* unused harmony export editDistance */
/**
 * "Did you mean" for a misspelt key: the closest candidate by Damerau–Levenshtein distance (a swap of
 * two neighbouring letters counts as one edit, the commonest typo), if it is close enough to be a guess
 * rather than noise.
 */
function suggestNearest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const tolerance = Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= tolerance ? best : undefined;
}
/**
 * The known word `word` is a misspelling of, in a vocabulary that also admits words of its own (JSON Schema's
 * annotations, a Table Schema field's own properties): only a near miss counts, one edit in four letters (at
 * least one), so that `minimun` is taken for `minimum` but `unit` is not taken for `not`, nor `kind` for `id`.
 */
function misspeltFrom(word, known) {
    const guess = suggestNearest(word, known);
    if (guess === undefined)
        return undefined;
    return editDistance(word.toLowerCase(), guess.toLowerCase()) <= Math.max(1, Math.floor(word.length / 4))
        ? guess
        : undefined;
}
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}


/***/ }),

/***/ 2521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ CellSpans),
/* harmony export */   k: () => (/* binding */ numericReading)
/* harmony export */ });
/**
 * The buffer that the cells of a delimited file's span batches point into, turned into strings and numbers
 * on demand. When the buffer is all ASCII it is decoded once, and each cell's text is a slice of that
 * string (a fraction of the cost of decoding cells one by one, which only non-ASCII buffers pay).
 */
class CellSpans {
    bytes;
    ascii;
    decoded;
    constructor(bytes, 
    /** True when every byte that any cell covers is ASCII (then a byte offset is a character offset). */
    ascii) {
        this.bytes = bytes;
        this.ascii = ascii;
    }
    /** The text of the cell bytes[start, end); an `end` below zero (~end) marks a quoted cell holding doubled quotes. */
    text(start, end) {
        const escaped = end < 0;
        if (escaped)
            end = ~end;
        let text;
        if (this.ascii) {
            this.decoded ??= this.bytes.toString('latin1');
            text = this.decoded.slice(start, end);
        }
        else {
            text = this.bytes.toString('utf8', start, end);
        }
        return escaped ? text.replace(/""/g, '"') : text;
    }
    /** `numericReading` of the cell, parsed from its bytes without making a string when it can be. */
    number(start, end) {
        if (end >= 0 && this.ascii) {
            if (end - start >= MAX_NUMERIC_LENGTH)
                return NaN;
            const c = start < end ? this.bytes[start] : -1;
            if (!MAY_START_NUMBER[c & 0x7f] && c !== -1)
                return NaN;
            const fast = parseDecimal(this.bytes, start, end);
            if (fast !== undefined)
                return fast;
        }
        return numericReading(this.text(start, end));
    }
    /** True when the cell is exactly `true` or `false` (the profile's boolean reading). */
    isBooleanWord(start, end) {
        const b = this.bytes;
        const length = end - start;
        if (length === 4)
            return b[start] === 116 && b[start + 1] === 114 && b[start + 2] === 117 && b[start + 3] === 101;
        if (length === 5)
            return (b[start] === 102 &&
                b[start + 1] === 97 &&
                b[start + 2] === 108 &&
                b[start + 3] === 115 &&
                b[start + 4] === 101);
        return false;
    }
    /** The batch with every cell as a string, for readers of `Table.batches()`. */
    toRowBatch(batch) {
        const values = batch.starts.map((starts, c) => {
            const ends = batch.ends[c];
            const column = new Array(batch.length);
            for (let r = 0; r < batch.length; r++)
                column[r] = this.text(starts[r], ends[r]);
            return column;
        });
        // A row batch belongs to its reader, while a span batch's arrays are reused: copy the lines.
        return {
            columns: batch.columns,
            values,
            lines: batch.lines.slice(),
            length: batch.length,
            rowOffset: batch.rowOffset
        };
    }
}
/**
 * Longer cells are not read as numbers: long digit strings are identifiers, and Number() on them would
 * only lose digits.
 */
const MAX_NUMERIC_LENGTH = 40;
/**
 * How the profile and the rules read a text cell as a number: Number(text) when shorter than 40 characters,
 * but only for a decimal number (or Infinity), as in data files and Python's float(): Number() also reads
 * `0x1F`, `0o7` and `0b1` as integers and blank text as 0, and none of them is a number in a data file.
 */
function numericReading(text) {
    if (text.length >= MAX_NUMERIC_LENGTH)
        return NaN;
    const value = Number(text);
    if (value !== value)
        return value;
    return NOT_DECIMAL.test(text) ? NaN : value;
}
/** Blank text, or a binary, octal or hexadecimal literal (Number() refuses them signed): what Number() reads beyond decimals. */
const NOT_DECIMAL = /^\s*(?:$|0[xXoObB])/;
/**
 * ASCII bytes that can begin a string Number() accepts: digits, sign, point, `I` (Infinity) and the
 * whitespace it trims. Any other first byte means NaN without parsing.
 */
const MAY_START_NUMBER = (() => {
    const table = new Uint8Array(128);
    for (const c of '0123456789+-.I \t\n\v\f\r')
        table[c.charCodeAt(0)] = 1;
    return table;
})();
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/**
 * The value of a plain decimal (`-12.5`, `3e-7`) written in bytes, or undefined when the text is anything
 * else or is beyond the exact fast path. At most 15 significant digits and a power of ten within ±22 are
 * both exact doubles, so one IEEE multiplication or division rounds correctly (Clinger 1990): the result is
 * always what Number() returns. Everything else (hex, Infinity, whitespace, long mantissas) goes to Number().
 */
function parseDecimal(b, start, end) {
    let i = start;
    let negative = false;
    if (b[i] === 45 || b[i] === 43)
        negative = b[i++] === 45;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let seen = false;
    for (; i < end; i++) {
        const d = b[i] - 48;
        if (d < 0 || d > 9)
            break;
        seen = true;
        if (mantissa === 0 && d === 0)
            continue;
        if (++digits > 15)
            return undefined;
        mantissa = mantissa * 10 + d;
    }
    if (i < end && b[i] === 46) {
        for (i++; i < end; i++) {
            const d = b[i] - 48;
            if (d < 0 || d > 9)
                break;
            seen = true;
            scale--;
            if (mantissa === 0 && d === 0)
                continue;
            if (++digits > 15)
                return undefined;
            mantissa = mantissa * 10 + d;
        }
    }
    if (!seen)
        return undefined;
    if (i < end && (b[i] === 101 || b[i] === 69)) {
        i++;
        let exponentNegative = false;
        if (b[i] === 45 || b[i] === 43)
            exponentNegative = b[i++] === 45;
        let exponent = 0;
        const first = i;
        for (; i < end; i++) {
            const d = b[i] - 48;
            if (d < 0 || d > 9)
                break;
            if (exponent < 100000)
                exponent = exponent * 10 + d;
        }
        if (i === first)
            return undefined;
        scale += exponentNegative ? -exponent : exponent;
    }
    if (i !== end)
        return undefined;
    if (mantissa === 0)
        return negative ? -0 : 0;
    if (scale < -22 || scale > 22)
        return undefined;
    const value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
    return negative ? -value : value;
}


/***/ }),

/***/ 5852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M1: () => (/* binding */ MAX_NESTING),
/* harmony export */   R4: () => (/* binding */ locateJsonError),
/* harmony export */   T1: () => (/* binding */ locateDeepNesting),
/* harmony export */   ix: () => (/* binding */ nestsDeeperThan)
/* harmony export */ });
/**
 * How deep the JSON and YAML files users give us may nest. Metric files, policies, rules and JSON Schemas need a
 * few levels, rarely twenty; the readers and ajv recurse once per level, and past a few thousand levels the stack
 * runs out. Refusing at 100 is a clear error where a stack overflow would have been a crash.
 */
const MAX_NESTING = 100;
/**
 * Finds where JSON.parse gave up. V8 names a position for some errors only ("Unexpected token '}'"
 * has none), and users need a line to fix their file, so this walks the grammar itself and returns the
 * position of the first offending character (or the end of the text), or undefined when the text is valid.
 * The walk keeps its open brackets in an array, not on the call stack: a damaged file 100,000 brackets deep
 * is located like any other.
 */
function locateJsonError(text) {
    let at = 0;
    const fail = () => {
        throw new JsonSyntaxAt(at);
    };
    const skipSpace = () => {
        while (at < text.length && ' \t\n\r'.includes(text[at]))
            at++;
    };
    const expect = (char) => (text[at] === char ? at++ : fail());
    const literal = (word) => {
        for (const char of word)
            expect(char);
    };
    const string = () => {
        expect('"');
        while (text[at] !== '"') {
            if (at >= text.length || text.charCodeAt(at) < 0x20)
                fail();
            if (text[at] === '\\') {
                at++;
                if (text[at] === 'u') {
                    at++;
                    for (let i = 0; i < 4; i++)
                        /[0-9a-fA-F]/.test(text[at] ?? '') ? at++ : fail();
                    continue;
                }
                if (!'"\\/bfnrt'.includes(text[at] ?? 'x'))
                    fail();
            }
            at++;
        }
        at++;
    };
    const number = () => {
        const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
        match.lastIndex = at;
        if (!match.exec(text))
            fail();
        at = match.lastIndex;
    };
    const key = () => {
        skipSpace();
        string();
        skipSpace();
        expect(':');
    };
    /** The objects and arrays open around the current position, innermost last. */
    const open = [];
    try {
        for (;;) {
            // A value is expected here.
            skipSpace();
            const char = text[at];
            if (char === '{' || char === '[') {
                at++;
                skipSpace();
                if (text[at] === (char === '{' ? '}' : ']'))
                    at++;
                else {
                    open.push(char);
                    if (char === '{')
                        key();
                    continue;
                }
            }
            else if (char === '"')
                string();
            else if (char === 't')
                literal('true');
            else if (char === 'f')
                literal('false');
            else if (char === 'n')
                literal('null');
            else
                number();
            // A value ended: a comma starts the next item of the innermost container, or containers close.
            for (;;) {
                skipSpace();
                const inner = open.at(-1);
                if (inner === undefined) {
                    if (at < text.length)
                        fail();
                    return undefined;
                }
                if (text[at] === ',') {
                    at++;
                    if (inner === '{')
                        key();
                    break;
                }
                expect(inner === '{' ? '}' : ']');
                open.pop();
            }
        }
    }
    catch (error) {
        if (!(error instanceof JsonSyntaxAt))
            throw error;
        return positionOf(text, error.offset);
    }
}
/**
 * Where the brackets of a JSON text first open deeper than `limit` (outside strings), or undefined. Run before
 * JSON.parse, so that nothing that recurses over the parsed value ever sees a document deeper than that. The text
 * need not be valid JSON: a damaged file that is too deep is refused for its depth.
 */
function locateDeepNesting(text, limit = MAX_NESTING) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (inString) {
            if (code === 0x5c)
                i++;
            else if (code === 0x22)
                inString = false;
        }
        else if (code === 0x22)
            inString = true;
        else if (code === 0x7b || code === 0x5b) {
            if (++depth > limit)
                return positionOf(text, i);
        }
        else if (code === 0x7d || code === 0x5d)
            depth--;
    }
    return undefined;
}
/** Whether a parsed value nests deeper than `limit`; iterative, as the value may be that deep. */
function nestsDeeperThan(value, limit = MAX_NESTING) {
    const pending = [[value, 0]];
    while (pending.length > 0) {
        const [next, depth] = pending.pop();
        if (typeof next !== 'object' || next === null)
            continue;
        if (depth + 1 > limit)
            return true;
        for (const child of Object.values(next))
            pending.push([child, depth + 1]);
    }
    return false;
}
function positionOf(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { offset, line, column: offset - before.lastIndexOf('\n') };
}
class JsonSyntaxAt extends Error {
    offset;
    constructor(offset) {
        super(`JSON syntax error at ${offset}`);
        this.offset = offset;
    }
}


/***/ }),

/***/ 1394:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ TABLE_FORMATS),
  R: () => (/* binding */ openTable)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ../../shared/data/cell-spans.ts
var cell_spans = __webpack_require__(2521);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ../../shared/data/text-stream.ts




/**
 * 64 KiB reads: per-chunk overhead is still negligible, and each decoded chunk stays below V8's large-object
 * size, so it lives and dies in the young generation with the cells sliced from it instead of piling up in
 * large-object space until a full GC.
 */
const CHUNK_BYTES = 1 << 16;
/**
 * Reads a text file (gunzipping it when `gzip`) as decoded UTF-8 strings, failing with a UserError at the
 * line of the first invalid byte, or when the gzip stream is truncated or corrupt. Chunk boundaries may
 * fall anywhere, even inside a record; a multi-byte character is never split.
 */
async function* readTextChunks(file, name, gzip) {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytesBefore = 0;
    let first = true;
    // The bytes of a character that the previous chunk began and did not end (the decoder holds them): a
    // chunk may start inside a character, so the invalid byte is looked for from that character's start.
    let pending = Buffer.alloc(0);
    for await (const chunk of readByteChunks(file, name, gzip, CHUNK_BYTES)) {
        let text;
        try {
            text = decoder.decode(chunk, { stream: true });
        }
        catch {
            const from = Buffer.concat([pending, chunk]);
            throw await invalidUtf8(file, name, gzip, bytesBefore - pending.length + firstInvalidByte(from));
        }
        bytesBefore += chunk.length;
        const last = Buffer.concat([pending, chunk.subarray(Math.max(0, chunk.length - 3))]);
        pending = Buffer.from(last.subarray(last.length - incompleteSuffix(last)));
        if (first && text.length > 0) {
            if (text.charCodeAt(0) === 0xfeff)
                text = text.slice(1);
            first = false;
        }
        if (text.length > 0)
            yield text;
    }
    let rest;
    try {
        rest = decoder.decode();
    }
    catch {
        throw await invalidUtf8(file, name, gzip, bytesBefore - pending.length);
    }
    if (rest.length > 0)
        yield rest;
}
/**
 * Reads a file (gunzipping it when `gzip`) as raw byte chunks of about `chunkBytes`, turning a missing
 * file, a directory or a truncated gzip stream into a UserError. Decoding is the caller's business.
 * A chunk is only valid until the next one is asked for: a plain file is read into one reused buffer, so
 * reading a large file allocates nothing per chunk (fresh 1 MB buffers are external memory that V8 only
 * reclaims in bulk, which showed up as tens of MB of peak RSS).
 */
async function* readByteChunks(file, name, gzip, chunkBytes) {
    if (!gzip) {
        let handle;
        try {
            handle = await (0,promises_.open)(file, 'r');
            const buffer = Buffer.allocUnsafe(chunkBytes);
            for (;;) {
                const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
                if (bytesRead === 0)
                    return;
                yield buffer.subarray(0, bytesRead);
            }
        }
        catch (error) {
            throw asUserError(error, name, gzip);
        }
        finally {
            await handle?.close();
        }
    }
    const raw = (0,external_node_fs_.createReadStream)(file, { highWaterMark: chunkBytes });
    const source = raw.pipe((0,external_node_zlib_.createGunzip)({ chunkSize: chunkBytes }));
    raw.on('error', error => source.destroy(error));
    try {
        for await (const chunk of source)
            yield chunk;
    }
    catch (error) {
        throw asUserError(error, name, gzip);
    }
    finally {
        source.destroy();
        raw.destroy();
    }
}
function asUserError(error, name, gzip) {
    if (error instanceof user_error/* UserError */.y)
        return error;
    const code = error.code;
    if (code === 'ENOENT')
        return new user_error/* UserError */.y(`${name} does not exist.`, { file: name });
    if (code === 'EISDIR')
        return new user_error/* UserError */.y(`${name} is a directory, not a data file.`, { file: name });
    if (gzip && typeof code === 'string' && code.startsWith('Z_')) {
        return new user_error/* UserError */.y(`${name} is not a complete gzip file (${error.message}): it was probably truncated while being written or downloaded. Re-create it, or drop the .gz extension if it is not compressed.`, { file: name });
    }
    return error;
}
/** The error for an invalid UTF-8 byte at `offset` (of the decompressed stream), naming its line. */
async function invalidUtf8(file, name, gzip, offset) {
    const line = await lineAtByte(file, gzip, offset);
    return new user_error/* UserError */.y(`${name} is not valid UTF-8 at line ${line} (byte ${offset}). Re-encode it as UTF-8, e.g. iconv -f latin1 -t utf-8.`, { file: name, line });
}
/** How many bytes at the end of `bytes` begin a character that they do not complete (0 to 3). */
function incompleteSuffix(bytes) {
    for (let k = 1; k <= Math.min(3, bytes.length); k++) {
        const b = bytes[bytes.length - k];
        if ((b & 0xc0) === 0x80)
            continue;
        const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
        return length > k ? k : 0;
    }
    return 0;
}
/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or the length. */
function firstInvalidByte(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        if (need === 0)
            return i;
        const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
        if (i + need >= bytes.length)
            return i;
        let code = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            if ((c & 0xc0) !== 0x80)
                return i;
            code = (code << 6) | (c & 0x3f);
        }
        if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return i;
        i += need + 1;
    }
    return i;
}
async function lineAtByte(file, gzip, offset) {
    const raw = (0,external_node_fs_.createReadStream)(file, { highWaterMark: CHUNK_BYTES });
    const source = gzip ? raw.pipe((0,external_node_zlib_.createGunzip)()) : raw;
    let line = 1;
    let seen = 0;
    try {
        for await (const chunk of source) {
            const end = Math.min(chunk.length, offset - seen);
            for (let at = chunk.indexOf(10); at !== -1 && at < end; at = chunk.indexOf(10, at + 1))
                line++;
            seen += chunk.length;
            if (seen >= offset)
                break;
        }
    }
    finally {
        source.destroy();
        raw.destroy();
    }
    return line;
}

;// CONCATENATED MODULE: ../../shared/data/csv-reader.ts





const QUOTE = 34;
const LF = 10;
const CR = 13;
/**
 * 1 MiB reads. Cells are byte offsets into the chunk they came from, not strings, so a large chunk costs
 * no young-generation churn; it only bounds how many rows one batch can hold.
 */
const csv_reader_CHUNK_BYTES = 1 << 18;
/**
 * An RFC 4180 reader for CSV and TSV, written for speed: it scans raw bytes and records where each cell
 * starts and ends, so a cell becomes a string (or a number, see `cell-number.ts`) only when someone asks.
 * Quoted fields may hold delimiters, doubled quotes and newlines; records end with LF, CRLF or a lone CR (old
 * Mac files), as in Python's csv; blank lines are skipped (as pandas does); every record keeps the physical
 * line it starts on (a lone CR ends a line, as in editors and Python's `line_num`). A record cut by a chunk
 * boundary is parsed again once the rest of it has arrived; while it is incomplete only a scan for its end
 * runs over new bytes, so a 10 MB field costs linear time, not quadratic. Every byte parsed is checked to
 * be UTF-8 first.
 */
async function openDelimitedTable(file, name, format, gzip, batchRows) {
    const parser = new DelimitedParser(name, format === 'tsv' ? '\t' : ',', batchRows);
    const chunks = readByteChunks(file, name, gzip, csv_reader_CHUNK_BYTES);
    let ended = false;
    const pull = async () => {
        const next = await chunks.next();
        try {
            if (next.done) {
                ended = true;
                parser.finish();
            }
            else {
                parser.push(next.value);
            }
        }
        catch (error) {
            if (error instanceof InvalidUtf8)
                throw await invalidUtf8(file, name, gzip, error.offset);
            throw error;
        }
    };
    // The header is parsed before any row is asked for.
    try {
        while (!parser.readHeader() && !ended)
            await pull();
    }
    catch (error) {
        await chunks.return(undefined);
        throw error;
    }
    const columns = parser.header;
    if (columns === undefined) {
        throw new user_error/* UserError */.y(`${name} is empty: a ${format.toUpperCase()} file needs a header line naming its columns.`, { file: name, line: 1 });
    }
    async function* spanBatches() {
        try {
            for (;;) {
                try {
                    for (let batch = parser.next(); batch !== undefined; batch = parser.next())
                        yield batch;
                }
                catch (error) {
                    if (error instanceof InvalidUtf8)
                        throw await invalidUtf8(file, name, gzip, error.offset);
                    throw error;
                }
                if (ended)
                    return;
                await pull();
            }
        }
        finally {
            // Closes the file when the reader stops early (an error, or a caller that has read enough).
            await chunks.return(undefined);
        }
    }
    return {
        file: name,
        format,
        textual: true,
        location: 'line',
        columns,
        byteLength: gzip ? undefined : (await (0,promises_.stat)(file)).size,
        spanBatches,
        async *batches() {
            for await (const batch of spanBatches())
                yield batch.cells.toRowBatch(batch);
        }
    };
}
/** Thrown by the parser (which sees bytes, not the file) and turned into a UserError naming the line. */
class InvalidUtf8 extends Error {
    offset;
    constructor(offset) {
        super(`invalid UTF-8 at byte ${offset}`);
        this.offset = offset;
    }
}
/**
 * Parses pushed bytes into span batches, pulled one at a time with `next()`. A batch's arrays, and the
 * bytes its cells point into, are reused: each batch is valid until `next()` or `push()` is called again,
 * so reading any amount of data allocates a fixed set of buffers (strings made from cells are copies).
 * Push a chunk only after `next()` has returned undefined.
 */
class DelimitedParser {
    name;
    batchRows;
    header;
    delimiter;
    /** Bytes not yet parsed are `buffer[pos, filled)`. */
    buffer = Buffer.alloc(0);
    pos = 0;
    filled = 0;
    /** The unparsed bytes hold no record end before `scanned` (the scan resumes there, in state `scanState`). */
    scanned = 0;
    scanState = FIELD_START;
    /** How far parsing may go: bytes before it are checked UTF-8, up to a line end. */
    checked = 0;
    final = false;
    cells = new cell_spans/* CellSpans */.E(this.buffer, true);
    starts = [];
    ends = [];
    lines;
    rows = 0;
    rowOffset = 0;
    /** Physical line of `buffer[pos]`. */
    line = 1;
    /** Offset in the whole (decompressed) stream of `buffer[0]`. */
    streamOffset = 0;
    headerFields = [];
    first = true;
    constructor(name, delimiter, batchRows) {
        this.name = name;
        this.batchRows = batchRows;
        this.delimiter = delimiter.charCodeAt(0);
        this.lines = new Int32Array(batchRows);
    }
    /** Adds a chunk of bytes (copied: the caller may reuse it), or a string (encoded first; handy in tests). */
    push(chunk) {
        let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        if (this.first && bytes.length > 0) {
            this.first = false;
            // A UTF-8 byte order mark is not part of the first column's name.
            if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
                bytes = bytes.subarray(3);
                this.streamOffset += 3;
            }
        }
        if (this.checked > this.pos) {
            // Pushed before next() ran dry: the parsed-ahead bytes are checked again with the new ones.
            this.scanned = this.pos;
            this.scanState = FIELD_START;
        }
        this.checked = this.pos;
        const pending = this.filled - this.pos;
        if (pending + bytes.length > this.buffer.length) {
            // Grow by doubling, so a record longer than any chunk (a 10 MB field) is copied O(log) times.
            const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, pending + bytes.length, csv_reader_CHUNK_BYTES));
            this.buffer.copy(grown, 0, this.pos, this.filled);
            this.buffer = grown;
        }
        else if (this.pos > 0) {
            this.buffer.copyWithin(0, this.pos, this.filled);
        }
        this.streamOffset += this.pos;
        this.scanned -= this.pos;
        this.checked -= this.pos;
        this.pos = 0;
        bytes.copy(this.buffer, pending);
        this.filled = pending + bytes.length;
        this.check();
    }
    finish() {
        this.final = true;
        this.check();
    }
    /** Parses up to the header; false when the bytes pushed so far do not complete it. */
    readHeader() {
        while (this.header === undefined && this.pos < this.checked) {
            if (!this.parseRecord())
                break;
        }
        return this.header !== undefined;
    }
    /** The next batch (at most batchRows rows, fewer where the pushed bytes end), or undefined. */
    next() {
        this.rows = 0;
        while (this.rows < this.batchRows && this.pos < this.checked) {
            if (!this.parseRecord())
                break;
        }
        if (this.rows === 0)
            return undefined;
        const length = this.rows;
        const cut = (array) => length === this.batchRows ? array : array.subarray(0, length);
        const batch = {
            columns: this.header,
            cells: this.cells,
            starts: this.starts.map(cut),
            ends: this.ends.map(cut),
            lines: cut(this.lines),
            length,
            rowOffset: this.rowOffset
        };
        this.rowOffset += length;
        return batch;
    }
    /**
     * Checks the bytes up to the last line end in the buffer (all of them at the end of input) for UTF-8,
     * and lets parsing go that far. While no record end has arrived, only `findRecordEnd` runs over the
     * new bytes: a record longer than a chunk is scanned once, not once per chunk.
     */
    check() {
        let limit = this.filled;
        if (!this.final) {
            const from = Math.max(this.scanned, this.pos);
            const [end, state] = findRecordEnd(this.buffer, from, this.filled, this.scanState, this.delimiter);
            if (end === -1) {
                this.scanned = this.filled;
                this.scanState = state;
                return;
            }
            // Bytes up to the last line end are whole characters; the parser itself finds where records really end.
            limit = lastLineEnd(this.buffer, this.filled) + 1;
        }
        if (limit <= this.pos)
            return;
        const region = this.buffer.subarray(this.pos, limit);
        if (!(0,external_node_buffer_.isUtf8)(region))
            throw new InvalidUtf8(this.streamOffset + this.pos + firstInvalidByte(region));
        this.cells = new cell_spans/* CellSpans */.E(this.buffer.subarray(0, limit), (0,external_node_buffer_.isAscii)(region));
        this.checked = limit;
        // Parsing either consumes everything up to `limit` (a record boundary) or stops at a cut-off record.
        this.scanned = limit;
        this.scanState = FIELD_START;
    }
    /**
     * Parses one record at `pos` into the batch (or the header). Returns false, consuming nothing, when the
     * record is cut off by the end of the checked bytes and more input may complete it.
     */
    parseRecord() {
        const bytes = this.buffer;
        const n = this.final ? this.filled : this.checked;
        const final = this.final;
        const delimiter = this.delimiter;
        let pos = this.pos;
        const startLine = this.line;
        let line = startLine;
        let field = 0;
        let blank = false;
        for (;;) {
            let start;
            let end;
            let c = pos < n ? bytes[pos] : -1;
            if (c === QUOTE) {
                let from = pos + 1;
                let close;
                let escaped = false;
                for (;;) {
                    close = bytes.indexOf(QUOTE, from);
                    if (close >= n)
                        close = -1;
                    if (close === -1 || close + 1 >= n || bytes[close + 1] !== QUOTE)
                        break;
                    escaped = true;
                    from = close + 2;
                }
                if (close === -1 || (close + 1 >= n && !final)) {
                    if (final) {
                        throw new user_error/* UserError */.y(`${this.name}:${line}: a quoted field opened here is never closed. Close it with a double quote, and double any quote inside it ("").`, { file: this.name, line });
                    }
                    return this.cutOff();
                }
                line += countLineEnds(bytes, pos + 1, close);
                start = pos + 1;
                end = escaped ? ~close : close;
                pos = close + 1;
                c = pos < n ? bytes[pos] : -1;
                if (c === CR) {
                    // CRLF or a lone CR ends the record; wait for the next byte when the CR is the last one so far.
                    if (pos + 1 >= n && !final)
                        return this.cutOff();
                    if (pos + 1 < n && bytes[pos + 1] === LF)
                        pos++;
                    c = LF;
                }
                if (c !== delimiter && c !== LF && c !== -1) {
                    throw new user_error/* UserError */.y(`${this.name}:${line}: unexpected text after the closing quote of field ${field + 1}. A quote inside a quoted field must be doubled ("").`, { file: this.name, line });
                }
            }
            else {
                end = pos;
                while (end < n) {
                    c = bytes[end];
                    if (c === delimiter || c === LF || c === CR)
                        break;
                    end++;
                }
                if (end >= n) {
                    if (!final)
                        return this.cutOff();
                    c = -1;
                }
                start = pos;
                blank = field === 0 && end === pos;
                pos = end;
                if (c === CR) {
                    if (pos + 1 >= n && !final)
                        return this.cutOff();
                    if (pos + 1 < n && bytes[pos + 1] === LF)
                        pos++;
                    c = LF;
                }
            }
            this.store(field, start, end);
            field++;
            if (c === delimiter) {
                pos++;
                continue;
            }
            if (c === LF) {
                pos++;
                line++;
            }
            break;
        }
        this.pos = pos;
        this.line = line;
        if (!(field === 1 && blank))
            this.endRecord(field, startLine);
        return true;
    }
    /** The record at `pos` continues past the checked bytes: wait for more, scanning only the new bytes. */
    cutOff() {
        this.checked = this.pos;
        this.scanned = this.pos;
        this.scanState = FIELD_START;
        return false;
    }
    store(field, start, end) {
        if (this.header === undefined) {
            this.headerFields[field] = this.cells.text(start, end);
        }
        else if (field < this.starts.length) {
            this.starts[field][this.rows] = start;
            this.ends[field][this.rows] = end;
        }
    }
    endRecord(fields, line) {
        if (this.header === undefined) {
            this.setHeader(this.headerFields.slice(0, fields), line);
            return;
        }
        if (fields !== this.header.length) {
            throw new user_error/* UserError */.y(`${this.name}:${line}: this row has ${fields} field(s) but the header has ${this.header.length}. Quote fields that contain the delimiter, or fix the row.`, { file: this.name, line });
        }
        this.lines[this.rows++] = line;
    }
    setHeader(names, line) {
        const seen = new Map();
        names.forEach((name, index) => {
            if (name.trim() === '') {
                throw new user_error/* UserError */.y(`${this.name}:${line}: column ${index + 1} of the header has no name. Name every column.`, { file: this.name, line });
            }
            const earlier = seen.get(name);
            if (earlier !== undefined) {
                throw new user_error/* UserError */.y(`${this.name}:${line}: the header names column '${name}' twice (columns ${earlier + 1} and ${index + 1}). Rename one of them.`, { file: this.name, line });
            }
            seen.set(name, index);
        });
        this.header = names;
        this.starts = names.map(() => new Int32Array(this.batchRows));
        this.ends = names.map(() => new Int32Array(this.batchRows));
    }
}
/** States of `findRecordEnd`, as in Python's csv: a quote opens a quoted field only at the field's start. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the field's end, or the first of a doubled quote. */
const QUOTE_IN_QUOTED = 3;
/**
 * The first record end (LF or CR outside a quoted field) in `bytes[from, to)`, or -1 and the state at `to`.
 * A quote is special only at the start of a field: `55" TV` is text, and must not make the rest of the file
 * look quoted (which kept every later byte in memory).
 */
function findRecordEnd(bytes, from, to, state, delimiter) {
    for (let i = from; i < to; i++) {
        const c = bytes[i];
        if (state === QUOTED) {
            if (c === QUOTE)
                state = QUOTE_IN_QUOTED;
        }
        else if (c === LF || c === CR) {
            return [i, state];
        }
        else if (c === delimiter) {
            state = FIELD_START;
        }
        else if (c === QUOTE) {
            state = state === FIELD_START || state === QUOTE_IN_QUOTED ? QUOTED : UNQUOTED;
        }
        else {
            state = UNQUOTED;
        }
    }
    return [-1, state];
}
/** The last LF or CR in `bytes[0, to)`: a CR is looked for only after the last LF (a short way back). */
function lastLineEnd(bytes, to) {
    const lf = bytes.lastIndexOf(LF, to - 1);
    for (let at = to - 1; at > lf; at--)
        if (bytes[at] === CR)
            return at;
    return lf;
}
/** Line ends in `bytes[from, to)`: LF, CRLF and a lone CR each count once. */
function countLineEnds(bytes, from, to) {
    let count = 0;
    for (let at = bytes.indexOf(LF, from); at !== -1 && at < to; at = bytes.indexOf(LF, at + 1))
        count++;
    for (let at = bytes.indexOf(CR, from); at !== -1 && at < to; at = bytes.indexOf(CR, at + 1)) {
        if (at + 1 >= to || bytes[at + 1] !== LF)
            count++;
    }
    return count;
}

// EXTERNAL MODULE: ../../shared/data/json-error.ts
var json_error = __webpack_require__(5852);
;// CONCATENATED MODULE: ../../shared/data/jsonl-reader.ts



/**
 * JSON Lines: one JSON object per line, blank lines skipped. Columns are the keys in order of first
 * appearance; a key missing from a record reads as `undefined`, one holding null as `null`.
 */
async function openJsonlTable(file, name, gzip, batchRows) {
    const parser = new JsonlParser(name, batchRows);
    const chunks = readTextChunks(file, name, gzip);
    let ended = false;
    while (parser.columns.length === 0 && !ended) {
        const next = await chunks.next();
        if (next.done) {
            parser.finish();
            ended = true;
        }
        else {
            parser.push(next.value);
        }
    }
    if (parser.columns.length === 0) {
        throw new user_error/* UserError */.y(`${name} holds no JSON object: a JSONL file needs one object per line, such as {"id": 1, "label": "cat"}.`, { file: name, line: 1 });
    }
    return {
        file: name,
        format: 'jsonl',
        textual: false,
        location: 'line',
        get columns() {
            return parser.columns;
        },
        async *batches() {
            for (;;) {
                yield* parser.take();
                if (ended)
                    return;
                const next = await chunks.next();
                if (next.done) {
                    parser.finish();
                    ended = true;
                }
                else {
                    parser.push(next.value);
                }
            }
        }
    };
}
class JsonlParser {
    name;
    batchRows;
    columns = [];
    index = new Map();
    ready = [];
    values = [];
    lines = new Int32Array(0);
    rows = 0;
    rowOffset = 0;
    line = 1;
    carry = '';
    constructor(name, batchRows) {
        this.name = name;
        this.batchRows = batchRows;
        this.startBatch();
    }
    push(chunk) {
        const text = this.carry === '' ? chunk : this.carry + chunk;
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
            this.record(text, start, end);
            start = end + 1;
        }
        this.carry = text.slice(start);
    }
    finish() {
        if (this.carry !== '')
            this.record(this.carry, 0, this.carry.length);
        this.carry = '';
        if (this.rows > 0)
            this.emit();
    }
    take() {
        const ready = this.ready;
        this.ready = [];
        return ready;
    }
    record(text, start, end) {
        const line = this.line++;
        let source = text.slice(start, end);
        if (source.endsWith('\r'))
            source = source.slice(0, -1);
        if (source.trim() === '')
            return;
        let value;
        try {
            value = JSON.parse(source);
        }
        catch {
            const at = (0,json_error/* locateJsonError */.R4)(source);
            throw new user_error/* UserError */.y(`${this.name}:${line}: not valid JSON${at ? ` at column ${at.column}` : ''}. Each line must be one complete JSON object.`, { file: this.name, line, column: at?.column });
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new user_error/* UserError */.y(`${this.name}:${line}: expected a JSON object such as {"id": 1}, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value).slice(0, 40)}.`, { file: this.name, line });
        }
        const row = this.rows;
        let exact;
        for (const key in value) {
            let cell = value[key];
            // JSON.parse rounds an integer beyond 2^53 to a double: an id keeps its exact digits as a bigint.
            if (typeof cell === 'number' && !Number.isSafeInteger(cell) && Number.isInteger(cell)) {
                exact ??= bigIntegerMembers(source);
                cell = exact.get(key) ?? cell;
            }
            // A nested cell is shown as JSON (cell-text.ts), and JSON.stringify recurses: refuse what it cannot print.
            if (typeof cell === 'object' && cell !== null && (0,json_error/* nestsDeeperThan */.ix)(cell, json_error/* MAX_NESTING */.M1 - 1)) {
                const at = (0,json_error/* locateDeepNesting */.T1)(source);
                throw new user_error/* UserError */.y(`${this.name}:${line}: nested more than ${json_error/* MAX_NESTING */.M1} levels deep${at ? ` at column ${at.column}` : ''}.`, { file: this.name, line, column: at?.column });
            }
            let column = this.index.get(key);
            if (column === undefined) {
                column = this.columns.length;
                this.index.set(key, column);
                this.columns = [...this.columns, key];
                this.values.push(new Array(this.batchRows));
            }
            this.values[column][row] = cell;
        }
        this.lines[row] = line;
        if (++this.rows === this.batchRows)
            this.emit();
    }
    startBatch() {
        this.values = this.columns.map(() => new Array(this.batchRows));
        this.lines = new Int32Array(this.batchRows);
        this.rows = 0;
    }
    emit() {
        const length = this.rows;
        const full = length === this.batchRows;
        this.ready.push({
            columns: this.columns,
            values: full ? this.values : this.values.map(column => column.slice(0, length)),
            lines: full ? this.lines : this.lines.slice(0, length),
            length,
            rowOffset: this.rowOffset
        });
        this.rowOffset += length;
        this.startBatch();
    }
}
/**
 * The members of a JSON object's text (valid: JSON.parse read it) whose value is written as an integer,
 * as exact bigints by key (a later duplicate key wins, as in JSON.parse). Only run on a line that holds an
 * integer JSON.parse could not keep exactly.
 */
function bigIntegerMembers(source) {
    const found = new Map();
    let depth = 0;
    let key = '';
    let value = false;
    for (let i = 0; i < source.length; i++) {
        const c = source.charCodeAt(i);
        if (c === 34) {
            let end = i + 1;
            while (source.charCodeAt(end) !== 34)
                end += source.charCodeAt(end) === 92 ? 2 : 1;
            if (depth === 1 && !value)
                key = JSON.parse(source.slice(i, end + 1));
            value = false;
            i = end;
        }
        else if (c === 123 || c === 91) {
            depth++;
            value = false;
        }
        else if (c === 125 || c === 93) {
            depth--;
        }
        else if (depth === 1 && c === 58) {
            value = true;
        }
        else if (depth === 1 && value && (c === 45 || (c >= 48 && c <= 57))) {
            const token = /^-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(source.slice(i))[0];
            if (/^-?\d+$/.test(token))
                found.set(key, BigInt(token));
            value = false;
            i += token.length - 1;
        }
    }
    return found;
}

;// CONCATENATED MODULE: ../../shared/data/table.ts
/**
 * The one row/column interface behind every tabular format mlci reads (CSV, TSV, JSONL, Parquet, and
 * CSV/TSV/JSONL compressed with gzip). It is shaped for speed: a table is read as a stream of columnar
 * batches, each holding one array of cell values per column and, per row, where that row starts in the
 * file. There are no per-row objects, so validating millions of rows allocates little more than the cells.
 *
 *   const table = await openTable('data/train.csv.gz')        // format from the extension, or { format }
 *   for await (const batch of table.batches()) {
 *     const ages = batch.values[batch.columns.indexOf('age')]  // raw strings for csv/tsv
 *     for (let row = 0; row < batch.length; row++) check(ages[row], batch.lines[row])
 *   }
 *
 * Contract (stable: other actions read prediction files through it):
 * - `columns` is known when `openTable` returns (the CSV header, the Parquet schema, the JSONL keys read so
 *   far, at least the first record's). JSONL may discover more keys later: a batch's `columns` is then longer than earlier ones,
 *   and new names are only ever appended, so a column's index never changes.
 * - `values[c][r]` is the cell of column `c` in row `r`. Text formats (`textual: true`: csv, tsv) give the
 *   raw text of the cell, exactly as written (quotes removed, `""` unescaped); deciding what is null or a
 *   number is the caller's business. JSONL and Parquet give typed values (string, number, boolean, null,
 *   object, array); a key absent from a JSONL record is `undefined`. An integer beyond ±(2^53 − 1) (a JSONL
 *   number, a Parquet INT64/UINT64) is a `bigint`, so that ids keep their exact value; every other number is
 *   a `number`. What each Parquet type becomes: `parquet-reader.ts`.
 * - `lines[r]` is where row `r` starts: the 1-based physical line for csv/tsv/jsonl (so a CSV record after a
 *   quoted field holding newlines has the line an editor shows), or the 1-based row number for Parquet
 *   (`location: 'row'`). `rowOffset` is the 0-based index of the batch's first row in the table.
 * - A batch and its arrays belong to the caller once yielded; the reader never reuses them.
 * - Malformed input (unterminated quote, ragged row, duplicate or empty header, empty file, invalid UTF-8,
 *   truncated gzip or Parquet, a JSONL line that is not a JSON object) throws a `UserError` naming the file
 *   and line and what would fix it.
 */




const TABLE_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'];
const DEFAULT_BATCH_ROWS = 4096;
function detectFormat(file) {
    const lower = file.toLowerCase();
    const gzip = lower.endsWith('.gz');
    const base = gzip ? lower.slice(0, -3) : lower;
    const ext = external_node_path_.extname(base);
    const format = ext === '.csv'
        ? 'csv'
        : ext === '.tsv' || ext === '.tab'
            ? 'tsv'
            : ext === '.jsonl' || ext === '.ndjson'
                ? 'jsonl'
                : ext === '.parquet' || ext === '.pq'
                    ? 'parquet'
                    : undefined;
    return format === undefined ? undefined : { format, gzip };
}
async function openTable(file, options = {}) {
    const name = options.displayName ?? file;
    const detected = detectFormat(file);
    const gzip = file.toLowerCase().endsWith('.gz');
    const format = options.format && options.format !== 'auto' ? options.format : detected?.format;
    if (format === undefined) {
        throw new user_error/* UserError */.y(`Cannot tell the format of ${name} from its extension: name it .csv, .tsv, .jsonl or .parquet (optionally .gz), or set the input 'format'.`, { file: name });
    }
    const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
    if (format === 'parquet') {
        if (gzip)
            throw new user_error/* UserError */.y(`${name}: Parquet compresses its own pages; do not gzip the file.`, { file: name });
        // hyparquet and its compressors are loaded only when a Parquet file is actually read.
        const { openParquetTable } = await __webpack_require__.e(/* import() */ 989).then(__webpack_require__.bind(__webpack_require__, 7989));
        return openParquetTable(file, name, batchRows);
    }
    if (format === 'jsonl')
        return openJsonlTable(file, name, gzip, batchRows);
    return openDelimitedTable(file, name, format, gzip, batchRows);
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

/***/ 9431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ numberClass),
/* harmony export */   I6: () => (/* binding */ CATEGORY_CLASSES),
/* harmony export */   OG: () => (/* binding */ asciiClass),
/* harmony export */   RZ: () => (/* binding */ classCounts),
/* harmony export */   W3: () => (/* binding */ textClass)
/* harmony export */ });
/* harmony import */ var _data_cell_spans_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2521);

/**
 * Value counts of a column with too many distinct values to count them one by one: each value is counted in
 * one of CATEGORY_CLASSES classes given by a hash of the value, so memory and the profile stay bounded (a
 * Float64Array of 4096 counts; in a profile file only the classes seen) and profiles of shards merge by adding.
 *
 * Drift between two such columns compares the class counts. Putting values together in a class is what the
 * data-processing inequality is about: for every f-divergence (PSI is the symmetrised KL divergence,
 * Jensen-Shannon's divergence, Pearson's chi-square) a coarser partition never gives a larger value, so the
 * score on classes is a LOWER BOUND of the exact score, and a column that drifts on classes drifts exactly.
 *
 * The class of a value depends on its text only: a text that reads as a number (as numericReading, the one
 * reading every reader shares) is hashed by that number's bits, so CSV cells, JSON numbers and the text keys
 * of exact counts agree, and a numeric cell is classed without making its string.
 */
const CATEGORY_CLASSES = 4096;
const MASK = CATEGORY_CLASSES - 1;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** The class of a value that reads as the finite or infinite number `value`. */
function numberClass(value) {
    bits[0] = value === 0 ? 0 : value; // -0 and 0 are one value
    return finalise(Math.imul(words[0] ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(words[1], 0xc2b2ae35));
}
/** The class of a value given by its text (a number's text is classed as that number). */
function textClass(text) {
    const number = (0,_data_cell_spans_js__WEBPACK_IMPORTED_MODULE_0__/* .numericReading */ .k)(text);
    if (number === number)
        return numberClass(number);
    // FNV-1a over UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++)
        hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return finalise(hash);
}
/**
 * textClass of an ASCII text that does not read as a number, from its bytes (FNV-1a over ASCII bytes is FNV-1a
 * over its UTF-16 code units): a CSV cell is classed without making its string.
 */
function asciiClass(bytes, start, end) {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++)
        hash = Math.imul(hash ^ bytes[i], 0x01000193);
    return finalise(hash);
}
/** murmur3's 32-bit finaliser: every input bit reaches the low bits that pick the class. */
function finalise(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & MASK;
}
/** Exact value counts (text → count) as class counts. */
function classCounts(counts) {
    const classes = new Float64Array(CATEGORY_CLASSES);
    for (const [text, count] of counts)
        classes[textClass(text)] += count;
    return classes;
}


/***/ }),

/***/ 4791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G7: () => (/* binding */ CATEGORICAL_ONLY),
  Tl: () => (/* binding */ DRIFT_METHODS),
  nS: () => (/* binding */ NUMERIC_ONLY),
  e: () => (/* binding */ P_VALUE_METHODS),
  f1: () => (/* binding */ computeDrift)
});

// UNUSED EXPORTS: jensenShannonDistance, lInfinity, psi

// EXTERNAL MODULE: ../../shared/stats/category-classes.ts
var category_classes = __webpack_require__(9431);
// EXTERNAL MODULE: ../../shared/stats/quantile-sketch.ts
var quantile_sketch = __webpack_require__(3060);
;// CONCATENATED MODULE: ../../shared/stats/special-functions.ts
/**
 * Survival functions for drift p-values. Formulas: the Kolmogorov distribution's series
 * Q(x) = 2 Σ (−1)^(k−1) e^(−2k²x²) (SciPy's kstwobign.sf), and the regularised upper incomplete gamma
 * Q(a, x) by its series for x < a + 1 and Lentz's continued fraction otherwise (Numerical Recipes §6.2),
 * with log Γ from the Lanczos approximation (g = 7, n = 9).
 */
function kolmogorovSurvival(x) {
    if (x <= 0)
        return 1;
    if (x < 0.2) {
        // The alternating series converges slowly here; use the complementary theta-function form.
        const s = Math.sqrt(2 * Math.PI) / x;
        let sum = 0;
        for (let k = 1; k <= 50; k++)
            sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * x * x));
        return 1 - s * sum;
    }
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
        const term = Math.exp(-2 * k * k * x * x);
        sum += (k % 2 === 1 ? 1 : -1) * term;
        if (term < 1e-300)
            break;
    }
    return Math.min(1, Math.max(0, 2 * sum));
}
function chiSquareSurvival(statistic, dof) {
    if (dof <= 0)
        return statistic > 0 ? 0 : 1;
    return upperGammaRegularized(dof / 2, statistic / 2);
}
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
function logGamma(z) {
    if (z < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
    z -= 1;
    let x = LANCZOS[0];
    for (let i = 1; i < 9; i++)
        x += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
function upperGammaRegularized(a, x) {
    if (x <= 0)
        return 1;
    const logPrefix = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
        let term = 1 / a;
        let sum = term;
        for (let n = 1; n < 10000; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17)
                break;
        }
        return Math.max(0, 1 - sum * Math.exp(logPrefix));
    }
    const tiny = 1e-300;
    let b = x + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < 10000; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < 1e-17)
            break;
    }
    return Math.exp(logPrefix) * h;
}

;// CONCATENATED MODULE: ../../shared/stats/drift.ts



const DRIFT_METHODS = [
    'psi',
    'ks',
    'wasserstein',
    'jensenshannon',
    'linf',
    'chisquare'
];
/** Methods whose score is a p-value: small means drift. */
const P_VALUE_METHODS = new Set(['chisquare']);
const NUMERIC_ONLY = new Set(['ks', 'wasserstein']);
const CATEGORICAL_ONLY = new Set(['linf']);
function computeDrift(method, reference, current) {
    if (method === 'ks' || method === 'wasserstein') {
        if (reference.kind !== 'numeric' || current.kind !== 'numeric')
            throw new Error(`${method} needs numbers`);
        const approximation = reference.exact && current.exact ? {} : { approximation: 'sketch' };
        if (method === 'wasserstein') {
            const scale = Math.max(reference.std, 0.001);
            const largest = Math.max(Math.abs(reference.min), Math.abs(reference.max), Math.abs(current.min), Math.abs(current.max));
            return {
                method,
                score: wasserstein(reference, current) / scale,
                magnitude: largest / scale,
                ...approximation
            };
        }
        const statistic = ksStatistic(reference, current);
        const effective = (reference.count * current.count) / (reference.count + current.count);
        return {
            method,
            score: statistic,
            statistic,
            pValue: kolmogorovSurvival(statistic * Math.sqrt(effective)),
            magnitude: 1,
            ...approximation
        };
    }
    if (method === 'linf') {
        if (reference.kind !== 'categorical' || current.kind !== 'categorical')
            throw new Error('linf needs categories');
        const [p, q, approximation] = categoryCounts(reference, current);
        return { method, score: lInfinity(p, q), magnitude: 1, ...(approximation ? { approximation } : {}) };
    }
    const [p, q, approximation] = binnedCounts(reference, current);
    const approximate = approximation ? { approximation } : {};
    if (method === 'psi')
        return { method, ...psi(p, q), ...approximate };
    if (method === 'jensenshannon')
        return { method, score: jensenShannonDistance(p, q), magnitude: 1, ...approximate };
    return { method, ...chiSquare(p, q), magnitude: 1, ...approximate };
}
/**
 * Evidently's binning (get_binned_data): when the REFERENCE has more than 20 distinct numbers, Sturges bins
 * over the combined data; else one bin per value of either side (categories always).
 */
function binnedCounts(reference, current) {
    if (reference.kind === 'numeric' && current.kind === 'numeric') {
        if (reference.distinct && reference.distinct.size <= 20) {
            const counts = current.distinct ?? pointCounts(current, reference.distinct);
            const keys = [...new Set([...reference.distinct.keys(), ...counts.keys()])].sort((a, b) => a - b);
            return [
                keys.map(k => reference.distinct.get(k) ?? 0),
                keys.map(k => counts.get(k) ?? 0),
                current.distinct || current.exact ? undefined : 'sketch'
            ];
        }
        return [...sturgesHistograms(reference, current), reference.exact && current.exact ? undefined : 'sketch'];
    }
    if (reference.kind === 'numeric' || current.kind === 'numeric')
        throw new Error('a numeric and a categorical distribution have no common bins');
    return categoryCounts(reference, current);
}
/**
 * A distribution's points as value counts. On a sketch's buckets, a bucket that holds one of the reference's
 * values is counted as that value (the values of a bucket are within 0.5% of each other), the others as
 * values of their own: without this every current value would look new next to an exact reference.
 */
function pointCounts(d, referenceValues) {
    const stand = new Map();
    if (!d.exact)
        for (const value of referenceValues.keys())
            stand.set((0,quantile_sketch/* bucketPoint */.Z)(value), value);
    const counts = new Map();
    for (let i = 0; i < d.values.length; i++) {
        const value = stand.get(d.values[i]) ?? d.values[i];
        counts.set(value, (counts.get(value) ?? 0) + (d.weights?.[i] ?? 1));
    }
    return counts;
}
/** Counts per category of either side; per hash class when a side has only class counts. */
function categoryCounts(reference, current) {
    if (reference.counts && current.counts) {
        const r = reference.counts;
        const c = current.counts;
        const keys = [...new Set([...r.keys(), ...c.keys()])].sort();
        return [keys.map(k => r.get(k) ?? 0), keys.map(k => c.get(k) ?? 0), undefined];
    }
    const r = reference.classes ?? (0,category_classes/* classCounts */.RZ)(reference.counts);
    const c = current.classes ?? (0,category_classes/* classCounts */.RZ)(current.counts);
    const p = [];
    const q = [];
    for (let at = 0; at < category_classes/* CATEGORY_CLASSES */.I6; at++) {
        if (r[at] > 0 || c[at] > 0) {
            p.push(r[at]);
            q.push(c[at]);
        }
    }
    return [p, q, 'hash-classes'];
}
/**
 * numpy.histogram_bin_edges(concat(ref, cur), 'sturges') then numpy.histogram of each side. The edges are
 * numpy's to the last bit: linspace computes edge i as i · ((hi − lo) / bins) + lo (i · delta / bins only when
 * that step underflows to 0), and the last edge is hi itself.
 */
function sturgesHistograms(reference, current) {
    let lo = Math.min(reference.min, current.min);
    let hi = Math.max(reference.max, current.max);
    const n = reference.count + current.count;
    let bins = 1;
    if (hi > lo) {
        const width = (hi - lo) / (Math.log2(n) + 1);
        bins = Math.max(1, Math.ceil((hi - lo) / width));
    }
    else {
        lo -= 0.5;
        hi += 0.5;
    }
    const delta = hi - lo;
    const step = delta / bins;
    const edges = Array.from({ length: bins + 1 }, (_, i) => (step === 0 ? (i / bins) * delta : i * step) + lo);
    edges[bins] = hi;
    const histogram = (d) => {
        const counts = new Array(bins).fill(0);
        for (let i = 0; i < d.values.length; i++)
            counts[binOf(edges, d.values[i])] += d.weights?.[i] ?? 1;
        return counts;
    };
    return [histogram(reference), histogram(current)];
}
/**
 * numpy.histogram's bin for x: the last i with edges[i] ≤ x, the last bin closed on the right. A sketch's
 * bucket representative just outside [lo, hi] goes to the nearest end bin.
 */
function binOf(edges, x) {
    const bins = edges.length - 1;
    if (!(x > edges[0]))
        return 0;
    if (x >= edges[bins])
        return bins - 1;
    let low = 0;
    let high = bins;
    while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (edges[mid] <= x)
            low = mid;
        else
            high = mid;
    }
    return low;
}
const proportions = (counts) => {
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map(c => (total === 0 ? 0 : c / total));
};
/** Evidently fills empty bins in each vector with min(non-zero)/1e6 when that is ≤ 1e-4, else 1e-4. */
function fillZeros(p) {
    const nonZero = p.filter(x => x > 0);
    const smallest = nonZero.length ? Math.min(...nonZero) : 1;
    const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
    return p.map(x => (x === 0 ? fill : x));
}
/** Evidently's PSI on zero-filled proportions, with the largest term's magnitude (what its rounding is relative to). */
function psi(referenceCounts, currentCounts) {
    const p = fillZeros(proportions(referenceCounts));
    const q = fillZeros(proportions(currentCounts));
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < p.length; i++) {
        const term = (p[i] - q[i]) * Math.log(p[i] / q[i]);
        sum += term;
        magnitude += Math.abs(term);
    }
    return { score: sum, magnitude };
}
/** scipy.spatial.distance.jensenshannon(p, q): natural log, a distance in [0, √ln 2]. */
function jensenShannonDistance(referenceCounts, currentCounts) {
    const p = proportions(referenceCounts);
    const q = proportions(currentCounts);
    let divergence = 0;
    for (let i = 0; i < p.length; i++) {
        const m = (p[i] + q[i]) / 2;
        if (p[i] > 0)
            divergence += p[i] * Math.log(p[i] / m);
        if (q[i] > 0)
            divergence += q[i] * Math.log(q[i] / m);
    }
    return Math.sqrt(Math.max(0, divergence / 2));
}
/** TFDV's L-infinity distance between the two normalised value counts (aligned: one entry per value). */
function lInfinity(referenceCounts, currentCounts) {
    const p = proportions(referenceCounts);
    const q = proportions(currentCounts);
    let max = 0;
    for (let i = 0; i < p.length; i++)
        max = Math.max(max, Math.abs(p[i] - q[i]));
    return max;
}
/** Evidently's chi-square: expected = reference counts scaled to the current total; a new category gives p = 0. */
function chiSquare(referenceCounts, currentCounts) {
    const nr = referenceCounts.reduce((a, b) => a + b, 0);
    const nc = currentCounts.reduce((a, b) => a + b, 0);
    let statistic = 0;
    for (let i = 0; i < referenceCounts.length; i++) {
        const expected = (referenceCounts[i] * nc) / nr;
        const observed = currentCounts[i];
        if (expected === 0) {
            if (observed > 0)
                return { score: 0, statistic: Infinity };
            continue;
        }
        statistic += ((observed - expected) * (observed - expected)) / expected;
    }
    return { score: chiSquareSurvival(statistic, referenceCounts.length - 1), statistic };
}
/** Walks both weighted ECDFs over the union of points: sup |F_ref − F_cur| (scipy.stats.ks_2samp's D). */
function ksStatistic(reference, current) {
    let max = 0;
    walkCdfs(reference, current, (fr, fc) => {
        const d = Math.abs(fr - fc);
        if (d > max)
            max = d;
    });
    return max;
}
/** scipy.stats.wasserstein_distance; computeDrift divides it by the reference's population std (floored at 0.001), as Evidently. */
function wasserstein(reference, current) {
    let area = 0;
    walkCdfs(reference, current, (fr, fc, x, next) => {
        if (next !== undefined)
            area += Math.abs(fr - fc) * (next - x);
    });
    return area;
}
function total(d) {
    const values = d.weights;
    if (values === undefined)
        return d.values.length;
    let total = 0;
    for (let i = 0; i < values.length; i++)
        total += values[i];
    return total;
}
/** Calls back at each distinct point x of the union with both CDFs just after x, and the next point. */
function walkCdfs(reference, current, visit) {
    const totalR = total(reference);
    const totalC = total(current);
    let i = 0;
    let j = 0;
    let cr = 0;
    let cc = 0;
    const a = reference.values;
    const b = current.values;
    const wa = reference.weights;
    const wb = current.weights;
    while (i < a.length || j < b.length) {
        const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
        for (; i < a.length && a[i] === x; i++)
            cr += wa === undefined ? 1 : wa[i];
        for (; j < b.length && b[j] === x; j++)
            cc += wb === undefined ? 1 : wb[j];
        const next = i < a.length || j < b.length ? Math.min(a[i] ?? Infinity, b[j] ?? Infinity) : undefined;
        visit(cr / totalR, cc / totalC, x, next);
    }
}


/***/ }),

/***/ 9397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kd: () => (/* binding */ profileStateProblem),
/* harmony export */   PL: () => (/* binding */ PROFILE_VERSION),
/* harmony export */   WV: () => (/* binding */ Profile)
/* harmony export */ });
/* unused harmony export ColumnProfile */
/* harmony import */ var _category_classes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9431);
/* harmony import */ var _quantile_sketch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3060);


/**
 * A dataset profile: per column its inferred type, counts, nulls, exact moments (Chan et al.'s parallel
 * update, so merging is exact), a quantile sketch, the most frequent categories and a 10-bin histogram.
 * It stays small whatever the data size, and profiles of shards merge into the profile of the whole
 * (exactly for counts, categories below the cap and the sketch's buckets; moments up to rounding).
 */
/**
 * 2: the quantile sketch became logarithmic buckets (profiles of version 1 held KLL compactors).
 * 3: non-finite numbers counted apart (`nonFinite`), statistics over the finite ones; value counts of a
 * column beyond MAX_CATEGORIES distinct values kept as hash classes (`categoryClasses`); numeric columns
 * keep their exact value counts up to MAX_CATEGORIES too.
 */
const PROFILE_VERSION = 3;
/** Distinct values counted exactly per column; beyond this the counts go to hash classes (category-classes.ts). */
const MAX_CATEGORIES = 1000;
/**
 * How many finite numbers a profile may keep, over all its columns, so that drift is computed on the exact
 * values: 16 MiB of doubles, e.g. 1M rows of two numeric columns (columns with at most 1000 distinct values
 * need none: their exact counts serve). A column that would go beyond it lets its values go and its drift uses
 * the sketch (README, Drift). Values are kept only when drift will be computed, and never written to a profile
 * file. Measured on 1M rows × 5 columns with a reference dataset: peak RSS 160 MB against 113 MB without
 * kept values; with 8M values (64 MiB) it was 220 MB.
 */
const KEPT_VALUES_BUDGET = 2 * 1024 * 1024;
class ColumnProfile {
    count = 0;
    nulls = 0;
    numeric = 0;
    nonFinite = { positive: 0, negative: 0, nan: 0 };
    integers = 0;
    booleans = 0;
    arrays = 0;
    objects = 0;
    mean = 0;
    m2 = 0;
    min = Infinity;
    max = -Infinity;
    sketch;
    categories = new Map();
    /** Class counts once `categories` overflowed (null while counting exactly, or when a profile file had none). */
    classes = null;
    /** The finite numbers themselves, when the profile keeps them (the first `keptCount` entries). */
    kept = null;
    keptCount = 0;
    budget;
    declaredType;
    constructor(state) {
        this.sketch = new _quantile_sketch_js__WEBPACK_IMPORTED_MODULE_1__/* .QuantileSketch */ .w(state?.sketch);
        if (state) {
            this.count = state.count;
            this.nulls = state.nulls;
            this.numeric = state.numeric;
            Object.assign(this.nonFinite, state.nonFinite);
            this.mean = state.mean;
            this.m2 = state.m2;
            this.min = state.min ?? Infinity;
            this.max = state.max ?? -Infinity;
            this.categories = state.categories ? new Map(Object.entries(state.categories)) : null;
            if (!state.categories && state.categoryClasses) {
                this.classes = new Float64Array(_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .CATEGORY_CLASSES */ .I6);
                for (const [at, count] of Object.entries(state.categoryClasses))
                    this.classes[Number(at)] = count;
            }
            this.declaredType = state.type;
            this.arrays = state.arrays ?? 0;
            this.objects = state.objects ?? 0;
        }
    }
    /** Keeps every finite number from now on (while `budget` allows), for drift on exact values. */
    keepValues(budget) {
        if (this.numeric > 0)
            return; // a column must keep all its numbers or none
        this.budget = budget;
        this.kept = new Float64Array(0);
    }
    /** The kept finite numbers (a column of a profile that kept them), e.g. handed over from a worker thread. */
    get keptValues() {
        return this.kept === null ? undefined : this.kept.subarray(0, this.keptCount);
    }
    set keptValues(values) {
        this.kept = values ?? null;
        this.keptCount = values?.length ?? 0;
    }
    keep(value) {
        const kept = this.kept;
        if (this.keptCount === kept.length) {
            const grown = Math.max(1024, kept.length * 2);
            if (this.budget.remaining < grown - kept.length) {
                this.budget.remaining += kept.length;
                this.kept = null;
                return;
            }
            this.budget.remaining -= grown - kept.length;
            const next = new Float64Array(grown);
            next.set(kept);
            this.kept = next;
        }
        this.kept[this.keptCount++] = value;
    }
    /** A type the user declared (schema or rules): digits in a `string` column stay categories. */
    declare(type) {
        this.declaredType = type;
    }
    addNull() {
        this.count++;
        this.nulls++;
    }
    /**
     * A non-null value: `number` is its numeric reading (NaN when it is not a number), `text` its category key;
     * `numericCell` says the cell is a number (a Parquet DOUBLE's NaN is a number that is not finite, not text).
     */
    addValue(text, number, numericCell = false) {
        this.addReading(number, number !== number && (text === 'true' || text === 'false'), numericCell);
        if (this.categories !== null)
            this.addCategory(text);
        else
            this.addClass((0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .textClass */ .W3)(text));
    }
    /**
     * A non-null value without its category: callers that make strings only when they must add the text
     * with `addCategory` while `categories` is not null, else its class with `addClass`.
     */
    addReading(number, booleanWord, numericCell = false) {
        this.count++;
        if (number - number === 0) {
            this.numeric++;
            if (Number.isInteger(number))
                this.integers++;
            const finite = this.numeric - this.nonFinite.positive - this.nonFinite.negative - this.nonFinite.nan;
            const delta = number - this.mean;
            this.mean += delta / finite;
            this.m2 += delta * (number - this.mean);
            if (number < this.min)
                this.min = number;
            if (number > this.max)
                this.max = number;
            this.sketch.add(number);
            if (this.kept !== null)
                this.keep(number);
        }
        else if (number === number || numericCell) {
            this.numeric++;
            if (number === Infinity)
                this.nonFinite.positive++;
            else if (number === -Infinity)
                this.nonFinite.negative++;
            else
                this.nonFinite.nan++;
        }
        else if (booleanWord) {
            this.booleans++;
        }
    }
    /** A non-null value of a typed table (JSONL, Parquet) that is an array or an object, added with addValue. */
    addStructure(isArray) {
        if (isArray)
            this.arrays++;
        else
            this.objects++;
    }
    addCategory(text) {
        const categories = this.categories;
        if (categories === null)
            return;
        const seen = categories.get(text);
        if (seen !== undefined)
            categories.set(text, seen + 1);
        // A new key is copied: a string sliced from a read chunk would keep the whole chunk alive.
        else if (categories.size < MAX_CATEGORIES)
            categories.set(Buffer.from(text, 'utf8').toString('utf8'), 1);
        else {
            this.classes = (0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .classCounts */ .RZ)(categories);
            this.categories = null;
            this.classes[(0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .textClass */ .W3)(text)]++;
        }
    }
    /** A value's hash class (category-classes.ts), once the exact counts have overflowed. */
    addClass(at) {
        if (this.classes !== null)
            this.classes[at]++;
    }
    /** Numbers that are finite: what moments, min/max, sketch and histogram describe. */
    get finite() {
        return this.numeric - this.nonFinite.positive - this.nonFinite.negative - this.nonFinite.nan;
    }
    merge(other) {
        const mine = this.finite;
        const theirs = other.finite;
        const n = mine + theirs;
        if (n > 0) {
            const delta = other.mean - this.mean;
            this.m2 += other.m2 + (delta * delta * mine * theirs) / n;
            this.mean += (delta * theirs) / n;
        }
        this.count += other.count;
        this.nulls += other.nulls;
        this.numeric += other.numeric;
        this.nonFinite.positive += other.nonFinite.positive;
        this.nonFinite.negative += other.nonFinite.negative;
        this.nonFinite.nan += other.nonFinite.nan;
        this.integers += other.integers;
        this.booleans += other.booleans;
        this.arrays += other.arrays;
        this.objects += other.objects;
        this.min = Math.min(this.min, other.min);
        this.max = Math.max(this.max, other.max);
        this.sketch.merge(other.sketch);
        this.keptValues = undefined; // kept values serve one run's drift; a merge has none
        if (this.categories && other.categories) {
            for (const [key, value] of other.categories)
                this.categories.set(key, (this.categories.get(key) ?? 0) + value);
            if (this.categories.size > MAX_CATEGORIES) {
                this.classes = (0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .classCounts */ .RZ)(this.categories);
                this.categories = null;
            }
        }
        else {
            // Classes of both sides, when both have value counts of some kind; else no counts at all.
            const mine = this.categories ? (0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .classCounts */ .RZ)(this.categories) : this.classes;
            const theirs = other.categories ? (0,_category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .classCounts */ .RZ)(other.categories) : other.classes;
            if (mine && theirs)
                for (let at = 0; at < _category_classes_js__WEBPACK_IMPORTED_MODULE_0__/* .CATEGORY_CLASSES */ .I6; at++)
                    mine[at] += theirs[at];
            this.classes = mine && theirs ? mine : null;
            this.categories = null;
        }
        if (this.declaredType !== other.declaredType)
            this.declaredType = undefined;
    }
    get type() {
        const present = this.count - this.nulls;
        if (present === 0)
            return 'empty';
        if (this.declaredType === 'string')
            return 'string';
        if (this.numeric === present) {
            if (this.declaredType === 'integer' || this.declaredType === 'number')
                return this.declaredType;
            // Non-finite numbers say nothing about integer or not: the finite ones decide.
            return this.finite > 0 && this.integers === this.finite ? 'integer' : 'number';
        }
        if (this.declaredType === 'boolean' || this.booleans === present)
            return 'boolean';
        return 'string';
    }
    get std() {
        const finite = this.finite;
        return finite > 0 ? Math.sqrt(this.m2 / finite) : 0;
    }
    /**
     * What drift methods compare: the finite numbers when the column is numeric (exactly while it has at most
     * MAX_CATEGORIES distinct values or fewer values than the sketch holds, else the sketch's buckets), else
     * the value counts (exact, or hash classes). Undefined, with the reason, when there is nothing to compare.
     */
    distribution() {
        const type = this.type;
        if (type === 'empty')
            return { reason: 'no values' };
        if (type === 'integer' || type === 'number') {
            if (this.finite === 0)
                return { reason: 'no finite numbers' };
            let distinct;
            if (this.categories) {
                // Keyed by the number, not the text: "1" and "1.0" are one value.
                distinct = new Map();
                for (const [text, count] of this.categories) {
                    const value = Number(text);
                    if (value - value === 0)
                        distinct.set(value, (distinct.get(value) ?? 0) + count);
                }
            }
            let points;
            let exact = true;
            const kept = this.keptValues;
            if (distinct) {
                const values = [...distinct.keys()].sort((a, b) => a - b);
                points = { values, weights: values.map(v => distinct.get(v)) };
            }
            else if (kept !== undefined && kept.length === this.finite) {
                points = countSorted(kept.sort());
            }
            else {
                points = this.sketch.weightedPoints();
                exact = this.sketch.isExact;
            }
            return {
                kind: 'numeric',
                ...points,
                exact,
                count: this.finite,
                min: this.min,
                max: this.max,
                std: this.std,
                distinct
            };
        }
        const count = this.count - this.nulls;
        if (this.categories)
            return { kind: 'categorical', counts: this.categories, count };
        if (this.classes)
            return { kind: 'categorical', classes: this.classes, count };
        return { reason: 'no value counts in the profile' };
    }
    toJSON() {
        const type = this.type;
        const numeric = type === 'integer' || type === 'number';
        const finite = this.finite > 0;
        const classes = {};
        if (!numeric && !this.categories && this.classes)
            this.classes.forEach((count, at) => count > 0 && (classes[at] = count));
        return {
            type,
            count: this.count,
            nulls: this.nulls,
            numeric: this.numeric,
            nonFinite: { ...this.nonFinite },
            mean: this.mean,
            m2: this.m2,
            min: finite ? this.min : null,
            max: finite ? this.max : null,
            sketch: numeric ? this.sketch.toJSON() : { exact: [] },
            categories: this.categories
                ? Object.fromEntries([...this.categories].sort((a, b) => b[1] - a[1]))
                : null,
            ...(!numeric && !this.categories && this.classes ? { categoryClasses: classes } : {}),
            histogram: numeric && finite ? this.histogram() : undefined,
            arrays: this.arrays || undefined,
            objects: this.objects || undefined
        };
    }
    histogram() {
        const bins = this.max > this.min ? 10 : 1;
        const edges = Array.from({ length: bins + 1 }, (_, i) => this.min + ((this.max - this.min) * i) / bins);
        const counts = new Array(bins).fill(0);
        const { values, weights } = this.sketch.weightedPoints();
        values.forEach((v, i) => {
            const bin = 
            // A bucket's representative may sit just outside [min, max] (by the sketch's relative accuracy).
            bins === 1
                ? 0
                : Math.max(0, Math.min(bins - 1, Math.floor(((v - this.min) / (this.max - this.min)) * bins)));
            counts[bin] += weights[i];
        });
        return { edges, counts };
    }
}
/** Sorted values as distinct points with their counts, in typed arrays (a column may keep millions). */
function countSorted(sorted) {
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++)
        if (i === 0 || sorted[i] !== sorted[i - 1])
            distinct++;
    // All distinct (a continuous column): the sorted values themselves, no copy and no weights.
    if (distinct === sorted.length)
        return { values: sorted, weights: undefined };
    const values = new Float64Array(distinct);
    const weights = new Float64Array(distinct);
    let at = -1;
    for (let i = 0; i < sorted.length; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1])
            values[++at] = sorted[i];
        weights[at]++;
    }
    return { values, weights };
}
class Profile {
    rows = 0;
    columns = new Map();
    budget;
    /** Columns keep their finite numbers (up to KEPT_VALUES_BUDGET in all) for drift on exact values. */
    keepValues(budget = KEPT_VALUES_BUDGET) {
        this.budget = { remaining: budget };
        for (const column of this.columns.values())
            column.keepValues(this.budget);
    }
    /** The kept values of the columns that kept them all. */
    keptValues() {
        const out = {};
        for (const [name, column] of this.columns) {
            const values = column.keptValues;
            // A column with exact value counts (at most 1000 distinct) compares on them: its values are not needed.
            if (values !== undefined && values.length === column.finite && values.length > 0 && !column.categories)
                out[name] = values;
        }
        return out;
    }
    /** Gives columns the values kept by the profile this one was read from (a worker thread's). */
    attachKeptValues(values) {
        for (const [name, column] of this.columns)
            if (values && Object.hasOwn(values, name))
                column.keptValues = values[name];
    }
    column(name) {
        let column = this.columns.get(name);
        if (!column) {
            column = new ColumnProfile();
            if (this.budget)
                column.keepValues(this.budget);
            // A column first seen late (JSONL) was absent, i.e. null, in the rows before.
            column.count = column.nulls = this.rows;
            this.columns.set(name, column);
        }
        return column;
    }
    merge(other) {
        for (const [name, column] of other.columns) {
            const mine = this.columns.get(name);
            if (mine)
                mine.merge(column);
            else {
                const added = new ColumnProfile();
                added.count = added.nulls = this.rows;
                added.merge(column);
                this.columns.set(name, added);
            }
        }
        for (const [name, column] of this.columns) {
            if (!other.columns.has(name)) {
                column.count += other.rows;
                column.nulls += other.rows;
            }
        }
        this.rows += other.rows;
    }
    toJSON() {
        return {
            mlciProfile: PROFILE_VERSION,
            rows: this.rows,
            columns: Object.fromEntries([...this.columns].map(([name, column]) => [name, column.toJSON()]))
        };
    }
    static fromJSON(state) {
        const profile = new Profile();
        profile.rows = state.rows;
        for (const [name, column] of Object.entries(state.columns))
            profile.columns.set(name, new ColumnProfile(column));
        return profile;
    }
}
/**
 * What makes a profile file unusable as a drift reference, or undefined: a statistic that is not a finite
 * number where the profile has finite values to describe (JSON has no Infinity or NaN: a hand-edited or
 * corrupted profile has null there), a count that is not a count. Such a profile is refused, never compared.
 */
function profileStateProblem(state) {
    const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    const isFinite = (v) => typeof v === 'number' && Number.isFinite(v);
    if (!isCount(state.rows))
        return 'rows is not a count';
    if (typeof state.columns !== 'object' || state.columns === null)
        return 'it has no columns object';
    for (const [name, column] of Object.entries(state.columns)) {
        const where = `column '${name}'`;
        if (typeof column !== 'object' || column === null)
            return `${where} is not an object`;
        for (const key of ['count', 'nulls', 'numeric'])
            if (!isCount(column[key]))
                return `${where}: ${key} is ${JSON.stringify(column[key])}, not a count`;
        const nonFinite = column.nonFinite;
        if (!nonFinite || !isCount(nonFinite.positive) || !isCount(nonFinite.negative) || !isCount(nonFinite.nan))
            return `${where}: nonFinite must hold the counts positive, negative and nan`;
        const finite = column.numeric - nonFinite.positive - nonFinite.negative - nonFinite.nan;
        if (finite < 0)
            return `${where}: more non-finite numbers than numbers`;
        for (const key of ['mean', 'm2'])
            if (!isFinite(column[key]))
                return `${where}: ${key} is ${JSON.stringify(column[key])}, not a finite number`;
        if (finite > 0) {
            for (const key of ['min', 'max'])
                if (!isFinite(column[key]))
                    return `${where}: ${key} is ${JSON.stringify(column[key])}, not a finite number (the column has ${finite} finite numbers)`;
        }
        const sketch = column.sketch;
        if (typeof sketch !== 'object' || sketch === null)
            return `${where}: sketch is missing`;
        if (sketch.exact !== undefined && !(Array.isArray(sketch.exact) && sketch.exact.every(isFinite)))
            return `${where}: sketch.exact holds something other than finite numbers`;
    }
    return undefined;
}


/***/ }),

/***/ 3060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ bucketPoint),
/* harmony export */   w: () => (/* binding */ QuantileSketch)
/* harmony export */ });
const EXACT_LIMIT = 4096;
/** Relative accuracy: a quantile is returned within 0.5% of a value of that rank. */
const ALPHA = 0.005;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const INVERSE_LOG_GAMMA = 1 / Math.log(GAMMA);
/** Magnitudes below this count as zero (about 70,000 buckets below the smallest double otherwise). */
const MIN_INDEXABLE = 1e-200;
/** Counts over a contiguous range of bucket indexes, grown as values arrive. */
class BucketStore {
    offset = 0;
    counts = new Float64Array(0);
    add(index, count) {
        const at = index - this.offset;
        if (at >= 0 && at < this.counts.length)
            this.counts[at] += count;
        else
            this.extendTo(index).counts[index - this.offset] += count;
    }
    /** Non-zero buckets as index → count. */
    toJSON() {
        const out = {};
        this.counts.forEach((count, at) => {
            if (count > 0)
                out[at + this.offset] = count;
        });
        return out;
    }
    extendTo(index) {
        if (this.counts.length === 0) {
            this.offset = index;
            this.counts = new Float64Array(64);
            return this;
        }
        const low = Math.min(this.offset, index);
        const high = Math.max(this.offset + this.counts.length, index + 1);
        // Room to spare on the side that grew, so a slowly widening range is not copied for every new bucket.
        const spare = Math.max(64, (high - low) >> 1);
        const start = index < this.offset ? low - spare : low;
        const grown = new Float64Array(high - low + spare);
        grown.set(this.counts, this.offset - start);
        this.offset = start;
        this.counts = grown;
        return this;
    }
}
class QuantileSketch {
    exact = new Float64Array(EXACT_LIMIT);
    count = 0;
    positive = new BucketStore();
    negative = new BucketStore();
    zeros = 0;
    constructor(state) {
        if (!state)
            return;
        for (const value of state.exact ?? [])
            this.add(value);
        if (state.positive || state.negative || state.zeros) {
            this.toBuckets();
            for (const [index, count] of Object.entries(state.positive ?? {}))
                this.positive.add(Number(index), count);
            for (const [index, count] of Object.entries(state.negative ?? {}))
                this.negative.add(Number(index), count);
            this.zeros += state.zeros ?? 0;
        }
    }
    add(value) {
        const exact = this.exact;
        if (exact !== undefined) {
            exact[this.count++] = value;
            if (this.count === EXACT_LIMIT)
                this.toBuckets();
        }
        else {
            this.count++;
            this.addToBucket(value, 1);
        }
    }
    merge(other) {
        if (other.exact !== undefined) {
            for (let i = 0; i < other.count; i++)
                this.add(other.exact[i]);
            return;
        }
        this.toBuckets();
        this.count += other.count;
        this.zeros += other.zeros;
        other.positive.counts.forEach((count, at) => count > 0 && this.positive.add(at + other.positive.offset, count));
        other.negative.counts.forEach((count, at) => count > 0 && this.negative.add(at + other.negative.offset, count));
    }
    /** True while the sketch holds the values themselves (fewer than EXACT_LIMIT). */
    get isExact() {
        return this.exact !== undefined;
    }
    /** Sorted points with their weights: the distribution the drift methods read. */
    weightedPoints() {
        if (this.exact !== undefined) {
            const values = Array.from(this.exact.subarray(0, this.count)).sort((a, b) => a - b);
            return { values, weights: values.map(() => 1) };
        }
        const values = [];
        const weights = [];
        const { negative, positive } = this;
        for (let at = negative.counts.length - 1; at >= 0; at--) {
            if (negative.counts[at] === 0)
                continue;
            values.push(-representative(at + negative.offset));
            weights.push(negative.counts[at]);
        }
        if (this.zeros > 0) {
            values.push(0);
            weights.push(this.zeros);
        }
        for (let at = 0; at < positive.counts.length; at++) {
            if (positive.counts[at] === 0)
                continue;
            values.push(representative(at + positive.offset));
            weights.push(positive.counts[at]);
        }
        return { values, weights };
    }
    quantile(q) {
        const { values, weights } = this.weightedPoints();
        const total = weights.reduce((a, b) => a + b, 0);
        let seen = 0;
        for (let i = 0; i < values.length; i++) {
            seen += weights[i];
            if (seen >= q * total)
                return values[i];
        }
        return values[values.length - 1] ?? NaN;
    }
    toJSON() {
        if (this.exact !== undefined)
            return { exact: Array.from(this.exact.subarray(0, this.count)) };
        return { positive: this.positive.toJSON(), negative: this.negative.toJSON(), zeros: this.zeros };
    }
    toBuckets() {
        const exact = this.exact;
        if (exact === undefined)
            return;
        this.exact = undefined;
        for (let i = 0; i < this.count; i++)
            this.addToBucket(exact[i], 1);
    }
    addToBucket(value, count) {
        if (value > MIN_INDEXABLE)
            this.positive.add(Math.ceil(Math.log(value) * INVERSE_LOG_GAMMA), count);
        else if (value < -MIN_INDEXABLE)
            this.negative.add(Math.ceil(Math.log(-value) * INVERSE_LOG_GAMMA), count);
        else
            this.zeros += count;
    }
}
/** The point that stands for `value` once the sketch holds buckets: its bucket's representative (0 for zeros). */
function bucketPoint(value) {
    if (value > MIN_INDEXABLE)
        return representative(Math.ceil(Math.log(value) * INVERSE_LOG_GAMMA));
    if (value < -MIN_INDEXABLE)
        return -representative(Math.ceil(Math.log(-value) * INVERSE_LOG_GAMMA));
    return 0;
}
/** The value every member of bucket `index` is within α of. */
function representative(index) {
    return (2 * GAMMA ** index) / (GAMMA + 1);
}


/***/ }),

/***/ 2070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration)
/* harmony export */ });
/* unused harmony export formatDuration */
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


/***/ }),

/***/ 2461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ finishResults)
/* harmony export */ });
/** Applies `mostly` (Great Expectations: success when (considered − violations) / considered ≥ mostly). */
function finishResults(results) {
    for (const result of results) {
        result.failed =
            result.violations > 0 &&
                (result.considered === 0 || (result.considered - result.violations) / result.considered < result.mostly);
    }
    return results;
}


/***/ }),

/***/ 1462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ checkRowCount),
/* harmony export */   p: () => (/* binding */ checkNullFractions)
/* harmony export */ });
/**
 * The rules about the whole dataset, decided once from totals rather than row by row: the row count and the
 * null fraction of a column. Merged shards are checked again with them (per-shard verdicts do not add up).
 */
function checkRowCount(rows, count) {
    if (rows.min === undefined && rows.max === undefined)
        return undefined;
    const outside = (rows.min !== undefined && count < rows.min) || (rows.max !== undefined && count > rows.max);
    return {
        id: 'rows',
        rule: 'rows',
        description: `row count in [${rows.min ?? 0}, ${rows.max ?? '∞'}]`,
        severity: 'error',
        mostly: 1,
        considered: 1,
        violations: outside ? 1 : 0,
        failed: false,
        samples: outside ? [{ file: '', line: 0, location: 'row', value: String(count) }] : []
    };
}
/** The null-fraction rules, from a profile (also the merged profile of shards). */
function checkNullFractions(rules, profile) {
    return rules.columns.flatMap(rule => {
        if (rule.nullFractionMax === undefined)
            return [];
        const column = profile.columns.get(rule.column);
        const fraction = column && column.count > 0 ? column.nulls / column.count : 0;
        const violated = fraction > rule.nullFractionMax;
        return [
            {
                id: `${rule.column}.null_fraction_max`,
                column: rule.column,
                rule: 'null_fraction_max',
                description: `nulls in '${rule.column}' ≤ ${rule.nullFractionMax * 100}%`,
                severity: rule.severity,
                mostly: 1,
                considered: 1,
                violations: violated ? 1 : 0,
                failed: false,
                samples: violated
                    ? [{ file: '', line: 0, location: 'row', value: `${(fraction * 100).toFixed(2)}% null` }]
                    : []
            }
        ];
    });
}


/***/ }),

/***/ 6292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ checkRuleColumns)
/* harmony export */ });
/* harmony import */ var _config_suggest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1177);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2981);


/** Columns listed in a message, at most. */
const SHOWN_COLUMNS = 20;
/**
 * A rule about a column the data does not have can never be checked: it is a mistake in the rules (most often a
 * typo), and silently skipping it would turn the check off. It fails at the rule's line, with the nearest column.
 * `columns` are all the columns of the data (the union over its files: a column in some files and not others is
 * checked where it is), `data` names the data in the message ("d.csv", "any of the 3 data files").
 * A column whose rules say `required` is exempt: with true its absence is a finding of the validation itself
 * (column-presence.ts), with false it may be absent. Table Schema fields are required, so they are exempt too.
 */
function checkRuleColumns(rules, columns, data) {
    const presenceSaid = new Set(rules.columns.filter(r => r.required !== undefined).map(r => r.column));
    const absent = (column) => !columns.has(column) && !presenceSaid.has(column);
    const mistakes = [];
    for (const rule of rules.columns)
        if (absent(rule.column))
            mistakes.push({ column: rule.column, place: rule, line: rule.line });
    for (const key of rules.unique)
        key.columns.forEach((column, i) => {
            if (absent(column))
                mistakes.push({ column, place: key, line: key.lines?.[i] ?? key.line });
        });
    if (mistakes.length === 0)
        return;
    // The first in the file, as a reader of the file would meet it.
    const first = mistakes.reduce((a, b) => ((b.line ?? Infinity) < (a.line ?? Infinity) ? b : a));
    const known = [...columns];
    const guess = (0,_config_suggest_js__WEBPACK_IMPORTED_MODULE_1__/* .suggestNearest */ .nD)(first.column, known);
    const shown = known.slice(0, SHOWN_COLUMNS).join(', ') + (known.length > SHOWN_COLUMNS ? ', …' : '');
    const hint = guess
        ? `: did you mean '${guess}'?`
        : known.length > 0
            ? ` (columns: ${shown}).`
            : ', which has no columns.';
    throw (0,_rules_js__WEBPACK_IMPORTED_MODULE_0__/* .ruleError */ .hV)(`${first.place.path}: no column '${first.column}' in ${data}${hint} A rule about a column the data does not have is never checked: fix the name, or give the column \`required: false\` if it may be absent.`, first.place.file, first.line);
}


/***/ }),

/***/ 5333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ detach),
/* harmony export */   d: () => (/* binding */ RuleTally)
/* harmony export */ });
/**
 * A copy of text sliced from a read chunk, for text kept for the whole run (examples, memo keys): V8 would
 * otherwise keep the whole chunk alive for each kept slice.
 */
const detach = (text) => Buffer.from(text, 'utf8').toString('utf8');
const clip = (text) => detach(text.length > 80 ? `${text.slice(0, 77)}...` : text);
/**
 * The results of a run's data rules, in the order the rules were first met: every violation counted
 * exactly, while only the first `maxErrors` examples overall are kept.
 */
class RuleTally {
    results = new Map();
    samplesLeft;
    constructor(maxErrors) {
        this.samplesLeft = maxErrors;
    }
    /** The result of rule `id`, made from `init` the first time the rule is met. */
    counter(id, init) {
        let result = this.results.get(id);
        if (!result) {
            result = { id, ...init, considered: 0, violations: 0, failed: false, samples: [] };
            this.results.set(id, result);
        }
        return result;
    }
    violate(result, file, line, location, value, message) {
        result.violations++;
        // Every rule keeps its first example even when the global budget is spent: each annotation needs a line.
        if (this.samplesLeft > 0 || result.samples.length === 0) {
            if (this.samplesLeft > 0)
                this.samplesLeft--;
            result.samples.push({ file, line, location, value: clip(value), ...(message ? { message } : {}) });
        }
    }
    /** A row's schema errors, each a violation of the rule for its path and keyword. */
    violateSchema(errors, file, line, location) {
        for (const error of errors) {
            const result = this.counter(`schema ${error.path} ${error.keyword}`, {
                column: error.column,
                rule: `schema: ${error.keyword}`,
                description: `${error.path || 'row'} ${error.message}`,
                severity: 'error',
                mostly: 1
            });
            this.violate(result, file, line, location, error.value);
        }
    }
    /** Puts a result computed whole (a dataset-level rule), replacing any of the same id in its place. */
    set(result) {
        this.results.set(result.id, result);
    }
    all() {
        return [...this.results.values()];
    }
}


/***/ }),

/***/ 2981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NR: () => (/* binding */ parseRules),
/* harmony export */   Wd: () => (/* binding */ DEFAULT_DRIFT),
/* harmony export */   bl: () => (/* binding */ emptyRules),
/* harmony export */   hV: () => (/* binding */ ruleError)
/* harmony export */ });
/* harmony import */ var _config_config_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7188);
/* harmony import */ var _errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6696);
/* harmony import */ var _stats_drift_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4791);
/* harmony import */ var _user_pattern_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2761);




const DEFAULT_DRIFT = {
    numeric: 'wasserstein',
    categorical: 'jensenshannon',
    threshold: 0.1,
    columns: new Map(),
    datasetShare: 0.5
};
function emptyRules() {
    // An empty dataset passes nothing by default: a truncated export must not look clean.
    return { rows: { min: 1 }, unique: [], missingValues: [''], columns: [] };
}
const COLUMN_KEYS = [
    'required',
    'not_null',
    'type',
    'min',
    'max',
    'in',
    'pattern',
    'min_length',
    'max_length',
    'unique',
    'null_fraction_max',
    'mostly',
    'severity',
    'missing_values'
];
function parseRules(text, file) {
    const root = (0,_config_config_file_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConfigFile */ .m)(text, file).object(['rows', 'unique', 'columns', 'drift', 'missing_values']);
    const rules = emptyRules();
    if (root.rows.present) {
        const rows = root.rows.object(['min', 'max']);
        rules.rows = {
            min: rows.min.optional(v => v.number({ min: 0, integer: true })) ?? 0,
            max: rows.max.optional(v => v.number({ min: 0, integer: true }))
        };
    }
    rules.missingValues = root.missing_values.present ? root.missing_values.list().map(stringOf) : [''];
    rules.unique = root.unique.list().map(key => {
        const items = key.list();
        if (items.length === 0)
            throw key.error('a unique key needs at least one column, e.g. [id].');
        return {
            columns: items.map(c => c.string()),
            file,
            line: key.line,
            path: key.path,
            lines: items.map(c => c.line)
        };
    });
    rules.columns = root.columns.entries().map(([column, value]) => parseColumn(column, value));
    if (root.drift.present)
        rules.drift = parseDrift(root.drift, file);
    return rules;
}
function parseColumn(column, value) {
    const keys = value.object(COLUMN_KEYS);
    const number = (v) => v.optional(x => x.number());
    const patternText = keys.pattern.optional(v => v.string());
    const min = number(keys.min);
    const max = number(keys.max);
    if (min !== undefined && max !== undefined && min > max)
        throw keys.max.error(`is below min (${min}).`);
    return {
        column,
        file: value.file,
        line: value.keyLine,
        path: value.path,
        required: keys.required.optional(v => v.boolean()),
        notNull: keys.not_null.optional(v => v.boolean()) ?? false,
        type: keys.type.optional(v => v.choice(['integer', 'number', 'string', 'boolean'])),
        min,
        max,
        in: keys.in.present ? new Set(keys.in.list().map(stringOf)) : undefined,
        pattern: patternText === undefined ? undefined : (0,_user_pattern_js__WEBPACK_IMPORTED_MODULE_3__/* .compileAnchoredPattern */ .mu)(patternText, keys.pattern),
        patternText,
        minLength: keys.min_length.optional(v => v.number({ min: 0, integer: true })),
        maxLength: keys.max_length.optional(v => v.number({ min: 0, integer: true })),
        unique: keys.unique.optional(v => v.boolean()) ?? false,
        nullFractionMax: keys.null_fraction_max.optional(v => v.number({ min: 0, max: 1 })),
        mostly: keys.mostly.optional(v => v.number({ min: 0, max: 1 })) ?? 1,
        severity: keys.severity.optional(v => v.choice(['error', 'warning'])) ?? 'error',
        missingValues: keys.missing_values.present ? keys.missing_values.list().map(stringOf) : undefined
    };
}
function parseDrift(value, file) {
    const keys = value.object(['defaults', 'columns', 'dataset_share']);
    const defaults = keys.defaults.object(['numeric', 'categorical', 'threshold']);
    const drift = {
        numeric: defaults.numeric.optional(v => v.choice(_stats_drift_js__WEBPACK_IMPORTED_MODULE_2__/* .DRIFT_METHODS */ .Tl)) ?? DEFAULT_DRIFT.numeric,
        categorical: defaults.categorical.optional(v => v.choice(_stats_drift_js__WEBPACK_IMPORTED_MODULE_2__/* .DRIFT_METHODS */ .Tl)) ?? DEFAULT_DRIFT.categorical,
        threshold: defaults.threshold.optional(v => v.number({ min: 0 })) ?? DEFAULT_DRIFT.threshold,
        columns: new Map(),
        datasetShare: keys.dataset_share.optional(v => v.number({ min: 0, max: 1 })) ?? DEFAULT_DRIFT.datasetShare,
        file
    };
    for (const [column, spec] of keys.columns.entries()) {
        const c = spec.object(['ignore', 'method', 'threshold', 'warn', 'fail']);
        const threshold = c.threshold.optional(v => v.number({ min: 0 }));
        const warn = c.warn.optional(v => v.number({ min: 0 }));
        if (threshold !== undefined && c.fail.present)
            throw c.fail.error("give either 'threshold' or 'fail', not both.");
        if (c.ignore.optional(v => v.boolean())) {
            const scoring = ['method', 'threshold', 'warn', 'fail'].find(key => c[key].present);
            if (scoring !== undefined)
                throw c[scoring].error(`'ignore: true' leaves ${column} out of drift: remove '${scoring}' or 'ignore'.`);
            drift.columns.set(column, { ignore: true, line: spec.keyLine });
            continue;
        }
        drift.columns.set(column, {
            method: c.method.optional(v => v.choice(_stats_drift_js__WEBPACK_IMPORTED_MODULE_2__/* .DRIFT_METHODS */ .Tl)),
            warn,
            fail: threshold ?? c.fail.optional(v => v.number({ min: 0 })),
            line: spec.keyLine
        });
    }
    return drift;
}
function stringOf(value) {
    const raw = value.toJS();
    if (raw === null || raw === undefined)
        return '';
    if (typeof raw === 'object')
        throw value.error('must be a single value.');
    return String(raw);
}
function ruleError(message, file, line) {
    return new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line });
}


/***/ }),

/***/ 5930:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ parseStructuredText),
/* harmony export */   h: () => (/* binding */ readStructuredText)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_config_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7188);
/* harmony import */ var _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6696);
/* harmony import */ var _data_json_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5852);




/** The text of a JSON file, or YAML by extension (schemas, profiles, reports), for parseStructuredText. */
async function readStructuredText(file, name) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8').catch(() => {
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${name} does not exist or cannot be read.`, { file: name });
    });
}
/**
 * The text of a JSON file, or of a YAML one when `name` ends in .yml or .yaml. Either is refused, at its line,
 * when it nests more than MAX_NESTING levels deep: ajv and the schema checks recurse once per level. YAML is read
 * by the one strict YAML reader (config-file.ts), which resolves aliases and refuses alias bombs.
 */
function parseStructuredText(text, name) {
    if (/\.ya?ml$/i.test(name))
        return (0,_config_config_file_js__WEBPACK_IMPORTED_MODULE_1__/* .parseConfigFile */ .m)(text, name).toJS();
    if (text.trim() === '')
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${name} is empty: it must hold a JSON document.`, { file: name });
    const deep = (0,_data_json_error_js__WEBPACK_IMPORTED_MODULE_3__/* .locateDeepNesting */ .T1)(text);
    if (deep) {
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${name}:${deep.line}: nested more than ${_data_json_error_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_NESTING */ .M1} levels deep.`, {
            file: name,
            line: deep.line,
            column: deep.column
        });
    }
    try {
        return JSON.parse(text);
    }
    catch {
        const at = (0,_data_json_error_js__WEBPACK_IMPORTED_MODULE_3__/* .locateJsonError */ .R4)(text);
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${name}:${at?.line ?? 1}: not valid JSON.`, {
            file: name,
            line: at?.line,
            column: at?.column
        });
    }
}


/***/ }),

/***/ 2761:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hL: () => (/* binding */ PatternRefused),
  mu: () => (/* binding */ compileAnchoredPattern),
  bH: () => (/* binding */ compileUserPattern),
  OX: () => (/* binding */ userPatternEngine)
});

// EXTERNAL MODULE: ../../node_modules/re2js/build/index.js
var build = __webpack_require__(3980);
;// CONCATENATED MODULE: ../../shared/validation/ecma-to-re2.ts
/**
 * A user's pattern is written in ECMAScript syntax (JSON Schema says so; the rules file and Table Schema follow
 * it), and runs on RE2, whose matching time is linear in the value. This rewrites an ECMAScript pattern (valid
 * with the `u` flag, as ajv and the rules compile it) into RE2 syntax with the same meaning:
 *
 * - `\s` / `\S` are ECMAScript's white space and line terminators (RE2's are ASCII only), `.` excludes every
 *   line terminator (RE2's excludes `\n` only), `[\b]` is a backspace, `[^]` any character, `[]` none;
 * - `\uXXXX` (surrogate pairs joined), `\u{…}`, `\xHH`, `\cX`, `\0` become RE2's `\x{…}`;
 * - `(?<name>…)` becomes `(?:…)` (test needs no captures), and `\p{Script=…}` / `\p{General_Category=…}` / long category names RE2's
 *   short ones.
 *
 * What RE2 cannot do in linear time is refused, with the reason: lookaround and back-references.
 */
/** Thrown for a construct RE2 does not have; the message says which and why. */
class UnsupportedPattern extends Error {
    constructor(message) {
        super(message);
        this.name = 'UnsupportedPattern';
    }
}
/** ECMAScript's WhiteSpace and LineTerminator code points (ECMA-262 §22.2.2.9, CharacterClassEscape `s`). */
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
/** Unicode's long General_Category names (ECMAScript accepts them), to RE2's short ones. */
const CATEGORY = {
    Letter: 'L',
    Cased_Letter: 'LC',
    Uppercase_Letter: 'Lu',
    Lowercase_Letter: 'Ll',
    Titlecase_Letter: 'Lt',
    Modifier_Letter: 'Lm',
    Other_Letter: 'Lo',
    Mark: 'M',
    Combining_Mark: 'M',
    Nonspacing_Mark: 'Mn',
    Spacing_Mark: 'Mc',
    Enclosing_Mark: 'Me',
    Number: 'N',
    Decimal_Number: 'Nd',
    digit: 'Nd',
    Letter_Number: 'Nl',
    Other_Number: 'No',
    Punctuation: 'P',
    punct: 'P',
    Connector_Punctuation: 'Pc',
    Dash_Punctuation: 'Pd',
    Open_Punctuation: 'Ps',
    Close_Punctuation: 'Pe',
    Initial_Punctuation: 'Pi',
    Final_Punctuation: 'Pf',
    Other_Punctuation: 'Po',
    Symbol: 'S',
    Math_Symbol: 'Sm',
    Currency_Symbol: 'Sc',
    Modifier_Symbol: 'Sk',
    Other_Symbol: 'So',
    Separator: 'Z',
    Space_Separator: 'Zs',
    Line_Separator: 'Zl',
    Paragraph_Separator: 'Zp',
    Other: 'C',
    Control: 'Cc',
    cntrl: 'Cc',
    Format: 'Cf',
    Surrogate: 'Cs',
    Private_Use: 'Co',
    Unassigned: 'Cn'
};
const hex = (codePoint) => `\\x{${codePoint.toString(16).toUpperCase()}}`;
/**
 * The inside of `^…$` when the pattern is that, a whole-value match, else undefined. re2js decides a whole-value
 * match (`testExact`) about three times as fast as a search for a pattern with anchors in it, and JSON Schema
 * patterns are usually written anchored.
 */
function anchoredBody(source) {
    if (!source.startsWith('^') || !source.endsWith('$'))
        return undefined;
    let depth = 0;
    let endsEscaped = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            i++;
            if (i === source.length - 1)
                endsEscaped = true;
            continue;
        }
        if (c === '[') {
            while (source[i] !== ']')
                i += source[i] === '\\' ? 2 : 1;
            continue;
        }
        if (c === '(')
            depth++;
        else if (c === ')')
            depth--;
        // `^a|b$` is "starts with a, or ends with b": not a whole-value match.
        else if (c === '|' && depth === 0)
            return undefined;
    }
    // `^a\$` ends with an escaped dollar sign, not an anchor.
    if (endsEscaped)
        return undefined;
    return source.slice(1, -1);
}
/** The RE2 form of an ECMAScript pattern that `new RegExp(source, 'u')` accepts. */
function ecmaToRe2(source) {
    let out = '';
    let i = 0;
    while (i < source.length) {
        const c = source[i];
        if (c === '\\') {
            const escape = readEscape(source, i);
            out += escape.outside;
            i = escape.end;
        }
        else if (c === '[') {
            const cls = readClass(source, i);
            out += cls.text;
            i = cls.end;
        }
        else if (c === '.') {
            out += JS_DOT;
            i++;
        }
        else if (c === '(' && source[i + 1] === '?') {
            const rest = source.slice(i + 2);
            if (/^(?:=|!|<=|<!)/.test(rest))
                throw new UnsupportedPattern('it uses a lookaround ((?=…), (?!…), (?<=…) or (?<!…)), which a linear-time engine cannot run');
            if (rest.startsWith('<')) {
                // A name serves back-references only, which are refused: the group need not capture (and ES2025 lets
                // alternatives repeat a name, which RE2 would refuse).
                out += '(?:';
                i = source.indexOf('>', i) + 1;
            }
            else {
                out += '(?';
                i += 2;
            }
        }
        else {
            // A whole code point: an astral character is two UTF-16 units.
            const char = String.fromCodePoint(source.codePointAt(i));
            out += char;
            i += char.length;
        }
    }
    return out;
}
/** Syntax characters a literal may be escaped as (`\.`), and that stand for themselves so escaped. */
const PUNCTUATION = '^$\\.*+?()[]{}|/-';
/**
 * Whether V8's backtracking engine provably decides this pattern in time linear in the value, so that it may run
 * instead of RE2 (3 to 10 times faster per cell). `wholeValue`: the whole value must match (`^(?:…)$`); otherwise
 * any part of it. Accepted are flat patterns only (no group, alternation or assertion), where
 * - for a whole-value match, every atom repeated a variable number of times (`*`, `+`, `?`, `{n,m}`) is the last
 *   atom, or is followed by a literal character it cannot match (`[^@\s]+@`, `\d+-`);
 * - for a search, no atom is repeated a variable number of times.
 * Why that is linear: the engine's only choices are how many times each repeated atom matches, each repetition
 * one character. Giving one back exposes a character the atom matched, which the literal after it cannot match
 * (nor can the end of the value be there), so every choice fails at its first step and is never revisited by
 * moving forward again: each character is taken and given back at most once. A search without variable
 * repetition tries each start at a cost bounded by the pattern's length. Everything else (`\S+@\S+\.\S+`, whose
 * `\S+` can swallow the `@`, is cubic) runs on RE2.
 */
function backtrackingIsLinear(source, { wholeValue }) {
    const atoms = [];
    let i = 0;
    while (i < source.length) {
        const c = source[i];
        let end;
        let literal;
        if (c === '\\') {
            if ('bBkK123456789'.includes(source[i + 1]))
                return false;
            end = readEscape(source, i).end;
            if (end === i + 2 && PUNCTUATION.includes(source[i + 1]))
                literal = source[i + 1];
        }
        else if (c === '[')
            end = readClass(source, i).end;
        else if ('()|^$'.includes(c))
            return false;
        else {
            end = i + String.fromCodePoint(source.codePointAt(i)).length;
            if (c !== '.')
                literal = source.slice(i, end);
        }
        const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(end));
        // `{0}` makes the atom vanish, and the one before it meets whatever follows: not worth reasoning about.
        if (quantifier?.[1] === '0' && quantifier[2] === undefined)
            return false;
        const fixed = quantifier !== null &&
            quantifier[1] !== undefined &&
            (quantifier[2] === undefined || quantifier[3] === quantifier[1]);
        atoms.push({ text: source.slice(i, end), literal, variable: quantifier !== null && !fixed });
        i = end + (quantifier?.[0].length ?? 0);
    }
    return atoms.every((atom, k) => {
        if (!atom.variable)
            return true;
        if (!wholeValue)
            return false;
        const next = atoms[k + 1];
        if (next === undefined)
            return true;
        if (next.literal === undefined || next.variable)
            return false;
        return !new RegExp(`^(?:${atom.text})$`, 'u').test(next.literal);
    });
}
function readEscape(source, start) {
    const c = source[start + 1];
    const simple = (text, length = 2) => ({ outside: text, inside: text, end: start + length });
    switch (c) {
        case 's':
            return { outside: `[${JS_SPACE}]`, inside: JS_SPACE, end: start + 2 };
        case 'S':
            return { outside: `[^${JS_SPACE}]`, inside: undefined, end: start + 2 };
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 'b':
        case 'B':
        case 't':
        case 'n':
        case 'r':
        case 'f':
        case 'v':
            return simple(`\\${c}`);
        case '0':
            return simple(hex(0));
        case 'c':
            return simple(hex(source.charCodeAt(start + 2) % 32), 3);
        case 'x':
            return simple(hex(parseInt(source.slice(start + 2, start + 4), 16)), 4);
        case 'u':
            return readUnicodeEscape(source, start);
        case 'p':
        case 'P': {
            const close = source.indexOf('}', start);
            const property = unicodeProperty(source.slice(start + 3, close));
            return simple(`\\${c}{${property}}`, close + 1 - start);
        }
        case 'k':
            throw new UnsupportedPattern('it uses a back-reference (\\k<name>), which a linear-time engine cannot run');
        default:
            if (c >= '1' && c <= '9')
                throw new UnsupportedPattern(`it uses a back-reference (\\${c}), which a linear-time engine cannot run`);
            // An identity escape of a syntax character (`\.`, `\/`, `\-`): RE2 takes any escaped punctuation.
            return simple(`\\${c}`);
    }
}
function readUnicodeEscape(source, start) {
    if (source[start + 2] === '{') {
        const close = source.indexOf('}', start);
        const text = hex(parseInt(source.slice(start + 3, close), 16));
        return { outside: text, inside: text, end: close + 1 };
    }
    const unit = parseInt(source.slice(start + 2, start + 6), 16);
    const next = /^\\u([0-9a-fA-F]{4})/.exec(source.slice(start + 6));
    const low = next ? parseInt(next[1], 16) : -1;
    if (unit >= 0xd800 && unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        // With the u flag, a surrogate pair written as two escapes is one code point.
        const text = hex(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
        return { outside: text, inside: text, end: start + 12 };
    }
    return { outside: hex(unit), inside: hex(unit), end: start + 6 };
}
function unicodeProperty(body) {
    const [name, value] = body.includes('=') ? body.split('=') : [undefined, body];
    if (name === 'Script_Extensions' || name === 'scx')
        throw new UnsupportedPattern(`RE2 has no Script_Extensions property (\\p{${body}}); use \\p{Script=…}`);
    return CATEGORY[value] ?? value;
}
/** A character class `[…]`, from its `[` to past its `]`. */
function readClass(source, start) {
    let i = start + 1;
    const negated = source[i] === '^';
    if (negated)
        i++;
    let body = '';
    let notSpace = false;
    while (source[i] !== ']') {
        const c = source[i];
        if (c === '\\') {
            if (source[i + 1] === 'b') {
                body += hex(8);
                i += 2;
                continue;
            }
            const escape = readEscape(source, i);
            if (escape.inside === undefined)
                notSpace = true;
            else
                body += escape.inside;
            i = escape.end;
        }
        else if (c === '[') {
            // RE2 would read `[[:alpha:]]` as a POSIX class; in ECMAScript a `[` in a class is itself.
            body += '\\[';
            i++;
        }
        else {
            const char = String.fromCodePoint(source.codePointAt(i));
            body += char;
            i += char.length;
        }
    }
    const end = i + 1;
    if (notSpace) {
        // `[\Sx]` is "not white space, or x": RE2 has no class for that, an alternation says it.
        if (negated)
            throw new UnsupportedPattern('it negates a class holding \\S ([^\\S…]); write the white space it means instead');
        return { text: body === '' ? `[^${JS_SPACE}]` : `(?:[^${JS_SPACE}]|[${body}])`, end };
    }
    if (body === '')
        return { text: negated ? '[\\x{0}-\\x{10FFFF}]' : '[^\\x{0}-\\x{10FFFF}]', end };
    return { text: `[${negated ? '^' : ''}${body}]`, end };
}

;// CONCATENATED MODULE: ../../shared/validation/user-pattern.ts


/** Why a pattern that is valid ECMAScript cannot run here; thrown with the reason. */
class PatternRefused extends Error {
    source;
    constructor(source, message) {
        super(message);
        this.source = source;
        this.name = 'PatternRefused';
    }
}
/**
 * Compiles `source` (ECMAScript syntax, with the u flag). `anchored`: the whole value must match (rules, Table
 * Schema); otherwise any part of it (JSON Schema). Throws PatternRefused with the reason.
 */
function compileUserPattern(source, { anchored }) {
    try {
        new RegExp(source, 'u');
    }
    catch (error) {
        throw new PatternRefused(source, `is not a valid regular expression: ${error.message}`);
    }
    // `^…$` (or any pattern, when the whole value must match anyway) runs as a whole-value match.
    const body = anchoredBody(source);
    const exact = anchored || body !== undefined;
    let re2;
    try {
        re2 = build/* RE2JS */.L3.compile(ecmaToRe2(body ?? source));
    }
    catch (error) {
        const reason = error instanceof UnsupportedPattern ? error.message : `RE2 cannot run it (${error.message})`;
        throw new PatternRefused(source, `'${source}' cannot be matched in linear time: ${reason}. mlci runs every pattern on RE2, which has no lookaround nor back-references, so that no value can make a check run for minutes`);
    }
    const shown = anchored ? `^/${source}/u$` : `/${source}/u`;
    const inner = body ?? source;
    if (backtrackingIsLinear(inner, { wholeValue: exact })) {
        // Provably linear on V8 (ecma-to-re2.ts says why), and V8 is faster: the common patterns run natively.
        const native = new RegExp(exact ? `^(?:${inner})$` : inner, 'u');
        return { test: value => native.test(value), toString: () => shown };
    }
    return exact
        ? { test: value => re2.testExact(value), toString: () => shown }
        : { test: value => re2.test(value), toString: () => shown };
}
/** A pattern anchored to the whole value, its problems reported at `where` (file:line of the key). */
function compileAnchoredPattern(source, where) {
    try {
        return compileUserPattern(source, { anchored: true });
    }
    catch (error) {
        if (error instanceof PatternRefused)
            throw where.error(`${error.message}.`);
        throw error;
    }
}
/** ajv's `code.regExp` engine: every pattern a JSON Schema holds runs on RE2 (a refusal is a PatternRefused). */
const userPatternEngine = Object.assign((pattern) => compileUserPattern(pattern, { anchored: false }), { code: 'mlciUserPattern' });


/***/ }),

/***/ 2994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ loadRules),
  k: () => (/* binding */ validateFiles)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ../../shared/config/config-file.ts
var config_file = __webpack_require__(7188);
// EXTERNAL MODULE: ../../shared/data/table.ts + 3 modules
var data_table = __webpack_require__(1394);
// EXTERNAL MODULE: ../../shared/validation/rule-columns.ts
var rule_columns = __webpack_require__(6292);
// EXTERNAL MODULE: ../../shared/validation/rules.ts
var validation_rules = __webpack_require__(2981);
// EXTERNAL MODULE: ../../shared/validation/structured-file.ts
var structured_file = __webpack_require__(5930);
// EXTERNAL MODULE: ../../shared/config/suggest.ts
var suggest = __webpack_require__(1177);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
// EXTERNAL MODULE: ../../shared/validation/user-pattern.ts + 1 modules
var user_pattern = __webpack_require__(2761);
;// CONCATENATED MODULE: ../../shared/validation/table-schema.ts



/**
 * A Frictionless Table Schema (https://datapackage.org/standard/table-schema/, v1 and v2), told apart from a JSON
 * Schema by its `fields` list, read as strictly as a rules file and with its lines (JSON is YAML, so a JSON file
 * has them too): its fields and constraints become column rules for the engine that runs the rules file, its
 * primary and unique keys unique keys. The spec lets a schema and a field carry properties of their own, so a key
 * it does not define is accepted unless it looks like a misspelt one (`constriants`): a typo must never turn a
 * check off. Constraints are a closed list. Keys the spec defines and mlci does not check (formats, types other
 * than string, number, integer and boolean, `exclusiveMinimum`, `exclusiveMaximum`, `jsonSchema`, `foreignKeys`,
 * `fieldsMatch`) are accepted as they always were.
 */
function isTableSchema(schema) {
    return (typeof schema === 'object' && schema !== null && Array.isArray(schema.fields));
}
const SCHEMA_KEYS = [
    '$schema',
    'fields',
    'fieldsMatch',
    'missingValues',
    'primaryKey',
    'uniqueKeys',
    'foreignKeys'
];
const FIELD_KEYS = [
    'name',
    'title',
    'description',
    'example',
    'type',
    'format',
    'constraints',
    'missingValues',
    'categories',
    'categoriesOrdered',
    'rdfType',
    // Properties of some types: number and integer, boolean, list.
    'decimalChar',
    'groupChar',
    'bareNumber',
    'trueValues',
    'falseValues',
    'delimiter',
    'itemType'
];
const CONSTRAINT_KEYS = [
    'required',
    'unique',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'jsonSchema',
    'pattern',
    'enum'
];
const FIELD_TYPES = [
    'string',
    'number',
    'integer',
    'boolean',
    'object',
    'array',
    'list',
    'datetime',
    'date',
    'time',
    'year',
    'yearmonth',
    'duration',
    'geopoint',
    'geojson',
    'any'
];
/** The types whose values mlci checks; the others are read without a type check. */
const CHECKED_TYPES = {
    integer: 'integer',
    number: 'number',
    string: 'string',
    boolean: 'boolean'
};
/** Table Schema fields and constraints as column rules; `primaryKey` and `uniqueKeys` as unique keys. */
function tableSchemaRules(root, into) {
    const schema = standardKeys(mapping(root, 'the schema'), SCHEMA_KEYS);
    if (schema.missingValues.present)
        into.missingValues = missingValues(schema.missingValues, 'missingValues');
    const fields = list(schema.fields, 'fields');
    const names = [];
    fields.forEach((value, index) => {
        const path = `fields[${index}]`;
        const field = standardKeys(mapping(value, path), FIELD_KEYS);
        if (!field.name.present)
            throw fail(value, `${path} needs a "name".`);
        const name = table_schema_text(field.name, `${path}.name`);
        names.push(name);
        // Table Schema v1's default type, which mlci has always applied (v2 says `any`): digits stay categories.
        const type = field.type.present ? fieldType(field.type, `${path}.type`) : 'string';
        const constraints = mapping(field.constraints, `${path}.constraints`).object(CONSTRAINT_KEYS);
        const at = (key) => `${path}.constraints.${key}`;
        const number = (key) => constraints[key].present ? numeric(constraints[key], at(key)) : undefined;
        const flag = (key) => constraints[key].present ? table_schema_boolean(constraints[key], at(key)) : false;
        const patternText = constraints.pattern.present ? table_schema_text(constraints.pattern, at('pattern')) : undefined;
        const rule = {
            column: name,
            file: value.file,
            line: value.line,
            path,
            fromSchema: true,
            // Fields must be in the data (fieldsMatch exact, the default): an absent one is a finding.
            required: true,
            notNull: flag('required'),
            type: CHECKED_TYPES[type],
            min: number('minimum'),
            max: number('maximum'),
            in: constraints.enum.present
                ? new Set(list(constraints.enum, at('enum')).map(v => String(v.toJS())))
                : undefined,
            pattern: patternText === undefined
                ? undefined
                : (0,user_pattern/* compileAnchoredPattern */.mu)(patternText, {
                    error: message => fail(constraints.pattern, `${at('pattern')} ${message}`)
                }),
            patternText,
            minLength: number('minLength'),
            maxLength: number('maxLength'),
            unique: flag('unique'),
            mostly: 1,
            severity: 'error',
            missingValues: field.missingValues.present
                ? missingValues(field.missingValues, `${path}.missingValues`)
                : undefined,
            lexical: lexicalForms(type, field, path)
        };
        into.columns.push(rule);
    });
    const keys = [];
    if (schema.primaryKey.present)
        keys.push(fieldKey(schema.primaryKey, 'primaryKey', names));
    if (schema.uniqueKeys.present)
        list(schema.uniqueKeys, 'uniqueKeys').forEach((key, i) => keys.push(fieldKey(key, `uniqueKeys[${i}]`, names)));
    // A key the rules file already checks is checked once.
    const same = (a, b) => a.columns.join('\0') === b.columns.join('\0');
    for (const key of keys)
        if (!into.unique.some(u => same(u, key)))
            into.unique.push(key);
}
/** Table Schema's defaults (v1 and v2): `trueValues`, `falseValues`. */
const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];
/** The number literals Table Schema adds to decimals. */
const SPECIAL_NUMBERS = new Map([
    ['NaN', NaN],
    ['INF', Infinity],
    ['-INF', -Infinity]
]);
/**
 * How a field of type number, integer or boolean spells its values, as the spec defines them: a number is a
 * decimal with an optional sign and exponent (`1E5`), or `NaN`, `INF`, `-INF`, its point written as `decimalChar`
 * (default `.`), its digits optionally grouped by `groupChar` (no default: none), and, with `bareNumber: false`,
 * leading and trailing text around it (`€95`, `95%`); an integer the same without point or exponent; a boolean one
 * of `trueValues` or `falseValues`.
 */
function lexicalForms(type, field, path) {
    if (type !== 'number' && type !== 'integer' && type !== 'boolean')
        return undefined;
    const char = (key, absent) => {
        if (!field[key].present)
            return absent;
        const value = table_schema_text(field[key], `${path}.${key}`);
        if (value.length !== 1)
            throw fail(field[key], `${path}.${key} must be one character, got '${value}'.`);
        return value;
    };
    const strings = (key, absent) => new Set(field[key].present
        ? list(field[key], `${path}.${key}`).map((v, i) => table_schema_text(v, `${path}.${key}[${i}]`))
        : absent);
    const decimalChar = type === 'number' ? char('decimalChar', '.') : undefined;
    const groupChar = char('groupChar', '');
    const bare = field.bareNumber.present ? table_schema_boolean(field.bareNumber, `${path}.bareNumber`) : true;
    const trueValues = strings('trueValues', TRUE_VALUES);
    const falseValues = strings('falseValues', FALSE_VALUES);
    const grammar = type === 'integer' ? /^[+-]?[0-9]+$/ : /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
    return {
        number(written) {
            if (type === 'number' && SPECIAL_NUMBERS.has(written))
                return SPECIAL_NUMBERS.get(written);
            // Without bareNumber, the number is what lies between the first and the last digit (and its sign).
            const core = bare ? written : (/[+-]?[0-9.,]*[0-9]/.exec(written)?.[0] ?? '');
            let plain = '';
            for (const c of core) {
                if (c === groupChar)
                    continue;
                if (c === decimalChar)
                    plain += '.';
                else if (c === '.')
                    return undefined;
                else
                    plain += c;
            }
            return plain !== '' && grammar.test(plain) ? Number(plain) : undefined;
        },
        boolean: written => (trueValues.has(written) ? true : falseValues.has(written) ? false : undefined)
    };
}
/**
 * The accessors of a mapping's standard keys. A key of the mapping's own (the spec allows them) passes, unless it
 * is close enough to a standard key to be a typo of it: that fails with the key it meant.
 */
function standardKeys(value, known) {
    const own = value
        .entries()
        .map(([key]) => key)
        .filter(key => !known.includes(key) && (0,suggest/* misspeltFrom */.uD)(key, known) === undefined);
    return value.object([...known, ...own]);
}
/** A key of field names: each must be a field (the spec says so, and a typo would leave the key unchecked). */
function fieldKey(value, path, names) {
    // v1 allowed a single name for a one-column key.
    const items = typeof value.toJS() === 'string' ? [value] : list(value, path);
    if (items.length === 0)
        throw fail(value, `${path} needs at least one field name.`);
    const columns = items.map((item, i) => {
        const name = table_schema_text(item, item === value ? path : `${path}[${i}]`);
        if (!names.includes(name)) {
            const guess = (0,suggest/* suggestNearest */.nD)(name, names);
            throw fail(item, `${path} names '${name}', which is not a field${guess ? `: did you mean '${guess}'?` : ` (fields: ${names.join(', ')}).`}`);
        }
        return name;
    });
    return { columns, file: value.file, line: value.line, path, lines: items.map(item => item.line) };
}
function fieldType(value, path) {
    const type = table_schema_text(value, path);
    if (FIELD_TYPES.includes(type))
        return type;
    const guess = (0,suggest/* suggestNearest */.nD)(type, FIELD_TYPES);
    throw fail(value, `${path} '${type}' is not a Table Schema type${guess ? `: did you mean '${guess}'?` : ` (types: ${FIELD_TYPES.join(', ')}).`}`);
}
/** Strings, or (v2) objects with a `value` string and an optional `label`. */
function missingValues(value, path) {
    return list(value, path).map((item, i) => {
        const raw = item.toJS();
        if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
            return table_schema_text(standardKeys(item, ['value', 'label']).value, `${path}[${i}].value`);
        return table_schema_text(item, `${path}[${i}]`);
    });
}
function mapping(value, path) {
    const raw = value.toJS();
    if (value.present && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
        throw fail(value, `${path} must be an object, got ${describe(raw)}.`);
    return value;
}
function list(value, path) {
    if (!Array.isArray(value.toJS()))
        throw fail(value, `${path} must be a list, got ${describe(value.toJS())}.`);
    return value.list();
}
function table_schema_text(value, path) {
    const raw = value.toJS();
    if (typeof raw !== 'string')
        throw fail(value, `${path} must be a string, got ${describe(raw)}.`);
    return raw;
}
function numeric(value, path) {
    const raw = value.toJS();
    if (typeof raw !== 'number' || !Number.isFinite(raw))
        throw fail(value, `${path} must be a number, got ${describe(raw)}.`);
    return raw;
}
function table_schema_boolean(value, path) {
    const raw = value.toJS();
    if (typeof raw !== 'boolean')
        throw fail(value, `${path} must be true or false, got ${describe(raw)}.`);
    return raw;
}
function describe(raw) {
    if (raw === undefined || raw === null)
        return 'nothing';
    return Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : JSON.stringify(raw);
}
function fail(value, message) {
    return new user_error/* UserError */.y(`${value.file}:${value.line}: ${message}`, { file: value.file, line: value.line });
}

// EXTERNAL MODULE: ../../shared/data/cell-spans.ts
var cell_spans = __webpack_require__(2521);
// EXTERNAL MODULE: ../../shared/stats/category-classes.ts
var category_classes = __webpack_require__(9431);
// EXTERNAL MODULE: ../../shared/stats/profile.ts
var profile = __webpack_require__(9397);
;// CONCATENATED MODULE: ../../shared/validation/cell-text.ts
/** A cell as the rules read it: its text, '' for a null, JSON for a nested value (JSONL, parquet). */
function cellText(value) {
    if (typeof value === 'string')
        return value;
    if (value === null || value === undefined)
        return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

;// CONCATENATED MODULE: ../../shared/validation/key-set.ts
/**
 * The set of keys seen by a uniqueness rule, in bounded memory: each key is stored as a 64-bit hash
 * (two independent 32-bit FNV-1a variants) in open-addressed typed arrays, with the line where it first
 * appeared. A million keys take about 24 MB instead of ~100 MB for a Map of strings. Two different keys
 * collide with probability about n²/2⁶⁵ (below 1e-7 for 1e6 keys): a false duplicate is that unlikely.
 */
class KeySet {
    /** Slot i is words[3i] (first hash), words[3i + 1] (second hash), words[3i + 2] (line, -1 when empty). */
    words;
    used = 0;
    constructor(capacity = 1 << 12) {
        this.words = KeySet.emptySlots(capacity);
    }
    get size() {
        return this.used;
    }
    /** Adds the key; returns -1 when it is new, else the line where it was first seen. */
    addOrFind(key, line) {
        let h1 = 0x811c9dc5;
        let h2 = 0x01000193 ^ key.length;
        for (let i = 0; i < key.length; i++) {
            const c = key.charCodeAt(i);
            h1 = Math.imul(h1 ^ c, 0x01000193);
            h2 = Math.imul(h2 ^ c, 0x5bd1e995);
            h2 ^= h2 >>> 15;
        }
        return this.insert(h1 | 0, h2 | 0, line);
    }
    /**
     * addOrFind for a key written in ASCII bytes[start, end): the same hash as its string (each byte is
     * its own UTF-16 code unit), so keys read as bytes and as strings meet in one set.
     */
    addOrFindAscii(bytes, start, end, line) {
        let h1 = 0x811c9dc5;
        let h2 = 0x01000193 ^ (end - start);
        for (let i = start; i < end; i++) {
            const c = bytes[i];
            h1 = Math.imul(h1 ^ c, 0x01000193);
            h2 = Math.imul(h2 ^ c, 0x5bd1e995);
            h2 ^= h2 >>> 15;
        }
        return this.insert(h1 | 0, h2 | 0, line);
    }
    /** One slot's three words sit side by side: a probe costs one cache miss, not three. */
    insert(h1, h2, line) {
        const words = this.words;
        const mask = words.length / 3 - 1;
        let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
        for (;;) {
            const at = slot * 3;
            const seen = words[at + 2];
            if (seen === -1) {
                words[at] = h1;
                words[at + 1] = h2;
                words[at + 2] = line;
                if (++this.used * 2 > mask + 1)
                    this.grow();
                return -1;
            }
            if (words[at] === h1 && words[at + 1] === h2)
                return seen;
            slot = (slot + 1) & mask;
        }
    }
    /** Makes room for `keys` keys at once: one rehash instead of one per doubling (and no doubling peaks). */
    reserve(keys) {
        let capacity = this.words.length / 3;
        while (keys * 2 > capacity)
            capacity *= 2;
        if (capacity > this.words.length / 3)
            this.rehash(capacity);
    }
    grow() {
        this.rehash((this.words.length / 3) * 2);
    }
    rehash(capacity) {
        const old = this.words;
        const words = KeySet.emptySlots(capacity);
        const mask = capacity - 1;
        for (let at = 0; at < old.length; at += 3) {
            if (old[at + 2] === -1)
                continue;
            let slot = (old[at] ^ Math.imul(old[at + 1], 0x9e3779b1)) & mask;
            while (words[slot * 3 + 2] !== -1)
                slot = (slot + 1) & mask;
            words[slot * 3] = old[at];
            words[slot * 3 + 1] = old[at + 1];
            words[slot * 3 + 2] = old[at + 2];
        }
        this.words = words;
    }
    static emptySlots(capacity) {
        const words = new Int32Array(capacity * 3);
        for (let at = 2; at < words.length; at += 3)
            words[at] = -1;
        return words;
    }
}

;// CONCATENATED MODULE: ../../shared/validation/unique-keys.ts

/**
 * The keys of a uniqueness rule. Identifier columns usually count up (row ids, auto-increment keys,
 * timestamps as integers): while every key is a canonical integer (`0`, `-12`, no sign or leading zero
 * that would let two texts share a value) greater than the one before, no two can be equal, so they are
 * only appended to a sorted run, with no hashing. The run is stored as segments of keys that go up by one
 * on consecutive lines (a dense id column is one segment: memory stays flat however many rows), else 16
 * bytes a key. The first key that breaks the run ends it; from then on a canonical integer is looked up in
 * the run by binary search, and every key goes into a hashed KeySet. Equality stays equality of texts: two
 * canonical integers are equal exactly when their texts are, and no other text equals a canonical integer's.
 */
class UniqueKeys {
    /** Segment i holds keys starts[i] + k at lines lines[i] + k, for k below counts[i]. */
    starts = new Float64Array(0);
    lines = new Int32Array(0);
    counts = new Int32Array(0);
    segments = 0;
    runOpen = true;
    runKeys = 0;
    expected = 0;
    set = new KeySet();
    /** Expects about `keys` keys in all, so that the hashed set is sized once if the run ends. */
    reserve(keys) {
        this.expected = Math.max(this.expected, keys);
        if (!this.runOpen)
            this.set.reserve(keys - this.runKeys);
    }
    /** Adds the key; returns -1 when it is new, else the line where it was first seen. */
    addOrFind(key, line) {
        const value = canonicalInteger(key);
        const first = this.inRun(value, line);
        return first === undefined ? this.set.addOrFind(key, line) : first;
    }
    /** addOrFind for a key written in ASCII bytes[start, end). */
    addOrFindAscii(bytes, start, end, line) {
        const value = canonicalIntegerAscii(bytes, start, end);
        const first = this.inRun(value, line);
        return first === undefined ? this.set.addOrFindAscii(bytes, start, end, line) : first;
    }
    /** -1 when the key extended the run, its first line when the run holds it, else undefined (the set decides). */
    inRun(value, line) {
        const last = this.segments - 1;
        if (this.runOpen) {
            if (value === value && (last < 0 || value >= this.starts[last] + this.counts[last])) {
                const count = last < 0 ? 0 : this.counts[last];
                if (count > 0 && value === this.starts[last] + count && line === this.lines[last] + count) {
                    this.counts[last] = count + 1;
                }
                else {
                    if (this.segments === this.starts.length)
                        this.growSegments();
                    this.starts[this.segments] = value;
                    this.lines[this.segments] = line;
                    this.counts[this.segments++] = 1;
                }
                this.runKeys++;
                return -1;
            }
            this.runOpen = false;
            this.set.reserve(this.expected - this.runKeys);
        }
        if (value !== value || last < 0)
            return undefined;
        // The last segment starting at or below the value.
        let low = 0;
        let high = last + 1;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (this.starts[mid] <= value)
                low = mid + 1;
            else
                high = mid;
        }
        const at = low - 1;
        if (at < 0 || value >= this.starts[at] + this.counts[at])
            return undefined;
        return this.lines[at] + (value - this.starts[at]);
    }
    growSegments() {
        const capacity = Math.max(256, this.starts.length * 2);
        const starts = new Float64Array(capacity);
        starts.set(this.starts);
        const lines = new Int32Array(capacity);
        lines.set(this.lines);
        const counts = new Int32Array(capacity);
        counts.set(this.counts);
        this.starts = starts;
        this.lines = lines;
        this.counts = counts;
    }
}
/** The value of a canonical decimal integer of at most 15 digits (exact as a double), else NaN. */
function canonicalInteger(text) {
    const length = text.length;
    let i = text.charCodeAt(0) === 45 ? 1 : 0;
    const digits = length - i;
    if (digits < 1 || digits > 15)
        return NaN;
    if (text.charCodeAt(i) === 48 && (digits > 1 || i === 1))
        return NaN;
    let value = 0;
    for (; i < length; i++) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9)
            return NaN;
        value = value * 10 + d;
    }
    return text.charCodeAt(0) === 45 ? -value : value;
}
function canonicalIntegerAscii(bytes, start, end) {
    let i = bytes[start] === 45 ? start + 1 : start;
    const digits = end - i;
    if (digits < 1 || digits > 15)
        return NaN;
    if (bytes[i] === 48 && (digits > 1 || i > start))
        return NaN;
    let value = 0;
    for (; i < end; i++) {
        const d = bytes[i] - 48;
        if (d < 0 || d > 9)
            return NaN;
        value = value * 10 + d;
    }
    return bytes[start] === 45 ? -value : value;
}

;// CONCATENATED MODULE: ../../shared/validation/column-checks.ts

/** The value checks of one column rule, each counting into its own result. */
function compileChecks(rule, tally) {
    const make = (name, description, test, needsText = true) => ({
        result: tally.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.${name}`, {
            column: rule.column,
            rule: name,
            description,
            severity: rule.severity,
            mostly: rule.mostly
        }),
        test,
        needsText
    });
    const checks = [];
    const col = rule.column;
    const lexical = rule.lexical;
    // A Table Schema field reads its text by its own lexical forms; a typed value (JSONL, Parquet) is what it is.
    const spelt = lexical
        ? (t, n, c) => (typeof c === 'number' ? c : lexical.number(t))
        : undefined;
    const numberOf = spelt ? (t, n, c) => spelt(t, n, c) ?? NaN : undefined;
    if (rule.type === 'integer')
        checks.push(make('type', `'${col}' is an integer`, numberOf
            ? (t, n, c) => (Number.isInteger(numberOf(t, n, c)) ? undefined : '')
            : (_t, n) => (Number.isInteger(n) ? undefined : ''), numberOf !== undefined));
    if (rule.type === 'number')
        checks.push(make('type', `'${col}' is a number`, 
        // Table Schema's numbers include NaN, INF and -INF.
        spelt
            ? (t, n, c) => (spelt(t, n, c) !== undefined ? undefined : '')
            : (_t, n) => (Number.isFinite(n) ? undefined : ''), spelt !== undefined));
    if (rule.type === 'boolean')
        checks.push(make('type', `'${col}' is true or false`, (t, _n, c) => typeof c === 'boolean' || (lexical ? lexical.boolean(t) !== undefined : t === 'true' || t === 'false')
            ? undefined
            : ''));
    if (rule.min !== undefined) {
        const min = rule.min;
        const test = (n) => (n >= min ? undefined : n !== n ? 'not a number' : '');
        checks.push(make('min', `'${col}' ≥ ${min}`, numberOf ? (t, n, c) => test(numberOf(t, n, c)) : (_t, n) => test(n), numberOf !== undefined));
    }
    if (rule.max !== undefined) {
        const max = rule.max;
        const test = (n) => (n <= max ? undefined : n !== n ? 'not a number' : '');
        checks.push(make('max', `'${col}' ≤ ${max}`, numberOf ? (t, n, c) => test(numberOf(t, n, c)) : (_t, n) => test(n), numberOf !== undefined));
    }
    if (rule.in) {
        const allowed = rule.in;
        const shown = [...allowed].slice(0, 8).join(', ');
        checks.push(make('in', `'${col}' in {${shown}${allowed.size > 8 ? ', …' : ''}}`, t => allowed.has(t) ? undefined : ''));
    }
    if (rule.pattern) {
        const pattern = rule.pattern;
        checks.push(make('pattern', `'${col}' matches ^${rule.patternText}$`, t => (pattern.test(t) ? undefined : '')));
    }
    if (rule.minLength !== undefined) {
        const min = rule.minLength;
        checks.push(make('min_length', `'${col}' has at least ${min} characters`, t => characters(t) >= min ? undefined : ''));
    }
    if (rule.maxLength !== undefined) {
        const max = rule.maxLength;
        checks.push(make('max_length', `'${col}' has at most ${max} characters`, t => characters(t) <= max ? undefined : ''));
    }
    if (rule.unique) {
        const seen = new UniqueKeys();
        checks.push(make('unique', `'${col}' is unique`, t => (seen.addOrFind(t, 0) === -1 ? undefined : 'duplicate')));
    }
    return checks;
}
/**
 * The length of a text in characters (Unicode code points), as JSON Schema's and Table Schema's `minLength` count
 * it and Python's len(): an emoji outside the Basic Multilingual Plane is one character, two UTF-16 units.
 */
function characters(text) {
    let length = text.length;
    for (let i = 0; i < text.length - 1; i++) {
        const unit = text.charCodeAt(i);
        if (unit >= 0xd800 && unit <= 0xdbff) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                length--;
                i++;
            }
        }
    }
    return length;
}

;// CONCATENATED MODULE: ../../shared/validation/column-plan.ts

function planColumn(name, allRules, dataProfile, cellSchema, tally) {
    const rules = allRules.columns.filter(r => r.column === name);
    const profile = dataProfile.column(name);
    const declared = rules.find(r => r.type)?.type;
    if (declared)
        profile.declare(declared);
    const missing = new Set(rules.find(r => r.missingValues)?.missingValues ?? allRules.missingValues);
    const checks = rules.flatMap(rule => compileChecks(rule, tally));
    const nullCounters = rules
        .filter(rule => rule.notNull)
        .map(rule => tally.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.not_null`, {
        column: rule.column,
        rule: 'not_null',
        description: `'${rule.column}' is not null`,
        severity: rule.severity,
        mostly: 1
    }));
    return {
        profile,
        missing,
        // The common case, Table Schema's default, is a single null token: the empty string.
        onlyEmptyIsNull: missing.size === 1 && missing.has(''),
        checks,
        needsText: checks.some(check => check.needsText),
        nullCounters,
        schemaCell: cellSchema?.column(name),
        schemaNumeric: cellSchema?.numeric(name),
        schemaRange: cellSchema?.range(name)
    };
}

;// CONCATENATED MODULE: ../../shared/validation/column-presence.ts
/**
 * Columns a rule requires, against the columns a table has. Checked after reading: a JSONL file only knows
 * all its keys at the end. One violation per table, at its first line.
 */
function checkRequiredColumns(rules, table, tally) {
    for (const rule of rules) {
        if (rule.required && !table.columns.includes(rule.column)) {
            const result = tally.counter(`${rule.column}.required`, {
                column: rule.column,
                rule: 'required',
                description: `column '${rule.column}' is present`,
                severity: rule.severity,
                mostly: 1
            });
            result.considered++;
            tally.violate(result, table.file, 1, table.location, table.columns.join(','), `no column '${rule.column}' in ${table.columns.join(', ')}`);
        }
    }
}
/**
 * A JSON Schema's required property that is not a column of the table, for the cell-by-cell check: every
 * row lacks it, as the row check says.
 */
function checkSchemaRequired(required, columns, lines, length, table, tally) {
    for (const name of required) {
        if (columns.includes(name))
            continue;
        const error = {
            path: `/${name}`,
            column: name,
            keyword: 'required',
            message: `must have required property '${name}'`,
            value: ''
        };
        for (let r = 0; r < length; r++)
            tally.violateSchema([error], table.file, lines[r], table.location);
    }
}

// EXTERNAL MODULE: ../../shared/validation/data-rule-result.ts
var data_rule_result = __webpack_require__(2461);
// EXTERNAL MODULE: ../../shared/validation/dataset-checks.ts
var dataset_checks = __webpack_require__(1462);
// EXTERNAL MODULE: ../../shared/validation/rule-tally.ts
var rule_tally = __webpack_require__(5333);
;// CONCATENATED MODULE: ../../shared/validation/schema-check.ts
/**
 * A JSON Schema checked row by row: on tables read as rows (jsonl, parquet), and on csv and tsv when the
 * schema cannot be checked cell by cell (see CellSchema). Values of jsonl and parquet are checked as they are;
 * a cell of a text table is null when it is one of its column's null tokens (`missing`), else typed by the rule
 * of cell-typing.ts, as in the cell check.
 */
function checkSchemaRows(schema, missing, columns, values, lines, length, file, location, textual, tally) {
    const tokens = textual ? columns.map(missing) : [];
    for (let r = 0; r < length; r++) {
        // A plain object (ajv's deep equality of `const` and `enum` compares constructors), of which only own
        // properties count (json-schema.ts); a column named __proto__ is defined as a key, not set as the prototype.
        const row = {};
        for (let c = 0; c < columns.length; c++) {
            const cell = values[c][r];
            if (cell === undefined)
                continue;
            const column = columns[c];
            // JSON Schema knows numbers only: an exact bigint id (beyond 2^53) is checked as the nearest one.
            const value = !textual
                ? typeof cell === 'bigint'
                    ? Number(cell)
                    : cell
                : tokens[c].has(cell)
                    ? null
                    : schema.typeText(column, cell);
            if (column === '__proto__')
                Object.defineProperty(row, column, { value, enumerable: true, writable: true, configurable: true });
            else
                row[column] = value;
        }
        const errors = schema.validate(row);
        if (errors !== undefined)
            tally.violateSchema(errors, file, lines[r], location);
    }
}

;// CONCATENATED MODULE: ../../shared/validation/uniqueness-check.ts


/** 2M keys: 48 MB of slots. */
const MAX_RESERVED_KEYS = 1 << 21;
/** No null tokens: the values of JSONL and Parquet are null only when null or absent. */
const NO_TOKENS = new Set();
/**
 * The rules file's unique keys (`unique: [[id], [user, day]]`), checked batch by batch against every key
 * seen so far in the run. As Table Schema's uniqueKeys, with SQL semantics: a key with a null part is not
 * compared. Null is what it is for every other rule: a null token of its column in a text table (`missingOf`,
 * the column's own or the file's), a null or absent value in JSONL and Parquet, whose `""` is a value.
 */
class UniquenessCheck {
    rules;
    tally;
    missingOf;
    seenByRule = new Map();
    constructor(rules, tally, missingOf) {
        this.rules = rules;
        this.tally = tally;
        this.missingOf = missingOf;
    }
    /**
     * Sizes the key sets for `keys` keys in all (the keys seen so far stay). An estimate can be wrong, so at
     * most MAX_RESERVED_KEYS are reserved; beyond that the sets grow as keys arrive.
     */
    reserve(keys) {
        keys = Math.min(keys, MAX_RESERVED_KEYS);
        for (const key of this.rules.unique)
            this.counter(key.columns).seen.reserve(keys);
    }
    /** `values` makes the batch's cells as strings, for a key that cannot be read from byte spans. */
    check(batch, values, file, location, textual) {
        const { columns, lines, length } = batch;
        for (const { columns: key } of this.rules.unique) {
            const indexes = key.map(k => columns.indexOf(k));
            // An absent column is null in every row: its tokens are never asked for.
            const tokens = key.map((k, j) => (textual && indexes[j] >= 0 ? this.missingOf(k) : NO_TOKENS));
            if ('cells' in batch && indexes.length === 1 && indexes[0] >= 0) {
                this.checkSpans(key, tokens[0], batch.cells, batch.starts[indexes[0]], batch.ends[indexes[0]], lines, length, file, location);
            }
            else {
                this.checkValues(key, tokens, indexes, values(), lines, length, file, location);
            }
        }
    }
    counter(key) {
        const id = `unique(${key.join(', ')})`;
        const result = this.tally.counter(id, {
            rule: 'unique',
            description: `(${key.join(', ')}) is unique`,
            severity: 'error',
            mostly: 1
        });
        let seen = this.seenByRule.get(id);
        if (!seen)
            this.seenByRule.set(id, (seen = new UniqueKeys()));
        return { result, seen };
    }
    checkValues(key, tokens, indexes, values, lines, length, file, location) {
        const { result, seen } = this.counter(key);
        const single = indexes.length === 1 && indexes[0] >= 0 ? values[indexes[0]] : undefined;
        const isNull = (cell, text, j) => cell == null || tokens[j].has(text);
        for (let r = 0; r < length; r++) {
            let joined;
            if (single) {
                joined = cellText(single[r]);
                if (isNull(single[r], joined, 0))
                    continue;
            }
            else {
                const cells = indexes.map(i => (i < 0 ? undefined : values[i][r]));
                const parts = cells.map(cellText);
                if (parts.some((part, j) => isNull(cells[j], part, j)))
                    continue;
                joined = JSON.stringify(parts);
            }
            result.considered++;
            const first = seen.addOrFind(joined, lines[r]);
            if (first !== -1) {
                const shown = single ? joined : JSON.parse(joined).join(', ');
                this.tally.violate(result, file, lines[r], location, shown, `same key as ${location} ${first}`);
            }
        }
    }
    /** checkValues for a one-column key of byte spans: ASCII keys are hashed from their bytes. */
    checkSpans(key, missing, cells, starts, ends, lines, length, file, location) {
        const { result, seen } = this.counter(key);
        const onlyEmptyIsNull = missing.size === 1 && missing.has('');
        const bytes = cells.bytes;
        for (let r = 0; r < length; r++) {
            const start = starts[r];
            const end = ends[r];
            if (onlyEmptyIsNull ? start === end : missing.has(cells.text(start, end)))
                continue;
            result.considered++;
            const first = cells.ascii && end >= 0
                ? seen.addOrFindAscii(bytes, start, end, lines[r])
                : seen.addOrFind(cells.text(start, end), lines[r]);
            if (first !== -1)
                this.tally.violate(result, file, lines[r], location, cells.text(start, end), `same key as ${location} ${first}`);
        }
    }
}

;// CONCATENATED MODULE: ../../shared/validation/validator.ts











/**
 * Runs the rules (and a JSON Schema, when given) over tables, batch by batch, counting every violation
 * exactly while keeping only the first `maxErrors` examples overall, and profiling every column on the way.
 * The loops over a column's cells stay here, with the one method they call per cell: what they need to know
 * about a column is compiled once (column-plan.ts), and the rules checked per batch or per run live beside
 * this class (uniqueness-check.ts, schema-check.ts, column-presence.ts, dataset-checks.ts).
 */
class Validator {
    rules;
    schema;
    profile = new profile/* Profile */.WV();
    tally;
    uniqueness;
    rowCount = 0;
    /** The JSON Schema cell by cell (csv, tsv), when it can be (see CellSchema). */
    cellSchema;
    plans = new Map();
    constructor(rules, schema, maxErrors) {
        this.rules = rules;
        this.schema = schema;
        this.tally = new rule_tally/* RuleTally */.d(maxErrors);
        this.uniqueness = new UniquenessCheck(rules, this.tally, column => this.columnPlan(column).missing);
        this.cellSchema = schema?.perColumn;
    }
    /** Checks and profiles every row of the table; `onBatch` is told the rows read so far after each batch. */
    async validate(table, onBatch) {
        if (table.rowCount !== undefined)
            this.uniqueness.reserve(this.rowCount + table.rowCount);
        if (table.spanBatches) {
            let first = true;
            for await (const batch of table.spanBatches()) {
                if (first && table.byteLength !== undefined)
                    this.uniqueness.reserve(this.rowCount + estimateRows(batch, table.byteLength));
                first = false;
                // Strings for every cell are made only when a JSON Schema or a composite key needs them.
                let values;
                this.checkBatch(table, batch, c => this.checkSpanColumn(batch, c, table), () => {
                    values ??= batch.cells.toRowBatch(batch).values;
                    return values;
                });
                onBatch?.(this.rowCount);
            }
        }
        else {
            for await (const batch of table.batches()) {
                this.checkBatch(table, batch, c => this.checkColumn(batch.values[c], batch.lines, batch.length, table, batch.columns[c]), () => batch.values);
                onBatch?.(this.rowCount);
            }
        }
        // Columns known from the header or schema are profiled even when no row has them (a 0-row Parquet file).
        for (const name of table.columns)
            this.columnPlan(name);
        checkRequiredColumns(this.rules.columns, table, this.tally);
    }
    checkBatch(table, batch, checkColumn, values) {
        const { file, location } = table;
        const { columns, lines, length } = batch;
        // Profile every column, and check the rules that name it.
        for (let c = 0; c < columns.length; c++)
            checkColumn(c);
        for (const [name, profile] of this.profile.columns) {
            if (!columns.includes(name))
                for (let r = 0; r < length; r++)
                    profile.addNull();
        }
        this.uniqueness.check(batch, values, file, location, table.textual);
        if (this.cellSchema && 'cells' in batch)
            checkSchemaRequired(this.cellSchema.required, columns, lines, length, table, this.tally);
        else if (this.schema)
            checkSchemaRows(this.schema, column => this.columnPlan(column).missing, columns, values(), lines, length, file, location, table.textual, this.tally);
        this.rowCount += length;
        this.profile.rows += length;
    }
    columnPlan(name) {
        let plan = this.plans.get(name);
        if (!plan)
            this.plans.set(name, (plan = planColumn(name, this.rules, this.profile, this.cellSchema, this.tally)));
        return plan;
    }
    checkColumn(cells, lines, length, table, name) {
        const { file, location, textual } = table;
        const { profile, missing, checks, nullCounters } = this.columnPlan(name);
        let nulls = 0;
        for (let r = 0; r < length; r++) {
            const cell = cells[r];
            const text = typeof cell === 'string' ? cell : cellText(cell);
            // The one rule of what is missing: a null token of a text table, a null (or absent) value of a typed
            // one, whose strings, '' included, are values for the rules, the profile and the schema alike.
            if (cell == null || (textual && missing.has(text))) {
                nulls++;
                profile.addNull();
                for (const counter of nullCounters)
                    this.tally.violate(counter, file, lines[r], location, text);
                continue;
            }
            const number = typeof cell === 'number'
                ? cell
                : typeof cell === 'bigint'
                    ? Number(cell)
                    : textual
                        ? (0,cell_spans/* numericReading */.k)(text)
                        : NaN;
            profile.addValue(text, number, typeof cell === 'number' || typeof cell === 'bigint');
            if (typeof cell === 'object')
                profile.addStructure(Array.isArray(cell));
            for (let k = 0; k < checks.length; k++) {
                const problem = checks[k].test(text, number, cell);
                if (problem !== undefined)
                    this.tally.violate(checks[k].result, file, lines[r], location, text, problem || undefined);
            }
        }
        // Every check of a column looks at its non-null cells (Great Expectations' denominator for mostly).
        for (const counter of nullCounters)
            counter.considered += length;
        for (const check of checks)
            check.result.considered += length - nulls;
    }
    /** checkColumn for byte spans: a cell becomes a string only for a category, a text rule or an example. */
    checkSpanColumn(batch, c, table) {
        const { file, location } = table;
        const { cells, lines, length } = batch;
        const starts = batch.starts[c];
        const ends = batch.ends[c];
        const { profile, missing, onlyEmptyIsNull, checks, needsText, nullCounters, schemaCell, schemaNumeric, schemaRange } = this.columnPlan(batch.columns[c]);
        let nulls = 0;
        for (let r = 0; r < length; r++) {
            const start = starts[r];
            const end = ends[r];
            let text;
            if (onlyEmptyIsNull ? start === end : missing.has((text = cells.text(start, end)))) {
                nulls++;
                profile.addNull();
                for (const counter of nullCounters)
                    this.tally.violate(counter, file, lines[r], location, text ?? '');
                const errors = schemaCell?.(null);
                if (errors)
                    this.tally.violateSchema(errors, file, lines[r], location);
                continue;
            }
            const number = cells.number(start, end);
            profile.addReading(number, number !== number && cells.isBooleanWord(start, end));
            if (profile.categories !== null)
                profile.addCategory((text ??= cells.text(start, end)));
            // Beyond the exact counts, a number is classed by its value, without making its string.
            else if (number === number)
                profile.addClass((0,category_classes/* numberClass */.A9)(number));
            else if (cells.ascii && end >= 0)
                profile.addClass((0,category_classes/* asciiClass */.OG)(cells.bytes, start, end));
            else
                profile.addClass((0,category_classes/* textClass */.W3)((text ??= cells.text(start, end))));
            if (needsText)
                text ??= cells.text(start, end);
            for (let k = 0; k < checks.length; k++) {
                const problem = checks[k].test(text, number, text);
                if (problem !== undefined) {
                    text ??= cells.text(start, end);
                    this.tally.violate(checks[k].result, file, lines[r], location, text, problem || undefined);
                }
            }
            // A number inside a limits-only schema's range passes it (NumericRange): decided here, because
            // handing a double to a call that is not inlined boxes it, a heap object per cell.
            if (schemaCell === undefined ||
                (schemaRange !== undefined &&
                    start !== end &&
                    number >= schemaRange.minimum &&
                    number <= schemaRange.maximum &&
                    number > schemaRange.exclusiveMinimum &&
                    number < schemaRange.exclusiveMaximum &&
                    !(number % 1 && schemaRange.integer)))
                continue;
            this.checkSchemaCell(schemaCell, schemaNumeric, number, text, cells, start, end, lines[r], file, location);
        }
        for (const counter of nullCounters)
            counter.considered += length;
        for (const check of checks)
            check.result.considered += length - nulls;
    }
    /**
     * One cell of a span batch against its column's schema (see CellSchema), when not decided inline. A method
     * of its own, called per cell, so that the column loop stays as small as it is without a schema.
     */
    checkSchemaCell(schemaCell, schemaNumeric, number, 
    /** The cell's text when the column loop has already made it (its hash is then cached too). */
    text, cells, start, end, line, file, location) {
        // A number is handed over only where the typing rule (cell-typing.ts) makes the text that number.
        const handOver = start !== end &&
            (schemaNumeric === 'number'
                ? number === number
                : schemaNumeric === 'integer' && Number.isInteger(number));
        const errors = schemaCell(handOver ? number : (text ?? cells.text(start, end)));
        if (errors)
            this.tally.violateSchema(errors, file, line, location);
    }
    /** Final results: row-count and null-fraction rules, then `mostly` applied to every rule. */
    finish() {
        const rowsRule = (0,dataset_checks/* checkRowCount */._)(this.rules.rows, this.rowCount);
        if (rowsRule)
            this.tally.set(rowsRule);
        for (const result of (0,dataset_checks/* checkNullFractions */.p)(this.rules, this.profile))
            this.tally.set(result);
        return (0,data_rule_result/* finishResults */.W)(this.tally.all());
    }
}
/** Rows in a delimited file of `byteLength` bytes, from the bytes per row of its first batch. */
function estimateRows(batch, byteLength) {
    const last = batch.length - 1;
    const first = batch.starts[0][0];
    const end = batch.ends.reduce((max, ends) => Math.max(max, ends[last] < 0 ? ~ends[last] : ends[last]), 0);
    const perRow = (end - first) / batch.length;
    return perRow > 0 ? Math.ceil(byteLength / perRow) : 0;
}

;// CONCATENATED MODULE: ../../shared/validation/validate-files.ts








/**
 * The rules file, with a Table Schema's fields folded in, and a JSON Schema compiled with ajv unless
 * `compile` is false (a caller that only needs the rules then does not load ajv: about 14 MB resident).
 */
async function loadRules(job, { compile = true } = {}) {
    const rules = job.rules ? (0,validation_rules/* parseRules */.NR)(await (0,promises_.readFile)(job.rules.path, 'utf8'), job.rules.name) : (0,validation_rules/* emptyRules */.bl)();
    if (!job.schema)
        return { rules };
    const text = await (0,structured_file/* readStructuredText */.h)(job.schema.path, job.schema.name);
    const schema = (0,structured_file/* parseStructuredText */.S)(text, job.schema.name);
    if (isTableSchema(schema)) {
        // Read again as a config file, for its lines: JSON is YAML.
        tableSchemaRules((0,config_file/* parseConfigFile */.m)(text, job.schema.name), rules);
        return { rules };
    }
    if (!compile)
        return { rules };
    // ajv is loaded only when a JSON Schema is given.
    const { compileJsonSchema } = await Promise.all(/* import() */[__webpack_require__.e(260), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 5455));
    return { rules, schema: compileJsonSchema(schema, job.schema.name, text) };
}
/** `progress` is told the rows read so far (all files) after every batch. */
async function validateFiles(job, progress) {
    const { rules, schema } = job.purpose === 'validate'
        ? await loadRules(job)
        : { rules: { ...(0,validation_rules/* emptyRules */.bl)(), rows: {} }, schema: undefined };
    const validator = new Validator(rules, schema, job.purpose === 'validate' ? job.maxErrors : 0);
    if (job.keepValues)
        validator.profile.keepValues();
    // Every rule's column is checked against the columns of all the files, as soon as they are all known: at the
    // last file's header (csv, tsv) or schema (parquet), before its rows are read, or after reading it (jsonl finds
    // keys as it goes). With one csv file, a misspelt column fails before any row is read.
    const columns = new Set();
    const data = job.files.length === 1 ? job.files[0].name : `any of the ${job.files.length} data files`;
    const checkColumns = () => (0,rule_columns/* checkRuleColumns */.o)(rules, columns, data);
    for (const [index, file] of job.files.entries()) {
        const table = await (0,data_table/* openTable */.R)(file.path, { format: job.format, displayName: file.name });
        const last = index === job.files.length - 1;
        const known = table.format !== 'jsonl';
        if (last && known) {
            for (const column of table.columns)
                columns.add(column);
            checkColumns();
        }
        await validator.validate(table, progress && (rows => progress(rows, file.name)));
        for (const column of table.columns)
            columns.add(column);
        if (last && !known)
            checkColumns();
    }
    const results = job.purpose === 'validate' ? validator.finish() : [];
    const profile = validator.profile.toJSON();
    const rows = validator.profile.rows;
    return job.keepValues
        ? { rows, results, profile, values: validator.profile.keptValues() }
        : { rows, results, profile };
}


/***/ })

};
