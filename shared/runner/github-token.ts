import { UserError } from '../errors/user-error.js'

/**
 * The token for a GitHub feature the workflow asked for, or the user's mistake of an empty one: every action says
 * it the same way, before any work. `feature` completes "… needs a token", e.g. "check-name 'mlci/evaluate'".
 * Kept apart from the client so that a step can check it without loading Octokit.
 */
export function requireToken(token: string, feature: string, permission: string): string {
  if (token === '')
    throw new UserError(
      `Input 'github-token' is empty, but ${feature} needs a token: pass github-token: \${{ github.token }} ` +
        `and give the job 'permissions: ${permission}'.`
    )
  return token
}
