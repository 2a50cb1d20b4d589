import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as path from 'node:path'
import { startRegistry, type RunningRegistry } from '../servers/registry.js'
import { describeIfBinaries } from '../servers/test-if-binaries.js'
import {
  anyObject,
  closedPort,
  DIRECTORY,
  expectOneClearError,
  serviceDown,
  OUTSIDE,
  symlinkTo,
  type ActionUnderTest,
  type BadCase
} from './corpus.js'

/**
 * publish's bad input: a model or results path that is wrong, empty or of the wrong kind, destinations and
 * tags that cannot be, an OCI layout folder that is not one, credentials that are half given, and registries
 * that are down or refuse. Every case names its destination: the default (ghcr.io) is never contacted.
 */
const REGISTRY_DOWN = `127.0.0.1:${await closedPort()}`
const MLFLOW_DOWN = `127.0.0.1:${await closedPort()}`

const publish: ActionUnderTest = {
  action: 'publish',
  defaults: () => ({ env: { SOURCE_DATE_EPOCH: '1763980000' } }),
  // An OCI layout is written file by file: each of its JSON files is absent or whole.
  writes: (inputs, { workspace }) =>
    (inputs.destination ?? '')
      .split('\n')
      .filter(line => line.startsWith('oci-layout://'))
      .flatMap(line => {
        const root = path.resolve(workspace, line.slice('oci-layout://'.length))
        return [
          {
            path: path.join(root, 'oci-layout'),
            problems: (json: unknown) =>
              (json as { imageLayoutVersion?: string })?.imageLayoutVersion ? [] : ['no imageLayoutVersion']
          },
          { path: path.join(root, 'index.json'), problems: anyObject }
        ]
      })
}

const MODEL = { 'model/weights.safetensors': 'weights', 'model/config.json': '{"layers": 4}\n' }
const RESULTS = '{"test": {"accuracy": 0.912}}\n'
const LAYOUT = 'oci-layout://build/layout'

/** A model folder published to an OCI layout, one input wrong. */
const inputCase = (inputs: Record<string, string>, message: RegExp, files = {}): BadCase => ({
  files: { ...MODEL, 'results.json': RESULTS, ...files },
  inputs: { model: 'model', destination: LAYOUT, tags: 'v1', ...inputs },
  message
})
/** A results file with a mistake. */
const resultsCase = (name: string, text: string, message: RegExp, line?: number): BadCase => ({
  files: { ...MODEL, [name]: text },
  inputs: { model: 'model', destination: LAYOUT, tags: 'v1', results: name },
  message,
  file: name,
  line
})

