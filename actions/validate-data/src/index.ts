import { isMainThread, workerData } from 'node:worker_threads'

// The same bundle is the action and, in a worker thread, the validation engine (see validation-worker.ts).
// Each side is a chunk loaded on demand, so the worker never compiles @actions/* or Octokit.
if (
  !isMainThread &&
  (workerData as { mlciValidationJob?: unknown } | null)?.mlciValidationJob !== undefined
) {
  const { serveValidationJob } = await import('./validation-worker.js')
  await serveValidationJob()
} else {
  const [{ errorBoundary }, { run }] = await Promise.all([
    import('../../../shared/runner/run-action.js'),
    import('./main.js')
  ])
  // The worker is this file again: its URL is known here, not in the chunk that starts the worker.
  const entry = new URL(import.meta.url)
  await errorBoundary(() => run(entry))
}
