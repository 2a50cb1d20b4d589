import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import af from 'ajv-formats'

/** One operation of test/fakes/github/openapi-subset.json, as written by scripts/gen-openapi-subset.mjs. */
interface OperationSpec {
  operationId: string
  documentationUrl: string | null
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: object }[]
  requestBody: { required: boolean; schema: object } | null
  responses: Record<string, { schema?: object }>
}

export interface MatchedOperation {
  /** `METHOD /template`, e.g. `GET /repos/{owner}/{repo}`: the key in the subset and in the route table. */
  key: string
  spec: OperationSpec
  /** Raw, URL-decoded path segments by template name. */
  pathParams: Record<string, string>
}

export interface ValidationResult<T> {
  /** Errors in GitHub's words ("For 'properties/conclusion', …"); empty when valid. */
  errors: string[]
  /** The input after ajv applied the spec's defaults (and, for parameters, string → number coercion). */
  value: T
}

const subset = JSON.parse(readFileSync(new URL('./openapi-subset.json', import.meta.url), 'utf8')) as {
  source: { package: string; version: string }
  operations: Record<string, OperationSpec>
}

export const openApiSource = `${subset.source.package}@${subset.source.version}`
export const operationKeys = Object.keys(subset.operations)

// ajv-formats is CommonJS: under NodeNext its default import is the whole module object at run time.
const addFormats = ((af as unknown as { default?: typeof af.default }).default ?? af) as typeof af.default
// Parameters arrive as strings; bodies get the spec's defaults filled in; responses are checked as sent.
const parametersAjv = addFormats(
  new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes: true, useDefaults: true })
)
const bodyAjv = addFormats(new Ajv({ strict: false, allErrors: true, verbose: true, useDefaults: true }))
const responseAjv = addFormats(new Ajv({ strict: false, allErrors: true }))

// Compiling all ~50 response schemas takes about a second; a test touches a handful, so compile lazily.
const compiled = new Map<string, ValidateFunction>()
function validatorFor(cacheKey: string, ajv: Ajv, schema: () => object): ValidateFunction {
  let validate = compiled.get(cacheKey)
  if (validate === undefined) {
    validate = ajv.compile(normalize(structuredClone(schema())) as object)
    compiled.set(cacheKey, validate)
  }
  return validate
}

// Literal segments first, so `/issues/comments/{id}` wins over `/issues/{issue_number}/…`.
const routes = operationKeys
  .map(key => {
    const [method, template] = key.split(' ') as [string, string]
    const segments = template.split('/').slice(1)
    return { key, method, segments, literals: segments.filter(segment => !segment.startsWith('{')).length }
  })
  .sort((a, b) => b.literals - a.literals)

/** Finds the operation for a request; `undefined` when GitHub's description has no such route. */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  const actual = pathname.split('/').slice(1)
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== actual.length) continue
    const pathParams: Record<string, string> = {}
    const matches = route.segments.every((segment, index) => {
      const value = actual[index] as string
      if (!segment.startsWith('{')) return segment === value
      pathParams[segment.slice(1, -1)] = safeDecode(value)
      return value !== ''
    })
    if (matches) return { key: route.key, spec: subset.operations[route.key] as OperationSpec, pathParams }
  }
  return undefined
}

/**
 * Path or query parameters against the spec, coerced from strings and with its defaults filled in. Unknown
 * query parameters are ignored, as GitHub does.
 */
export function validateParameters(
  operation: MatchedOperation,
  location: 'path' | 'query',
  values: Record<string, string>
): ValidationResult<Record<string, unknown>> {
  const validate = validatorFor(`${operation.key} ${location}`, parametersAjv, () =>
    parametersSchema(operation.spec, location)
  )
  const value = { ...values }
  return { errors: validate(value) ? [] : describeRequestErrors(validate.errors), value }
}

export function validateRequestBody(operation: MatchedOperation, body: unknown): ValidationResult<unknown> {
  const requestBody = operation.spec.requestBody
  if (requestBody === null) return { errors: [], value: body }
  // GitHub's wording when a required JSON body is missing altogether.
  if (body === undefined)
    return {
      errors: requestBody.required ? ["For 'links/0/schema', nil is not an object."] : [],
      value: body
    }
  const validate = validatorFor(`${operation.key} body`, bodyAjv, () => requestBody.schema)
  const value = structuredClone(body)
  return { errors: validate(value) ? [] : describeRequestErrors(validate.errors), value }
}

