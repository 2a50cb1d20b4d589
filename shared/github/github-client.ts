import type { getOctokit } from '@actions/github'

/**
 * The type of mlci's one GitHub client. The modules of `github/` take it as a parameter; only the runner edge
 * (`runner/github-api.ts`) makes one, with the token, retries and throttling.
 */
export type GitHubClient = ReturnType<typeof getOctokit>
