export const id = 455;
export const ids = [455];
export const modules = {

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

/***/ 5455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  compileJsonSchema: () => (/* binding */ compileJsonSchema)
});

// EXTERNAL MODULE: ../../node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(3774);
var _2020_default = /*#__PURE__*/__webpack_require__.n(_2020);
// EXTERNAL MODULE: ../../node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(5627);
var ajv_default = /*#__PURE__*/__webpack_require__.n(dist_ajv);
// EXTERNAL MODULE: ../../node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(6323);
var dist_default = /*#__PURE__*/__webpack_require__.n(dist);
// EXTERNAL MODULE: ../../shared/data/name-map.ts
var name_map = __webpack_require__(3601);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(6696);
// EXTERNAL MODULE: ../../shared/config/config-file.ts
var config_file = __webpack_require__(7188);
// EXTERNAL MODULE: ../../shared/config/suggest.ts
var suggest = __webpack_require__(1177);
;// CONCATENATED MODULE: ../../shared/validation/json-schema-keywords.ts





/**
 * The keywords and formats a JSON Schema may use. JSON Schema ignores a keyword or a format it does not know, so a
 * misspelt one (`minimun`, `emial`) would silently turn its check off: one close to a keyword or format ajv knows
 * is refused with the one it meant, at its line, and so is a keyword of the other draft than the schema is read
 * as (`unevaluatedProperties` without a 2020-12 `$schema`). Any other unknown keyword or format is the schema's
 * own annotation, which the spec allows (`x-unit`, pydantic's `discriminator`, a `phone` format): ignored, as
 * it always was.
 */
/** An ajv logger that keeps the keywords strict mode ('log') calls unknown, and says nothing. */
function unknownKeywordLogger(into) {
    return {
        log() { },
        warn(message) {
            const keyword = /^strict mode: unknown keyword: "(.*)"$/.exec(String(message))?.[1];
            if (keyword !== undefined && !into.includes(keyword))
                into.push(keyword);
        },
        error() { }
    };
}
/** Refuses the first unknown keyword that is not an annotation of the schema's own. */
function checkUnknownKeywords(ajv, schema, unknown, { draft2020, file, text }) {
    for (const keyword of unknown) {
        const problem = misspeltKeyword(ajv, keyword, draft2020);
        if (!problem)
            continue;
        const path = findKeyword(schema, key => key === keyword, keywordsOf(ajv)) ?? [];
        throw located(file, text, path)(`unknown keyword '${keyword}'${pointer(path.slice(0, -1))}: ${problem}`);
    }
}
/** The error for ajv's compile error `message` when it is about a misspelt format, else undefined. */
function misspeltFormat(ajv, schema, message, file, text) {
    const format = /^unknown format "(.*)" ignored in schema/.exec(message)?.[1];
    if (format === undefined)
        return undefined;
    const path = findKeyword(schema, (key, value) => key === 'format' && value === format, keywordsOf(ajv)) ?? [];
    // acceptOwnFormats left unknown only the formats close to a known one.
    const guess = (0,suggest/* misspeltFrom */.uD)(format, Object.keys(ajv.formats));
    const error = located(file, text, path);
    return error(`unknown format '${format}'${pointer(path.slice(0, -1))}: did you mean '${guess}'? ${IGNORED} format is not checked.`);
}
/**
 * The error for a `pattern` or `patternProperties` key the linear-time engine refused (user-pattern.ts), at its
 * line, with the reason.
 */
function refusedPattern(ajv, schema, refused, file, text) {
    const keywords = keywordsOf(ajv);
    const { source } = refused;
    const path = findKeyword(schema, (key, value) => key === 'pattern' && value === source, keywords) ??
        findKeyword(schema, (key, value) => key === 'patternProperties' && typeof value === 'object' && value !== null && source in value, keywords)?.concat(source) ??
        [];
    const keyword = path.at(-2) === 'patternProperties' ? 'patternProperties' : 'pattern';
    return located(file, text, path)(`${keyword}${pointer(path.slice(0, -1))}: ${refused.message}.`);
}
/**
 * Keywords no draft's ajv knows that are harmless annotations: `$anchor` (2019-09 and later; ajv resolves it
 * itself) and OpenAPI's `example`, which generated schemas often hold and which is one letter from `examples`.
 */
