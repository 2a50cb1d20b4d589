import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { pullRequestEvent, pushEvent } from '../harness/events.js'
import {
  DIRECTORY,
  expectOneClearError,
  serviceDown,
  OUTSIDE,
  symlinkTo,
  unreachableUrl,
  type ActionUnderTest,
  type BadCase
} from './corpus.js'

/**
 * metric-diff's bad input: results and metric files that are missing, empty or of the wrong kind, a baseline
 * with a typo, unknown enum values and out-of-range numbers, a missing token and an unreachable GitHub. The
 * workflow runs on a pull request with the job's token against the GitHub fake.
 */
const REPO = { owner: 'octo-org', name: 'models' }
const GITHUB_DOWN = await unreachableUrl()

let github: GitHubFake
let pull: { number: number; head: { sha: string }; base: { sha: string } }
beforeAll(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
  pull = github.state.addPull({ head: 'retrain' })
})
afterAll(async () => github?.close())

const metricDiff: ActionUnderTest = {
  action: 'metric-diff',
  defaults: () => ({
    env: { GITHUB_API_URL: github.url },
    token: 'ghs_bad_input_token',
    event: 'pull_request',
    eventPayload: pullRequestEvent({
      repo: REPO,
      number: pull.number,
      baseSha: pull.base.sha,
      headSha: pull.head.sha
    })
  }),
  // The rendered body, written before the comment: absent, or a whole comment with its marker.
  writes: (inputs, { runnerTemp }) => [
    {
      path: path.join(runnerTemp, `mlci-metric-diff-${inputs['comment-key'] ?? 'model-metrics'}.md`),
      kind: 'text',
      problems: text => ((text as string).includes('<!-- mlci:metric-diff:') ? [] : ['no comment marker'])
    }
  ]
}

const CANDIDATE = '{"accuracy": 0.92, "val_loss": 0.28}\n'
const BASELINE = '{"accuracy": 0.9, "val_loss": 0.3}\n'

/** Candidate and baseline metric files, one of them replaced. */
const inputCaseWithFiles = (files: BadCase['files'], message: RegExp): BadCase => ({
  files: { 'candidate.json': CANDIDATE, 'baseline.json': BASELINE, ...files },
  inputs: { metrics: 'candidate.json', baseline: 'baseline.json' },
  message
})
/** Candidate and baseline metric files, one input wrong. */
const inputCase = (inputs: Record<string, string>, message: RegExp): BadCase => ({
  files: { 'candidate.json': CANDIDATE, 'baseline.json': BASELINE },
  inputs: { metrics: 'candidate.json', baseline: 'baseline.json', ...inputs },
  message
})
/** A results file with a mistake. */
const resultsCase = (text: string, message: RegExp, line?: number): BadCase => ({
  files: { 'results.json': text },
  inputs: { results: 'results.json' },
  message,
  file: 'results.json',
  line
})
/** A candidate metrics file with a mistake. */
const metricsCase = (name: string, text: string, message: RegExp, line?: number): BadCase => ({
  files: { [name]: text, 'baseline.json': BASELINE },
  inputs: { metrics: name, baseline: 'baseline.json' },
  message,
  file: name,
  line
})

