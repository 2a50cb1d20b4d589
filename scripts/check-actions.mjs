// Static checks no published linter does for node24 JavaScript actions (reference D §4.4):
//   (a) every actions/<name>/action.yml is valid against scripts/action-metadata.schema.json, and the files
//       runs.main/pre/post name exist;
//   (b) the inputs an action's code reads (InputReader methods and core.getInput & co., by literal name) are
//       exactly the inputs its action.yml declares;
//   (c) every step of workflows-examples/*.yml and .github/workflows/*.yml that uses one of these actions passes only inputs the action
//       declares, and every input it requires that has no default;
//   (d) the outputs an action's code sets (setOutputs({...}) keys and core.setOutput, by literal name) are exactly
//       the outputs its action.yml declares.
// Usage: node scripts/check-actions.mjs [--root DIR]   (DIR: the repository to check, by default this one)
// Prints one `file:line:column: message` per finding and exits 1 if there is any.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import ts from 'typescript'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'

const SCHEMA_FILE = fileURLToPath(new URL('./action-metadata.schema.json', import.meta.url))

/** InputReader (shared/runner/inputs.ts) methods: each takes the input's name as its first argument. */
const READER_METHODS = new Set([
  'string',
  'optionalString',
  'boolean',
  'number',
  'duration',
  'choice',
  'list',
  'path',
  'globs'
])
const CORE_READERS = new Set(['getInput', 'getBooleanInput', 'getMultilineInput'])
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs)$/
const NOT_SOURCE = /(\.d\.[mc]?ts|\.test\.[mc]?[jt]s|\.spec\.[mc]?[jt]s)$/

function parseArgs(args) {
  const options = { root: path.resolve(path.dirname(SCHEMA_FILE), '..') }
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s)
    if (flag === '--root' && (inline ?? args[i + 1])) options.root = inline ?? args[++i]
    else {
      console.error(`usage: node scripts/check-actions.mjs [--root DIR]  (unexpected argument '${args[i]}')`)
      process.exit(2)
    }
  }
  return options
}

/** A finding at `file` (relative to root) and a 1-based line and column. */
function fail(file, { line, col }, message) {
  findings.push({ file, line, col, message })
}

function report() {
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col)
  for (const { file, line, col, message } of findings) {
    console.error(`${file}:${line}:${col}: ${message}`)
    if (process.env.GITHUB_ACTIONS === 'true') {
      console.log(
        `::error file=${file},line=${line},col=${col},title=check-actions::${escapeCommand(message)}`
      )
    }
  }
  const summary = `${actions.size} action(s), ${examples} example workflow(s)`
  if (findings.length > 0) {
    console.error(`check-actions: ${findings.length} problem(s) in ${summary}.`)
    process.exitCode = 1
  } else {
    console.log(
      `check-actions: ${summary}: metadata, inputs read and outputs set by the code, and example workflows agree.`
    )
  }
}

function escapeCommand(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function rel(file) {
  return path.relative(root, file).split(path.sep).join('/')
}

// ---------------------------------------------------------------------------------------------- YAML

/** Parses a YAML file keeping node positions; YAML errors become findings and the result is undefined. */
async function loadYaml(file) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(await readFile(file, 'utf8'), { lineCounter, prettyErrors: false })
  for (const error of doc.errors)
    fail(rel(file), lineCounter.linePos(error.pos[0]), `not valid YAML: ${error.message}`)
  if (doc.errors.length > 0) return undefined
  const at = offset => lineCounter.linePos(offset ?? 0)
  return {
    value: doc.toJS(),
    /** Where the value at `keys` starts; where its key starts with `{ key: true }` (the nearest ancestor if absent). */
    pos(keys, { key = false } = {}) {
      let node = doc.contents
      let keyNode
      for (const k of keys) {
        let next
        if (isMap(node)) {
          const pair = node.items.find(item => String(item.key?.value ?? item.key) === String(k))
          keyNode = pair?.key
          next = pair?.value ?? pair?.key
        } else if (isSeq(node)) {
          keyNode = undefined
          next = node.items[Number(k)]
        }
        if (!next) break
        node = next
      }
      return at((key && keyNode ? keyNode : node)?.range?.[0])
    }
  }
}

// --------------------------------------------------------------------------------- (a) action.yml