const ANNOTATIONS = new Set(['$anchor', 'example']);
/** Formats the drafts define that ajv-formats does not check: accepted unchecked, as the spec allows. */
const UNCHECKED_FORMATS = ['idn-email', 'idn-hostname', 'iri', 'iri-reference'];
/** Why a near miss is refused rather than ignored. */
const IGNORED = 'JSON Schema ignores what it does not know: a misspelt';
/** Keywords whose values are data, not schemas: a keyword's name there is a value. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose values map names (of properties, definitions) to schemas. */
const NAME_MAPS = new Set([
    'properties',
    'patternProperties',
    '$defs',
    'definitions',
    'dependentSchemas',
    'dependencies'
]);
/** Why an unknown keyword is refused, or undefined for an annotation of the schema's own. */
function misspeltKeyword(ajv, keyword, draft2020) {
    if (ANNOTATIONS.has(keyword))
        return undefined;
    if (otherDraftKeywords(draft2020).includes(keyword)) {
        return draft2020
            ? `it is a keyword of draft-07, not of draft 2020-12, which the schema's $schema names. ${IGNORED} keyword is not checked.`
            : `it is a keyword of draft 2020-12, and the schema is read as draft-07: add "$schema": "https://json-schema.org/draft/2020-12/schema". ${IGNORED} keyword is not checked.`;
    }
    const guess = (0,suggest/* misspeltFrom */.uD)(keyword, keywordsOf(ajv));
    return guess ? `did you mean '${guess}'? ${IGNORED} keyword is not checked.` : undefined;
}
/** Formats the schema names that ajv does not know and that are not a misspelt known one: accepted, unchecked. */
function acceptOwnFormats(ajv, schema) {
    for (const name of UNCHECKED_FORMATS)
        ajv.addFormat(name, true);
    const known = Object.keys(ajv.formats);
    findKeyword(schema, (key, value) => {
        if (key === 'format' && typeof value === 'string' && !(value in ajv.formats)) {
            if ((0,suggest/* misspeltFrom */.uD)(value, known) === undefined)
                ajv.addFormat(value, true);
        }
        return false;
    }, keywordsOf(ajv));
}
const otherKeywords = new Map();
/** The keywords of the draft the schema is not read as (draft-07's for a 2020-12 schema, and the reverse). */
function otherDraftKeywords(draft2020) {
    let keywords = otherKeywords.get(draft2020);
    if (!keywords) {
        const other = draft2020
            ? new (ajv_default())["default"]({ strict: false })
            : new (_2020_default())["default"]({ strict: false });
        otherKeywords.set(draft2020, (keywords = keywordsOf(other)));
    }
    return keywords;
}
function keywordsOf(ajv) {
    return Object.keys(ajv.RULES.keywords);
}
/**
 * The path of the first keyword `found` accepts, walking the schema as ajv does: into the values of the keywords
 * it knows, past the names of properties and definitions, and never into data (`enum`, `const`, `default`...).
 */
