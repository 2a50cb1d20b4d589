import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { readFileRange } from './blob-source.js'

/** sha256 and size of a file, streamed through one reused buffer: a model larger than memory is fine. */
export async function digestFile(file: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256')
  const { size } = await stat(file)
  await readFileRange(file, 0, size, async chunk => {
    hash.update(chunk)
  })
  return { digest: `sha256:${hash.digest('hex')}`, size }
}
