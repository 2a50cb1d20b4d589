import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { chmod } from 'node:fs/promises'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from './fakes/github/server.js'
import { writeZip } from './fakes/zip-writer.js'
import { pullRequestEvent, pushEvent, workflowRunEvent } from './harness/events.js'
import { activeMarkdown, render } from './harness/markdown-check.js'
import { runAction, type RunResult } from './harness/run-action.js'
import { workspaceWith } from './harness/workspace.js'
import { foreignCommands, parseWorkflowCommands } from './harness/workflow-commands.js'

/**
 * Issue 12, workflow-command injection: text from a fork (an artifact, a file's name or content, a metric or
 * column name, a program's output) reaches the job log, and the runner executes `::cmd::` at the start of any line
 * and `##[cmd]` anywhere in one. Every bundle below is fed such text; no command may come out but mlci's own
 * annotations and masks, and no `##[` at all.
 */
const FORGED = [
  'a\n::add-mask::FORGED-lf',
  'b\r::set-output name=forged::FORGED-cr',
  '\t ::stop-commands::FORGED-stop',
  'c ##[add-mask]FORGED-legacy ##[set-output name=f]FORGED-legacy-output',
  ':\u200b:add-mask::FORGED-zero-width',
  '\n::error::FORGED-error'
]
const HOSTILE = FORGED.join(' ')

function expectOnlyOurCommands(result: RunResult, ownMasks: string[] = []): void {
  for (const output of [result.stdout, result.stderr]) {
    expect(foreignCommands(output, ownMasks)).toEqual([])
    // `##[` must not appear in a plain line. In a `::` command line it is data (the runner tries that form
    // first): a `::debug::` line of the toolkit's (@actions/glob's search path), or an annotation's file property,
    // which must name the file as it is; an annotation's message, which the log shows, has it escaped.
    for (const line of output.split(/\r\n|\r|\n/)) {
      if (/^::(error|warning|notice)[ :]/.test(line))
        expect(parseWorkflowCommands(line)[0].message).not.toContain('##[')
      else if (!line.startsWith('::debug::')) expect(line).not.toContain('##[')
    }
  }
  expect(result.annotations.filter(a => a.message.startsWith('FORGED'))).toEqual([])
}

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: 'octo-org', repo: 'models' })
})
afterEach(async () => {
  await github.close()
})

