import * as log from './log.js'
import type { GitHubClient } from '../github/github-client.js'
import type { HistoryPoint } from '../metrics/history-point.js'
import { digestOnCommit } from './baseline-lookup.js'

/**
 * The metrics evaluate recorded on the last `points` commits of a branch that have them, oldest first: the
 * same check-run digests `baseline: auto` reads, so the history needs no store of its own (no gh-pages
 * branch, no external service). At most three commits per wanted point are looked at.
 */
export async function loadHistory(
  client: GitHubClient,
  repo: { owner: string; repo: string },
  fromSha: string,
  checkName: string,
  points: number
): Promise<HistoryPoint[]> {
  const { data: commits } = await client.rest.repos.listCommits({
    owner: repo.owner,
    repo: repo.repo,
    sha: fromSha,
    per_page: Math.min(100, points * 3)
  })
  const found: HistoryPoint[] = []
  for (const commit of commits) {
    if (found.length >= points) break
    const digest = await digestOnCommit(client, repo, commit.sha, checkName)
    if (digest) found.push({ label: commit.sha.slice(0, 7), metrics: digest.metrics })
  }
  log.info`History: ${found.length} of the last ${commits.length} commit(s) carry '${checkName}' results.`
  return found.reverse()
}
