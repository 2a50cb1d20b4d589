import { describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import {
  isProcessGroupRunning,
  processGroupOf,
  signalProcessGroup,
  stopProcessGroup
} from './process-group.js'

/** A detached node (its own process group) that starts a grandchild in the same group; both wait a minute. */
function startGroup(options: { stubborn?: boolean } = {}) {
  const ignore = options.stubborn ? "process.on('SIGTERM', () => {});" : ''
  const child = spawn(
    process.execPath,
    [
      '-e',
      `${ignore} require('child_process').spawn(process.execPath, ['-e', "${ignore} setTimeout(() => {}, 60000)"], { stdio: 'ignore' }); setTimeout(() => {}, 60000)`
    ],
    { detached: true, stdio: 'ignore' }
  )
  return processGroupOf(child.pid!)
}

const describeUnix = process.platform === 'win32' ? describe.skip : describe

describeUnix('process groups', () => {
  test('SIGTERM ends a group, the grandchild included', async () => {
    const group = startGroup()
    expect(isProcessGroupRunning(group)).toBe(true)
    expect(await stopProcessGroup(group, 5_000)).toBe('ended')
    expect(isProcessGroupRunning(group)).toBe(false)
    expect(await stopProcessGroup(group, 5_000)).toBe('not-running')
  })

  test('a group that ignores SIGTERM is killed after the grace', async () => {
    const group = startGroup({ stubborn: true })
    // Give node time to install its handler, or the SIGTERM kills it before it can ignore it.
    await new Promise(resolve => setTimeout(resolve, 300))
    const started = Date.now()
    expect(await stopProcessGroup(group, 500)).toBe('killed')
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    expect(isProcessGroupRunning(group)).toBe(false)
  })

  test('a leader with the same pid but another start time is a stranger: never signalled', async () => {
    const group = startGroup()
    if (group.startTicks === undefined) return signalProcessGroup(group.pid, 'SIGKILL') // no /proc here
    try {
      const stranger = { pid: group.pid, startTicks: String(Number(group.startTicks) - 1) }
      expect(isProcessGroupRunning(stranger)).toBe(false)
      expect(await stopProcessGroup(stranger, 100)).toBe('not-running')
      expect(isProcessGroupRunning(group)).toBe(true)
    } finally {
      await stopProcessGroup(group, 1_000)
    }
  })
})
