import { runAction } from '../../../shared/action/run-action.js'
import { run } from './main.js'

void runAction(run)
