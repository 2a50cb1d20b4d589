export const id = 989;
export const ids = [989];
export const modules = {

/***/ 7989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openParquetTable: () => (/* binding */ openParquetTable)
/* harmony export */ });
/* harmony import */ var _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6696);

/**
 * Parquet through hyparquet, one row group at a time, so memory stays bounded by the largest row group
 * rather than the file. Rows are located by 1-based row number: Parquet has no lines. Every value comes out
 * as JSON would hold it, so that a JSON Schema inferred from a file accepts the same file:
 *
 * | Parquet | cell |
 * |---|---|
 * | BOOLEAN, INT8..INT32, UINT8..UINT32, FLOAT, DOUBLE, FLOAT16, DECIMAL | boolean, number (DECIMAL as the nearest double) |
 * | INT64, UINT64 | number; a bigint beyond ±(2^53 − 1), so that ids stay exact (a key compares its exact digits) |
 * | STRING/UTF8, ENUM, UUID, JSON | string (invalid UTF-8 is refused), string, string, the JSON value |
 * | BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY without a logical type (DuckDB's BLOB) | base64 string |
 * | DATE | `2024-01-31` (RFC 3339 full-date) |
 * | TIMESTAMP (MILLIS, MICROS, NANOS), INT96 | `2024-01-31T12:00:00.123456Z`, without the `Z` when not adjusted to UTC |
 * | TIME | `12:00:00.5` |
 * | LIST, STRUCT, MAP | array, object, object; their leaves as above, 64-bit integers as numbers |
 * | INTERVAL, BSON, VARIANT, TIME inside a LIST/STRUCT/MAP | refused: a UserError names the column and its type |
 */
