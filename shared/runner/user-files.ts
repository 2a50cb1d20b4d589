import { prepareOutputFile } from '../io/output-file.js'
import { locateUserFile, readUserFile, type UserFile, type UserFileOptions } from '../io/user-file.js'
import type { RunContext } from './run-context.js'

type Options = Omit<UserFileOptions, 'input' | 'workspace' | 'roots'>

/**
 * Files named by an action's inputs, found where this run allows: the workspace, and RUNNER_TEMP where an earlier
 * step of the job wrote its outputs (evaluate's results, validate-data's report).
 */
export interface UserFiles {
  locate(input: string, raw: string, options?: Options): Promise<UserFile>
  read(input: string, raw: string, options?: Options): Promise<UserFile & { text: string }>
  /** A file an input names as an output, checked writable and inside the same roots before the work (absolute path). */
  output(input: string, raw: string): Promise<string>
}

export function userFiles(run: Pick<RunContext, 'workspace' | 'runnerTemp'>): UserFiles {
  const base = { workspace: run.workspace, roots: [run.runnerTemp] }
  return {
    locate: (input, raw, options = {}) => locateUserFile(raw, { ...base, ...options, input }),
    read: (input, raw, options = {}) => readUserFile(raw, { ...base, ...options, input }),
    output: (input, raw) => prepareOutputFile(raw, { ...base, input })
  }
}
