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
 * rather than the file. Values come out typed; 64-bit integers become numbers (exact up to 2^53, which
 * covers ids and counts in practice). Rows are located by 1-based row number: Parquet has no lines.
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
    const columns = parquetSchema(metadata).children.map(child => child.element.name);
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
                const index = new Map(columns.map((column, i) => [column, i]));
                try {
                    await parquetRead({
                        file: buffer,
                        metadata,
                        compressors,
                        rowStart: groupStart,
                        rowEnd: groupStart + groupRows,
                        onChunk: chunk => {
                            const target = values[index.get(chunk.columnName)];
                            const data = chunk.columnData;
                            for (let i = 0; i < data.length; i++) {
                                const row = chunk.rowStart - groupStart + i;
                                if (row < 0 || row >= groupRows)
                                    continue;
                                const value = data[i];
                                target[row] = typeof value === 'bigint' ? Number(value) : value;
                            }
                        }
                    });
                }
                catch (error) {
                    throw invalid(error);
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


/***/ })

};