function findKeyword(node, found, keywords, path = []) {
    if (Array.isArray(node)) {
        for (const [i, item] of node.entries()) {
            const inner = findKeyword(item, found, keywords, [...path, String(i)]);
            if (inner)
                return inner;
        }
        return undefined;
    }
    if (typeof node !== 'object' || node === null)
        return undefined;
    for (const [key, value] of Object.entries(node)) {
        if (found(key, value))
            return [...path, key];
        if (DATA_KEYWORDS.has(key) || !keywords.includes(key))
            continue;
        if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const [name, inner] of Object.entries(value)) {
                const at = findKeyword(inner, found, keywords, [...path, key, name]);
                if (at)
                    return at;
            }
            continue;
        }
        const inner = findKeyword(value, found, keywords, [...path, key]);
        if (inner)
            return inner;
    }
    return undefined;
}
/** ` at #/properties/age`, as ajv writes schema paths; nothing at the root. */
function pointer(path) {
    return path.length === 0
        ? ''
        : ` at #/${path.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}
/** An error at the line of `path` in the schema's text, when the text is given and reads as YAML (JSON is YAML). */
function located(file, text, path) {
    let line;
    try {
        if (text !== undefined) {
            let value = (0,config_file/* parseConfigFile */.m)(text, file);
            for (const key of path) {
                value = Array.isArray(value?.toJS())
                    ? value?.list()[Number(key)]
                    : value?.entries().find(([name]) => name === key)?.[1];
            }
            line = value?.keyLine;
        }
    }
    catch {
        // No line, then: the message still names the path.
    }
    return message => new user_error/* UserError */.y(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line });
}

// EXTERNAL MODULE: ../../shared/data/cell-spans.ts
var cell_spans = __webpack_require__(2521);
;// CONCATENATED MODULE: ../../shared/validation/cell-typing.ts


/** A property that says nothing about types. */
const ANY = { number: true, integer: true, boolean: true };
function typeTextCell(text, types = ANY) {
    if (types.number || types.integer) {
        const number = (0,cell_spans/* numericReading */.k)(text);
        if (number === number && (types.number || Number.isInteger(number)))
            return number;
    }
    if (types.boolean && (text === 'true' || text === 'false'))
        return text === 'true';
    return text;
}
/** The types `property` admits for a cell, under `root` (for local `$ref`s). */
function cellTypes(property, root) {
    const named = namedTypes(property, root, 0);
    if (named === undefined)
        return ANY;
    return { number: named.has('number'), integer: named.has('integer'), boolean: named.has('boolean') };
}
/** How deep `$ref`s and combinators are followed: a schema that nests deeper admits every type. */
const MAX_DEPTH = 16;
function namedTypes(schema, root, depth) {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth > MAX_DEPTH)
        return undefined;
    const own = (key) => (0,name_map/* ownValue */.e)(schema, key);
    const type = own('type');
    if (typeof type === 'string')
        return new Set([type]);
    if (Array.isArray(type))
        return new Set(type.map(String));
    const values = own('enum') ?? (own('const') === undefined ? undefined : [own('const')]);
    if (Array.isArray(values))
        return new Set(values.map(valueType));
    for (const key of ['anyOf', 'oneOf']) {
        const branches = own(key);
        if (!Array.isArray(branches))
            continue;
        const union = new Set();
        for (const branch of branches) {
            const types = namedTypes(branch, root, depth + 1);
            if (types === undefined)
                return undefined;
            for (const t of types)
                union.add(t);
        }
        return union;
    }
    const all = own('allOf');
    if (Array.isArray(all)) {
        for (const branch of all) {
            const types = namedTypes(branch, root, depth + 1);
            if (types !== undefined)
                return types;
        }
    }
    const ref = own('$ref');
    if (typeof ref === 'string' && ref.startsWith('#'))
        return namedTypes(resolve(root, ref), root, depth + 1);
    return undefined;
}
function valueType(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}
/** The schema a local JSON pointer (`#/$defs/age`) names, or undefined. */
function resolve(root, ref) {
    if (ref === '#')
        return root;
    if (!ref.startsWith('#/'))
        return undefined;
    let node = root;
    for (const part of ref.slice(2).split('/')) {
        const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
        if (typeof node !== 'object' || node === null)
            return undefined;
        node = (0,name_map/* ownValue */.e)(node, key);
    }
    return node;
}

// EXTERNAL MODULE: ../../shared/validation/rule-tally.ts
var rule_tally = __webpack_require__(5333);
// EXTERNAL MODULE: ../../shared/validation/user-pattern.ts + 1 modules
var user_pattern = __webpack_require__(2761);
;// CONCATENATED MODULE: ../../shared/validation/json-schema.ts










/**
 * A JSON Schema for one row, compiled with ajv. Values are checked as they are: ajv never coerces (a JSONL
 * `"5"` is not an integer, `null` is not a string), and a CSV cell is typed before the check by the one rule
 * of cell-typing.ts (`typeText`). A `$ref` that does not resolve within the schema (by pointer, `$id`,
 * `$anchor`, or a draft's meta-schema) is refused, because validation never fetches anything. A misspelt
 * keyword or format is refused (json-schema-keywords.ts); `text` is the file's text, for its line.
 *
 * Where ajv alone would depart from the spec (python-jsonschema is the second opinion of the differential
 * test): only own properties of a row count (`required: ["toString"]` fails on `{}`); a property named
 * `__proto__`, which ajv drops, is checked (PROTO_PROPERTY); an empty `enum`, which the meta-schemas allow, is
 * a keyword no value passes, where ajv refuses to compile it; NaN and ±Infinity are not numbers (python-jsonschema
 * calls inf a number; SECURITY.md says no rule passes by not being a number). `format` is an annotation in 2020-12, as its
 * spec and python-jsonschema's default say, while draft-07 keeps asserting the formats ajv-formats knows, as
 * mlci always did (the draft leaves it to the implementation).
 */
function compileJsonSchema(userSchema, file, text) {
    const schema = forAjv(userSchema);
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
        throw new user_error/* UserError */.y(`${file}: a JSON Schema must be an object, such as {"type": "object", "properties": {...}}.`, { file });
    }
    const draft2020 = String(schema.$schema ?? '').includes('2020-12');
    // Strict about the schema only, and only to hear of unknown keywords (strictSchema 'log' tells the logger):
    // strict numbers, types and tuples stay off, as they change what validates.
    const unknownKeywords = [];
    const options = {
        allErrors: true,
        ownProperties: true,
        // NaN and ±Infinity (a Parquet DOUBLE, a CSV `Infinity` or `1e400`) are never a number or an integer: no
        // rule passes by not being a number (SECURITY.md). JSON has no such numbers; python-jsonschema calls inf a number.
        strictNumbers: true,
        validateFormats: !draft2020,
        strict: false,
        strictSchema: 'log',
        unicodeRegExp: true,
        // Every pattern of the schema runs on RE2, in time linear in the value (user-pattern.ts).
        code: { regExp: user_pattern/* userPatternEngine */.OX },
        logger: unknownKeywordLogger(unknownKeywords)
    };
    const ajv = draft2020 ? new (_2020_default())["default"](options) : new (ajv_default())["default"](options);
    dist_default()["default"](ajv);
    addOwnKeywords(ajv);
    acceptOwnFormats(ajv, schema);
    let validate;
    try {
        validate = ajv.compile(schema);
    }
    catch (error) {
        if (error instanceof user_pattern/* PatternRefused */.hL)
            throw refusedPattern(ajv, schema, error, file, text);
        // A $ref ajv cannot resolve within the schema (by pointer, $id, $anchor, or the drafts' meta-schemas it
        // holds): ajv has no loadSchema, so nothing is ever fetched.
        const missing = error.missingRef;
        if (typeof missing === 'string') {
            throw new user_error/* UserError */.y(`${file}: $ref '${missing}' points outside the schema; mlci never fetches schemas over the network. Inline the referenced schema under $defs and use '#/$defs/...'.`, { file });
        }
        const message = error.message;
        throw (misspeltFormat(ajv, schema, message, file, text) ??
            new user_error/* UserError */.y(`${file} is not a valid JSON Schema: ${message}.`, { file }));
    }
    checkUnknownKeywords(ajv, schema, unknownKeywords, { draft2020, file, text });
    const toErrors = (errors, row) => (errors ?? []).map(error => {
        const missing = error.keyword === 'required'
            ? String(error.params.missingProperty)
            : undefined;
        const column = missing ?? error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
        const raw = column === undefined ? undefined : (0,name_map/* ownValue */.e)(row, column);
        return {
            path: missing ? `/${missing}` : error.instancePath,
            column,
            keyword: keywordOf(error),
            message: error.message ?? 'is invalid',
            value: shown(raw)
        };
    });
    const properties = (0,name_map/* ownValue */.e)(schema, 'properties');
    const typesOf = new Map();
    const types = (column) => {
        let known = typesOf.get(column);
        if (!known) {
            const property = typeof properties === 'object' && properties !== null
                ? (0,name_map/* ownValue */.e)(properties, column)
                : undefined;
            typesOf.set(column, (known = cellTypes(property, schema)));
        }
        return known;
    };
    return {
        validate(row) {
            return endless(file, () => validate(row)) ? undefined : toErrors(validate.errors, row);
        },
        typeText: (column, cell) => typeTextCell(cell, types(column)),
        perColumn: columnValidators(schema, ajv, types, file)
    };
}
/**
 * A validation that runs out of stack (ajv's code for some `$dynamicRef` schemas recurses without end) is the
 * schema's fault, said as such, not an internal error.
 */