async function openParquetTable(file, name, batchRows) {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.bind(__webpack_require__, 6648));
    const { compressors } = await __webpack_require__.e(/* import() */ 454).then(__webpack_require__.bind(__webpack_require__, 3454));
    let buffer;
    try {
        buffer = await asyncBufferFromFile(file);
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${name} does not exist.`, { file: name });
        }
        throw error;
    }
    const invalid = (error) => new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${name} is not a readable Parquet file (${error.message}). It may be truncated or not Parquet at all: re-create it, or set 'format' to what it really is.`, { file: name });
    let metadata;
    try {
        metadata = await parquetMetadataAsync(buffer);
    }
    catch (error) {
        throw invalid(error);
    }
    const trees = parquetSchema(metadata).children;
    const columns = trees.map(child => child.element.name);
    for (const tree of trees)
        refuseUnreadable(tree, tree.element.name, name, false);
    const readers = trees.map(tree => ({ decode: topLevelDecoder(tree.element), parsers: parsersFor(tree) }));
    const rowCount = Number(metadata.num_rows);
    return {
        file: name,
        format: 'parquet',
        textual: false,
        location: 'row',
        columns,
        rowCount,
        async *batches() {
            let groupStart = 0;
            for (const group of metadata.row_groups) {
                const groupRows = Number(group.num_rows);
                const values = columns.map(() => new Array(groupRows));
                // One column at a time: each gets the parsers its type needs (a timestamp's UTC adjustment).
                for (let c = 0; c < columns.length; c++) {
                    const target = values[c];
                    const { decode, parsers } = readers[c];
                    try {
                        await parquetRead({
                            file: buffer,
                            metadata,
                            compressors,
                            columns: [columns[c]],
                            rowStart: groupStart,
                            rowEnd: groupStart + groupRows,
                            utf8: false,
                            parsers,
                            onChunk: chunk => {
                                const data = chunk.columnData;
                                const from = Math.max(0, groupStart - chunk.rowStart);
                                const to = Math.min(data.length, groupStart + groupRows - chunk.rowStart);
                                const offset = chunk.rowStart - groupStart;
                                if (decode) {
                                    for (let i = from; i < to; i++)
                                        target[offset + i] = decode(data[i]);
                                    return;
                                }
                                // The common case inline: a call per value costs more than the rest of the loop.
                                for (let i = from; i < to; i++) {
                                    const value = data[i];
                                    if (typeof value === 'bigint') {
                                        // Number() rounds anything beyond 2^53 - 1 to at least 2^53: a safe result is exact.
                                        const number = Number(value);
                                        target[offset + i] = number <= MAX_SAFE && number >= -MAX_SAFE ? number : value;
                                    }
                                    else {
                                        target[offset + i] =
                                            typeof value === 'object' || value === undefined
                                                ? topLevelCell(value)
                                                : value;
                                    }
                                }
                            }
                        });
                    }
                    catch (error) {
                        if (error instanceof UnreadableValue) {
                            throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${name}: column '${columns[c]}' (${parquetType(trees[c].element)}) holds ${error.message}, which mlci cannot read. Write the column as another type, or drop it.`, { file: name });
                        }
                        throw invalid(error);
                    }
                }
                for (let start = 0; start < groupRows; start += batchRows) {
                    const length = Math.min(batchRows, groupRows - start);
                    const lines = new Int32Array(length);
                    for (let i = 0; i < length; i++)
                        lines[i] = groupStart + start + i + 1;
                    yield {
                        columns,
                        values: values.map(column => length === groupRows ? column : column.slice(start, start + length)),
                        lines,
                        length,
                        rowOffset: groupStart + start
                    };
                }
                groupStart += groupRows;
            }
            if (groupStart !== rowCount) {
                throw invalid(new Error(`footer says ${rowCount} rows, row groups hold ${groupStart}`));
            }
        }
    };
}
/** A value hyparquet decoded that has no faithful cell (thrown from a parser, named with its column). */
class UnreadableValue extends Error {
}
/** The type as the user's tools name it, for messages: `INTERVAL`, `TIME (MICROS)`, `INT64`. */
function parquetType(element) {
    const logical = element.logical_type;
    if (logical && 'unit' in logical)
        return `${logical.type} (${logical.unit})`;
    return logical?.type ?? element.converted_type ?? element.type ?? 'group';
}
function isTime(element) {
    const ctype = element.converted_type;
    return element.logical_type?.type === 'TIME' || ctype === 'TIME_MILLIS' || ctype === 'TIME_MICROS';
}
/** Types hyparquet cannot decode, or decodes into something that is not the value: refused up front. */
function refuseUnreadable(tree, column, name, nested) {
    const element = tree.element;
    const logical = element.logical_type?.type;
    const ctype = element.converted_type;
    const unreadable = ctype === 'INTERVAL' || logical === 'INTERVAL'
        ? 'INTERVAL'
        : ctype === 'BSON' || logical === 'BSON'
            ? 'BSON'
            : logical === 'VARIANT'
                ? 'VARIANT'
                : nested && isTime(element)
                    ? `${parquetType(element)} inside a nested column`
                    : undefined;
    if (unreadable !== undefined) {
        throw new _errors_user_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${name}: column '${column}' has the Parquet type ${unreadable}, which mlci cannot read. Write it as another type (an INTERVAL as a number of seconds or a string, say), or drop the column.`, { file: name });
    }
    for (const child of tree.children)
        refuseUnreadable(child, column, name, true);
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
function decodeText(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        throw new UnreadableValue('a string that is not valid UTF-8');
    }
}
/**
 * How a top-level column's values become cells, after hyparquet's own conversion (with parsersFor), when
 * that is more than `topLevelCell`.
 */
function topLevelDecoder(element) {
    const logical = element.logical_type;
    const ctype = element.converted_type;
    if (isTime(element)) {
        const unit = logical?.type === 'TIME' ? logical.unit : ctype === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
        const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1000000n : 1000000000n;
        return value => (value == null ? null : isoTime(BigInt(value), perSecond));
    }
    if (ctype === 'ENUM' || logical?.type === 'ENUM') {
        return value => (value instanceof Uint8Array ? decodeText(value) : topLevelCell(value));
    }
    return undefined;
}
function topLevelCell(value) {
    if (value === undefined)
        return null;
    if (typeof value === 'bigint')
        return exactInteger(value);
    if (typeof value === 'object' && value !== null)
        return jsonValue(value);
    return value;
}
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** A 64-bit integer as a number when that is exact, else as the bigint. */
function exactInteger(value) {
    // Number() rounds anything beyond 2^53 - 1 to at least 2^53: a safe result is the exact value.
    const number = Number(value);
    return number <= Number.MAX_SAFE_INTEGER && number >= -Number.MAX_SAFE_INTEGER ? number : value;
}
/** A nested value as JSON holds it: 64-bit integers as numbers, bytes as base64. */
function jsonValue(value) {
    if (typeof value === 'bigint')
        return Number(value);
    if (value === undefined)
        return null;
    if (typeof value !== 'object' || value === null)
        return value;
    if (value instanceof Uint8Array)
        return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    if (Array.isArray(value) || ArrayBuffer.isView(value))
        return Array.from(value, jsonValue);
    // defineProperty semantics: a STRUCT field or MAP key named __proto__ stays a field.
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, jsonValue(field)]));
}
/** True when the column's timestamps are instants (UTC-adjusted): legacy TIMESTAMP_* and INT96 are. */
function adjustedToUtc(tree) {
    const logical = tree.element.logical_type;
    if (logical?.type === 'TIMESTAMP')
        return logical.isAdjustedToUTC;
    for (const child of tree.children)
        if (!adjustedToUtc(child))
            return false;
    return true;
}
function parsersFor(tree) {
    const utc = adjustedToUtc(tree);
    return {
        dateFromDays: days => isoDate(BigInt(days)),
        timestampFromMilliseconds: millis => isoTimestamp(BigInt(millis) * 1000000n, utc),
        timestampFromMicroseconds: micros => isoTimestamp(BigInt(micros) * 1000n, utc),
        timestampFromNanoseconds: nanos => isoTimestamp(BigInt(nanos), utc),
        stringFromBytes: bytes => bytes && decodeText(bytes)
    };
}
const DAY_NANOS = 86400000000000n;
/** Days since 1970-01-01 as an RFC 3339 full-date (years 0 to 9999; others are refused, not made up). */
function isoDate(days) {
    const date = new Date(Number(days) * 86_400_000);
    const year = date.getUTCFullYear();
    if (Number.isNaN(year) || year < 0 || year > 9999)
        throw new UnreadableValue(`a date outside the years 0 to 9999`);
    return date.toISOString().slice(0, 10);
}
function isoTimestamp(nanos, utc) {
    let days = nanos / DAY_NANOS;
    let rest = nanos % DAY_NANOS;
    if (rest < 0n) {
        days -= 1n;
        rest += DAY_NANOS;
    }
    return `${isoDate(days)}T${isoTime(rest, 1000000000n)}${utc ? 'Z' : ''}`;
}
/** A time of day given in units of 1/perSecond s: `HH:MM:SS`, with as many fraction digits as it needs. */
function isoTime(units, perSecond) {
    const seconds = units / perSecond;
    const fraction = units % perSecond;
    const two = (n) => n.toString().padStart(2, '0');
    let text = `${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}`;
    if (fraction > 0n) {
        const digits = perSecond.toString().length - 1;
        text += '.' + fraction.toString().padStart(digits, '0').replace(/0+$/, '');
    }
    return text;
}


/***/ })

};
