import {
  isProcessGroupRunning,
  stopProcessGroup,
  type ProcessGroup,
  type StopOutcome
} from '../io/process-group.js'
import { killRunningPrograms, stopRunningPrograms } from '../io/run-program.js'
import * as log from './log.js'

/**
 * How a step's programs end with the step. The runner cancels a step (a cancelled job, `timeout-minutes`, the
 * `cancel:` of a background step) with SIGINT to its node process, SIGTERM 7.5 s later, and kills the process tree
 * 2.5 s after that (docs.github.com, "Workflow cancellation reference"). Programs run in process groups of their own
 * (io/run-program.ts), so none of that reaches them: the step forwards it.
 */

/** Well inside the runner's 7.5 s between SIGINT and SIGTERM. */
const CANCEL_GRACE_MS = 5_000
/** The post step waits as long for what a killed main step left running. */
const ORPHAN_GRACE_MS = 5_000

let installed = false

/**
 * On SIGINT or SIGTERM: SIGTERM to every running program's group, SIGKILL to what is left after 5 s, then exit
 * (130 or 143, as a shell reports a signal). A second signal kills them at once. Without programs the step exits
 * at once, as node would have.
 */
export function stopProgramsOnCancel(): void {
  if (installed) return
  installed = true
  let cancelling = false
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    const exitCode = signal === 'SIGINT' ? 130 : 143
    if (cancelling) {
      killRunningPrograms()
      process.exit(exitCode)
    }
    cancelling = true
    void stopRunningPrograms(CANCEL_GRACE_MS).then(async groups => {
      if (groups.length > 0) {
        log.info`The step was cancelled (${signal}): ended ${describeGroups(groups)} it had started.`
      }
      process.exit(exitCode)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}

/**
 * In the post step: ends the groups the main step recorded that are still running, each only if it is still the
 * same process (never a stranger that got the pid since), and says which it ended.
 */
export async function stopOrphanedPrograms(
  groups: readonly ProcessGroup[]
): Promise<Array<{ group: ProcessGroup; outcome: StopOutcome }>> {
  const alive = groups.filter(isProcessGroupRunning)
  return Promise.all(
    alive.map(async group => ({ group, outcome: await stopProcessGroup(group, ORPHAN_GRACE_MS) }))
  )
}

function describeGroups(groups: readonly ProcessGroup[]): string {
  const ids = groups.map(group => group.pid).join(', ')
  return groups.length === 1
    ? `the program (process group ${ids})`
    : `${groups.length} programs (process groups ${ids})`
}
