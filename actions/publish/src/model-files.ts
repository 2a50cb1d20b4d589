import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { expandGlobs } from '../../../shared/runner/globs.js'
import { UserError } from '../../../shared/errors/user-error.js'

export interface ModelFileOnDisk {
  absolute: string
  /** Path inside the model, `/`-separated: relative to the directory given, or to the files' common parent. */
  path: string
}

/**
 * The model's files: a directory (every file under it), a file, or glob patterns. Paths inside the model
 * are relative to the directory named by a single directory input, otherwise to the deepest directory
 * holding every matched file, so `models/churn/*` and `models/churn` give the same layers.
 */
export async function collectModelFiles(patterns: string[], workspace: string): Promise<ModelFileOnDisk[]> {
  const files = await expandGlobs('model', patterns, workspace)
  let root: string
  const single = patterns.length === 1 ? path.resolve(workspace, patterns[0]) : undefined
  if (single && (await stat(single).catch(() => undefined))?.isDirectory()) root = single
  else root = commonDirectory(files)
  const model = files.map(absolute => ({
    absolute,
    path: path.relative(root, absolute).split(path.sep).join('/')
  }))
  if (model.length === 0) throw new UserError(`Input 'model' matched no file.`)
  return model
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
