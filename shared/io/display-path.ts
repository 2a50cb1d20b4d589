import * as path from 'node:path'

/**
 * A path as a person (and GitHub's annotations) should see it: relative to the workspace with forward slashes
 * when it lies inside, else as it is. GitHub links an annotation to a file only by its repository-relative path.
 */
export function displayPath(file: string, workspace: string): string {
  if (!path.isAbsolute(file)) return file.split(path.sep).join('/')
  const relative = path.relative(workspace, file)
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
  )
    return file
  return relative.split(path.sep).join('/')
}
