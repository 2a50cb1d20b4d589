import { UserError } from '../../../shared/action/user-error.js'
import { getInputs } from './inputs.js'

export async function run(): Promise<void> {
  getInputs()
  throw new UserError(
    'mlci/publish is not released yet (its work is tracked in issue #6). Remove this step or pin a release that has it.'
  )
}
