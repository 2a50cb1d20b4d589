import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { expandGlobs } from '../../../shared/runner/globs.js'
import type { UserFiles } from '../../../shared/runner/user-files.js'
import { UserError } from '../../../shared/errors/user-error.js'
import type { UserFile } from '../../../shared/io/user-file.js'

export interface ModelFileOnDisk {
  /** The file to read: the matched path with symbolic links resolved. */
  absolute: string
  /** Path inside the model, `/`-separated: relative to the directory given, or to the files' common parent. */
  path: string
}

/**
 * The model's files: a directory (every file under it), a file, or glob patterns. Paths inside the model
 * are relative to the directory named by a single directory input, otherwise to the deepest directory
 * holding every matched file, so `models/churn/*` and `models/churn` give the same layers.
 */
export async function collectModelFiles(
  patterns: string[],
  workspace: string,
  files: UserFiles
): Promise<ModelFileOnDisk[]> {
  const matched = await expandGlobs('model', patterns, workspace)
  if (matched.length === 0) throw new UserError(`Input 'model' matched no file.`)
  // Like every file a user names, each must lie in the workspace or RUNNER_TEMP once links are resolved: a
  // link in a pull request's model folder must not publish /etc/passwd or the runner's credentials.
  const located = await Promise.all(matched.map(file => files.locate('model', file)))
  await refuseEmptyModel(located)
  let root: string
  const single = patterns.length === 1 ? path.resolve(workspace, patterns[0]) : undefined
  if (single && (await stat(single).catch(() => undefined))?.isDirectory()) root = single
  else root = commonDirectory(matched)
  return matched.map((absolute, i) => ({
    absolute: located[i].path,
    path: path.relative(root, absolute).split(path.sep).join('/')
  }))
}

/**
 * A model whose every file is empty is a training step that failed before it wrote, not a model to publish.
 * One empty file among others (an `__init__.py`, a marker) is fine.
 */
async function refuseEmptyModel(files: UserFile[]): Promise<void> {
  const sizes = await Promise.all(files.map(async file => (await stat(file.path)).size))
  if (sizes.some(size => size > 0)) return
  const [first] = files
  const others =
    files.length === 1
      ? ''
      : `, and so ${files.length === 2 ? 'is the other file' : `are the other ${files.length - 1} files`} it matched`
  throw new UserError(
    `Input 'model': ${first.name} is empty${others}. Check the step that should have written the model: it may have failed before it wrote anything.`,
    { file: first.name }
  )
}

function commonDirectory(files: string[]): string {
  let common = path.dirname(files[0])
  for (const file of files) {
    while (
      !`${path.dirname(file)}${path.sep}`.startsWith(`${common}${path.sep}`) &&
      common !== path.dirname(common)
    ) {
      common = path.dirname(common)
    }
  }
  return common
}