function endless(file, check) {
    try {
        return check();
    }
    catch (error) {
        if (!(error instanceof RangeError))
            throw error;
        throw new user_error/* UserError */.y(`${file}: checking a row against this JSON Schema recursed without end (ajv ran out of stack); simplify its $ref/$dynamicRef cycles.`, { file });
    }
}
/** A value as an example shows it: a string as it is, anything else as JSON ('' for none). */
function shown(value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number')
        return String(value);
    // A BigInt (an integer beyond 2^53 read exactly) is written as its digits, also inside an object.
    const text = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
    return text ?? String(value);
}
/** The keyword an empty `enum` is compiled to (ajv refuses `enum: []`); its errors are `enum`'s. */
const EMPTY_ENUM = '$mlciEmptyEnum';
function keywordOf(error) {
    return error.keyword === EMPTY_ENUM ? 'enum' : error.keyword;
}
/**
 * The keyword a property named `__proto__` is also compiled to: ajv leaves `__proto__` out of `properties`
 * (allSchemaProperties in its vocabularies/code.ts), while a column or a key of a JSONL object may well be called
 * so. It applies the property's schema to the object's own `__proto__` value, as `properties` would.
 */
const PROTO_PROPERTY = '$mlciProtoProperty';
function addOwnKeywords(ajv) {
    ajv.addKeyword({
        keyword: EMPTY_ENUM,
        schemaType: 'boolean',
        error: { message: 'must be equal to one of the allowed values (the enum is empty)' },
        validate: () => false
    });
    ajv.addKeyword({
        keyword: PROTO_PROPERTY,
        schemaType: ['object', 'boolean'],
        code(cxt) {
            const { gen, data } = cxt;
            const valid = gen.name('valid');
            gen.if((0,dist_ajv._) `${data} && typeof ${data} == "object" && !Array.isArray(${data}) && Object.prototype.hasOwnProperty.call(${data}, "__proto__")`, () => cxt.subschema({ keyword: PROTO_PROPERTY, dataProp: '__proto__' }, valid), () => gen.assign(valid, true));
            cxt.ok(valid);
        }
    });
}
const defineKey = (object, key, value) => 
// defineProperty: an own key named __proto__ stays a key.
Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
/**
 * The schema as ajv is given it (a copy where anything changes): every `enum: []` replaced by EMPTY_ENUM (JSON
 * Schema allows an empty enum, which no value passes; ajv refuses to compile one), and every property named
 * `__proto__` also given to PROTO_PROPERTY. `schema` is false for a map of names to schemas.
 */
