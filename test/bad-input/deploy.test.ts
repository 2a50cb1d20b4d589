import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as path from 'node:path'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { pushEvent } from '../harness/events.js'
import { COMMAND_TARGET, TARGET_SCRIPT } from '../deploy/fixtures.js'
import {
  executable,
  OUTSIDE,
  symlinkTo,
  expectOneClearError,
  serviceDown,
  unreachableUrl,
  type ActionUnderTest,
  type BadCase
} from './corpus.js'

/**
 * deploy's bad input: stages that cannot be, plan and analysis files that are missing, empty or misspelt,
 * unknown enum values and scores out of range, targets that cannot run, a missing token, and GitHub,
 * Prometheus and a webhook that are down. The rollout is recorded in the GitHub fake, as on a real runner.
 */
const REPO = { owner: 'octo-org', name: 'models' }
const GITHUB_DOWN = await unreachableUrl()
const PROMETHEUS_DOWN = await unreachableUrl()
const WEBHOOK_DOWN = await unreachableUrl()

let github: GitHubFake
let head: string
beforeAll(async () => {
  github = await startGitHubFake({ owner: REPO.owner, repo: REPO.name })
  head = github.state.repo().branches.get('main')!
})
afterAll(async () => github?.close())

const deploy: ActionUnderTest = {
  action: 'deploy',
  defaults: () => ({
    env: { GITHUB_API_URL: github.url },
    token: 'ghs_bad_input_token',
    event: 'push',
    eventPayload: pushEvent({ repo: REPO, after: head })
  }),
  writes: (_, { runnerTemp }) => [
    {
      path: path.join(runnerTemp, 'mlci-deploy-report.json'),
      problems: json => {
        const report = json as { result?: unknown; timeline?: unknown }
        return typeof report?.result === 'string' && Array.isArray(report.timeline)
          ? []
          : ['not a complete rollout report']
      }
    }
  ]
}

const MODEL = 'oci://127.0.0.1/models/churn:v2'
const ANALYSIS =
  'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, direction: increase }\n'
const METRICS_SCRIPT =
  'console.log(JSON.stringify({ latency: { canary: [0.1, 0.11, 0.1], baseline: [0.1, 0.1, 0.11] } }))\n'

/** A command-target rollout, one input (or file) wrong. */
const inputCase = (
  inputs: Record<string, string>,
  message: RegExp,
  options: { files?: BadCase['files']; file?: string; line?: number } = {}
): BadCase => ({
  files: { 'target.sh': executable(TARGET_SCRIPT), ...options.files },
  inputs: { 'model-uri': MODEL, stages: '100%', ...COMMAND_TARGET, ...inputs },
  message,
  file: options.file,
  line: options.line
})
/** A plan file with a mistake. */
const planCase = (text: string, message: RegExp, line?: number): BadCase =>
  inputCase({ stages: '', plan: 'plan.yml' }, message, {
    files: { 'plan.yml': text },
    file: 'plan.yml',
    line
  })
/** An analysis file with a mistake. */
const analysisCase = (
  text: string,
  message: RegExp,
  line?: number,
  inputs: Record<string, string> = {}
): BadCase =>
  inputCase({ analysis: 'analysis.yml', ...inputs }, message, {
    files: { 'analysis.yml': text, 'metrics.mjs': METRICS_SCRIPT },
    file: 'analysis.yml',
    line
  })

