import { UserError } from '../../../shared/action/user-error.js'
import { getInputs } from './inputs.js'

export async function run(): Promise<void> {
  getInputs()
  throw new UserError(
    'mlci/deploy is not released yet (its work is tracked in issue #7). Remove this step or pin a release that has it.'
  )
}
