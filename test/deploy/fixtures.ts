import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/**
 * A workspace with a command target that logs every call (its arguments and the MLCI_* variables it got)
 * to a file the test reads back. The target is a POSIX sh script, run by the action without a shell.
 */
export const TARGET_SCRIPT = `#!/bin/sh
printf '%s stage=%s traffic=%s model=%s environment=%s previous=%s\\n' "$1" "$MLCI_STAGE" "$MLCI_TRAFFIC_PERCENT" \\
  "$MLCI_MODEL_URI" "$MLCI_ENVIRONMENT" "$MLCI_PREVIOUS_MODEL_URI" >> "$(dirname "$0")/target.log"
`

export async function deployWorkspace(files: Record<string, string> = {}): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-deploy-'))
  await writeFile(path.join(workspace, 'target.sh'), TARGET_SCRIPT)
  await chmod(path.join(workspace, 'target.sh'), 0o755)
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
    await writeFile(path.join(workspace, name), content)
  }
  return workspace
}

export const COMMAND_TARGET = {
  target: 'command',
  'deploy-command': './target.sh deploy',
  'rollback-command': './target.sh rollback'
}

export async function targetLog(workspace: string): Promise<string[]> {
  try {
    return (await readFile(path.join(workspace, 'target.log'), 'utf8')).trim().split('\n')
  } catch {
    return []
  }
}