function forAjv(node, schema = true) {
    if (Array.isArray(node)) {
        const items = node.map(item => forAjv(item));
        return items.every((item, i) => item === node[i]) ? node : items;
    }
    if (typeof node !== 'object' || node === null)
        return node;
    let copy;
    for (const [key, value] of Object.entries(node)) {
        if (schema && key === 'enum' && Array.isArray(value) && value.length === 0) {
            copy ??= { ...node };
            delete copy[key];
            defineKey(copy, EMPTY_ENUM, true);
            continue;
        }
        const next = schema && DATA_KEYWORDS.has(key) ? value : forAjv(value, !(schema && NAME_MAPS.has(key)));
        if (next !== value)
            defineKey((copy ??= { ...node }), key, next);
        if (schema && key === 'properties' && typeof next === 'object' && next !== null) {
            const proto = (0,name_map/* ownValue */.e)(next, '__proto__');
            if (proto !== undefined)
                defineKey((copy ??= { ...node }), PROTO_PROPERTY, proto);
        }
    }
    return copy ?? node;
}
const MEMO_SIZE = 256;
/** What a number-typed property may say for its number cells to be decided by `NumericRange` alone. */
const RANGE_KEYWORDS = new Set([
    'type',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'title',
    'description',
    '$comment',
    'examples'
]);
const PATTERN_KEYWORDS = new Set(['type', 'pattern', 'title', 'description', '$comment', 'examples']);
/**
 * The pattern of a property that is only `type: string` and a pattern, compiled as ajv compiles it (by the
 * same engine): a string it matches passes every keyword of the property.
 */
function patternOnly(property) {
    if (property.type !== 'string' || typeof property.pattern !== 'string')
        return undefined;
    if (!Object.keys(property).every(key => PATTERN_KEYWORDS.has(key)))
        return undefined;
    return (0,user_pattern/* compileUserPattern */.bH)(property.pattern, { anchored: false });
}
/**
 * The bounds of a property that is only a numeric type with limits: a number within them passes every
 * keyword, as ajv would decide (`data < minimum || isNaN(data)` fails, and so on), so the cell needs no
 * call into ajv. Draft 4's boolean exclusive limits are left to ajv.
 */
function numericRange(property, kind) {
    if (!Object.keys(property).every(key => RANGE_KEYWORDS.has(key)))
        return undefined;
    const limit = (key, absent) => {
        const value = property[key];
        return value === undefined ? absent : typeof value === 'number' ? value : NaN;
    };
    const range = {
        integer: kind === 'integer',
        minimum: limit('minimum', -Infinity),
        maximum: limit('maximum', Infinity),
        exclusiveMinimum: limit('exclusiveMinimum', -Infinity),
        exclusiveMaximum: limit('exclusiveMaximum', Infinity)
    };
    return Object.values(range).some(v => v !== v) ? undefined : range;
}
/**
 * ajv's data context for a cell validated on its own (passing one spares an object per call). The root is
 * only read by $data and $dynamicRef, which a per-column schema never holds (NOT_LOCAL).
 */