const CASES: Record<string, BadCase> = {
  // Stages.
  'no model-uri': inputCase({ 'model-uri': '' }, /Input 'model-uri' is required/),
  'neither stages nor plan': inputCase({ stages: '' }, /Give exactly one of the inputs 'stages'.*'plan'/),
  'both stages and plan': inputCase({ plan: 'plan.yml' }, /Give exactly one of the inputs 'stages'.*'plan'/, {
    files: { 'plan.yml': 'stages:\n  - { traffic: 100 }\n' }
  }),
  'a stage without a percent sign': inputCase(
    { stages: '5:10m, 100%' },
    /Input 'stages': stage 1 '5:10m' is not TRAFFIC%\[:BAKE\]/
  ),
  'a bake time without a unit': inputCase({ stages: '5%:10, 100%' }, /Input 'stages': stage 1 '5%:10'/),
  'traffic that falls': inputCase(
    { stages: '50%, 25%, 100%' },
    /Input 'stages': stage 2 \(25%\) must send more traffic than stage 1/
  ),
  'a last stage below 100%': inputCase(
    { stages: '5%:1m, 50%' },
    /Input 'stages': the last stage must be 100%, got 50%/
  ),
  'a stage above 100%': inputCase({ stages: '150%' }, /Input 'stages': stage 1 sends 150% of traffic/),

  // The plan file.
  'a plan linked to a file outside the workspace': inputCase(
    { stages: '', plan: 'plan.yml' },
    /Input 'plan'.*plan\.yml.*outside the workspace/,
    { files: { 'plan.yml': symlinkTo(`${OUTSIDE}/secret.yml`) } }
  ),
  'an analysis linked to /proc/self/environ': inputCase(
    { analysis: 'analysis.yml' },
    /Input 'analysis'.*analysis\.yml.*outside the workspace/,
    { files: { 'analysis.yml': symlinkTo('/proc/self/environ'), 'metrics.mjs': METRICS_SCRIPT } }
  ),
  'a typo in the plan path': inputCase(
    { stages: '', plan: 'rollout.yml' },
    /Input 'plan'.*rollout\.yml does not exist/,
    { files: { 'plan.yml': 'stages:\n  - { traffic: 100 }\n' } }
  ),
  'a plan that is a folder': inputCase({ stages: '', plan: 'plan' }, /Input 'plan'.*plan is a directory/, {
    files: { 'plan/.keep': '' }
  }),
  'an empty plan file': planCase('', /plan\.yml is empty/),
  'a plan with a YAML syntax error': planCase('stages:\n  - { traffic: 5\n', /plan\.yml:\d+: not valid YAML/),
  'a plan with a top-level typo': planCase(
    'stage:\n  - { traffic: 100 }\n',
    /plan\.yml:1: .*unknown key 'stage': did you mean 'stages'\?/,
    1
  ),
  'a plan with a stage typo': planCase(
    'stages:\n  - { trafic: 5, bake: 10m }\n  - { traffic: 100 }\n',
    /plan\.yml:2: .*unknown key 'trafic': did you mean 'traffic'\?/,
    2
  ),
  'a plan with a bake time without a unit': planCase(
    'stages:\n  - { traffic: 5, bake: 10 }\n  - { traffic: 100 }\n',
    /plan\.yml:2: .*must be a duration such as 30s or 10m/,
    2
  ),
  'a plan with traffic above 100': planCase(
    'stages:\n  - { traffic: 5 }\n  - { traffic: 150 }\n',
    /plan\.yml:3: .*must be at most 100/,
    3
  ),

  // The analysis file.
  'a typo in the analysis path': inputCase(
    { analysis: 'canary.yml' },
    /Input 'analysis'.*canary\.yml does not exist/,
    { files: { 'analysis.yml': ANALYSIS } }
  ),
  'an analysis that is a folder': inputCase(
    { analysis: 'analysis' },
    /Input 'analysis'.*analysis is a directory/,
    { files: { 'analysis/.keep': '' } }
  ),
  'an empty analysis file': analysisCase('', /analysis\.yml is empty/),
  'an analysis with a top-level typo': analysisCase(
    'provider: { command: [node, metrics.mjs] }\nmetric:\n  - { name: latency }\n',
    /analysis\.yml:2: .*unknown key 'metric': did you mean 'metrics'\?/,
    2
  ),
  'an analysis with an unknown direction': analysisCase(
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, direction: increse }\n',
    /analysis\.yml:3: .*'increse'.*did you mean 'increase'\?/,
    3
  ),
  'an analysis with an unknown effect size': analysisCase(
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, effect_size: meanratio }\n',
    /analysis\.yml:3: .*'meanratio'.*did you mean 'meanRatio'\?/,
    3
  ),
  'an analysis without a provider': analysisCase(
    'metrics:\n  - { name: latency }\n',
    /analysis\.yml:1: .*give exactly one provider/,
    1
  ),
  'a Prometheus URL without a scheme': analysisCase(
    "provider: { prometheus: { url: '127.0.0.1:9090' } }\nmetrics:\n  - { name: latency, canary: up, baseline: up }\n",
    /analysis\.yml:1: .*must be an http\(s\) URL, got '127\.0\.0\.1:9090'/,
    1
  ),
  'group weights above 100': analysisCase(
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, group: speed }\n  - { name: errors, group: errors }\ngroups: { weights: { speed: 80, errors: 70 } }\n',
    /analysis\.yml:5: .*the weights add up to 150/,
    5
  ),
  'a metric listed twice': analysisCase(
    'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency }\n  - { name: latency }\n',
    /analysis\.yml:4: metric 'latency' is listed twice/,
    4
  ),
  'the threshold judge without a range': analysisCase(
    ANALYSIS,
    /analysis\.yml:3: .*the threshold judge needs a range for 'latency'/,
    3,
    { judge: 'threshold' }
  ),
  'a metrics command that does not exist': analysisCase(
    'provider: { command: [./metrics.sh] }\nmetrics:\n  - { name: latency }\n',
    /analysis\.yml:1: .*\.\/metrics\.sh (does not exist|was not found|not found)/,
    1,
    { stages: '50%:1s, 100%', interval: '1s' }
  ),

  // Inputs: unknown values, numbers out of range, times that are not.
  'an unknown judge': inputCase({ judge: 'kayenta' }, /Input 'judge' must be one of mann-whitney, threshold/),
  'a pass-score above 100': inputCase({ 'pass-score': '150' }, /Input 'pass-score' must be at most 100/),
  'a marginal-score above the pass-score': inputCase(
    { 'pass-score': '80', 'marginal-score': '90' },
    /Input 'marginal-score' \(90\) must not exceed 'pass-score' \(80\)/
  ),
  'an unknown no-data': inputCase({ 'no-data': 'skip' }, /Input 'no-data' must be one of fail, pause, pass/),
  'an interval without a unit': inputCase({ interval: '60' }, /Input 'interval' must be a duration/),
  'an interval of zero': inputCase({ interval: '0s' }, /Input 'interval' must be longer than 0/),
  'an analysis-end that is not a time': inputCase(
    { 'analysis-end': 'yesterday' },
    /Input 'analysis-end' must be an RFC 3339 time/
  ),
  'a record-deployment of yes': inputCase(
    { 'record-deployment': 'yes' },
    /Input 'record-deployment' must be true or false/
  ),

  // Targets.
  'an unknown target': inputCase({ target: 'http' }, /Input 'target' must be one of command, webhook/),
  'a command target without a rollback command': inputCase(
    { 'rollback-command': '' },
    /needs both 'deploy-command' and 'rollback-command'/
  ),
  'a deploy-command list that is not YAML': inputCase(
    { 'deploy-command': '[./target.sh, deploy' },
    /Input 'deploy-command' is not a valid YAML list/
  ),
  'a deploy-command that does not exist': inputCase(
    { 'deploy-command': './deploy.sh' },
    /Input 'deploy-command'.*\.\/deploy\.sh (does not exist|was not found|not found)/
  ),
  'a deploy-command that is not executable': inputCase(
    { 'deploy-command': './deploy.sh' },
    /Input 'deploy-command'.*\.\/deploy\.sh.*(not executable|permission denied)/i,
    { files: { 'deploy.sh': '#!/bin/sh\nexit 0\n' } }
  ),
  'a webhook target without a URL': inputCase(
    { target: 'webhook', 'deploy-command': '', 'rollback-command': '' },
    /The webhook target needs 'webhook-url', an http\(s\) URL/
  ),
  'a webhook URL that is not http': inputCase(
    { target: 'webhook', 'webhook-url': 'ftp://127.0.0.1/hook' },
    /The webhook target needs 'webhook-url', an http\(s\) URL; got 'ftp:\/\/127\.0\.0\.1\/hook'/
  ),
  'a plain-http webhook to another host': inputCase(
    { target: 'webhook', 'webhook-url': 'http://deployer.example.com/hook' },
    /Input 'webhook-url' is plain http to deployer\.example\.com/
  ),
  'an insecure that is not a boolean': inputCase(
    { target: 'webhook', 'webhook-url': 'http://deployer.example.com/hook', insecure: 'maybe' },
    /Input 'insecure' must be true or false/
  ),
  'pass-env naming the runtime token': inputCase(
    { 'pass-env': 'ACTIONS_RUNTIME_TOKEN' },
    /Input 'pass-env' names ACTIONS_RUNTIME_TOKEN/
  ),

  // A missing token, and services that are down.
  'record-deployment with an empty token': {
    ...inputCase({ 'github-token': '' }, /Input 'record-deployment' needs 'github-token'/),
    token: ''
  },
  'an unreachable GitHub': {
    ...inputCase({}, serviceDown('GitHub', GITHUB_DOWN.replace('http://', ''))),
    env: { GITHUB_API_URL: GITHUB_DOWN }
  },
  'an unreachable Prometheus': inputCase(
    { analysis: 'analysis.yml', stages: '50%:1s, 100%', interval: '1s', 'record-deployment': 'false' },
    serviceDown('Prometheus', PROMETHEUS_DOWN),
    {
      files: {
        'analysis.yml': `provider: { prometheus: { url: "${PROMETHEUS_DOWN}", step: 1s } }\nmetrics:\n  - { name: latency, canary: up, baseline: up }\n`
      }
    }
  ),
  'an unreachable webhook': inputCase(
    {
      target: 'webhook',
      'webhook-url': `${WEBHOOK_DOWN}/hooks/deploy`,
      'deploy-command': '',
      'rollback-command': '',
      'record-deployment': 'false'
    },
    serviceDown('webhook', WEBHOOK_DOWN)
  )
}

describe('deploy bad input', () => {
  test('has at least 30 cases', () => expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30))

  test.concurrent.each(Object.entries(CASES))('%s: one clear error, exit 1, no half report', (_, bad) =>
    expectOneClearError(deploy, bad)
  )
})