const CASES: Record<string, BadCase> = {
  // The model.
  'a model folder that does not exist': inputCase(
    { model: 'models/churn' },
    /Input 'model'.*models\/churn.*(does not exist|matched no file)/
  ),
  'a model glob that matches nothing': inputCase(
    { model: 'model/*.onnx' },
    /Input 'model'.*'model\/\*\.onnx' matched no file/
  ),
  'an empty model folder': {
    files: { model: DIRECTORY },
    inputs: { model: 'model', destination: LAYOUT, tags: 'v1' },
    message: /Input 'model'.*model.*(matched no file|is an empty directory|holds no file)/
  },
  'an empty model file': {
    files: { 'model.onnx': '' },
    inputs: { model: 'model.onnx', destination: LAYOUT, tags: 'v1' },
    message: /model\.onnx is empty/,
    file: 'model.onnx'
  },

  'a model folder with a link to a file outside the workspace': inputCase(
    {},
    /Input 'model'.*model\/credentials\.json.*outside the workspace/,
    { 'model/credentials.json': symlinkTo('/etc/passwd') }
  ),

  // The results file.
  'a results file that does not exist': inputCase(
    { results: 'eval/results.json' },
    /Input 'results'.*eval\/results\.json does not exist/
  ),
  'results that are a folder': inputCase({ results: 'eval' }, /Input 'results'.*eval is a directory/, {
    'eval/.keep': ''
  }),
  'an empty results file': resultsCase('results.json', '', /results\.json is empty/),
  'results that are not valid JSON': resultsCase(
    'results.json',
    '{"test": {"accuracy": 0.912,}}',
    /results\.json:1:\d+: not valid JSON/,
    1
  ),
  'results YAML with a syntax error': resultsCase(
    'results.yaml',
    'test:\n  accuracy: [0.912\n',
    /results\.yaml:\d+: not valid YAML/
  ),
  'results without a number': resultsCase(
    'results.json',
    '{"model": "churn", "accuracy": "high"}',
    /Input 'results'.*results\.json holds no numeric metric/
  ),
  'results linked to a file outside the workspace': inputCase(
    { results: 'results.json' },
    /Input 'results'.*results\.json.*outside the workspace/,
    { 'results.json': symlinkTo('/proc/self/environ') }
  ),
  'a model that is itself a link to a folder outside the workspace': {
    files: { model: symlinkTo(OUTSIDE) },
    inputs: { model: 'model', destination: LAYOUT, tags: 'v1' },
    message: /Input 'model'.*model\/.*outside the workspace/
  },
  'a model folder with a link to a folder outside the workspace': inputCase(
    {},
    /Input 'model'.*model\/extra\/.*outside the workspace/,
    { 'model/extra': symlinkTo(OUTSIDE) }
  ),
  'a model glob matching a link to /proc/self/environ': inputCase(
    { model: 'model/*' },
    /Input 'model'.*model\/environ.*outside the workspace/,
    { 'model/environ': symlinkTo('/proc/self/environ') }
  ),
  'an attach glob matching a link to a file outside the workspace': inputCase(
    { attach: 'docs/*.md' },
    /Input 'attach'.*docs\/card\.md.*outside the workspace/,
    { 'docs/card.md': symlinkTo(`${OUTSIDE}/secret.json`) }
  ),
  'an attach glob that matches nothing': inputCase(
    { attach: 'docs/*.md' },
    /Input 'attach'.*'docs\/\*\.md' matched no file/
  ),

  // Destinations.
  'a destination with an unknown scheme': inputCase(
    { destination: 'ftp://registry.example.com/acme/churn' },
    /Input 'destination' must be oci:\/\/HOST\/REPOSITORY/
  ),
  'a destination with one slash': inputCase(
    { destination: 'oci:/ghcr.io/acme/churn' },
    /Input 'destination' must be oci:\/\/HOST\/REPOSITORY/
  ),
  'a repository name in capitals': inputCase(
    { destination: 'oci://ghcr.io/Acme/Churn' },
    /'Acme\/Churn' in oci:\/\/ghcr\.io\/Acme\/Churn is not a valid repository name/
  ),
  'an oci-layout destination without a path': inputCase(
    { destination: 'oci-layout://' },
    /Input 'destination': oci-layout:\/\/ needs a path/
  ),
  'two OCI destinations': inputCase(
    { destination: `${LAYOUT}\noci-layout://build/other` },
    /one oci:\/\/ or oci-layout:\/\/ destination per step/
  ),
  'an MLflow destination alone': inputCase(
    { destination: `mlflow://${MLFLOW_DOWN}/churn` },
    /add an oci:\/\/ or oci-layout:\/\/ destination/
  ),
  'an MLflow destination without a model name': inputCase(
    { destination: `${LAYOUT}\nmlflow://${MLFLOW_DOWN}` },
    /needs a registered model name: mlflow:\/\/HOST\/NAME/
  ),
  'plain HTTP to a remote registry': inputCase(
    { destination: 'oci://ghcr.io/acme/churn', insecure: 'true' },
    /Input 'insecure' allows plain HTTP only to a loopback host/
  ),
  'an insecure of yes': inputCase({ insecure: 'yes' }, /Input 'insecure' must be true or false/),
  'an OCI layout folder of another version': inputCase(
    {},
    /Input 'destination'.*build\/layout.*not an OCI image layout 1\.0\.0/,
    { 'build/layout/oci-layout': '{"imageLayoutVersion": "2.0.0"}' }
  ),
  'an OCI layout folder whose oci-layout is not JSON': {
    ...inputCase({}, /build\/layout\/oci-layout.*not (valid )?JSON/, {
      'build/layout/oci-layout': '{"imageLayoutVersion": '
    }),
    file: 'build/layout/oci-layout'
  },
  'an OCI layout folder whose index is not JSON': {
    ...inputCase({}, /build\/layout\/index\.json.*not (valid )?JSON/, {
      'build/layout/oci-layout': '{"imageLayoutVersion": "1.0.0"}',
      'build/layout/index.json': '{"schemaVersion": 2, "manifests": ['
    }),
    file: 'build/layout/index.json'
  },
  'an OCI layout path that is a file': inputCase(
    { destination: 'oci-layout://build/layout' },
    /Input 'destination'.*build\/layout is (a file|not a folder|not a directory)/,
    { 'build/layout': 'not a folder' }
  ),

  // Tags, annotations, credentials.
  'a tag with a space': inputCase(
    { tags: 'v1, release candidate' },
    /'release candidate' is not a usable tag/
  ),
  'an alias that names referrers': inputCase({ alias: 'sha256-abc' }, /'sha256-abc' is not a usable tag/),
  'an annotation without =': inputCase(
    { annotations: 'dev.mlci.dataset=train-v3\ndev.mlci.owner' },
    /Input 'annotations', line 2: expected key=value/
  ),
  'a username without a password': inputCase(
    { username: 'octocat' },
    /Input 'username' is set but 'password' is not/
  ),

  // Services that are down.
  'an unreachable registry': inputCase(
    { destination: `oci://${REGISTRY_DOWN}/acme/churn`, insecure: 'true' },
    serviceDown('registry', REGISTRY_DOWN)
  ),
  'an unreachable MLflow': inputCase(
    { destination: `${LAYOUT}\nmlflow://${MLFLOW_DOWN}/churn`, insecure: 'true' },
    serviceDown('MLflow', MLFLOW_DOWN)
  )
}

