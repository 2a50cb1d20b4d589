import * as core from '@actions/core'
import { errorBoundary } from '../../../shared/runner/run-action.js'
import { run } from './main.js'
import { post } from './post.js'
import { POST_MARKER } from './rollout-state.js'

// One bundle serves both entries: the runner hands the post step what main saved, the marker included.
if (core.getState(POST_MARKER) === 'true') {
  void errorBoundary(post)
} else {
  core.saveState(POST_MARKER, 'true')
  void errorBoundary(run)
}