async function checkActions() {
  const actions = new Map()
  const dir = path.join(root, 'actions')
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : []
  const names = entries.filter(entry => entry.isDirectory()).map(entry => entry.name)
  if (names.length === 0)
    fail('actions', { line: 1, col: 1 }, 'no actions found: expected actions/<name>/action.yml')
  const validate = compileSchema(JSON.parse(await readFile(SCHEMA_FILE, 'utf8')))
  for (const name of names.sort()) {
    const actionDir = path.join(dir, name)
    const metadataFile = ['action.yml', 'action.yaml'].map(f => path.join(actionDir, f)).find(existsSync)
    if (!metadataFile) {
      fail(`actions/${name}`, { line: 1, col: 1 }, `actions/${name} has no action.yml`)
      continue
    }
    const file = rel(metadataFile)
    const yaml = await loadYaml(metadataFile)
    if (!yaml) continue
    const metadata = yaml.value ?? {}
    if (!validate(metadata)) {
      for (const error of validate.errors) reportSchemaError(file, yaml, error)
    }
    checkRunsFiles(file, yaml, metadata, actionDir)
    checkInputCollisions(file, yaml, metadata)
    const action = { name, dir: actionDir, file, yaml, metadata }
    actions.set(name, action)
    await checkInputsRead(action)
    await checkOutputsSet(action)
  }
  return actions
}

function compileSchema(schema) {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true })
  // A hint for the person who broke the rule, shown after the schema error.
  ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' })
  return ajv.compile(schema)
}

function reportSchemaError(file, yaml, error) {
  // propertyNames reports each bad name twice (the inner pattern, then propertyNames): keep the outer one.
  if (error.propertyName !== undefined) return
  const keys = error.instancePath
    .split('/')
    .slice(1)
    .map(k => k.replace(/~1/g, '/').replace(/~0/g, '~'))
  const where = keys.join('.') || 'action.yml'
  const hint = error.parentSchema?.['x-hint'] ? ` (${error.parentSchema['x-hint']})` : ''
  const { keyword, params, data } = error
  switch (keyword) {
    case 'required':
      return fail(file, yaml.pos(keys, { key: true }), `${where}: missing '${params.missingProperty}'`)
    case 'additionalProperties': {
      const known = Object.keys(error.parentSchema.properties ?? {})
      const near = known.find(k => editDistance(k, params.additionalProperty) <= 2)
      const advice = near ? `did you mean '${near}'?` : `allowed: ${known.join(', ')}`
      return fail(
        file,
        yaml.pos([...keys, params.additionalProperty], { key: true }),
        `${where}: unknown key '${params.additionalProperty}' (${advice})`
      )
    }
    case 'propertyNames':
      return fail(
        file,
        yaml.pos([...keys, params.propertyName], { key: true }),
        `${where}: '${params.propertyName}' is not a valid id${hint}`
      )
    case 'dependencies':
      return fail(
        file,
        yaml.pos([...keys, params.property], { key: true }),
        `${where}: '${params.property}' needs '${params.missingProperty}' too`
      )
    case 'enum': {
      const allowed = params.allowedValues
      const list = allowed.length <= 12 ? `; allowed: ${allowed.join(', ')}` : ''
      return fail(file, yaml.pos(keys), `${where}: '${data}' is not allowed${list}${hint}`)
    }
    case 'type':
      return fail(
        file,
        yaml.pos(keys),
        `${where}: must be ${TYPE_NAMES[params.type] ?? params.type}, not ${describeType(data)}${hint}`
      )
    case 'pattern':
      if (params.pattern === '\\S') return fail(file, yaml.pos(keys), `${where}: must not be empty${hint}`)
      return fail(file, yaml.pos(keys), `${where}: ${error.message}${hint}`)
    default:
      return fail(file, yaml.pos(keys), `${where}: ${error.message}${hint}`)
  }
}

const TYPE_NAMES = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'true or false' }

function describeType(value) {
  if (value === null) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `the ${typeof value} ${JSON.stringify(value)}`
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length]
}

function checkRunsFiles(file, yaml, metadata, actionDir) {
  for (const key of ['main', 'pre', 'post']) {
    const target = metadata.runs?.[key]
    if (typeof target !== 'string' || target.trim() === '') continue
    if (!existsSync(path.resolve(actionDir, target))) {
      fail(
        file,
        yaml.pos(['runs', key]),
        `runs.${key}: ${rel(path.resolve(actionDir, target))} does not exist (npm run build writes it)`
      )
    }
  }
}

