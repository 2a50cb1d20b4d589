import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { decodeDigest } from '../../shared/metrics/results-digest.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { pushEvent } from '../harness/events.js'
import { runAction, type RunResult } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'

/**
 * GitHub's limits, through the bundles (issue 14): the run's page keeps 10 error and 10 warning annotations per
 * step, a check run's summary holds 65,535 characters and takes 50 annotations per request. Past each, the
 * actions cut with a note and never fail for it; the verdict is always among the annotations shown.
 */
const REPO = { owner: 'octo-org', name: 'models' }
const CHECK_RUN_TEXT_BYTES = 65_535

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
})
afterEach(async () => {
  await github.close()
})

async function runOnPush(action: string, files: Record<string, string>, inputs: Record<string, string>) {
  const { sha } = github.state.addCommit({ branch: 'main' })
  const result = await runAction({
    action,
    inputs,
    workspace: await workspaceWith(files),
    event: 'push',
    eventPayload: pushEvent({ repo: REPO, after: sha }),
    token: 'ghs_fake_token_for_tests',
    env: { GITHUB_API_URL: github.url }
  })
  const runs = [...github.state.repo().checkRuns.values()]
  expect(runs).toHaveLength(1)
  return { result, run: runs[0], sha }
}

/** `columns` CSV columns c0…; rows 2 and 3 break `max: 0` in each (two violations per rule, first at line 2). */
function brokenColumns(errors: number, warnings: number): Record<string, string> {
  const names = Array.from({ length: errors + warnings }, (_, i) => `c${i}`)
  const rules = names.map((name, i) => `  ${name}: { max: 0${i >= errors ? ', severity: warning' : ''} }`)
  return {
    'd.csv': [
      names.join(','),
      names.map(() => '0').join(','),
      ...[1, 2].map(v => names.map(() => v).join(','))
    ]
      .join('\n')
      .concat('\n'),
    'rules.yml': `columns:\n${rules.join('\n')}\n`
  }
}

const levelCount = (result: RunResult, level: string): number =>
  result.annotations.filter(a => a.level === level).length

describe('annotations shown on the run page (10 errors and 10 warnings per step)', () => {
  test('validate-data with 60 failed error rules and 15 warning rules: 9 findings and the verdict, 10 warnings, a note; the check run has all 75', async () => {
    const { result, run } = await runOnPush('validate-data', brokenColumns(60, 15), {
      data: 'd.csv',
      rules: 'rules.yml',
      'check-name': 'data quality'
    })
    expect(result.exitCode).toBe(1)
    expect(levelCount(result, 'error')).toBe(10)
    expect(levelCount(result, 'warning')).toBe(10)
    // The verdict is an annotation however many findings came before it.
    expect(result.annotations.filter(a => a.level === 'error').at(-1)?.message).toMatch(
      /^The data failed validation \(fail-on: error\): 3 rows: 120 error\(s\), 30 warning\(s\)/
    )
    expect(result.annotations.filter(a => a.level === 'notice').map(a => a.message)).toEqual([
      expect.stringMatching(/^51 more error\(s\) than the 10 GitHub shows for one step: they are printed/),
      expect.stringMatching(/^5 more warning\(s\) than the 10 GitHub shows for one step/)
    ])
    // The rest are still in the log, as plain lines.
    expect(result.stdout).toMatch(
      /^Error \(not annotated: GitHub shows 10 per step\) at d\.csv:3: mlci validate-data: c\d+\.max: /m
    )
    expect(run.annotations).toHaveLength(75)
    // 50 per request: the create and one update.
    expect(github.callsTo('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}')).toHaveLength(1)
  })
})

describe("a check run's summary (65,535 characters) and annotations (mlci attaches at most 250, 50 a request)", () => {
  test('evaluate with 300 failed rules: the summary is cut with a note and keeps its results digest last; 250 annotations with a note; the verdict names the first ten', async () => {
    const count = 300
    const names = Array.from(
      { length: count },
      (_, i) => `a_metric_with_a_rather_long_name_to_fill_the_summary_${i}`
    )
    const { result, run, sha } = await runOnPush(
      'evaluate',
      {
        'metrics.json': JSON.stringify(Object.fromEntries(names.map(name => [name, 0.5]))),
        'policy.yaml': `metrics:\n${names.map(name => `  ${name}: { direction: higher, min: 0.9 }`).join('\n')}\n`
      },
      { metrics: 'metrics.json', policy: 'policy.yaml', 'check-name': 'mlci/evaluate' }
    )
    expect(result.exitCode).toBe(1)
    const summary = run.output.summary ?? ''
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(CHECK_RUN_TEXT_BYTES)
    expect(summary).toContain(
      "… (cut to fit GitHub's 65,535 characters for a check run's summary; the job summary has everything)"
    )
    expect(summary).toContain(
      '50 more annotation(s) are not attached to this check run (mlci attaches at most 250, the most important first)'
    )
    // A later run still finds this run's results as its baseline.
    expect(Object.keys(decodeDigest(summary, sha)?.metrics ?? {})).toHaveLength(count)
    expect(run.annotations).toHaveLength(250)
    expect(github.callsTo('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}')).toHaveLength(4)
    // The job summary has room for every rule (1 MiB); markdown escapes the names' underscores.
    expect(result.summary).toContain(names[count - 1].replaceAll('_', '\\_'))
    const verdicts = result.annotations.filter(a => a.level === 'error')
    expect(verdicts).toHaveLength(1)
    expect(verdicts[0].message).toMatch(
      /: fail, conclusion failure \(reported through check-run\)\. .*; and 290 more: see the job summary\.$/
    )
    expect(Buffer.byteLength(verdicts[0].message)).toBeLessThan(4096)
  })
})
