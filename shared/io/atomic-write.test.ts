import { describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeFileAtomically } from './atomic-write.js'

describe('writeFileAtomically', () => {
  test('creates the folder, replaces the file whole, and leaves no temporary file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-atomic-'))
    try {
      const file = path.join(dir, 'a/b/report.json')
      await writeFileAtomically(file, 'one')
      await writeFileAtomically(file, 'two')
      expect(await readFile(file, 'utf8')).toBe('two')
      expect(await readdir(path.dirname(file))).toEqual(['report.json'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('a target that cannot be replaced fails and leaves nothing behind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-atomic-'))
    try {
      await mkdir(path.join(dir, 'report.json'))
      await expect(writeFileAtomically(path.join(dir, 'report.json'), 'x')).rejects.toThrow()
      expect(await readdir(dir)).toEqual(['report.json'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