const CELL_CONTEXT = {
    instancePath: '',
    parentData: {},
    parentDataProperty: '',
    rootData: {},
    dynamicAnchors: {}
};
/** Root keywords that say nothing about any row of a table whose rows are objects with every column. */
const ROOT_ANNOTATIONS = new Set([
    '$schema',
    '$id',
    '$comment',
    'title',
    'description',
    'examples',
    'type',
    'properties',
    'required',
    // A property named __proto__ is among `properties`, which the cell check reads itself.
    PROTO_PROPERTY
]);
/** Keywords that make a property's schema depend on something other than its own value. */
const NOT_LOCAL = /"\$(?:ref|dynamicRef|recursiveRef|data)"/;
/**
 * A flat object schema (properties with their own constraints, a required list) checks every cell on its
 * own, so it can be checked column by column, without building an object per row: each property's schema is
 * compiled by the same ajv, and a cell, typed by the same rule (cell-typing.ts), is validated alone, so the
 * errors are the same (validator.test.ts proves it against whole rows).
 * Anything else (additionalProperties, $ref, if/then, dependent keywords) returns undefined: rows then.
 */
function columnValidators(schema, ajv, types, file) {
    if (!Object.keys(schema).every(key => ROOT_ANNOTATIONS.has(key)))
        return undefined;
    if (schema.type !== undefined && schema.type !== 'object')
        return undefined;
    const properties = (schema.properties ?? {});
    const required = schema.required ?? [];
    if (typeof properties !== 'object' || Array.isArray(properties) || !Array.isArray(required))
        return undefined;
    const validators = new Map();
    const numeric = new Map();
    const ranges = new Map();
    const patterns = new Map();
    for (const [name, property] of Object.entries(properties)) {
        // A boolean schema (`true`, `false`) has no keywords to read: rows then.
        if (typeof property !== 'object' || property === null || NOT_LOCAL.test(JSON.stringify(property)))
            return undefined;
        validators.set(name, ajv.compile(property));
        // Only a column that must be a number (or null) may be handed over as its numeric reading (CellSchema).
        const types = [property.type].flat();
        const kind = types.find(t => t === 'number' || t === 'integer');
        if (kind && types.every(t => t === kind || t === 'null')) {
            numeric.set(name, kind);
            const range = numericRange(property, kind);
            if (range)
                ranges.set(name, range);
        }
        const pattern = patternOnly(property);
        if (pattern)
            patterns.set(name, pattern);
    }
    const pointer = (name) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return {
        required: required.map(String),
        column(name) {
            const validate = validators.get(name);
            if (!validate)
                return undefined;
            const path = pointer(name);
            const cellTypes = types(name);
            const check = (cell) => {
                const value = typeof cell === 'string' ? typeTextCell(cell, cellTypes) : cell;
                if (endless(file, () => validate(value, CELL_CONTEXT)))
                    return undefined;
                return (validate.errors ?? []).map(error => ({
                    path: path + error.instancePath,
                    column: name,
                    keyword: keywordOf(error),
                    message: error.message ?? 'is invalid',
                    value: shown(cell)
                }));
            };
            // A cell's verdict depends on its value alone: categorical columns repeat a few values millions of
            // times, so the first MEMO_SIZE texts of a column keep theirs.
            // Once the memo is full and misses more than it hits, the column is not categorical: stop asking it.
            const memo = new Map();
            let hits = 0;
            let misses = 0;
            const pattern = patterns.get(name);
            return value => {
                // A string that matches a string-and-pattern-only schema passes it: no call into ajv.
                if (pattern !== undefined && typeof value === 'string' && pattern.test(value))
                    return undefined;
                if (typeof value !== 'string' || misses > hits + MEMO_SIZE)
                    return check(value);
                const known = memo.get(value);
                if (known !== undefined) {
                    hits++;
                    return known ?? undefined;
                }
                misses++;
                if (memo.size >= MEMO_SIZE)
                    return check(value);
                // A copy: a slice of the read chunk would keep the whole chunk alive in the memo.
                const key = (0,rule_tally/* detach */.Y)(value);
                const errors = check(key);
                memo.set(key, errors ?? null);
                return errors;
            };
        },
        numeric: name => numeric.get(name),
        range: name => ranges.get(name)
    };
}


/***/ })

};
