/**
 * Proves that the static checks behind `npm run lint` fail when they should: scripts/check-actions.mjs and
 * scripts/action-docs.mjs run as `npm run lint` runs them (a separate node process), with `--root` pointed at
 * a small repository this test writes to a temporary directory.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from '@jest/globals'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHECK_ACTIONS = path.join(REPO_ROOT, 'scripts/check-actions.mjs')
const ACTION_DOCS = path.join(REPO_ROOT, 'scripts/action-docs.mjs')

const ACTION_YML = `name: greet
description: Greets someone
inputs:
  who:
    description: Who to greet
    required: true
  punctuation:
    description: 'What ends the greeting: ! or ?'
    default: '!'
outputs:
  greeting:
    description: The greeting, e.g. Hello | Hi
runs:
  using: node24
  main: dist/index.js
branding:
  icon: message-circle
  color: blue
`

const INPUTS_TS = `import { InputReader } from '../../../shared/runner/inputs.js'

export function getInputs(reader = new InputReader()) {
  return {
    who: reader.string('who', { required: true }),
    punctuation: reader.string('punctuation', { default: '!' })
  }
}
`

const MAIN_TS = `import { setOutputs } from '../../../shared/runner/step-output.js'
import { getInputs } from './inputs.js'

export async function run() {
  const { who, punctuation } = getInputs()
  await setOutputs({ greeting: \`Hello \${who}\${punctuation}\` })
}
`

const WORKFLOW = `name: greet
on: push
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - uses: ./actions/greet
        with:
          who: world
      - uses: someone/mlci/actions/greet@v1
        with:
          who: again
          punctuation: '?'
`

const README = `# greet

Greets someone.

## Inputs

<!-- BEGIN_AUTOGEN_INPUTS -->
<!-- END_AUTOGEN_INPUTS -->

## Outputs

<!-- BEGIN_AUTOGEN_OUTPUTS -->
<!-- END_AUTOGEN_OUTPUTS -->

Written by hand, kept as it is.
`

const BASE: Record<string, string> = {
  'actions/greet/action.yml': ACTION_YML,
  'actions/greet/src/inputs.ts': INPUTS_TS,
  'actions/greet/src/main.ts': MAIN_TS,
  'actions/greet/dist/index.js': '',
  'actions/greet/README.md': README,
  'workflows-examples/greet.yml': WORKFLOW
}

const scratch: string[] = []
afterAll(async () => {
  await Promise.all(scratch.map(dir => rm(dir, { recursive: true, force: true })))
})

/** Writes BASE with `changes` applied ([file, from, to]: replace text; [file, content]: set the whole file). */
async function repo(...changes: ([string, string] | [string, string, string])[]): Promise<string> {
  const files = { ...BASE }
  for (const change of changes) {
    const [file] = change
    if (change.length === 2) {
      files[file] = change[1]
    } else {
      const [, from, to] = change
      if (!files[file].includes(from)) throw new Error(`fixture ${file} has no '${from}'`)
      files[file] = files[file].replace(from, to)
    }
  }
  const root = await mkdtemp(path.join(tmpdir(), 'mlci-lint-'))
  scratch.push(root)
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), content)
  }
  return root
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a script as `npm run lint` does: asynchronously, in its own node process. */
function node(script: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GITHUB_ACTIONS: '' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

const checkActions = (root: string) => node(CHECK_ACTIONS, '--root', root)

/** `file:line:` of the first line of `text` that contains `needle`. */
function at(file: string, text: string, needle: string): string {
  const index = text.split('\n').findIndex(line => line.includes(needle))
  if (index === -1) throw new Error(`'${needle}' is not in the fixture ${file}`)
  return `${file}:${index + 1}:`
}

/** The 1-based column where `needle` starts on its line. */
function column(text: string, needle: string): number {
  const line = text.split('\n').find(l => l.includes(needle))!
  return line.indexOf(needle) + 1
}

describe('check-actions.mjs', () => {
  test('a node24 action whose code, metadata and example workflow agree passes', async () => {
    const result = await checkActions(await repo())
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 action(s), 1 example workflow(s)')
  })

  test('runs.using other than node24 is an error at its line', async () => {
    const yml = ACTION_YML.replace('using: node24', 'using: node12')
    const result = await checkActions(await repo(['actions/greet/action.yml', yml]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, 'using:')}10: runs.using: 'node12' is not allowed; allowed: node24`
    )
  })

  test('a misspelt runs.main is reported as unknown, with the likely key, and main as missing', async () => {
    const yml = ACTION_YML.replace('main: dist', 'mian: dist')
    const result = await checkActions(await repo(['actions/greet/action.yml', yml]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, 'mian:')}3: runs: unknown key 'mian' (did you mean 'main'?)`
    )
    expect(result.stderr).toContain(`${at('actions/greet/action.yml', yml, 'runs:')}1: runs: missing 'main'`)
  })

  test('composite and docker actions are refused', async () => {
    const yml = ACTION_YML.replace(
      'using: node24\n  main: dist/index.js',
      "using: docker\n  image: 'Dockerfile'"
    )
    const result = await checkActions(await repo(['actions/greet/action.yml', yml]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("runs.using: 'docker' is not allowed")
    expect(result.stderr).toContain("runs: unknown key 'image'")
  })

  test('an input declared but never read is an error naming both files', async () => {
    const yml = ACTION_YML.replace(
      'outputs:',
      "  shout:\n    description: Greet loudly\n    default: 'false'\noutputs:"
    )
    const result = await checkActions(await repo(['actions/greet/action.yml', yml]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, 'shout:')}3: input 'shout' is declared but never read by actions/greet/src`
    )
  })

  test('outputs set and outputs declared must agree, each mistake at its line', async () => {
    const main = MAIN_TS.replace(
      'greeting: `',
      "...(who === 'x' ? { salutation: 'hi' } : {}),\n    greeting: `"
    )
    const yml = ACTION_YML.replace('runs:', '  length:\n    description: How long the greeting is\nruns:')
    const result = await checkActions(
      await repo(['actions/greet/action.yml', yml], ['actions/greet/src/main.ts', main])
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, 'length:')}3: output 'length' is declared but never set by actions/greet/src`
    )
    expect(result.stderr).toContain(
      `${at('actions/greet/src/main.ts', main, 'salutation')}${column(main, 'salutation')}: output 'salutation' is set here but not declared in actions/greet/action.yml`
    )
  })

  test('an input read but not declared is an error naming both files', async () => {
    const ts = INPUTS_TS.replace(
      "punctuation: reader.string('punctuation', { default: '!' })",
      "punctuation: reader.string('punctuation', { default: '!' }),\n    shout: reader.boolean('shout', { default: false })"
    )
    const result = await checkActions(await repo(['actions/greet/src/inputs.ts', ts]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/src/inputs.ts', ts, "'shout'")}27: input 'shout' is read here but not declared in actions/greet/action.yml`
    )
  })

  test('core.getInput counts as a read; a name that is not a literal cannot be checked and is an error', async () => {
    const ts = `${INPUTS_TS}\nimport * as core from '@actions/core'\nconst name = 'who'\nexport const token = core.getInput('token')\nexport const who = core.getInput(name)\n`
    const result = await checkActions(await repo(['actions/greet/src/inputs.ts', ts]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("input 'token' is read here but not declared")
    expect(result.stderr).toContain('getInput(name, …): write the input name as a string literal')
  })

  test('an input or output without a description is an error', async () => {
    const yml = ACTION_YML.replace('    description: Who to greet\n', '').replace(
      'description: The greeting, e.g. Hello | Hi',
      "description: ' '"
    )
    const result = await checkActions(await repo(['actions/greet/action.yml', yml]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, 'who:')}3: inputs.who: missing 'description'`
    )
    expect(result.stderr).toContain(
      `${at('actions/greet/action.yml', yml, "description: ' '")}18: outputs.greeting.description: must not be empty`
    )
  })

  test('a missing runs.main file, a bad branding and invalid YAML are errors', async () => {
    const yml = ACTION_YML.replace('icon: message-circle', 'icon: smiley')
      .replace('color: blue', 'color: pink')
      .replace("default: '!'", 'default: 3')
    const broken = await checkActions(
      await repo(['actions/greet/action.yml', yml], ['actions/other/action.yml', 'name: [x\n'])
    )
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain("branding.icon: 'smiley' is not allowed")
    expect(broken.stderr).toContain("branding.color: 'pink' is not allowed")
    expect(broken.stderr).toContain('inputs.punctuation.default: must be a string, not the number 3')
    expect(broken.stderr).toMatch(/actions\/other\/action\.yml:\d+:\d+: not valid YAML/)

    const root = await repo()
    await rm(path.join(root, 'actions/greet/dist'), { recursive: true })
    const missing = await checkActions(root)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('runs.main: actions/greet/dist/index.js does not exist')
  })

  test("an example workflow's with: must name declared inputs and give the required ones", async () => {
    const workflow = WORKFLOW.replace('who: world', 'whom: world')
    const result = await checkActions(await repo(['workflows-examples/greet.yml', workflow]))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${at('workflows-examples/greet.yml', workflow, 'whom:')}11: 'whom' is not an input of actions/greet (its inputs: who, punctuation`
    )
    expect(result.stderr).toContain(
      `${at('workflows-examples/greet.yml', workflow, 'uses: ./actions/greet')}15: actions/greet requires input 'who'`
    )
  })
})

