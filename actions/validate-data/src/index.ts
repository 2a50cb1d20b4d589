import { runAction } from '../../../shared/action/run-action.js'
import { run } from './main.js'
import { isValidationWorker, serveValidationJob } from './validation-worker.js'

// The same bundle is the action and, in a worker thread, the validation engine (see validation-worker.ts).
if (isValidationWorker()) void serveValidationJob()
else void runAction(run)
