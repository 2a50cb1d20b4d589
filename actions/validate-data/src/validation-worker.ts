import { parentPort, Worker, workerData } from 'node:worker_threads'
import { isUserError, UserError } from '../../../shared/errors/user-error.js'
import {
  validateFiles,
  type ValidationJob,
  type ValidationOutcome
} from '../../../shared/validation/validate-files.js'
import * as log from '../../../shared/runner/log.js'

/**
 * Validation runs in a worker thread with a small young generation: V8's default lets it grow to tens of
 * MB before collecting the strings made for text cells and examples, while 8 MB keeps memory flat at no
 * measurable cost in speed. The worker is this same bundle, started again with the job as workerData
 * (index.ts tells the two apart).
 */
const YOUNG_GENERATION_MB = 8

/** Long reads report the rows read so far to the log, this often. */
const PROGRESS_EVERY_MS = 5000

interface Reply {
  progress?: { rows: number; file: string }
  outcome?: ValidationOutcome
  error?: { message: string; stack?: string; user: boolean; location?: UserError['location'] }
}

export async function serveValidationJob(): Promise<void> {
  const job = (workerData as { mlciValidationJob: ValidationJob }).mlciValidationJob
  let reply: Reply
  try {
    let next = performance.now() + PROGRESS_EVERY_MS
    const progress = (rows: number, file: string) => {
      if (performance.now() < next) return
      next = performance.now() + PROGRESS_EVERY_MS
      parentPort!.postMessage({ progress: { rows, file } } satisfies Reply)
    }
    reply = { outcome: await validateFiles(job, progress) }
  } catch (error) {
    const e = error as Error
    reply = {
      error: {
        message: e.message,
        stack: e.stack,
        user: isUserError(error),
        location: isUserError(error) ? error.location : undefined
      }
    }
  }
  // Kept values move to the main thread rather than being copied: the worker ends right after.
  const buffers = new Set(Object.values(reply.outcome?.values ?? {}).map(v => v.buffer as ArrayBuffer))
  parentPort!.postMessage(reply, [...buffers])
}

export function runValidationJob(job: ValidationJob, entry: URL): Promise<ValidationOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: { mlciValidationJob: job },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
    })
    // The answer is acted on once the worker has exited and its heap is gone: the report and
    // @actions/core that come next must not add to the validation's memory at its peak.
    let reply: Reply | undefined
    let crash: Error | undefined
    const started = performance.now()
    worker.on('message', (message: Reply) => {
      if (!message.progress) reply = message
      else {
        const { rows, file } = message.progress
        const seconds = ((performance.now() - started) / 1000).toFixed(0)
        log.info`… ${rows.toLocaleString('en')} rows read (${file}, ${seconds} s)`
      }
    })
    worker.once('error', error => (crash = error))
    worker.once('exit', code => {
      if (crash) reject(crash)
      else if (reply?.outcome) resolve(reply.outcome)
      else if (reply?.error?.user) reject(new UserError(reply.error.message, reply.error.location))
      else if (reply?.error)
        reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }))
      else reject(new Error(`the validation worker exited with code ${code} before answering`))
    })
  })
}
