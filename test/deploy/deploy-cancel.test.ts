import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { runAction, startAction, type RunningAction, type RunOptions } from '../harness/run-action.js'
import { deployWorkspace } from './fixtures.js'

/**
 * A cancelled deploy step never leaves a traffic shift running behind the post step's rollback. The runner cancels
 * a step (a cancelled job, `timeout-minutes`, the `cancel:` of a background step) with SIGINT to its node process,
 * SIGTERM 7.5 s later and a kill 2.5 s after that; a step can also die outright (SIGKILL, no handler runs). Either
 * way the deploy command must not finish after the rollback, or the new model keeps its traffic.
 */

/**
 * A deploy or rollback command that takes `$2` seconds to shift traffic: it logs `start` when called and `applied`
 * when the shift has happened, and keeps its pid. `stubborn` as `$3` ignores SIGINT and SIGTERM, as a program
 * busy with its own cleanup might.
 */
const SLOW_TARGET = `[ "$3" = stubborn ] && trap '' INT TERM
log="$(dirname "$0")/target.log"
echo "$$" > "$(dirname "$0")/$1.pid"
printf 'start %s stage=%s traffic=%s\\n' "$1" "$MLCI_STAGE" "$MLCI_TRAFFIC_PERCENT" >> "$log"
echo "shifting $MLCI_TRAFFIC_PERCENT% to $MLCI_MODEL_URI"
sleep "$2"
printf 'applied %s stage=%s traffic=%s\\n' "$1" "$MLCI_STAGE" "$MLCI_TRAFFIC_PERCENT" >> "$log"
`

/** How long the deploy command takes to shift traffic: long enough to cancel it, short enough to outwait. */
const SHIFT_SECONDS = 3

async function slowRollout(
  deploy: string,
  environment = 'production'
): Promise<{ workspace: string; options: RunOptions }> {
  const workspace = await deployWorkspace({ 'slow-target.sh': SLOW_TARGET })
  return {
    workspace,
    options: {
      action: 'deploy',
      workspace,
      inputs: {
        'model-uri': `oci://127.0.0.1/models/churn:v2-${environment}`,
        environment,
        stages: '50%:60s, 100%',
        target: 'command',
        'deploy-command': `sh slow-target.sh deploy ${deploy}`,
        'rollback-command': 'sh slow-target.sh rollback 0',
        'record-deployment': 'false'
      }
    }
  }
}

async function targetLog(workspace: string): Promise<string[]> {
  const text = await readFile(path.join(workspace, 'target.log'), 'utf8').catch(() => '')
  return text.split('\n').filter(line => line !== '')
}

/** Whether the process runs: a zombie (dead, waiting for a parent to collect it) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return true
  }
}

async function pidOf(workspace: string, role: string): Promise<number> {
  return Number((await readFile(path.join(workspace, `${role}.pid`), 'utf8')).trim())
}

/** Cancels a running main step as the runner does, and says how long it took to exit. */
async function cancel(running: RunningAction, signal: NodeJS.Signals) {
  const sent = Date.now()
  running.kill(signal)
  const main = await running.finished
  return { main, exitMs: Date.now() - sent }
}

