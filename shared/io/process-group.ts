import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * A process group a program was started in: its leader's pid (which is the group's id) and, on Linux, when the
 * leader started, so that a later process that happens to get the same pid is never taken for it. What a step
 * saves so that another process (deploy's post step) can end the programs it left running.
 */
export interface ProcessGroup {
  pid: number
  /** Field 22 of /proc/<pid>/stat, clock ticks after boot; absent where there is no /proc. */
  startTicks?: string
}

/** The group of a program just started (its pid leads a group of its own: spawned `detached`). */
export function processGroupOf(pid: number): ProcessGroup {
  const stat = readStat(pid)
  return stat ? { pid, startTicks: stat.startTicks } : { pid }
}

/** Sends `signal` to every process of the group; false when there is none (or none we may signal). */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // A negative pid signals the whole group the detached child leads.
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

/**
 * Whether the group still has a live process of ours. Linux never hands out a pid that is still some group's id,
 * so while any member lives, the number is ours; once the leader is gone, a leader with the same pid but another
 * start time is a stranger and our group is over. A zombie (dead, its parent gone) runs nothing and does not count.
 */
export function isProcessGroupRunning(group: ProcessGroup): boolean {
  if (process.platform === 'win32') return false
  const leader = readStat(group.pid)
  if (leader && group.startTicks !== undefined && leader.startTicks !== group.startTicks) return false
  const members = liveMembers(group.pid)
  if (members !== undefined) return members > 0
  return signalProcessGroup(group.pid, 0)
}

export type StopOutcome = 'not-running' | 'ended' | 'killed'

/**
 * Ends the group: SIGTERM, then SIGKILL if any process is left after `graceMs`, then waits (a bounded while) until
 * none is. After SIGKILL a process runs no more code of its own even if the kernel takes a moment to remove it.
 */
export async function stopProcessGroup(group: ProcessGroup, graceMs: number): Promise<StopOutcome> {
  if (!isProcessGroupRunning(group)) return 'not-running'
  signalProcessGroup(group.pid, 'SIGTERM')
  if (await waitUntilGone(group, graceMs)) return 'ended'
  if (!isProcessGroupRunning(group)) return 'ended'
  signalProcessGroup(group.pid, 'SIGKILL')
  await waitUntilGone(group, KILL_WAIT_MS)
  return 'killed'
}

/** Sends SIGKILL to the group at once, if it is still ours. */
export function killProcessGroup(group: ProcessGroup): void {
  if (isProcessGroupRunning(group)) signalProcessGroup(group.pid, 'SIGKILL')
}

const POLL_MS = 50
const KILL_WAIT_MS = 2_000

async function waitUntilGone(group: ProcessGroup, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (!isProcessGroupRunning(group)) return true
    await sleep(POLL_MS)
  }
  return !isProcessGroupRunning(group)
}

interface Stat {
  state: string
  pgrp: number
  startTicks: string
}

/** /proc/<pid>/stat, read after the last ')': the command name before it may hold spaces and parentheses. */
function readStat(pid: number | string): Stat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // Fields from 3 (state) on; starttime is field 22.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0], pgrp: Number(fields[2]), startTicks: fields[19] }
}

/** How many processes of the group are alive (not zombies); undefined without /proc. */
function liveMembers(pgid: number): number | undefined {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return undefined
  }
  let count = 0
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readStat(entry)
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') count++
  }
  return count
}
