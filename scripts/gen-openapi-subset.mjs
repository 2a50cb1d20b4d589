// Extracts the operations the GitHub fake serves from GitHub's official OpenAPI description into
// test/fakes/github/openapi-subset.json, so the fake validates every request and response against it.
//
// Usage: node scripts/gen-openapi-subset.mjs [--check] [--from <package.tgz | api.github.com.deref.json>]
//   --check  regenerate in memory and exit 1 if the committed subset differs (for CI)
//   --from   use a tarball or spec already on disk instead of `npm pack` (offline runs)
//
// @octokit/openapi unpacks to 385 MB, so it is fetched into a temp dir rather than installed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE = '@octokit/openapi'
const VERSION = '23.0.2'
const SPEC_FILE = 'generated/api.github.com.deref.json'

/** Everything test/fakes/github/routes/ serves; the fake refuses to start if one is missing here. */
const OPERATIONS = [
  ['GET', '/user'],
  ['GET', '/repos/{owner}/{repo}'],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['GET', '/repos/{owner}/{repo}/pulls'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['POST', '/repos/{owner}/{repo}/check-runs'],
  ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['POST', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/statuses'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/status'],
  ['POST', '/repos/{owner}/{repo}/deployments'],
  ['GET', '/repos/{owner}/{repo}/deployments'],
  ['GET', '/repos/{owner}/{repo}/deployments/{deployment_id}'],
  ['POST', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['GET', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['GET', '/repos/{owner}/{repo}/compare/{basehead}'],
  ['GET', '/repos/{owner}/{repo}/commits'],
  ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'],
  ['GET', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
  // The release scripts (scripts/release/): a draft release, its assets, publication, the major tag.
  ['GET', '/repos/{owner}/{repo}/releases'],
  ['POST', '/repos/{owner}/{repo}/releases'],
  ['GET', '/repos/{owner}/{repo}/releases/tags/{tag}'],
  ['PATCH', '/repos/{owner}/{repo}/releases/{release_id}'],
  ['GET', '/repos/{owner}/{repo}/releases/{release_id}/assets'],
  ['POST', '/repos/{owner}/{repo}/releases/{release_id}/assets'],
  ['DELETE', '/repos/{owner}/{repo}/releases/assets/{asset_id}'],
  ['GET', '/repos/{owner}/{repo}/git/ref/{ref}'],
  ['GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}'],
  ['POST', '/repos/{owner}/{repo}/git/refs'],
  ['PATCH', '/repos/{owner}/{repo}/git/refs/{ref}'],
  // Sigstore bundles of in-toto statements: publish stores them, deploy lists them for the model's digest.
  ['POST', '/repos/{owner}/{repo}/attestations'],
  ['GET', '/repos/{owner}/{repo}/attestations/{subject_digest}']
]

// Prose and samples are most of the size and validate nothing.
const DROPPED_KEYWORDS = new Set(['description', 'example', 'examples', 'externalDocs'])
// Keywords whose value is data (or a map keyed by property names), never a schema to strip.
const DATA_KEYWORDS = new Set(['enum', 'default', 'const', 'required'])
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties'])

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = path.join(root, 'test/fakes/github/openapi-subset.json')
const args = process.argv.slice(2)
const check = args.includes('--check')
const fromIndex = args.indexOf('--from')
const from = fromIndex >= 0 ? args[fromIndex + 1] : undefined

const spec = loadSpec(from)
const subset = extract(spec)
const text = JSON.stringify(subset, null, 1) + '\n'
if (check) {
  const committed = readFileSync(target, 'utf8')
  if (committed !== text) {
    console.error(`${path.relative(root, target)} is stale: run node scripts/gen-openapi-subset.mjs`)
    process.exit(1)
  }
  console.log(`${path.relative(root, target)} is up to date`)
} else {
  writeFileSync(target, text)
  console.log(
    `wrote ${path.relative(root, target)}: ${OPERATIONS.length} operations, ${(text.length / 1024).toFixed(0)} KB`
  )
}

function loadSpec(source) {
  if (source?.endsWith('.json')) return JSON.parse(readFileSync(source, 'utf8'))
  const dir = mkdtempSync(path.join(tmpdir(), 'mlci-openapi-'))
  try {
    let tarball = source
    if (tarball === undefined) {
      const packed = execFileSync(
        'npm',
        ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', dir, '--json'],
        {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit']
        }
      )
      tarball = path.join(dir, JSON.parse(packed)[0].filename)
    }
    execFileSync('tar', ['-xzf', tarball, '-C', dir, `package/${SPEC_FILE}`])
    return JSON.parse(readFileSync(path.join(dir, 'package', SPEC_FILE), 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function extract(spec) {
  if (spec.info?.version !== VERSION)
    throw new Error(`expected ${PACKAGE} ${VERSION}, got ${spec.info?.version}`)
  const operations = {}
  for (const [method, route] of [...OPERATIONS].sort(([m1, p1], [m2, p2]) => (p1 + m1 < p2 + m2 ? -1 : 1))) {
    const operation = spec.paths[route]?.[method.toLowerCase()]
    if (operation === undefined) throw new Error(`${method} ${route} is not in ${SPEC_FILE}`)
    operations[`${method} ${route}`] = {
      operationId: operation.operationId,
      documentationUrl: operation.externalDocs?.url ?? null,
      parameters: (operation.parameters ?? [])
        .filter(parameter => parameter.in === 'path' || parameter.in === 'query')
        .map(({ name, in: location, required, schema }) => ({
          name,
          in: location,
          required: required === true,
          schema: strip(schema ?? {})
        })),
      requestBody:
        operation.requestBody === undefined
          ? null
          : {
              required: operation.requestBody.required === true,
              schema: strip(jsonSchemaOf(operation.requestBody))
            },
      responses: Object.fromEntries(
        Object.entries(operation.responses).map(([status, response]) => {
          const schema = jsonSchemaOf(response)
          return [status, schema === undefined ? {} : { schema: strip(schema) }]
        })
      )
    }
  }
  return {
    source: { package: PACKAGE, version: VERSION, file: SPEC_FILE, openapi: spec.openapi },
    operations
  }
}

function jsonSchemaOf(bodyOrResponse) {
  const content = bodyOrResponse.content ?? {}
  const type = Object.keys(content).find(name => name === 'application/json') ?? Object.keys(content)[0]
  return type === undefined ? undefined : content[type].schema
}

function strip(schema) {
  if (Array.isArray(schema)) return schema.map(strip)
  if (schema === null || typeof schema !== 'object') return schema
  const out = {}
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue
    if (DATA_KEYWORDS.has(key)) out[key] = value
    else if (SCHEMA_MAP_KEYWORDS.has(key))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strip(sub)]))
    else out[key] = strip(value)
  }
  return out
}
