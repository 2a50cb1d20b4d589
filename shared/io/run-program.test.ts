import { describe, expect, test } from '@jest/globals'
import { tmpdir } from 'node:os'
import { describeExit, ProgramNotStarted, runProgram, watchRunningPrograms } from './run-program.js'

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' }

describe('runProgram', () => {
  test('passes arguments without a shell and only the environment it is given', async () => {
    process.env.MLCI_TEST_SECRET = 'do-not-leak'
    try {
      const result = await runProgram(
        process.execPath,
        [
          '-e',
          'console.log(JSON.stringify([process.argv[1], process.env.MLCI_TEST_SECRET ?? null, process.env.ONLY]))',
          '$(id); echo $HOME'
        ],
        { cwd: tmpdir(), env: { ...env, ONLY: 'given' } }
      )
      expect(result.exitCode).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual(['$(id); echo $HOME', null, 'given'])
    } finally {
      delete process.env.MLCI_TEST_SECRET
    }
  })

  test('streams lines as they come and reports how the program ended', async () => {
    const lines: string[] = []
    const result = await runProgram(
      process.execPath,
      ['-e', 'console.log("one"); console.error("two"); process.stdout.write("three"); process.exit(3)'],
      { cwd: tmpdir(), env, onLine: (line, stream) => lines.push(`${stream}:${line}`) }
    )
    expect(lines.sort()).toEqual(['stderr:two', 'stdout:one', 'stdout:three'])
    expect(describeExit(result)).toBe('exited with code 3')
  })

  test('a timeout stops the program and what it started', async () => {
    const started = Date.now()
    const result = await runProgram(
      process.execPath,
      [
        '-e',
        // The grandchild would outlive a plain kill of its parent: the process group takes both.
        `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); setTimeout(() => {}, 60000)`
      ],
      { cwd: tmpdir(), env, timeoutMs: 300 }
    )
    expect(result.timedOut).toBe(true)
    expect(describeExit(result, 300)).toBe('did not finish within 300 ms and was stopped')
    // 'close' waits for every holder of the output pipes, the grandchild included.
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  test('the running programs are reported as they start and end, each with its process group', async () => {
    const seen: number[][] = []
    const unwatch = watchRunningPrograms(groups => seen.push(groups.map(group => group.pid)))
    try {
      const running = runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 200)'], {
        cwd: tmpdir(),
        env
      })
      await running
    } finally {
      unwatch()
    }
    expect(seen).toEqual([[], [expect.any(Number)], []])
  })

  test('a program that does not exist is ProgramNotStarted', async () => {
    await expect(runProgram('./no-such-program', [], { cwd: tmpdir(), env })).rejects.toThrow(
      ProgramNotStarted
    )
  })
})
