import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { findExecutable } from './find-executable.js'

let root: string
let bin: string
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mlci-find-executable-'))
  bin = path.join(root, 'bin')
  await mkdir(bin)
  await mkdir(path.join(root, 'scripts'))
  await writeFile(path.join(root, 'deploy.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  await writeFile(path.join(root, 'plain.py'), 'print(1)\n', { mode: 0o644 })
  await writeFile(path.join(bin, 'tool'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  await writeFile(path.join(bin, 'data'), 'not a program\n', { mode: 0o644 })
})
afterAll(() => rm(root, { recursive: true, force: true }))

const search = () => ({ cwd: root, cwdName: 'the workspace', searchPath: bin })

describe('findExecutable', () => {
  test('a path is taken from the working directory and must be an executable file', async () => {
    expect(await findExecutable('./deploy.sh', search())).toEqual({ found: path.join(root, 'deploy.sh') })
    expect(await findExecutable(path.join(root, 'deploy.sh'), search())).toEqual({
      found: path.join(root, 'deploy.sh')
    })
    expect(await findExecutable('./missing.sh', search())).toEqual({
      problem: expect.stringMatching(/^\.\/missing\.sh does not exist in the workspace/)
    })
    expect(await findExecutable('./scripts', search())).toEqual({
      problem: './scripts is a directory, not a program.'
    })
  })

  // Tests may run as root, which passes access(X_OK) on some systems: the mode bits decide.
  test('a file without any x bit is not executable, with the fix in the message', async () => {
    const lookup = await findExecutable('./plain.py', search())
    expect(lookup).toEqual({ problem: expect.stringMatching(/^\.\/plain\.py is not executable: chmod \+x/) })
    expect((lookup as { problem: string }).problem).toContain('[python3, ./plain.py]')
  })

  test('a bare name is looked for on the PATH it will run with', async () => {
    expect(await findExecutable('tool', search())).toEqual({ found: path.join(bin, 'tool') })
    expect(await findExecutable('data', search())).toEqual({
      problem: expect.stringMatching(/^data was not found on PATH/)
    })
    expect(await findExecutable('tool', { ...search(), searchPath: undefined })).toEqual({
      problem: expect.stringMatching(/^tool was not found on PATH/)
    })
    expect(await findExecutable('node', { cwd: root, searchPath: process.env.PATH })).toHaveProperty('found')
  })
})