describe('untrusted text never becomes a workflow command', () => {
  test('metric-diff mode post: a fork artifact with commands in baselineSource and metric names', async () => {
    const pull = github.state.addPull({ head: 'retrain', user: 'fork-owner' })
    const report = {
      version: 1,
      commentKey: 'model-metrics',
      pullNumber: pull.number,
      headSha: pull.head.sha,
      comparison: {
        baselineSource: HOSTILE,
        baseline: { accuracy: { value: 0.9 }, [FORGED[3]]: { value: 1 } },
        candidate: { accuracy: { value: 0.95 }, [FORGED[0]]: { value: 2 }, [FORGED[3]]: { value: 1 } }
      }
    }
    github.state.addArtifact({
      runId: 4242,
      name: 'mlci-metric-diff-model-metrics',
      zip: writeZip([{ name: 'report.json', data: JSON.stringify(report) }]),
      headSha: pull.head.sha
    })
    const result = await runAction({
      action: 'metric-diff',
      inputs: { mode: 'post' },
      event: 'workflow_run',
      eventPayload: workflowRunEvent({
        id: 4242,
        headSha: pull.head.sha,
        repo: { owner: 'octo-org', name: 'models' }
      }),
      token: 'ghs_write_token',
      env: { GITHUB_API_URL: github.url },
      workspace: await workspaceWith({})
    })
    expect(result.exitCode).toBe(0)
    expect(github.state.comments(pull.number)).toHaveLength(1)
    expectOnlyOurCommands(result, ['ghs_write_token'])
    // Still readable: the text is there, its commands broken visibly.
    expect(result.stdout).toContain('##\\[add-mask]FORGED-legacy')
  })

  test('evaluate: metric names and a metrics file name carrying commands', async () => {
    const policy = [
      'metrics:',
      `  ${JSON.stringify(FORGED[3])}: { min: 0.5 }`,
      `  ${JSON.stringify(FORGED[0])}: { min: 0.5 }`,
      `  ${JSON.stringify(FORGED[4])}: { min: 0.5 }`,
      'missing: fail',
      'first_run: pass',
      ''
    ].join('\n')
    const metrics = { accuracy: 0.9, [FORGED[3]]: 0.1, [FORGED[0]]: 0.2, [FORGED[4]]: 0.3 }
    const run = (files: Record<string, string>, metricsInput: string) =>
      workspaceWith({ 'policy.yml': policy, ...files }).then(workspace =>
        runAction({
          action: 'evaluate',
          workspace,
          event: 'push',
          eventPayload: pushEvent({ repo: { owner: 'octo-org', name: 'models' } }),
          token: 'ghs_workflow_token',
          env: { GITHUB_API_URL: github.url },
          inputs: { metrics: metricsInput, policy: 'policy.yml', 'check-name': '' }
        })
      )

    const gated = await run({ 'metrics.json': JSON.stringify(metrics) }, 'metrics.json')
    expect(gated.exitCode).toBe(1)
    expect(gated.annotations.some(a => a.message.includes('FORGED-legacy'))).toBe(true)
    expectOnlyOurCommands(gated, ['ghs_workflow_token'])

    const badFile = `metrics/m ##[add-mask]FORGED-file.json`
    const broken = await run({ [badFile]: '{"accuracy": ' }, 'metrics/*.json')
    expect(broken.exitCode).toBe(1)
    expect(broken.annotations).toHaveLength(1)
    expect(broken.annotations[0].file).toBe(badFile)
    expectOnlyOurCommands(broken, ['ghs_workflow_token'])
  })

  test('validate-data: a data file name and a column name carrying commands', async () => {
    const column = 'col ::add-mask::FORGED-col ##[add-mask]FORGED-col-legacy'
    const workspace = await workspaceWith({
      [`data/x\n::add-mask::FORGED-name ##[add-mask]FORGED-name-legacy.csv`]: `id,"${column}"\n1,\n2,\n`,
      'rules.yml': `columns:\n  ${JSON.stringify(column)}: { not_null: true }\n`
    })
    const result = await runAction({
      action: 'validate-data',
      workspace,
      inputs: { data: 'data/*.csv', rules: 'rules.yml', 'check-name': '' },
      env: { GITHUB_API_URL: github.url }
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations.some(a => a.message.includes('FORGED-col-legacy'))).toBe(true)
    expectOnlyOurCommands(result)
  })

  test('deploy: a deploy command that prints workflow commands', async () => {
    const workspace = await workspaceWith({
      'hostile.sh': [
        '#!/bin/sh',
        "printf '::set-output name=forged::FORGED-output\\n'",
        "printf '##[add-mask]FORGED-legacy-mask\\n'",
        "printf 'progress 50%%\\r::add-mask::FORGED-after-cr\\n'",
        "printf '::stop-commands::FORGED-stop\\n'",
        "printf '\\t::save-state name=forged::FORGED-state\\n'",
        "printf '\\033[2K\\033[1A::error::FORGED-error\\n'",
        ''
      ].join('\n')
    })
    await chmod(path.join(workspace, 'hostile.sh'), 0o755)
    const result = await runAction({
      action: 'deploy',
      workspace,
      inputs: {
        'model-uri': 'oci://127.0.0.1/models/churn:v2',
        environment: 'production',
        stages: '100%',
        target: 'command',
        'deploy-command': './hostile.sh',
        'rollback-command': './hostile.sh',
        'record-deployment': 'false'
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('FORGED-after-cr')
    expectOnlyOurCommands(result)
  })
})

/**
 * Issue 12, markdown: metric names from a PR's files reach the sticky comment. None may link an issue
 * (#1, owner/repo#5, GH-12), autolink a URL or an address, mention anyone, or hide and reorder text.
 */
describe('markdown from untrusted text stays text', () => {
  test('metric-diff: hostile metric names in the pull request comment', async () => {
    const names = [
      'see #1',
      'owner/repo#5',
      'GH-12',
      'https://evil.test/x',
      'www.evil.test',
      'me@evil.example',
      '@org/team',
      'acc\u200buracy',
      'x\u202egnp.exe',
      '- item',
      '$x^2$'
    ]
    const pull = github.state.addPull({ head: 'retrain' })
    const metrics = (value: number) => JSON.stringify(Object.fromEntries(names.map(name => [name, value])))
    const result = await runAction({
      action: 'metric-diff',
      workspace: await workspaceWith({ 'candidate.json': metrics(2), 'baseline.json': metrics(1) }),
      inputs: { metrics: 'candidate.json', baseline: 'baseline.json' },
      event: 'pull_request',
      eventPayload: pullRequestEvent({ number: pull.number, headSha: pull.head.sha }),
      token: 'ghs_write_token',
      env: { GITHUB_API_URL: github.url }
    })
    expect(result.exitCode).toBe(0)
    const [comment] = github.state.comments(pull.number)
    const cells = comment.body
      .split('\n')
      .filter(line => line.startsWith('| ') && !/^\|[-: |]+\|$/.test(line))
      .flatMap(line => line.slice(2, -2).split(/(?<!\\) \| /))
    expect(cells.flatMap(cell => activeMarkdown(cell).map(found => `${cell}: ${found}`))).toEqual([])
    const shown = names.map(name => cells.find(cell => render(cell).text.replaceAll('\u200b', '') === name))
    expect(shown.filter(cell => cell === undefined)).toHaveLength(2) // the hidden characters are shown instead
    expect(cells.some(cell => render(cell).text === 'acc<U+200B>uracy')).toBe(true)
    expect(cells.some(cell => render(cell).text === 'x<U+202E>gnp.exe')).toBe(true)
  })
})
