import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { locateUserFile, readUserFile } from './user-file.js'

let root: string
let workspace: string
let runnerTemp: string
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mlci-user-file-'))
  workspace = path.join(root, 'workspace')
  runnerTemp = path.join(root, 'runner-temp')
  await mkdir(path.join(workspace, 'configs'), { recursive: true })
  await mkdir(runnerTemp)
  await writeFile(path.join(workspace, 'configs/policy.yml'), 'metrics: {}\n')
  await writeFile(path.join(runnerTemp, 'results.json'), '{}')
  await writeFile(path.join(root, 'secret.txt'), 'token')
  await symlink(path.join(root, 'secret.txt'), path.join(workspace, 'link.yml'))
  await symlink(path.join(workspace, 'configs/policy.yml'), path.join(workspace, 'inside-link.yml'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

const options = () => ({ input: 'policy', workspace, roots: [runnerTemp] })

async function refusal(raw: string, extra = {}): Promise<UserError> {
  const error = await locateUserFile(raw, { ...options(), ...extra }).catch(e => e)
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('a file a user named', () => {
  test('is read relative to the workspace and named as the user sees it', async () => {
    const file = await readUserFile('configs/policy.yml', options())
    expect(file).toEqual({
      path: path.join(workspace, 'configs/policy.yml'),
      name: 'configs/policy.yml',
      text: 'metrics: {}\n'
    })
  })

  test('may lie in another allowed root, or behind a link that stays inside', async () => {
    expect((await locateUserFile(path.join(runnerTemp, 'results.json'), options())).path).toBe(
      path.join(runnerTemp, 'results.json')
    )
    expect((await locateUserFile('inside-link.yml', options())).path).toBe(
      path.join(workspace, 'configs/policy.yml')
    )
  })

  test('a missing file names the input, the path and what to check', async () => {
    const error = await refusal('configs/polcy.yml')
    expect(error.message).toMatch(/^Input 'policy': configs\/polcy\.yml does not exist\. Check the path/)
    expect(error.location).toEqual({ file: 'configs/polcy.yml' })
  })

  test('a directory, an escape through .. or a link, and an oversized file are refused', async () => {
    expect((await refusal('configs')).message).toMatch(/configs is a directory, not a file/)
    expect((await refusal('../secret.txt')).message).toMatch(/secret\.txt lies outside the workspace/)
    expect((await refusal('link.yml')).message).toMatch(
      /link\.yml lies outside the workspace \(it resolves to .*secret\.txt\)/
    )
    expect((await refusal('configs/policy.yml', { maxBytes: 4 })).message).toMatch(
      /is 12 bytes, more than the 4 bytes this input reads/
    )
  })

  test('an input that allows any path skips the containment check only', async () => {
    expect((await locateUserFile('../secret.txt', { ...options(), allowOutside: true })).name).toBe(
      path.join(root, 'secret.txt')
    )
  })

  test('an unreadable file is the user’s to fix, not a crash', async () => {
    if (process.getuid?.() === 0) return // root reads everything
    const file = path.join(workspace, 'locked.yml')
    await writeFile(file, 'x')
    await chmod(file, 0o000)
    expect((await refusal('locked.yml')).message).toMatch(/cannot be read \(permission denied\)/)
  })
})