describe('action-docs.mjs', () => {
  test('--check fails on a README whose tables are out of date; --write fixes it', async () => {
    const root = await repo()
    const stale = await node(ACTION_DOCS, '--check', '--root', root)
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('+| `who` | Who to greet | yes | |')
    expect(stale.stderr).toContain("Run 'npm run docs'")
    expect(await readFile(path.join(root, 'actions/greet/README.md'), 'utf8')).toBe(README)

    const write = await node(ACTION_DOCS, '--write', '--root', root)
    expect(write.code).toBe(0)
    const readme = await readFile(path.join(root, 'actions/greet/README.md'), 'utf8')
    expect(readme).toContain(
      [
        '<!-- BEGIN_AUTOGEN_INPUTS -->',
        '| input | description | required | default |',
        '| --- | --- | --- | --- |',
        '| `who` | Who to greet | yes | |',
        '| `punctuation` | What ends the greeting: ! or ? | no | `!` |',
        '<!-- END_AUTOGEN_INPUTS -->'
      ].join('\n')
    )
    expect(readme).toContain('| `greeting` | The greeting, e.g. Hello \\| Hi |')
    expect(readme).toMatch(/Written by hand, kept as it is.\n$/)
    expect((await node(ACTION_DOCS, '--check', '--root', root)).code).toBe(0)

    await writeFile(
      path.join(root, 'actions/greet/action.yml'),
      ACTION_YML.replace('description: Who to greet', 'description: |-\n      Who to greet,\n      by name')
    )
    const edited = await node(ACTION_DOCS, '--check', '--root', root)
    expect(edited.code).toBe(1)
    expect(edited.stdout).toContain(
      '-| `who` | Who to greet | yes | |\n+| `who` | Who to greet,<br>by name | yes | |'
    )
  })

  test('a README without the markers or an input without a description fails', async () => {
    const root = await repo(
      ['actions/greet/README.md', '# greet\n'],
      ['actions/greet/action.yml', ACTION_YML.replace('    description: Who to greet\n', '')]
    )
    const result = await node(ACTION_DOCS, '--check', '--root', root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('actions/greet/README.md: add the markers <!-- BEGIN_AUTOGEN_INPUTS -->')
    expect(result.stderr).toContain('actions/greet/action.yml: inputs.who has no description')
  })
})
