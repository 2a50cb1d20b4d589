import { InputReader } from '../../../shared/action/inputs.js'

export interface Inputs {
  /** Glob patterns of metric files, relative to the workspace. */
  metrics: string[]
  workspace: string
}

export function getInputs(reader = new InputReader()): Inputs {
  return {
    metrics: reader.globs('metrics', { required: true }),
    workspace: process.env.GITHUB_WORKSPACE || process.cwd()
  }
}
