export const id = 952;
export const ids = [952];
export const modules = {

/***/ 8952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  downloadPreparedReport: () => (/* binding */ downloadPreparedReport),
  uploadPreparedReport: () => (/* binding */ uploadPreparedReport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ../../shared/runner/log.ts
var log = __webpack_require__(42897);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(36696);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ../../shared/data/crc32.ts
const TABLE = new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
/** CRC-32 (IEEE 802.3, as zip and gzip use it). zlib.crc32 only exists from Node 22 on. */
function crc32(data) {
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++)
        crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}

;// CONCATENATED MODULE: ../../shared/data/zip-archive.ts


/** A central directory entry's fixed part, and a local header's: the bytes before their names. */
const CENTRAL_HEADER = 46;
const LOCAL_HEADER = 30;
/**
 * Reads a zip that someone else wrote (an artifact from a fork's workflow) without trusting it: entries
 * are read from the central directory into memory, never written to disk under their own names, so
 * `../` or absolute names cannot escape a folder (zip slip); sizes are capped before inflating; the
 * CRC of every entry is checked; every offset and length is checked against the bytes there are before it is
 * read, so a damaged archive is refused, never a RangeError. Throws ZipRefused with the reason.
 */
function readZipArchive(zip, limits) {
    const end = findEndOfCentralDirectory(zip);
    const count = zip.readUInt16LE(end + 10);
    const directorySize = zip.readUInt32LE(end + 12);
    let at = zip.readUInt32LE(end + 16);
    if (count === 0xffff || at === 0xffffffff)
        throw new ZipRefused('zip64 archives are not accepted');
    if (count > limits.maxEntries)
        throw new ZipRefused(`${count} entries, at most ${limits.maxEntries} accepted`);
    if (at + directorySize > end)
        throw new ZipRefused('the central directory lies outside the archive');
    const directoryStart = at;
    const directoryEnd = at + directorySize;
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (at + CENTRAL_HEADER > directoryEnd)
            throw new ZipRefused('the central directory is cut short');
        if (zip.readUInt32LE(at) !== 0x02014b50)
            throw new ZipRefused('a central directory entry is damaged');
        const flags = zip.readUInt16LE(at + 8);
        const method = zip.readUInt16LE(at + 10);
        const expectedCrc = zip.readUInt32LE(at + 16);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
        const localOffset = zip.readUInt32LE(at + 42);
        if (at + CENTRAL_HEADER + skip > directoryEnd)
            throw new ZipRefused('a central directory entry runs past the end of the directory');
        const name = zip.toString('utf8', at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength);
        at += CENTRAL_HEADER + skip;
        checkName(name);
        if (flags & 0x1)
            throw new ZipRefused(`${name} is encrypted`);
        if (size > limits.maxEntryBytes) {
            throw new ZipRefused(`${name} is ${size} bytes, at most ${limits.maxEntryBytes} accepted`);
        }
        // Local headers and their data come before the central directory.
        if (localOffset + LOCAL_HEADER > directoryStart)
            throw new ZipRefused(`the local header of ${name} lies outside the archive`);
        if (zip.readUInt32LE(localOffset) !== 0x04034b50)
            throw new ZipRefused(`the local header of ${name} is damaged`);
        const dataStart = localOffset + LOCAL_HEADER + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
        const stored = zip.subarray(dataStart, dataStart + compressedSize);
        if (stored.length !== compressedSize)
            throw new ZipRefused(`${name} is truncated`);
        const data = method === 0 ? Buffer.from(stored) : method === 8 ? inflate(stored, name, limits) : undefined;
        if (data === undefined)
            throw new ZipRefused(`${name} uses compression method ${method}`);
        if (data.length !== size || crc32(data) !== expectedCrc)
            throw new ZipRefused(`${name} fails its size or CRC check`);
        entries.push({ name, data });
    }
    return entries;
}
class ZipRefused extends Error {
    constructor(reason) {
        super(reason);
        this.name = 'ZipRefused';
    }
}
function findEndOfCentralDirectory(zip) {
    const earliest = Math.max(0, zip.length - 22 - 0xffff);
    for (let at = zip.length - 22; at >= earliest; at--) {
        if (zip.readUInt32LE(at) === 0x06054b50)
            return at;
    }
    throw new ZipRefused('not a zip archive (no end of central directory)');
}
function checkName(name) {
    const parts = name.split('/');
    if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
        throw new ZipRefused(`the entry name '${name}' points outside the archive's folder`);
    }
}
function inflate(data, name, limits) {
    try {
        return (0,external_node_zlib_.inflateRawSync)(data, { maxOutputLength: limits.maxEntryBytes });
    }
    catch (error) {
        throw new ZipRefused(`${name} does not inflate (${error.message})`);
    }
}

// EXTERNAL MODULE: ../../shared/metrics/results-file.ts + 1 modules
var results_file = __webpack_require__(4960);
;// CONCATENATED MODULE: ./src/handoff.ts