/** The runner hands inputs over as INPUT_<NAME>, upper-cased: ids that differ only in case collide. */
function checkInputCollisions(file, yaml, metadata) {
  const seen = new Map()
  for (const name of Object.keys(isObject(metadata.inputs) ? metadata.inputs : {})) {
    const upper = name.toUpperCase()
    if (seen.has(upper)) {
      fail(
        file,
        yaml.pos(['inputs', name], { key: true }),
        `inputs.${name}: collides with '${seen.get(upper)}' (ids are case-insensitive)`
      )
    } else {
      seen.set(upper, name)
    }
  }
}

// ------------------------------------------------------------------------ (b) inputs read vs declared

async function checkInputsRead(action) {
  const { name, dir, file, yaml, metadata } = action
  const declared = Object.keys(isObject(metadata.inputs) ? metadata.inputs : {})
  const reads = await inputsReadBy(path.join(dir, 'src'))
  // An input may also be read by the runner itself, in runs.pre-if / runs.post-if.
  for (const key of ['pre-if', 'post-if']) {
    const condition = metadata.runs?.[key]
    if (typeof condition !== 'string') continue
    for (const match of condition.matchAll(/\binputs(?:\.([\w-]+)|\[\s*'([^']+)'\s*\])/g)) {
      reads.push({ name: match[1] ?? match[2], file, ...yaml.pos(['runs', key]) })
    }
  }
  const readNames = new Set(reads.map(read => read.name))
  for (const read of reads) {
    if (!declared.includes(read.name)) {
      fail(read.file, read, `input '${read.name}' is read here but not declared in ${file}`)
    }
  }
  for (const input of declared) {
    if (!readNames.has(input)) {
      fail(
        file,
        yaml.pos(['inputs', input], { key: true }),
        `input '${input}' is declared but never read by actions/${name}/src (InputReader or core.getInput with a literal name)`
      )
    }
  }
}

// --------------------------------------------------------------------------------- (d) outputs set

async function checkOutputsSet(action) {
  const { name, dir, file, yaml, metadata } = action
  const declared = Object.keys(isObject(metadata.outputs) ? metadata.outputs : {})
  const sets = await outputsSetBy(path.join(dir, 'src'))
  for (const set of sets) {
    if (!declared.includes(set.name))
      fail(set.file, set, `output '${set.name}' is set here but not declared in ${file}`)
  }
  const setNames = new Set(sets.map(set => set.name))
  for (const output of declared) {
    if (!setNames.has(output))
      fail(
        file,
        yaml.pos(['outputs', output], { key: true }),
        `output '${output}' is declared but never set by actions/${name}/src (setOutputs or core.setOutput with a literal name)`
      )
  }
}

async function outputsSetBy(srcDir) {
  const sets = []
  for (const { file, source } of await sourceFiles(srcDir)) {
    const at = node => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source))
      return { file: rel(file), line: line + 1, col: character + 1 }
    }
    // The keys of an object literal, through spreads of conditional object literals (`...(c ? {k: v} : {})`).
    const keysOf = node => {
      if (ts.isParenthesizedExpression(node)) return keysOf(node.expression)
      if (ts.isConditionalExpression(node)) return [...keysOf(node.whenTrue), ...keysOf(node.whenFalse)]
      if (!ts.isObjectLiteralExpression(node)) {
        fail(
          at(node).file,
          at(node),
          'setOutputs(…): pass an object literal so its keys can be checked against action.yml'
        )
        return []
      }
      return node.properties.flatMap(property => {
        if (ts.isSpreadAssignment(property)) return keysOf(property.expression)
        const key = property.name
        if (key && (ts.isStringLiteral(key) || ts.isIdentifier(key))) return [{ name: key.text, ...at(key) }]
        fail(at(property).file, at(property), 'setOutputs({…}): write each output name as a literal key')
        return []
      })
    }
    const visit = node => {
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const callee = node.expression
        const method = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : ''
        const arg = node.arguments[0]
        if (method === 'setOutputs') sets.push(...keysOf(arg))
        if (method === 'setOutput') {
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
            sets.push({ name: arg.text, ...at(arg) })
          else
            fail(
              at(arg).file,
              at(arg),
              `setOutput(${arg.getText(source)}, …): write the output name as a string literal`
            )
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return sets
}

/** The action's source files (no tests, no declarations), parsed. */
async function sourceFiles(srcDir) {
  if (!existsSync(srcDir)) return []
  const files = (await readdir(srcDir, { recursive: true }))
    .filter(f => SOURCE_FILE.test(f) && !NOT_SOURCE.test(f))
    .map(f => path.join(srcDir, f))
    .sort()
  return Promise.all(
    files.map(async file => ({
      file,
      source: ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true)
    }))
  )
}

