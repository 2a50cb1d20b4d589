/**
 * ACTIONS_RUNTIME_TOKEN as the runner hands it to a step: a JWT whose `scp` claim names the results
 * backend ids (`Actions.Results:<runBackendId>:<jobBackendId>`). @actions/artifact decodes it without
 * checking the signature, so an unsigned token is faithful enough for the fake service.
 */
export function makeRuntimeToken(runBackendId = 'run-backend-1', jobBackendId = 'job-backend-1'): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const claims = {
    scp: `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}`,
    iss: 'mlci-test'
  }
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.unsigned`
}