const REPORT_FILE = 'report.json';
const MAX_REPORT_BYTES = 4 * 1024 * 1024;
const MAX_METRICS = 20_000;
// Metric sets and slices as evaluate's results schema defines them, bounded in count and name length.
const metrics = {
    allOf: [
        { $ref: `${results_file/* RESULTS_SCHEMA_ID */.t}#/$defs/metrics` },
        { type: 'object', maxProperties: MAX_METRICS, propertyNames: { minLength: 1, maxLength: 256 } }
    ]
};
const names = (values) => ({
    type: 'object',
    maxProperties: MAX_METRICS,
    propertyNames: { minLength: 1, maxLength: 256 },
    additionalProperties: values
});
// Compiled on first use: direct and prepare runs never read an artifact.
const compileReportSchema = () => (0,results_file/* resultsAjv */.Y)().compile({
    type: 'object',
    additionalProperties: false,
    required: ['version', 'commentKey', 'pullNumber', 'headSha', 'comparison'],
    properties: {
        version: { const: 1 },
        commentKey: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
        pullNumber: { type: 'integer', minimum: 1 },
        headSha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
        comparison: {
            type: 'object',
            additionalProperties: false,
            required: ['candidate', 'baseline', 'baselineSource'],
            properties: {
                candidate: metrics,
                baseline: { anyOf: [{ type: 'null' }, metrics] },
                baselineSource: { type: 'string', maxLength: 300 },
                verdict: { enum: ['pass', 'warn', 'inconclusive', 'fail'] },
                rules: names({ enum: ['pass', 'warn', 'inconclusive', 'fail'] }),
                directions: names({ enum: ['higher', 'lower', 'none'] }),
                slices: {
                    allOf: [
                        { $ref: `${results_file/* RESULTS_SCHEMA_ID */.t}#/$defs/candidate/properties/slices` },
                        {
                            type: 'array',
                            maxItems: 20,
                            items: { type: 'object', properties: { values: { type: 'object', maxProperties: 1000 } } }
                        }
                    ]
                }
            }
        }
    }
});
let validateReport;
function artifactName(commentKey) {
    return `mlci-metric-diff-${commentKey}`;
}
async function uploadPreparedReport(report, runnerTemp) {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(734), __webpack_require__.e(882)]).then(__webpack_require__.bind(__webpack_require__, 87882));
    const dir = await (0,promises_.mkdtemp)(external_node_path_.join(runnerTemp, 'mlci-metric-diff-'));
    const file = external_node_path_.join(dir, REPORT_FILE);
    await (0,promises_.writeFile)(file, JSON.stringify(report));
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(artifactName(report.commentKey), [file], dir, {
        retentionDays: 1
    });
    log/* info */.pq `Uploaded artifact ${artifactName(report.commentKey)} (id ${id}, ${size} bytes) for the post step.`;
    await (0,promises_.rm)(dir, { recursive: true, force: true });
}
/** Downloads the prepare step's artifact as a raw zip (never extracted to disk) and validates it. */
async function downloadPreparedReport(source, commentKey, runnerTemp) {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(734), __webpack_require__.e(882)]).then(__webpack_require__.bind(__webpack_require__, 87882));
    const client = new DefaultArtifactClient();
    const findBy = {
        token: source.token,
        workflowRunId: source.runId,
        repositoryOwner: source.owner,
        repositoryName: source.repo
    };
    const name = artifactName(commentKey);
    let artifact;
    try {
        ;
        ({ artifact } = await client.getArtifact(name, { findBy }));
    }
    catch (error) {
        throw new user_error/* UserError */.y(`No artifact '${name}' in workflow run ${source.runId} (${error.message.split('\n')[0]}). ` +
            `Run metric-diff with mode: prepare and comment-key: ${commentKey} in that workflow.`);
    }
    if (artifact.size > MAX_REPORT_BYTES)
        refuse(`it is ${artifact.size} bytes; at most ${MAX_REPORT_BYTES} accepted`);
    const dir = await (0,promises_.mkdtemp)(external_node_path_.join(runnerTemp, 'mlci-metric-diff-'));
    try {
        const { digestMismatch } = await client.downloadArtifact(artifact.id, {
            path: dir,
            findBy,
            skipDecompress: true,
            expectedHash: artifact.digest
        });
        if (digestMismatch)
            refuse('its download does not match the digest GitHub recorded');
        const files = await (0,promises_.readdir)(dir);
        if (files.length !== 1)
            refuse(`expected one archive, found ${files.length} files`);
        const zip = await (0,promises_.readFile)(external_node_path_.join(dir, files[0]));
        if (zip.length > MAX_REPORT_BYTES)
            refuse(`it is ${zip.length} bytes; at most ${MAX_REPORT_BYTES} accepted`);
        return parseReport(zip, commentKey);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
function parseReport(zip, commentKey) {
    validateReport ??= compileReportSchema();
    let entries;
    try {
        entries = readZipArchive(zip, { maxEntries: 1, maxEntryBytes: MAX_REPORT_BYTES });
    }
    catch (error) {
        if (error instanceof ZipRefused)
            refuse(error.message);
        throw error;
    }
    if (entries.length !== 1 || entries[0].name !== REPORT_FILE) {
        refuse(`expected only ${REPORT_FILE}, found ${entries.map(e => e.name).join(', ') || 'nothing'}`);
    }
    let report;
    try {
        report = JSON.parse(entries[0].data.toString('utf8'));
    }
    catch {
        refuse(`${REPORT_FILE} is not JSON`);
    }
    if (!validateReport(report)) {
        const problems = (validateReport.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`);
        refuse(`${REPORT_FILE} does not match its schema (${problems.slice(0, 3).join('; ')})`);
    }
    if (report.commentKey !== commentKey) {
        refuse(`it was prepared for comment-key '${report.commentKey}', not '${commentKey}'`);
    }
    return report;
}
function refuse(reason) {
    throw new user_error/* UserError */.y(`Refusing the prepared metric-diff artifact: ${reason}.`);
}


/***/ })

};
