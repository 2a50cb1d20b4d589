import { errorBoundary } from '../../../shared/runner/run-action.js'
import { run } from './main.js'

void errorBoundary(run)
