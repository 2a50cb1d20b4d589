import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import * as path from 'node:path'

export interface ExecutableSearch {
  /** The folder a relative path is taken from: the `cwd` the program will be started in. */
  cwd: string
  /** How messages name `cwd` ("the workspace"). */
  cwdName?: string
  /** The PATH the program will be started with (its environment's, not necessarily ours). */
  searchPath: string | undefined
  platform?: NodeJS.Platform
}

/** Where the program was found, or a sentence about `executable` saying why it cannot run and what to do. */
export type ExecutableLookup = { found: string } | { problem: string }

/**
 * Checks, before anything depends on it, that runProgram could start `executable` as the spawn will look for it:
 * a path (one with a `/`) is taken from `cwd` and must be an executable file; a bare name must be an executable
 * file in one of the PATH folders. Otherwise the spawn would fail later with a bare ENOENT or EACCES.
 */
export async function findExecutable(
  executable: string,
  search: ExecutableSearch
): Promise<ExecutableLookup> {
  const platform = search.platform ?? process.platform
  const where = search.cwdName ?? 'the working directory'
  const isPath = executable.includes('/') || (platform === 'win32' && executable.includes('\\'))
  if (isPath) {
    const file = path.resolve(search.cwd, executable)
    const kind = await fileKind(file, platform)
    if (kind === 'executable') return { found: file }
    if (kind === 'missing') {
      const inside = path.isAbsolute(executable) ? '' : ` in ${where}`
      return { problem: `${executable} does not exist${inside}: check the path and its case.` }
    }
    if (kind === 'directory') return { problem: `${executable} is a directory, not a program.` }
    return {
      problem:
        `${executable} is not executable: chmod +x it (git update-index --chmod=+x ${executable} commits the mode) ` +
        `or run it through its interpreter, e.g. [${interpreterFor(executable)}, ${executable}].`
    }
  }
  // libuv tries the name as given and then these two on Windows; it never runs .bat or .cmd without a shell.
  const names = platform === 'win32' && path.extname(executable) === '' ? ['.com', '.exe'] : ['']
  const separator = platform === 'win32' ? ';' : ':'
  for (const folder of (search.searchPath ?? '').split(separator)) {
    if (folder === '') continue
    for (const extension of names) {
      const file = path.resolve(search.cwd, folder, executable + extension)
      if ((await fileKind(file, platform)) === 'executable') return { found: file }
    }
  }
  return {
    problem: `${executable} was not found on PATH: install it in an earlier step, or give its path (e.g. ./${executable}).`
  }
}

async function fileKind(
  file: string,
  platform: NodeJS.Platform
): Promise<'missing' | 'directory' | 'not-executable' | 'executable'> {
  const stats = await stat(file).catch(() => undefined)
  if (!stats) return 'missing'
  if (stats.isDirectory()) return 'directory'
  if (!stats.isFile()) return 'not-executable'
  if (platform === 'win32') return 'executable'
  // Root passes access(X_OK) on some systems even with no x bit, yet exec still refuses: check the bits too.
  if ((stats.mode & 0o111) === 0) return 'not-executable'
  return access(file, constants.X_OK).then(
    () => 'executable',
    () => 'not-executable'
  )
}

const INTERPRETERS: Record<string, string> = {
  '.sh': 'sh',
  '.bash': 'bash',
  '.py': 'python3',
  '.js': 'node',
  '.mjs': 'node',
  '.cjs': 'node',
  '.rb': 'ruby',
  '.pl': 'perl'
}

function interpreterFor(executable: string): string {
  return INTERPRETERS[path.extname(executable).toLowerCase()] ?? 'sh'
}