describe('publish bad input', () => {
  test('has at least 30 cases', () => expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30))

  test('no case can reach a registry off this machine', () => {
    for (const bad of Object.values(CASES)) {
      expect(bad.inputs.destination).toBeDefined()
      // ghcr.io appears only in cases refused before any request is made.
      if (/ghcr\.io/.test(bad.inputs.destination))
        expect(bad.message.source).toMatch(/valid repository|insecure|must be oci/)
    }
  })

  test.concurrent.each(Object.entries(CASES))('%s: one clear error, exit 1, no half layout', (_, bad) =>
    expectOneClearError(publish, bad)
  )
})

const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry' })

describeRegistry('publish bad input against a registry that wants a password', () => {
  let registry: RunningRegistry
  beforeAll(async () => {
    registry = await startRegistry({ auth: true })
  })
  afterAll(async () => registry?.stop())

  const cases = (): Record<string, BadCase> => ({
    'no password for a registry that wants one': inputCase(
      { destination: `oci://${registry.host}/acme/private`, insecure: 'true' },
      /(HTTP 401|requires credentials).*(username|password)/
    ),
    'a wrong password': inputCase(
      {
        destination: `oci://${registry.host}/acme/private`,
        insecure: 'true',
        username: registry.credentials!.username,
        password: 'not-the-password'
      },
      /HTTP 401.*Check the username and password/
    )
  })

  test.concurrent.each(['no password for a registry that wants one', 'a wrong password'])(
    '%s: one clear error, exit 1',
    name => expectOneClearError(publish, cases()[name])
  )
})
