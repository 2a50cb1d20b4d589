import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { pushEvent } from '../harness/events.js'
import { resultsSchemaErrors } from '../e2e/results-schema.js'
import {
  DIRECTORY,
  expectOneClearError,
  inWorkspace,
  serviceDown,
  OUTSIDE,
  symlinkTo,
  unreachableUrl,
  type ActionUnderTest,
  type BadCase
} from './corpus.js'

/**
 * evaluate's bad input: metric and prediction files that are missing, empty or malformed, policies with
 * typos and impossible thresholds, out-of-range numbers, a missing token and an unreachable GitHub. The
 * workflow runs on a push with the job's token against the GitHub fake, as on a real runner.
 */
const REPO = { owner: 'octo-org', name: 'models' }
const GITHUB_DOWN = await unreachableUrl()

let github: GitHubFake
let head: string
beforeAll(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
  head = github.state.addCommit({ branch: 'main' }).sha
})
afterAll(async () => github?.close())

const evaluate: ActionUnderTest = {
  action: 'evaluate',
  defaults: () => ({
    env: { GITHUB_API_URL: github.url },
    token: 'ghs_bad_input_token',
    event: 'push',
    eventPayload: pushEvent({ repo: REPO, after: head })
  }),
  writes: (inputs, { workspace, runnerTemp }) => {
    const file = inWorkspace(workspace, inputs.results, path.join(runnerTemp, 'mlci-evaluate/results.json'))
    return [{ path: file, problems: () => resultsSchemaErrors(file) }]
  }
}

const METRICS = '{"accuracy": 0.91, "loss": 0.3}\n'
const POLICY = 'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n'
const PREDICTIONS = 'id,region,label,prediction,score\n1,EU,1,1,0.9\n2,US,0,0,0.2\n3,EU,1,0,0.4\n'

/** A metrics file, read with a policy. */
const metricsCase = (name: string, text: string, message: RegExp, line?: number): BadCase => ({
  files: { [name]: text, 'policy.yml': POLICY },
  inputs: { metrics: name, policy: 'policy.yml' },
  message,
  file: name,
  line
})
/** A policy file with a mistake, read with good metrics. */
const policyCase = (text: string, message: RegExp, line?: number): BadCase => ({
  files: { 'metrics.json': METRICS, 'policy.yml': text },
  inputs: { metrics: 'metrics.json', policy: 'policy.yml' },
  message,
  file: 'policy.yml',
  line
})
/** A predictions table with a mistake, or good predictions with other inputs. */
const predictionsCase = (
  text: string,
  message: RegExp,
  options: { line?: number; inputs?: Record<string, string>; file?: string | null } = {}
): BadCase => ({
  files: { 'preds.csv': text },
  inputs: { predictions: 'preds.csv', bootstrap: '0', ...options.inputs },
  message,
  file: options.file === null ? undefined : (options.file ?? 'preds.csv'),
  line: options.line
})
/** Good metrics, one input wrong. */
const inputCase = (inputs: Record<string, string>, message: RegExp): BadCase => ({
  files: { 'metrics.json': METRICS },
  inputs: { metrics: 'metrics.json', ...inputs },
  message
})

