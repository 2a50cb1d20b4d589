export const id = 960;
export const ids = [960];
export const modules = {

/***/ 4960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseResultsFile: () => (/* binding */ parseResultsFile)
});

// UNUSED EXPORTS: RESULTS_SCHEMA_ID, resultsAjv

// EXTERNAL MODULE: ../../node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(13774);
// EXTERNAL MODULE: ../../node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(66323);
var dist_default = /*#__PURE__*/__webpack_require__.n(dist);
// EXTERNAL MODULE: ../../shared/errors/user-error.ts
var user_error = __webpack_require__(36696);
// EXTERNAL MODULE: ../../shared/data/json-error.ts
var json_error = __webpack_require__(15852);
;// CONCATENATED MODULE: ../../shared/metrics/results.schema.json
const results_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://github.com/mlci/mlci/shared/metrics/results.schema.json","title":"mlci evaluate results","description":"What one run of mlci evaluate measured and decided: the candidate\'s metrics (with bootstrap intervals and slices), the baseline it was compared with, and one entry per policy rule. Read by metric-diff and publish.","type":"object","required":["schemaVersion","createdAt","commit","verdict","candidate","baseline","rules"],"additionalProperties":false,"properties":{"schemaVersion":{"const":1,"description":"Bumped on any incompatible change."},"createdAt":{"type":"string","format":"date-time"},"commit":{"type":["string","null"],"description":"The commit the candidate was evaluated on (the PR head on pull_request)."},"verdict":{"enum":["pass","warn","inconclusive","fail"],"description":"The worst status of the counted rules (fail > inconclusive > warn > pass). inconclusive: a statistical rule found evidence neither way; added after schemaVersion 1\'s first release."},"policyFile":{"type":["string","null"],"description":"The policy file, relative to the workspace."},"policySha256":{"type":"string","pattern":"^[0-9a-f]{64}$","description":"The sha256 (lower-case hex) of the policy file as evaluate read it: what publish\'s Test Result names the policy by. Added after schemaVersion 1\'s first release, optional, so earlier files stay valid."},"candidate":{"$ref":"#/$defs/candidate"},"baseline":{"$ref":"#/$defs/baseline"},"rules":{"type":"array","items":{"$ref":"#/$defs/rule"}}},"$defs":{"estimate":{"type":"object","required":["value"],"additionalProperties":false,"dependentSchemas":{"nonFinite":{"properties":{"value":{"type":"null"}}}},"properties":{"value":{"type":["number","null"],"description":"A finite number; null when the metric has no finite value (undefined on this data, null, NaN or ±Infinity in a metrics file): reason says why."},"reason":{"type":"string"},"nonFinite":{"enum":["NaN","Infinity","-Infinity"],"description":"With value null: the metric was this, not a finite number. Added after schemaVersion 1\'s first release, optional, so earlier files stay valid."},"ci":{"type":"object","required":["low","high"],"additionalProperties":false,"properties":{"low":{"type":"number"},"high":{"type":"number"}}}}},"metrics":{"type":"object","additionalProperties":{"$ref":"#/$defs/estimate"}},"candidate":{"type":"object","required":["source","metrics"],"additionalProperties":false,"properties":{"source":{"enum":["metrics","predictions"],"description":"Metric files, or metrics computed from per-example predictions."},"files":{"type":"array","items":{"type":"string"}},"task":{"enum":["binary","multiclass","regression"]},"examples":{"type":"integer","minimum":0},"confidence":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},"bootstrap":{"type":"integer","minimum":0},"seed":{"type":"integer"},"metrics":{"$ref":"#/$defs/metrics"},"slices":{"type":"array","description":"Metrics per value of each slice column.","items":{"type":"object","required":["column","values"],"additionalProperties":false,"properties":{"column":{"type":"string"},"values":{"type":"object","additionalProperties":{"$ref":"#/$defs/metrics"}}}}}}},"baseline":{"type":"object","required":["source","commit","metrics"],"additionalProperties":false,"properties":{"source":{"enum":["check-run","cache","file","git","none"],"description":"check-run: the digest in our check run on the base commit; cache: the base branch\'s cache entry; file / git: given explicitly; none: no baseline (first run)."},"commit":{"type":["string","null"]},"detail":{"type":"string","description":"Where exactly: the check run\'s URL, the cache key, the file or git:<ref>:<path>."},"metrics":{"oneOf":[{"$ref":"#/$defs/metrics"},{"type":"null"}]}}},"rule":{"type":"object","required":["metric","rule","threshold","actual","status","message"],"additionalProperties":false,"properties":{"metric":{"type":"string"},"slice":{"type":"string","description":"The slice value, or absent for the whole data."},"rule":{"enum":["min","max","max_drop","warn_drop","max_increase","warn_increase","max_drop_pct","warn_drop_pct","max_increase_pct","warn_increase_pct","max_gap","missing"]},"threshold":{"type":["number","null"]},"actual":{"type":["number","null"],"description":"The value the threshold was compared with: the metric, its change, or the slice gap."},"status":{"enum":["pass","warn","inconclusive","fail","skipped"],"description":"inconclusive: with significance, the change is neither significantly beyond the tolerance nor significantly within it."},"informational":{"type":"boolean"},"message":{"type":"string"},"line":{"type":"integer","minimum":1,"description":"The policy file line of the rule."},"significance":{"type":"object","required":["method","level","pValue","significant"],"description":"Two one-sided tests of the tolerance on the same statistic (H0: regression ≤ tolerance, and H0: regression ≥ tolerance).","additionalProperties":false,"properties":{"method":{"enum":["paired-bootstrap","mcnemar","bootstrap"]},"level":{"type":"number"},"pValue":{"type":"number","description":"H0: the regression is within the tolerance. Below level: the rule fails."},"pWithin":{"type":"number","description":"H0: the regression is at or beyond the tolerance. Below level: the rule passes. Absent in files written before it existed."},"significant":{"type":"boolean"},"tooFew":{"type":"string","description":"Too few examples for the test to decide either way (mcnemar: fewer than 20 discordant examples expected under H0): the rule is inconclusive."}}}}}}}');
;// CONCATENATED MODULE: ../../shared/metrics/results-file.ts




// One copy of the schema: ncc inlines the JSON module into the bundles (a createRequire would not be).

const RESULTS_SCHEMA_ID = results_schema_namespaceObject.$id;
/** An Ajv that knows the results schema, so other schemas can `$ref` its definitions (metrics, slices). */
function resultsAjv() {
    const ajv = new _2020.Ajv2020({ allErrors: true, strict: true });
    dist_default()(ajv);
    ajv.addSchema(results_schema_namespaceObject);
    return ajv;
}
let validate;
/** Reads a results file that evaluate wrote, refusing anything that does not match its schema. */
function parseResultsFile(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        const at = (0,json_error/* locateJsonError */.R4)(text);
        throw new user_error/* UserError */.y(`${file}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${error.message}).`, {
            file,
            line: at?.line
        });
    }
    validate ??= resultsAjv().getSchema(RESULTS_SCHEMA_ID);
    if (!validate || !validate(data)) {
        const problems = (validate?.errors ?? []).slice(0, 3).map(e => `${e.instancePath || '/'} ${e.message}`);
        throw new user_error/* UserError */.y(`${file} is not an mlci evaluate results file (schema version 1): ${problems.join('; ')}. ` +
            "Point 'results' at the file evaluate's 'results' output names.", { file });
    }
    return data;
}


/***/ })

};
