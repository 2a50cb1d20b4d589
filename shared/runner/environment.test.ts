import { describe, expect, test } from '@jest/globals'
import { UserError } from '../errors/user-error.js'
import { checkPassedNames, programEnvironment } from './environment.js'

const STEP = {
  PATH: '/usr/bin',
  HOME: '/home/runner',
  'INPUT_GITHUB-TOKEN': 'ghs_x',
  ACTIONS_RUNTIME_TOKEN: 'runtime',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
  GITHUB_STATE: '/runner/state',
  GITHUB_SHA: 'abc',
  STATE_rollout: '{}',
  AWS_REGION: 'eu-west-1',
  MLCI_CLUSTER: 'blue',
  OTHER: 'kept back'
}

describe('programEnvironment', () => {
  test('the base, MLCI_* and the named variables; a prefix never reaches the step credentials', () => {
    expect(programEnvironment({ pass: ['AWS_*', 'A*', 'G*', 'S*', 'I*'] }, STEP)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_SHA: 'abc',
      AWS_REGION: 'eu-west-1',
      MLCI_CLUSTER: 'blue'
    })
    expect(programEnvironment({}, STEP)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      MLCI_CLUSTER: 'blue'
    })
  })
})

describe('checkPassedNames', () => {
  test.each([
    'ACTIONS_RUNTIME_TOKEN',
    'actions_id_token_request_token',
    'INPUT_WEBHOOK-SECRET',
    'ACTIONS*',
    'INPUT_*',
    'GITHUB_STATE',
    'STATE_rollout',
    '*',
    'two words',
    '$(id)'
  ])('%s is refused', entry => expect(() => checkPassedNames([entry], 'pass-env')).toThrow(UserError))
  test('names and prefixes are kept', () => {
    expect(checkPassedNames(['KUBECONFIG', 'AWS_*', 'GITHUB_*'], 'pass-env')).toEqual([
      'KUBECONFIG',
      'AWS_*',
      'GITHUB_*'
    ])
  })
})