const CASES: Record<string, BadCase> = {
  // Metric files: wrong paths, empty and malformed files.
  'a metrics path that does not exist': {
    files: { 'metrics.json': METRICS },
    inputs: { metrics: 'eval/metrics.json' },
    message: /Input 'metrics'.*eval\/metrics\.json.*(does not exist|matched no file)/
  },
  'a metrics glob that matches nothing': {
    files: { 'metrics.json': METRICS },
    inputs: { metrics: 'eval/*.json' },
    message: /Input 'metrics'.*'eval\/\*\.json' matched no file/
  },
  'metrics that are an empty folder': {
    files: { eval: DIRECTORY },
    inputs: { metrics: 'eval' },
    message: /Input 'metrics'.*eval.*(matched no file|is an empty directory|is a directory)/
  },
  'an empty metrics file': metricsCase('metrics.json', '', /metrics\.json is empty/),
  'metrics that are not valid JSON': metricsCase(
    'metrics.json',
    '{\n  "accuracy": 0.91,\n}\n',
    /metrics\.json:3:\d+: not valid JSON/,
    3
  ),
  'metrics that are a list': metricsCase(
    'metrics.json',
    '[0.91, 0.3]\n',
    /metrics\.json: a metrics file must hold an object of metric names to numbers/,
    1
  ),
  'metrics without a number': metricsCase(
    'metrics.json',
    '{"model": "resnet50", "accuracy": "0.91"}\n',
    /no numeric metric.*metrics\.json|metrics\.json holds no numeric metric/
  ),
  'metrics YAML with a syntax error': metricsCase(
    'metrics.yaml',
    'accuracy: 0.91\nloss: [0.3\n',
    /metrics\.yaml:\d+: not valid YAML/
  ),
  "metrics JSON with Python's NaN": metricsCase(
    'metrics.json',
    '{\n  "accuracy": 0.91,\n  "loss": NaN\n}\n',
    /metrics\.json:3:11: not valid JSON[\s\S]*JSON has no NaN or Infinity[\s\S]*write null, or use a YAML file/,
    3
  ),
  'metrics JSON nested 5,000 deep': metricsCase(
    'metrics.json',
    `${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}`,
    /metrics\.json:1:\d+: nested more than 100 levels deep/,
    1
  ),
  'metrics YAML nested 5,000 deep': metricsCase(
    'metrics.yaml',
    `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`,
    /metrics\.yaml(:1)?: nested (more than 100 levels|too) deep/
  ),
  'metrics YAML nested 500 deep, in blocks': metricsCase(
    'metrics.yaml',
    Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
    /metrics\.yaml:101: nested more than 100 levels deep/,
    101
  ),
  'metrics YAML with an alias bomb': metricsCase(
    'metrics.yaml',
    ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`
        )
      )
      .join('\n'),
    /metrics\.yaml:\d+: .*aliases/
  ),
  'metrics YAML with an alias inside its own anchor': metricsCase(
    'metrics.yaml',
    'accuracy: 0.9\neval: &eval\n  f1: 0.8\n  again: *eval\n',
    /metrics\.yaml:\d+: .*alias.*(contains it|itself)/
  ),
  'a CSV given as metrics': metricsCase(
    'metrics.csv',
    'accuracy,loss\n0.91,0.3\n',
    /metrics\.csv.*(JSON or YAML|not valid JSON)/
  ),
  'one metric in two files': {
    files: { 'a.json': '{"accuracy": 0.9}', 'b.json': '{"accuracy": 0.91}' },
    inputs: { metrics: 'a.json, b.json' },
    message: /Metric 'accuracy' is defined in both a\.json and b\.json/,
    file: 'b.json'
  },
  'metrics linked to a file outside the workspace': {
    files: { 'metrics.json': symlinkTo('/proc/self/environ') },
    inputs: { metrics: 'metrics.json' },
    message: /Input 'metrics'.*metrics\.json.*outside the workspace/
  },
  'neither metrics nor predictions': {
    inputs: {},
    message: /Give either 'metrics'.*or 'predictions'/
  },
  'both metrics and predictions': {
    files: { 'metrics.json': METRICS, 'preds.csv': PREDICTIONS },
    inputs: { metrics: 'metrics.json', predictions: 'preds.csv' },
    message: /'metrics' or 'predictions', not both/
  },

  // The policy: wrong paths, an empty file, typos and impossible rules.
  'a typo in the policy path': {
    files: { 'metrics.json': METRICS, 'mlci-policy.yaml': POLICY },
    inputs: { metrics: 'metrics.json', policy: 'mlci-policy.yml' },
    message: /Input 'policy'.*mlci-policy\.yml does not exist/
  },
  'a policy that is a folder': {
    files: { 'metrics.json': METRICS, 'policy/.keep': '' },
    inputs: { metrics: 'metrics.json', policy: 'policy' },
    message: /Input 'policy'.*policy is a directory/
  },
  'an empty policy file': policyCase('', /policy\.yml is empty/),
  'a policy with a YAML syntax error': policyCase(
    'metrics:\n  accuracy: { min: 0.8\n',
    /policy\.yml:\d+: not valid YAML/
  ),
  'a policy with a top-level typo': policyCase(
    `${POLICY}mising: fail\n`,
    /policy\.yml:3: .*unknown key 'mising': did you mean 'missing'\?/,
    3
  ),
  'a policy with a rule typo': policyCase(
    'metrics:\n  accuracy: { direction: higher, max_dorp: 0.01 }\n',
    /policy\.yml:2: .*unknown key 'max_dorp': did you mean 'max_drop'\?/,
    2
  ),
  'a policy with an unknown direction': policyCase(
    'metrics:\n  accuracy: { direction: up, min: 0.8 }\n',
    /policy\.yml:2: .*'up'.*higher.*lower/,
    2
  ),
  'a policy with an unknown missing outcome': policyCase(
    `${POLICY}missing: error\n`,
    /policy\.yml:3: .*'error'.*pass.*warn.*fail/,
    3
  ),
  'a policy with a significance level above 0.5': policyCase(
    `${POLICY}significance: { level: 5 }\n`,
    /policy\.yml:3: significance\.level: must be at most 0\.5/,
    3
  ),
  'a policy with min above max': policyCase(
    'metrics:\n  accuracy: { direction: higher, min: 0.9, max: 0.5 }\n',
    /min \(0\.9\) is above max \(0\.5\)/,
    2
  ),
  'a policy rule against the direction': policyCase(
    'metrics:\n  accuracy: { direction: lower, max_drop: 0.01 }\n',
    /max_drop applies to metrics where higher is better.*use max_increase/,
    2
  ),
  'a policy gating a misspelt metric': policyCase(
    'metrics:\n  acuracy: { direction: higher, min: 0.8 }\n',
    /acuracy.*did you mean 'accuracy'\?/,
    2
  ),
  'predictions linked to a file outside the workspace': {
    files: { 'preds.csv': symlinkTo(`${OUTSIDE}/secret.csv`) },
    inputs: { predictions: 'preds.csv', bootstrap: '0' },
    message: /Input 'predictions'.*preds\.csv.*outside the workspace/
  },
  'a metrics glob through a link to a folder outside the workspace': {
    files: { 'metrics/a.json': METRICS, 'metrics/more': symlinkTo(OUTSIDE) },
    inputs: { metrics: 'metrics/**/*.json' },
    message: /Input 'metrics'.*metrics\/more\/.*outside the workspace/
  },
  'results written through a link to a folder outside the workspace': {
    files: { 'metrics.json': METRICS, out: symlinkTo(OUTSIDE) },
    inputs: { metrics: 'metrics.json', results: 'out/results.json' },
    message: /Input 'results'.*out\/results\.json cannot be written: its folder lies outside the workspace/
  },
  'a policy linked to a file outside the workspace': {
    files: { 'metrics.json': METRICS, 'policy.yml': symlinkTo('/proc/self/environ') },
    inputs: { metrics: 'metrics.json', policy: 'policy.yml' },
    message: /Input 'policy'.*policy\.yml.*outside the workspace/
  },

  // Predictions: wrong paths and formats, misspelt columns, values out of range.
  'a predictions path that does not exist': {
    files: { 'preds.csv': PREDICTIONS },
    inputs: { predictions: 'predictions.csv' },
    message: /Input 'predictions'.*predictions\.csv does not exist/
  },
  'predictions that are a folder': {
    files: { 'preds/.keep': '' },
    inputs: { predictions: 'preds' },
    message: /Input 'predictions'.*preds is a directory/
  },
  'an empty predictions file': predictionsCase('', /preds\.csv is empty/),
  'predictions with a header only': predictionsCase(
    'label,prediction\n',
    /preds\.csv has no rows: there is nothing to evaluate/,
    { line: 1 }
  ),
  'predictions in an unknown format': {
    files: { 'preds.xlsx': 'PK\u0003\u0004' },
    inputs: { predictions: 'preds.xlsx' },
    message: /Cannot tell the format of preds\.xlsx/,
    file: 'preds.xlsx'
  },
  'a misspelt label-column': predictionsCase(
    PREDICTIONS,
    /preds\.csv has no column 'labl'.*(label-column|did you mean 'label'\?|columns: .*label)/,
    { inputs: { 'label-column': 'labl' }, line: 1 }
  ),
  'a misspelt prediction-column': predictionsCase(
    PREDICTIONS,
    /preds\.csv has no column 'predicton'.*(prediction-column|did you mean 'prediction'\?)/,
    { inputs: { 'prediction-column': 'predicton' }, line: 1 }
  ),
  'a misspelt slice column': predictionsCase(
    PREDICTIONS,
    /preds\.csv has no column 'regoin'.*(slice-columns|did you mean 'region'\?|columns: .*region)/,
    { inputs: { 'slice-columns': 'regoin' }, line: 1 }
  ),
  'a score above 1': predictionsCase(
    'label,score\n1,0.9\n0,1.7\n',
    /preds\.csv:3: score is 1\.7: a probability must be within \[0, 1\]/,
    { inputs: { 'score-column': 'score' }, line: 3 }
  ),
  'a text label in a regression': predictionsCase(
    'label,prediction\n1.5,1.4\ncat,2.0\n',
    /preds\.csv:3: .*'?cat'?.*(not a number|number)/,
    { inputs: { task: 'regression' }, line: 3 }
  ),
  'baseline predictions without predictions': {
    files: { 'metrics.json': METRICS, 'base.csv': PREDICTIONS },
    inputs: { metrics: 'metrics.json', 'baseline-predictions': 'base.csv' },
    message: /baseline-predictions needs 'predictions'/
  },
  'baseline predictions of other examples': {
    files: { 'preds.csv': PREDICTIONS, 'base.csv': 'label,prediction\n1,1\n0,0\n' },
    inputs: { predictions: 'preds.csv', 'baseline-predictions': 'base.csv', bootstrap: '0' },
    message: /base\.csv has 2 example\(s\) but preds\.csv has 3/,
    file: 'base.csv'
  },

  // Inputs: unknown values and numbers out of range.
  'an unknown task': predictionsCase(
    PREDICTIONS,
    /Input 'task' must be one of binary, multiclass, regression/,
    { inputs: { task: 'classification' }, file: null }
  ),
  'a confidence given in percent': inputCase(
    { confidence: '95' },
    /Input 'confidence' must be at most 0\.999/
  ),
  'a negative bootstrap': inputCase({ bootstrap: '-1' }, /Input 'bootstrap' must be at least 0/),
  'a bootstrap that is not a number': inputCase(
    { bootstrap: 'many' },
    /Input 'bootstrap' must be an integer/
  ),
  'a fractional seed': inputCase({ seed: '1.5' }, /Input 'seed' must be an integer/),

  // The baseline: a wrong path, a broken file, a malformed git spec.
  'a typo in the baseline path': inputCase(
    { baseline: 'basline.json' },
    /Input 'baseline'.*basline\.json does not exist/
  ),
  'a baseline that is not valid JSON': {
    files: { 'metrics.json': METRICS, 'baseline.json': '{"accuracy": 0.9,}' },
    inputs: { metrics: 'metrics.json', baseline: 'baseline.json' },
    message: /baseline\.json:1:\d+: not valid JSON/,
    file: 'baseline.json',
    line: 1
  },
  'a git baseline without a path': inputCase(
    { baseline: 'git:main' },
    /Input 'baseline' must look like git:<ref>:<path>/
  ),

  // Where the results go.
  'a results path that is a folder': {
    files: { 'metrics.json': METRICS, 'out/.keep': '' },
    inputs: { metrics: 'metrics.json', results: 'out' },
    message: /Input 'results'.*out is a directory/
  },
  'a results path under a file': {
    files: { 'metrics.json': METRICS },
    inputs: { metrics: 'metrics.json', results: 'metrics.json/results.json' },
    message: /Input 'results'.*metrics\.json\/results\.json/
  },

  // The check run: an empty token, an unreachable GitHub.
  'check-name with an empty token': {
    files: { 'metrics.json': METRICS },
    inputs: { metrics: 'metrics.json', 'check-name': 'mlci/evaluate', 'github-token': '' },
    message: /Input 'github-token' is empty.*check-name 'mlci\/evaluate'/
  },
  'a check run on an unreachable GitHub': {
    files: { 'metrics.json': METRICS },
    inputs: { metrics: 'metrics.json', baseline: 'none' },
    env: { GITHUB_API_URL: GITHUB_DOWN },
    message: serviceDown('GitHub', GITHUB_DOWN.replace('http://', ''))
  }
}

describe('evaluate bad input', () => {
  test('has at least 30 cases', () => expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30))

  test.concurrent.each(Object.entries(CASES))('%s: one clear error, exit 1, no half results', (_, bad) =>
    expectOneClearError(evaluate, bad)
  )
})
