// Generates the Inputs and Outputs tables of every actions/<name>/README.md from its action.yml, between
// <!-- BEGIN_AUTOGEN_INPUTS --> / <!-- END_AUTOGEN_INPUTS --> and the same OUTPUTS markers; the rest of the
// README is the author's.
// Usage: node scripts/action-docs.mjs --write | --check [--root DIR]
//   --write  rewrites the READMEs (npm run docs)
//   --check  changes nothing; prints the difference and exits 1 if a README is not up to date (npm run lint)
// An input or output without a description fails either way: the table would have a hole.
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const FIX_COMMAND = 'npm run docs'
const { mode, root } = parseArgs(process.argv.slice(2))
const problems = []
const stale = []

const actionsDir = path.join(root, 'actions')
const names = existsSync(actionsDir)
  ? (await readdir(actionsDir, { withFileTypes: true }))
      .filter(e => e.isDirectory())
      .map(e => e.name)
      .sort()
  : []
for (const name of names) await documentAction(name)

for (const problem of problems) console.error(`error: ${problem}`)
if (mode === 'check' && stale.length > 0) {
  console.error(
    `\n${stale.length} README(s) out of date with action.yml. Run '${FIX_COMMAND}' and commit the result.`
  )
} else if (mode === 'write') {
  console.log(`action-docs: ${stale.length} of ${names.length} README(s) rewritten.`)
} else if (problems.length === 0) {
  console.log(`action-docs: ${names.length} README(s) up to date.`)
}
if (problems.length > 0 || (mode === 'check' && stale.length > 0)) process.exitCode = 1

function parseArgs(args) {
  const options = { mode: undefined, root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') }
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s)
    if (flag === '--write' || flag === '--check') options.mode = flag.slice(2)
    else if (flag === '--root' && (inline ?? args[i + 1])) options.root = path.resolve(inline ?? args[++i])
    else options.mode = 'usage'
  }
  if (options.mode === undefined || options.mode === 'usage') {
    console.error('usage: node scripts/action-docs.mjs --write | --check [--root DIR]')
    process.exit(2)
  }
  return options
}

async function documentAction(name) {
  const dir = path.join(actionsDir, name)
  const metadataFile = ['action.yml', 'action.yaml'].find(f => existsSync(path.join(dir, f)))
  const readmeFile = `actions/${name}/README.md`
  if (!metadataFile) return problems.push(`actions/${name} has no action.yml`)
  if (!existsSync(path.join(root, readmeFile))) return problems.push(`${readmeFile} is missing`)
  let metadata
  try {
    metadata = parse(await readFile(path.join(dir, metadataFile), 'utf8')) ?? {}
  } catch (error) {
    return problems.push(`actions/${name}/${metadataFile}: ${error.message.split('\n')[0]}`)
  }
  const source = `actions/${name}/${metadataFile}`
  const inputs = entries(metadata.inputs, source, 'inputs')
  const outputs = entries(metadata.outputs, source, 'outputs')
  const before = await readFile(path.join(root, readmeFile), 'utf8')
  let after = before
  after = replaceBetween(after, 'INPUTS', inputsTable(inputs), readmeFile)
  after = replaceBetween(after, 'OUTPUTS', outputsTable(outputs), readmeFile)
  if (after === undefined || after === before) return
  stale.push(readmeFile)
  if (mode === 'write') {
    await writeFile(path.join(root, readmeFile), after)
  } else {
    console.log(unifiedDiff(before, after, readmeFile))
  }
}

/** `[name, spec]` pairs of inputs or outputs; an entry without a description is a problem. */
function entries(section, source, kind) {
  const list = Object.entries(section && typeof section === 'object' ? section : {})
  for (const [name, spec] of list) {
    if (typeof spec?.description !== 'string' || spec.description.trim() === '') {
      problems.push(`${source}: ${kind}.${name} has no description (the README table needs one)`)
    }
  }
  return list
}

function inputsTable(inputs) {
  if (inputs.length === 0) return 'This action has no inputs.'
  const rows = inputs.map(([name, spec]) => [
    code(name),
    cell(spec.description) +
      (spec.deprecationMessage ? `<br>**Deprecated:** ${cell(spec.deprecationMessage)}` : ''),
    spec.required === true ? 'yes' : 'no',
    spec.default === undefined ? '' : defaultValue(String(spec.default))
  ])
  return table(['input', 'description', 'required', 'default'], rows)
}

function outputsTable(outputs) {
  if (outputs.length === 0) return 'This action has no outputs.'
  return table(
    ['output', 'description'],
    outputs.map(([name, spec]) => [code(name), cell(spec.description)])
  )
}

function table(headers, rows) {
  const line = cells => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |')
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Text for one table cell: `|` would end the cell and a newline the row. */
function cell(text) {
  return String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>')
}

/** A default as code; one span per line for a multi-line default. */
function defaultValue(text) {
  return text === '' ? code(text) : text.trim().split(/\r?\n/).map(code).join('<br>')
}

/** An inline code span that survives backticks and pipes in the value; '' shows as `""`. */
function code(text) {
  if (text === '') return '`""`'
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${cell(text)}${pad}${fence}`
}

function replaceBetween(text, section, body, readmeFile) {
  if (text === undefined) return undefined
  const begin = `<!-- BEGIN_AUTOGEN_${section} -->`
  const end = `<!-- END_AUTOGEN_${section} -->`
  const start = text.indexOf(begin)
  const stop = text.indexOf(end, start)
  if (start === -1 || stop === -1) {
    problems.push(
      `${readmeFile}: add the markers ${begin} and ${end} where the ${section.toLowerCase()} table goes`
    )
    return undefined
  }
  return `${text.slice(0, start + begin.length)}\n${body}\n${text.slice(stop)}`
}

/** A unified diff of two texts (3 lines of context), enough to show what --write would change. */
function unifiedDiff(before, after, file) {
  const a = before.split('\n')
  const b = after.split('\n')
  // Longest common subsequence table, from the end: READMEs are small.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
    }
  }
  const ops = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++] })
      j++
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: a[i++] })
    } else {
      ops.push({ kind: '+', text: b[j++] })
    }
  }
  const out = [`--- a/${file}`, `+++ b/${file} (generated from action.yml)`]
  const changed = ops.map((op, k) => (op.kind === ' ' ? -1 : k)).filter(k => k >= 0)
  let k = 0
  while (k < changed.length) {
    const first = Math.max(0, changed[k] - 3)
    let last = changed[k]
    while (k < changed.length && changed[k] <= last + 6) last = changed[k++]
    last = Math.min(ops.length - 1, last + 3)
    const hunk = ops.slice(first, last + 1)
    const aStart = ops.slice(0, first).filter(op => op.kind !== '+').length + 1
    const bStart = ops.slice(0, first).filter(op => op.kind !== '-').length + 1
    const aLen = hunk.filter(op => op.kind !== '+').length
    const bLen = hunk.filter(op => op.kind !== '-').length
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`, ...hunk.map(op => `${op.kind}${op.text}`))
  }
  return out.join('\n')
}