async function inputsReadBy(srcDir) {
  if (!existsSync(srcDir)) return []
  const files = (await readdir(srcDir, { recursive: true }))
    .filter(f => SOURCE_FILE.test(f) && !NOT_SOURCE.test(f))
    .map(f => path.join(srcDir, f))
    .sort()
  const reads = []
  for (const file of files) {
    const text = await readFile(file, 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    // Method names like `string` or `path` are common: count them only where an InputReader is in play.
    const usesReader = /\bInputReader\b/.test(text)
    const visit = node => {
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const callee = node.expression
        const method = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : ''
        const viaReader = usesReader && ts.isPropertyAccessExpression(callee) && READER_METHODS.has(method)
        if (viaReader || CORE_READERS.has(method)) {
          const arg = node.arguments[0]
          const { line, character } = source.getLineAndCharacterOfPosition(arg.getStart(source))
          const at = { file: rel(file), line: line + 1, col: character + 1 }
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
            reads.push({ name: arg.text, ...at })
          } else {
            fail(
              at.file,
              at,
              `${method}(${arg.getText(source)}, …): write the input name as a string literal so that it can be checked against action.yml`
            )
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return reads
}

// ------------------------------------------------------------------------------ (c) example workflows

// Our own workflows (.github/workflows/) use the actions from ./actions/… and are held to the same check.
const WORKFLOW_DIRS = ['workflows-examples', '.github/workflows']

async function checkExamples(actions) {
  let count = 0
  for (const dir of WORKFLOW_DIRS) count += await checkWorkflowDir(actions, dir)
  return count
}

async function checkWorkflowDir(actions, relative) {
  const dir = path.join(root, relative)
  if (!existsSync(dir)) return 0
  const files = (await readdir(dir)).filter(f => /\.ya?ml$/.test(f)).sort()
  for (const name of files) {
    const file = `${relative}/${name}`
    const yaml = await loadYaml(path.join(dir, name))
    if (!yaml || !isObject(yaml.value?.jobs)) continue
    for (const [jobId, job] of Object.entries(yaml.value.jobs)) {
      if (!Array.isArray(job?.steps)) continue
      job.steps.forEach((step, index) => {
        const target = typeof step?.uses === 'string' ? ourAction(step.uses) : undefined
        if (target === undefined) return
        const at = ['jobs', jobId, 'steps', index]
        const action = actions.get(target)
        if (!action) {
          fail(
            file,
            yaml.pos([...at, 'uses']),
            `uses: ${step.uses}: there is no actions/${target}/action.yml`
          )
          return
        }
        checkStepInputs(file, yaml, at, step, action)
      })
    }
  }
  return files.length
}

/** `./actions/<name>` or `<owner>/mlci/actions/<name>@<ref>` → `<name>`; anything else → undefined. */
function ourAction(uses) {
  return (/^\.\/actions\/([^/@\s]+)\/?$/.exec(uses) ??
    /^[^/\s]+\/mlci\/actions\/([^/@\s]+)@\S+$/.exec(uses))?.[1]
}

function checkStepInputs(file, yaml, at, step, action) {
  const inputs = isObject(action.metadata.inputs) ? action.metadata.inputs : {}
  const given = isObject(step.with) ? step.with : {}
  const known = Object.keys(inputs)
  for (const key of Object.keys(given)) {
    const input = Object.hasOwn(inputs, key) ? inputs[key] : undefined
    if (!input) {
      const list = known.length > 0 ? `its inputs: ${known.join(', ')}` : 'it has no inputs'
      fail(
        file,
        yaml.pos([...at, 'with', key], { key: true }),
        `'${key}' is not an input of actions/${action.name} (${list}; see ${action.file})`
      )
    } else if (input.deprecationMessage) {
      fail(
        file,
        yaml.pos([...at, 'with', key], { key: true }),
        `input '${key}' of actions/${action.name} is deprecated: ${input.deprecationMessage}`
      )
    }
  }
  for (const [key, input] of Object.entries(inputs)) {
    if (input?.required === true && input.default === undefined && !(key in given)) {
      fail(
        file,
        yaml.pos([...at, 'uses']),
        `actions/${action.name} requires input '${key}' (no default in ${action.file}): add it under with:`
      )
    }
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

// ------------------------------------------------------------------------------------------------ main

const root = path.resolve(parseArgs(process.argv.slice(2)).root)
const findings = []
const actions = await checkActions()
const examples = await checkExamples(actions)
report()
