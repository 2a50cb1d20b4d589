import { open, rm, stat } from 'node:fs/promises'

/** A lock this old was left by a process that died holding it: what it guards takes milliseconds. */
const STALE_MS = 30_000
const WAIT_MS = 60_000

/**
 * Runs `work` while holding `<file>.lock`, created exclusively (O_EXCL), so that read-modify-write cycles of one
 * file by several processes (parallel jobs writing one OCI layout) happen one at a time. A lock older than 30 s
 * is taken to be a crashed holder's and removed; waiting longer than a minute is an error naming the lock.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    try {
      const handle = await open(lock, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now())
    if (age > STALE_MS) await rm(lock, { force: true })
    else if (Date.now() > deadline)
      throw new Error(
        `${lock} has been held for more than ${WAIT_MS / 1000} s; remove it if no job is writing ${file}`
      )
    else await new Promise(resolve => setTimeout(resolve, 5 + Math.random() * 20))
  }
  try {
    return await work()
  } finally {
    await rm(lock, { force: true })
  }
}
