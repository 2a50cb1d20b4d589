import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'

/**
 * Writes a file so that a reader sees the old content or the whole new content, never a part: the content goes
 * to a temporary name in the same folder (the same filesystem), then one rename replaces the target. On failure
 * the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temporary, content)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