const CASES: Record<string, BadCase> = {
  // evaluate's results file.
  'a results file that does not exist': {
    files: { 'candidate.json': CANDIDATE },
    inputs: { results: 'results.json' },
    message: /Input 'results'.*results\.json does not exist/
  },
  'results that are a folder': {
    files: { 'results/.keep': '' },
    inputs: { results: 'results' },
    message: /Input 'results'.*results is a directory/
  },
  'an empty results file': resultsCase('', /results\.json is empty/),
  'results that are not valid JSON': resultsCase(
    '{"schemaVersion": 1,\n "verdict": }\n',
    /results\.json:2:\d+: not valid JSON/,
    2
  ),
  'results of an unknown schema version': resultsCase(
    '{"schemaVersion": 2}',
    /results\.json is not an mlci evaluate results file.*Point 'results' at/
  ),
  'a metrics file given as results': resultsCase(
    CANDIDATE,
    /results\.json is not an mlci evaluate results file.*(Point 'results' at|use 'metrics')/
  ),
  'candidate metrics linked to a file outside the workspace': inputCaseWithFiles(
    { 'candidate.json': symlinkTo('/proc/self/environ') },
    /Input 'metrics'.*candidate\.json.*outside the workspace/
  ),
  'baseline metrics linked to a file outside the workspace': inputCaseWithFiles(
    { 'baseline.json': symlinkTo(`${OUTSIDE}/secret.json`) },
    /Input 'baseline'.*baseline\.json.*outside the workspace/
  ),
  'results linked to a file outside the workspace': {
    files: { 'results.json': symlinkTo('/proc/self/environ') },
    inputs: { results: 'results.json' },
    message: /Input 'results'.*results\.json.*outside the workspace/
  },
  'both results and metrics': {
    files: { 'results.json': '{}', 'candidate.json': CANDIDATE },
    inputs: { results: 'results.json', metrics: 'candidate.json' },
    message: /'results' or 'metrics', not both/
  },
  'neither results nor metrics': {
    inputs: {},
    message: /Give 'results'.*or 'metrics'/
  },

  // Candidate metric files.
  'a metrics glob that matches nothing': inputCase(
    { metrics: 'eval/*.json' },
    /Input 'metrics'.*'eval\/\*\.json' matched no file/
  ),
  'metrics that are an empty folder': {
    files: { eval: DIRECTORY, 'baseline.json': BASELINE },
    inputs: { metrics: 'eval', baseline: 'baseline.json' },
    message: /Input 'metrics'.*eval.*(matched no file|is an empty directory|is a directory)/
  },
  'an empty metrics file': metricsCase('candidate.json', '', /candidate\.json is empty/),
  'metrics that are not valid JSON': metricsCase(
    'candidate.json',
    '{"accuracy": 0.92,}',
    /candidate\.json:1:\d+: not valid JSON/,
    1
  ),
  'metrics JSON nested 5,000 deep': metricsCase(
    'candidate.json',
    `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    /candidate\.json:1:\d+: nested more than 100 levels deep/,
    1
  ),
  'a damaged metrics JSON nested 100,000 deep': metricsCase(
    'candidate.json',
    `{"a": ${'['.repeat(100_000)}`,
    /candidate\.json:1:\d+: nested more than 100 levels deep/,
    1
  ),
  'metrics YAML with a syntax error': metricsCase(
    'candidate.yaml',
    'accuracy: 0.92\nval_loss: [0.28\n',
    /candidate\.yaml:\d+: not valid YAML/
  ),
  'metrics that are a list': metricsCase(
    'candidate.json',
    '[0.92]',
    /candidate\.json: a metrics file must hold an object of metric names to numbers/,
    1
  ),

  // The baseline.
  'a typo in the baseline path': inputCase(
    { baseline: 'basline.json' },
    /Input 'baseline'.*basline\.json does not exist/
  ),
  'a baseline that is a folder': {
    files: { 'candidate.json': CANDIDATE, 'baselines/.keep': '' },
    inputs: { metrics: 'candidate.json', baseline: 'baselines' },
    message: /Input 'baseline'.*baselines is a directory/
  },
  'an empty baseline file': {
    files: { 'candidate.json': CANDIDATE, 'baseline.json': '' },
    inputs: { metrics: 'candidate.json', baseline: 'baseline.json' },
    message: /baseline\.json is empty/,
    file: 'baseline.json'
  },
  'a baseline that is not valid JSON': {
    files: { 'candidate.json': CANDIDATE, 'baseline.json': '{"accuracy": }' },
    inputs: { metrics: 'candidate.json', baseline: 'baseline.json' },
    message: /baseline\.json:1:\d+: not valid JSON/,
    file: 'baseline.json',
    line: 1
  },
  'a git baseline without a path': inputCase(
    { baseline: 'git:main' },
    /Input 'baseline' must look like git:<ref>:<path>/
  ),
  'a git baseline outside a repository': inputCase(
    { baseline: 'git:origin/main:metrics.json' },
    /git:origin\/main:metrics\.json cannot be read.*fetch/
  ),

  // Unknown values and numbers out of range.
  'an unknown comment': inputCase({ comment: 'yes' }, /Input 'comment' must be one of auto, always, never/),
  'an unknown comment-mode': inputCase(
    { 'comment-mode': 'replace' },
    /Input 'comment-mode' must be one of update, recreate, new/
  ),
  'an unknown mode': inputCase({ mode: 'comment' }, /Input 'mode' must be one of direct, prepare, post/),
  'an unknown show': inputCase({ show: 'everything' }, /Input 'show' must be one of changed, all/),
  'a precision of 0': inputCase({ precision: '0' }, /Input 'precision' must be at least 1/),
  'a precision of 20': inputCase({ precision: '20' }, /Input 'precision' must be at most 15/),
  'a negative history': inputCase({ history: '-1' }, /Input 'history' must be at least 0/),
  'a history that is not a number': inputCase({ history: 'ten' }, /Input 'history' must be an integer/),
  'a summary of yes': inputCase({ summary: 'yes' }, /Input 'summary' must be true or false/),
  'a fail-on-regression of on': inputCase(
    { 'fail-on-regression': 'on' },
    /Input 'fail-on-regression' must be true or false/
  ),
  'a comment-key that would break out of its marker': inputCase(
    { 'comment-key': 'x --> <script>' },
    /Input 'comment-key' must be 1 to 64 letters/
  ),

  // Where the comment cannot go.
  'comment always on a push': {
    ...inputCase({ comment: 'always' }, /'?comment'?:? (is )?always.*no pull request/),
    event: 'push',
    eventPayload: pushEvent({ repo: REPO })
  },
  'mode prepare outside a pull request': {
    ...inputCase({ mode: 'prepare' }, /'?mode'?:? prepare belongs in a pull_request workflow/),
    event: 'push',
    eventPayload: pushEvent({ repo: REPO })
  },
  'mode post outside a workflow_run': inputCase(
    { mode: 'post', metrics: '', baseline: 'auto' },
    /'?mode'?:? post belongs in a workflow_run workflow/
  ),

  // The check run evaluate recorded: an empty token, an unreachable GitHub.
  'check-name with an empty token': {
    files: { 'candidate.json': CANDIDATE },
    inputs: {
      metrics: 'candidate.json',
      'check-name': 'mlci/evaluate',
      comment: 'never',
      'github-token': ''
    },
    message: /Input 'github-token' is empty.*check-name 'mlci\/evaluate'/
  },
  'an unreachable GitHub': {
    files: { 'candidate.json': CANDIDATE },
    inputs: { metrics: 'candidate.json' },
    env: { GITHUB_API_URL: GITHUB_DOWN },
    message: serviceDown('GitHub', GITHUB_DOWN.replace('http://', ''))
  }
}

describe('metric-diff bad input', () => {
  test('has at least 30 cases', () => expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30))

  test.concurrent.each(Object.entries(CASES))('%s: one clear error, exit 1, no half body', (_, bad) =>
    expectOneClearError(metricDiff, bad)
  )
})
