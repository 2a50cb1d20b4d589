import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { startMlflowFake, type MlflowFake } from '../../test/fakes/mlflow.js'
import { MlflowClient, MlflowError } from './mlflow-client.js'

let fake: MlflowFake
beforeAll(async () => {
  fake = await startMlflowFake()
})
afterAll(() => fake.stop())

const client = () => new MlflowClient({ baseUrl: fake.url, retryBaseMs: 5, pollIntervalMs: 5 })
const SOURCE = 'oci://ghcr.io/acme/churn/model@sha256:' + 'a'.repeat(64)

test('creates the registered model, a version from the OCI source, waits for READY and sets the alias', async () => {
  fake.pendingReads = 3
  const version = await client().register({
    name: 'churn',
    source: SOURCE,
    runLink: 'https://github.com/acme/churn/actions/runs/1',
    tags: { 'mlci.git.sha': 'abc' },
    alias: 'champion'
  })
  expect(version).toMatchObject({ name: 'churn', version: '1', status: 'READY', source: SOURCE })
  expect(fake.calls.filter(c => c.path.endsWith('model-versions/get'))).toHaveLength(3)
  const stored = fake.models.get('churn')!
  expect(stored.versions[0].tags).toEqual([{ key: 'mlci.git.sha', value: 'abc' }])
  expect(stored.versions[0].run_link).toBe('https://github.com/acme/churn/actions/runs/1')
  expect(stored.aliases.get('champion')).toBe('1')
})

test('an existing registered model (RESOURCE_ALREADY_EXISTS) gets a new version and the alias moves to it', async () => {
  fake.pendingReads = 0
  const version = await client().register({ name: 'churn', source: SOURCE, tags: {}, alias: 'champion' })
  expect(version.version).toBe('2')
  expect(fake.models.get('churn')!.aliases.get('champion')).toBe('2')
})

test('the same content again (same identity tag) reuses its version instead of adding one', async () => {
  const identity = { key: 'mlci.digest', value: 'sha256:' + 'b'.repeat(64) }
  const first = await client().register({
    name: 'same',
    source: SOURCE,
    tags: { [identity.key]: identity.value },
    identity
  })
  await client().register({
    name: 'same',
    source: SOURCE,
    tags: { [identity.key]: 'other' },
    identity: { ...identity, value: 'other' }
  })
  const again = await client().register({
    name: 'same',
    source: SOURCE,
    tags: { [identity.key]: identity.value },
    identity,
    alias: 'champion'
  })
  expect(again.version).toBe(first.version)
  expect(fake.models.get('same')!.versions).toHaveLength(2)
  expect(fake.models.get('same')!.aliases.get('champion')).toBe(first.version)
})

test('a failed registration is reported with MLflow’s reason', async () => {
  fake.pendingReads = 1
  fake.failRegistrationWith = 'source is not reachable'
  try {
    await expect(client().register({ name: 'broken', source: SOURCE, tags: {} })).rejects.toThrow(
      /could not register version 1 of broken: source is not reachable/
    )
  } finally {
    fake.failRegistrationWith = undefined
    fake.pendingReads = 0
  }
})

test('503s are retried; a 400 is not, and its error_code is kept', async () => {
  fake.failNext(503, 2)
  await expect(client().register({ name: 'retried', source: SOURCE, tags: {} })).resolves.toMatchObject({
    version: '1'
  })
  const failure = await client()
    .register({ name: 'retried', source: '', tags: {} })
    .catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(MlflowError)
  expect((failure as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE')
  expect((failure as MlflowError).status).toBe(400)
  expect((failure as MlflowError).service).toMatch(/^MLflow at http:\/\/127\.0\.0\.1:\d+$/)
  expect((failure as Error).message).toMatch(
    /model-versions\/create: INVALID_PARAMETER_VALUE Missing value for required parameter 'source'/
  )
})
