import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * A fresh workspace holding `files` (relative path → content; folders are made). Under the run's TMPDIR, which
 * the jest global teardown removes.
 */
export async function workspaceWith(files: Record<string, string | Buffer>): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-ws-'))
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
    await writeFile(path.join(workspace, name), content)
  }
  return workspace
}