/**
 * The response against the schema GitHub documents for that status. A 2xx the description does not list
 * is an error too; other undocumented statuses (401, 5xx, …) have no schema to check.
 */
export function validateResponse(operation: MatchedOperation, status: number, body: unknown): string[] {
  const response = operation.spec.responses[String(status)]
  if (response === undefined)
    return status < 300 ? [`status ${status} is not documented for ${operation.key}`] : []
  // GitHub documents many error responses without a body schema although it sends one; a 2xx must match.
  if (response.schema === undefined) {
    return body === undefined || status >= 400 ? [] : [`status ${status} has no body in the description`]
  }
  const schema = response.schema
  const validate = validatorFor(`${operation.key} ${status}`, responseAjv, () => schema)
  return validate(body) ? [] : describeResponseErrors(validate.errors)
}

function parametersSchema(spec: OperationSpec, location: 'path' | 'query'): object {
  const parameters = spec.parameters.filter(parameter => parameter.in === location)
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map(parameter => [parameter.name, parameter.schema])),
    required: parameters.filter(parameter => parameter.required).map(parameter => parameter.name)
  }
}

/**
 * Two readings of GitHub's description that ajv needs spelled out:
 * - It is OpenAPI 3.0 and uses `nullable: true` the way most generators read it: null is allowed even next
 *   to `oneOf` without `type` (ajv refuses that) or next to an `enum` that lacks null (ajv rejects null).
 * - URL fields documented as `format: uri` with `default: ""` (deployment statuses' log_url, target_url,
 *   environment_url) really are "" when unset, as the default says; the empty string is allowed there.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize)
  if (node === null || typeof node !== 'object') return node
  const schema = node as Record<string, unknown>
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties') {
      for (const [name, sub] of Object.entries(value as object))
        (value as Record<string, unknown>)[name] = normalize(sub)
    } else if (key !== 'enum' && key !== 'default' && key !== 'required') {
      schema[key] = normalize(value)
    }
  }
  if (schema.format === 'uri' && schema.default === '' && schema.anyOf === undefined) {
    delete schema.format
    schema.anyOf = [{ maxLength: 0 }, { format: 'uri' }]
  }
  if (schema.nullable !== true) return schema
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
  if (schema.type !== undefined) return schema
  const { nullable: _nullable, ...rest } = schema
  return { anyOf: [{ type: 'null' }, rest] }
}

/** ajv's errors in the phrasing GitHub's API uses for "Invalid request." bodies. */
function describeRequestErrors(errors: ErrorObject[] | null | undefined): string[] {
  const all = errors ?? []
  const leaves = all.filter(isLeaf)
  return (leaves.length > 0 ? leaves : all).map(error => {
    const where = error.schemaPath.replace(/^#\//, '').replace(/\/[^/]+$/, '')
    const data = abbreviate(JSON.stringify(error.data) ?? 'nil')
    const params = error.params as { missingProperty?: string; allowedValues?: unknown[]; type?: string }
    switch (error.keyword) {
      case 'required':
        return `"${params.missingProperty}" wasn't supplied${where === '' ? '' : ` (in '${where}')`}.`
      case 'enum':
        return `For '${where}', ${data} is not a member of ${JSON.stringify(params.allowedValues)}.`
      case 'type':
        return `For '${where}', ${data} is not ${/^[aeiou]/.test(params.type ?? '') ? 'an' : 'a'} ${params.type}.`
      default:
        return `For '${where}', ${data} ${error.message ?? 'is invalid'}.`
    }
  })
}

/** Response errors point at the offending value, which is what a fake's author needs. */
function describeResponseErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(error => `${error.instancePath || '/'} ${error.message} (${error.schemaPath})`)
}

// anyOf/oneOf failures repeat what their branches already said.
function isLeaf(error: ErrorObject): boolean {
  return error.keyword !== 'anyOf' && error.keyword !== 'oneOf'
}

// A malformed escape stays as sent; the parameter's schema (or the lookup) then refuses it.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
