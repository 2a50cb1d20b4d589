import { open, realpath, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { insideAny, realRoots } from './containment.js'
import { displayPath } from './display-path.js'

/** A file a workflow named, found and checked: its absolute path and the name to show the user. */
export interface UserFile {
  path: string
  name: string
}

export interface UserFileOptions {
  /** The input (or config key) that named the file: every message starts with it. */
  input: string
  /** Relative paths start here; the file must lie inside it or one of `roots`. */
  workspace: string
  /** Other folders the file may lie in: RUNNER_TEMP, where earlier steps of the job write their outputs. */
  roots?: string[]
  /** Inputs documented to accept any path (say, a model outside the checkout) skip the containment check. */
  allowOutside?: boolean
  /**
   * Larger files are refused before they are read. readUserFile, which reads a file whole (configs, metrics,
   * results), caps at 64 MiB by default; a located file is streamed by its reader (data, predictions, a model), so
   * locateUserFile caps only when asked.
   */
  maxBytes?: number
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024

/**
 * Finds the file a user named and checks it is one we may read: it exists, is a regular file, is readable, and
 * lies inside the workspace (or another allowed root) after `..` and symbolic links are resolved — a pull
 * request must not make a step read `/proc/self/environ` or `~/.docker/config.json` through a path or a link.
 * Each failure is a UserError that names the input and the path, and says what would be right.
 */
export async function locateUserFile(raw: string, options: UserFileOptions): Promise<UserFile> {
  const absolute = path.resolve(options.workspace, raw)
  const name = displayPath(absolute, options.workspace)
  const fail = (problem: string, fix: string) =>
    new UserError(`Input '${options.input}': ${name} ${problem}. ${fix}`, { file: name })
  let real: string
  try {
    real = await realpath(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw fail(
        'does not exist',
        `Check the path (relative to the workspace ${options.workspace}), or the step that should have written it.`
      )
    if (code === 'EACCES') throw fail('cannot be read (permission denied)', 'Make it readable by the runner.')
    if (code === 'ELOOP') throw fail('is a loop of symbolic links', 'Point the input at the file itself.')
    throw error
  }
  if (!options.allowOutside) {
    const roots = await realRoots([options.workspace, ...(options.roots ?? [])])
    if (!insideAny(real, roots)) {
      const via = real === absolute ? '' : ` (it resolves to ${real})`
      throw fail(
        `lies outside the workspace${via}`,
        'Name a file inside the repository checkout or the runner temp folder.'
      )
    }
  }
  const info = await stat(real)
  if (info.isDirectory())
    throw fail('is a directory, not a file', 'Name a file inside it, or use a glob input where there is one.')
  if (!info.isFile()) throw fail('is not a regular file', 'Name a regular file.')
  const { maxBytes } = options
  if (maxBytes !== undefined && info.size > maxBytes)
    throw fail(
      `is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} this input reads`,
      'Check that it is the file you meant.'
    )
  return { path: real, name }
}

/**
 * locateUserFile, then its text (UTF-8). A file of nothing but white space is refused: no config, metrics or
 * results file means anything empty, and an empty one is usually a step that failed to write it.
 */
export async function readUserFile(
  raw: string,
  options: UserFileOptions
): Promise<UserFile & { text: string }> {
  const file = await locateUserFile(raw, { ...options, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES })
  let handle
  try {
    handle = await open(file.path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES')
      throw new UserError(
        `Input '${options.input}': ${file.name} cannot be read (permission denied). Make it readable by the runner.`,
        { file: file.name }
      )
    throw error
  }
  let text: string
  try {
    text = await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
  if (text.trim() === '')
    throw new UserError(
      `Input '${options.input}': ${file.name} is empty. Check the step that writes it, or the path.`,
      { file: file.name }
    )
  return { ...file, text }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