describe('a cancelled deploy step', () => {
  test('SIGINT (a cancelled job): the deploy command dies with the step, and the post rollback is the last word', async () => {
    const { workspace, options } = await slowRollout(String(SHIFT_SECONDS))
    const running = await startAction(options)
    await running.waitForOutput(/shifting 50%/)
    const deployPid = await pidOf(workspace, 'deploy')
    const { main, exitMs } = await cancel(running, 'SIGINT')
    // Within the runner's 7.5 s before it escalates, and with the deploy command already gone.
    expect(exitMs).toBeLessThan(7_500)
    expect(isRunning(deployPid)).toBe(false)
    expect(JSON.parse(main.state.rollout)).toMatchObject({ phase: 'in-progress' })

    const post = await runAction({ ...options, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    // Outwait the shift the deploy command would have finished.
    await sleep(SHIFT_SECONDS * 1000 + 500)
    expect(await targetLog(workspace)).toEqual([
      'start deploy stage=1 traffic=50',
      'start rollback stage=rollback traffic=0',
      'applied rollback stage=rollback traffic=0'
    ])
  })

  test('a deploy command that ignores SIGTERM is killed before the runner gives up on the step', async () => {
    const { workspace, options } = await slowRollout('30 stubborn')
    const running = await startAction(options)
    await running.waitForOutput(/shifting 50%/)
    const deployPid = await pidOf(workspace, 'deploy')
    const { main, exitMs } = await cancel(running, 'SIGINT')
    expect(exitMs).toBeLessThan(7_500)
    expect(isRunning(deployPid)).toBe(false)
    const post = await runAction({ ...options, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    expect(await targetLog(workspace)).toEqual([
      'start deploy stage=1 traffic=50',
      'start rollback stage=rollback traffic=0',
      'applied rollback stage=rollback traffic=0'
    ])
  })

  test('SIGKILL (no handler runs): the post step ends the orphaned deploy command before it rolls back', async () => {
    const { workspace, options } = await slowRollout(String(SHIFT_SECONDS))
    const running = await startAction(options)
    await running.waitForOutput(/shifting 50%/)
    const deployPid = await pidOf(workspace, 'deploy')
    const { main } = await cancel(running, 'SIGKILL')
    expect(main.exitCode).toBeNull()
    // Nothing ended it: the orphan is still shifting traffic when the post step starts.
    expect(isRunning(deployPid)).toBe(true)

    const post = await runAction({ ...options, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(/still running .*process group \d+.*stopped it before rolling back/)
    expect(isRunning(deployPid)).toBe(false)
    await sleep(SHIFT_SECONDS * 1000 + 500)
    expect(await targetLog(workspace)).toEqual([
      'start deploy stage=1 traffic=50',
      'start rollback stage=rollback traffic=0',
      'applied rollback stage=rollback traffic=0'
    ])
  })

  test('a background step cancelled beside another deploy: only its own programs end, only it rolls back', async () => {
    // Two rollouts run in parallel steps of one job; one is cancelled (SIGINT, as `cancel:` does), the other is
    // killed outright while its post step runs next to the first one's still-shifting deploy command.
    const blue = await slowRollout(String(SHIFT_SECONDS + 1), 'blue')
    const green = await slowRollout(String(SHIFT_SECONDS + 4), 'green')
    const red = await slowRollout(String(SHIFT_SECONDS + 4), 'red')
    const single = { ...blue.options, inputs: { ...blue.options.inputs, stages: '100%' } }
    const [blueRun, greenRun, redRun] = await Promise.all([
      startAction(single),
      startAction(green.options),
      startAction(red.options)
    ])
    await Promise.all([
      blueRun.waitForOutput(/shifting 100%/),
      greenRun.waitForOutput(/shifting 50%/),
      redRun.waitForOutput(/shifting 50%/)
    ])
    const [greenPid, redPid, bluePid] = await Promise.all([
      pidOf(green.workspace, 'deploy'),
      pidOf(red.workspace, 'deploy'),
      pidOf(blue.workspace, 'deploy')
    ])

    const { main: greenMain } = await cancel(greenRun, 'SIGINT')
    expect(isRunning(greenPid)).toBe(false)
    expect(isRunning(redPid)).toBe(true)
    expect(isRunning(bluePid)).toBe(true)
    const { main: redMain } = await cancel(redRun, 'SIGKILL')
    const redPost = await runAction({ ...red.options, entry: 'post', state: redMain.state })
    expect(redPost.exitCode).toBe(0)
    expect(isRunning(redPid)).toBe(false)
    // The uncancelled step's deploy command was never touched: it finishes and the rollout is promoted.
    const blueMain = await blueRun.finished
    expect(blueMain.outputs.result).toBe('promoted')
    const greenPost = await runAction({ ...green.options, entry: 'post', state: greenMain.state })
    expect(greenPost.exitCode).toBe(0)

    await sleep((SHIFT_SECONDS + 4) * 1000 + 500)
    expect(await targetLog(blue.workspace)).toEqual([
      'start deploy stage=1 traffic=100',
      'applied deploy stage=1 traffic=100'
    ])
    for (const cancelled of [green, red])
      expect(await targetLog(cancelled.workspace)).toEqual([
        'start deploy stage=1 traffic=50',
        'start rollback stage=rollback traffic=0',
        'applied rollback stage=rollback traffic=0'
      ])
  })
})
