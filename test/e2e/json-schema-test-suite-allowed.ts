/**
 * Cases of the JSON Schema Test Suite where validate-data's answer or python-jsonschema's differs from the suite's,
 * each with the reason (ajv 8.20, python-jsonschema 4.10.3). json-schema-test-suite.test.ts asserts that this is
 * exactly the set of disagreements: a new one fails the test, and so does one that no longer disagrees.
 */
export const SUITE_ALLOWED: Record<string, string> = {
  'draft2020-12/anchor.json › same $anchor with different base uri › $ref does not resolve to /$defs/A/allOf/0':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/anchor.json › same $anchor with different base uri › $ref resolves to /$defs/A/allOf/1':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/defs.json › validate definition against metaschema › invalid definition schema':
    'python-jsonschema 4.10.3 departs from the suite here; mlci agrees with the suite',
  'draft2020-12/dynamicRef.json › $dynamicRef avoids the root of each schema, but scopes are still registered › data is not sufficient for schema at second#/$defs/length':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/dynamicRef.json › $dynamicRef avoids the root of each schema, but scopes are still registered › data is sufficient for schema at second#/$defs/length':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/dynamicRef.json › $dynamicRef points to a boolean schema › follow $dynamicRef to a false schema':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › $dynamicRef points to a boolean schema › follow $dynamicRef to a true schema':
    'python-jsonschema 4.10.3 raises TypeError on this schema; mlci agrees with the suite',
  'draft2020-12/dynamicRef.json › $dynamicRef skips over intermediate resources - direct reference › integer property passes':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › $dynamicRef skips over intermediate resources - direct reference › string property fails':
    'python-jsonschema 4.10.3 departs from the suite here; mlci agrees with the suite',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $defs first › correct extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $defs first › incorrect extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $defs first › incorrect parent schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $ref first › correct extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $ref first › incorrect extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref and $dynamicAnchor are independent of order - $ref first › incorrect parent schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref to $dynamicRef finds detached $dynamicAnchor › non-number is invalid':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › $ref to $dynamicRef finds detached $dynamicAnchor › number is valid':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated › An array containing non-strings is invalid':
    'python-jsonschema 4.10.3 departs from the suite here; mlci agrees with the suite',
  'draft2020-12/dynamicRef.json › A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated › An array of strings is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope › The recursive part is not valid against the root':
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  'draft2020-12/dynamicRef.json › A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope › The recursive part is valid against the root':
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  "draft2020-12/dynamicRef.json › A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal $ref to $anchor › The recursive part doesn't need to validate against the root":
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  'draft2020-12/dynamicRef.json › A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor › An array of strings is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef to an $anchor in the same schema resource behaves like a normal $ref to an $anchor › An array of strings is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor › Any array is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  "draft2020-12/dynamicRef.json › A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution › An array containing non-strings is invalid":
    'python-jsonschema 4.10.3 departs from the suite here; mlci agrees with the suite',
  "draft2020-12/dynamicRef.json › A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution › An array of strings is valid":
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor › Any array is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef without anchor in fragment behaves identical to $ref › An array of numbers is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › A $dynamicRef without anchor in fragment behaves identical to $ref › An array of strings is invalid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/dynamicRef.json › An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution › Any array is valid':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › after leaving a dynamic scope, it is not used by a $dynamicRef › /then/$defs/thingy is the final stop for the $dynamicRef':
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  'draft2020-12/dynamicRef.json › after leaving a dynamic scope, it is not used by a $dynamicRef › first_scope is not in dynamic scope for the $dynamicRef':
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  'draft2020-12/dynamicRef.json › after leaving a dynamic scope, it is not used by a $dynamicRef › string matches /$defs/thingy, but the $dynamicRef does not stop here':
    "ajv 8.20's $dynamicRef takes only a fragment (#anchor), not a URI; refused with a message",
  'draft2020-12/dynamicRef.json › multiple dynamic paths to the $dynamicRef keyword › number list with string values':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › multiple dynamic paths to the $dynamicRef keyword › string list with number values':
    "ajv 8.20's $dynamicRef resolves the dynamic scope differently from the spec",
  'draft2020-12/dynamicRef.json › strict-tree schema, guards against misspelled properties › instance with correct field':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › strict-tree schema, guards against misspelled properties › instance with misspelled field':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › tests for implementation dynamic anchor and reference link › correct extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › tests for implementation dynamic anchor and reference link › incorrect extended schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/dynamicRef.json › tests for implementation dynamic anchor and reference link › incorrect parent schema':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/enum.json › enum with [0] does not match [false] › [false] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/enum.json › enum with [1] does not match [true] › [true] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/enum.json › enum with [false] does not match [0] › [0.0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/enum.json › enum with [false] does not match [0] › [0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/enum.json › enum with [true] does not match [1] › [1.0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/enum.json › enum with [true] does not match [1] › [1] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft2020-12/pattern.json › pattern with Unicode property escape requires unicode mode › ASCII letters match':
    "Python's re has no \\p{…} classes; mlci (RE2, Unicode) agrees with the suite",
  'draft2020-12/pattern.json › pattern with Unicode property escape requires unicode mode › Digits do not match':
    "Python's re has no \\p{…} classes; mlci (RE2, Unicode) agrees with the suite",
  'draft2020-12/pattern.json › pattern with Unicode property escape requires unicode mode › Non-ASCII letters match':
    "Python's re has no \\p{…} classes; mlci (RE2, Unicode) agrees with the suite",
  'draft2020-12/patternProperties.json › patternProperties with Unicode property escape › Non-letter property name does not match pattern':
    "Python's re has no \\p{…} classes; mlci (RE2, Unicode) agrees with the suite",
  'draft2020-12/patternProperties.json › patternProperties with Unicode property escape › Unicode letter property name matches':
    "Python's re has no \\p{…} classes; mlci (RE2, Unicode) agrees with the suite",
  'draft2020-12/ref.json › $id must be resolved against nearest parent, not just immediate parent › non-number is invalid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/ref.json › $id must be resolved against nearest parent, not just immediate parent › number is valid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/ref.json › $id with file URI still resolves pointers - *nix › non-number is invalid':
    'ajv 8.20 runs out of stack compiling a nested resource with a file: $id (an artifact of the {"v": data} wrapping: the unwrapped schema compiles); refused with a message',
  'draft2020-12/ref.json › $id with file URI still resolves pointers - *nix › number is valid':
    'ajv 8.20 runs out of stack compiling a nested resource with a file: $id (an artifact of the {"v": data} wrapping: the unwrapped schema compiles); refused with a message',
  'draft2020-12/ref.json › $id with file URI still resolves pointers - windows › non-number is invalid':
    'ajv 8.20 runs out of stack compiling a nested resource with a file: $id (an artifact of the {"v": data} wrapping: the unwrapped schema compiles); refused with a message',
  'draft2020-12/ref.json › $id with file URI still resolves pointers - windows › number is valid':
    'ajv 8.20 runs out of stack compiling a nested resource with a file: $id (an artifact of the {"v": data} wrapping: the unwrapped schema compiles); refused with a message',
  'draft2020-12/ref.json › URN ref with nested pointer ref › a non-string is invalid':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › URN ref with nested pointer ref › a string is valid':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › empty tokens in $ref json-pointer › non-number is invalid':
    'python-jsonschema 4.10.3 resolves a pointer with empty tokens wrongly; mlci agrees with the suite',
  'draft2020-12/ref.json › order of evaluation: $id and $ref on nested schema › data is invalid against nested sibling':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/ref.json › order of evaluation: $id and $ref on nested schema › data is valid against nested sibling':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft2020-12/ref.json › refs with relative uris and defs › invalid on inner field':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › refs with relative uris and defs › invalid on outer field':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › refs with relative uris and defs › valid on both fields':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › relative refs with absolute uris and defs › invalid on inner field':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › relative refs with absolute uris and defs › invalid on outer field':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  'draft2020-12/ref.json › relative refs with absolute uris and defs › valid on both fields':
    'ajv 8.20 runs out of stack compiling relative-URI $refs between nested $id resources; refused with a message',
  "draft2020-12/unevaluatedItems.json › unevaluatedItems and contains interact to control item dependency relationship › only a's and c's are invalid":
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  "draft2020-12/unevaluatedItems.json › unevaluatedItems and contains interact to control item dependency relationship › only b's and c's are invalid":
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  "draft2020-12/unevaluatedItems.json › unevaluatedItems and contains interact to control item dependency relationship › only b's are invalid":
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  "draft2020-12/unevaluatedItems.json › unevaluatedItems and contains interact to control item dependency relationship › only c's are invalid":
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems can see annotations from if without then and else › valid in case if is evaluated':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems depends on adjacent contains › contains passes, second item is not evaluated':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems depends on multiple nested contains › 7 not evaluated, fails unevaluatedItems':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems with $dynamicRef › with no unevaluated items':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/unevaluatedItems.json › unevaluatedItems with $dynamicRef › with unevaluated items':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/unevaluatedItems.json › unevaluatedItems with minContains = 0 › all items evaluated by contains':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems with nested items › with invalid additional item':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedItems.json › unevaluatedItems with nested items › with no additional items':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties can see annotations from if without then and else › valid in case if is evaluated':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties with $dynamicRef › with no unevaluated properties':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties with $dynamicRef › with unevaluated properties':
    "ajv 8.20's code for this $dynamicRef schema recurses without end; refused with a message",
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties with adjacent non-bool additionalProperties › with additional properties':
    'python-jsonschema 4.10.3 departs from the suite here; mlci agrees with the suite',
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties with if/then/else, then not defined › when if is false and has unevaluated properties':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/unevaluatedProperties.json › unevaluatedProperties with if/then/else, then not defined › when if is true and has no unevaluated properties':
    'ajv 8.20 collects annotations for unevaluated* differently from the spec (contains, if without then, nested items)',
  'draft2020-12/vocabulary.json › schema that uses custom metaschema with with no validation vocabulary › applicator vocabulary still works':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/vocabulary.json › schema that uses custom metaschema with with no validation vocabulary › no validation: invalid number, but it still validates':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft2020-12/vocabulary.json › schema that uses custom metaschema with with no validation vocabulary › no validation: valid number':
    'the schema $refs a remote document (localhost:1234): validate-data never fetches and refuses it with a message',
  'draft7/additionalItems.json › additionalItems with heterogeneous array › heterogeneous invalid instance':
    'python-jsonschema 4.10.3 raises TypeError on this schema; mlci agrees with the suite',
  'draft7/additionalItems.json › additionalItems with heterogeneous array › valid instance':
    'python-jsonschema 4.10.3 raises TypeError on this schema; mlci agrees with the suite',
  'draft7/enum.json › enum with [0] does not match [false] › [false] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/enum.json › enum with [1] does not match [true] › [true] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/enum.json › enum with [false] does not match [0] › [0.0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/enum.json › enum with [false] does not match [0] › [0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/enum.json › enum with [true] does not match [1] › [1.0] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/enum.json › enum with [true] does not match [1] › [1] is invalid':
    'python-jsonschema 4.10.3 takes False == 0 and True == 1 in enum; mlci agrees with the suite',
  'draft7/ref.json › $id must be resolved against nearest parent, not just immediate parent › non-number is invalid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › $id must be resolved against nearest parent, not just immediate parent › number is valid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › $ref prevents a sibling $id from changing the base uri › $ref resolves to /definitions/base_foo, data does not validate':
    'ajv applies keywords beside $ref in draft-07, where the draft ignores them',
  'draft7/ref.json › $ref prevents a sibling $id from changing the base uri › $ref resolves to /definitions/base_foo, data validates':
    'ajv applies keywords beside $ref in draft-07, where the draft ignores them',
  'draft7/ref.json › empty tokens in $ref json-pointer › non-number is invalid':
    'python-jsonschema 4.10.3 resolves a pointer with empty tokens wrongly; mlci agrees with the suite',
  'draft7/ref.json › ref overrides any sibling keywords › ref valid, maxItems ignored':
    'ajv applies keywords beside $ref in draft-07, where the draft ignores them',
  'draft7/ref.json › ref to else › a non-integer is invalid due to the $ref':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › ref to else › an integer is valid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › ref to if › a non-integer is invalid due to the $ref':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › ref to if › an integer is valid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › ref to then › a non-integer is invalid due to the $ref':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite',
  'draft7/ref.json › ref to then › an integer is valid':
    'python-jsonschema 4.10.3 cannot resolve this $ref; mlci agrees with the suite'
}
