import { UserError } from '../errors/user-error.js'

/**
 * The environment a user's program gets (deploy commands, metrics commands, git): only what a program needs to
 * run, never the step's own secrets (INPUT_GITHUB-TOKEN, INPUT_WEBHOOK-SECRET, ACTIONS_RUNTIME_TOKEN,
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN…), plus MLCI_* variables and the variables the user names explicitly
 * (deploy's `pass-env`).
 */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  // Windows cannot start most programs without these.
  'SYSTEMROOT',
  'COMSPEC',
  'PATHEXT',
  'WINDIR'
]

/**
 * What no program gets, whatever the user names: the step's inputs (its token and webhook secret), the runner's
 * own credentials and service addresses (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_*, ACTIONS_CACHE_URL…),
 * the post step's saved state, and the step's file commands (a program writing to GITHUB_STATE could rewrite
 * what the post step rolls back). Case-insensitive: Windows' variable names are.
 */
const NEVER_PASSED = /^(INPUT_|ACTIONS_|STATE_)|^GITHUB_(STATE|OUTPUT|ENV|PATH|STEP_SUMMARY)$/i

/** A variable name (`KUBECONFIG`) or a prefix ending in `*` (`AWS_*`). */
const NAME_OR_PREFIX = /^[A-Za-z_][A-Za-z0-9_.-]*\*?$/

export function programEnvironment(
  options: {
    /** Names (and `PREFIX*` patterns) of the step's variables to pass on, checked by checkPassedNames. */
    pass?: readonly string[]
    extra?: Record<string, string>
  } = {},
  env: NodeJS.ProcessEnv = process.env
): Record<string, string> {
  const base: Record<string, string> = {}
  for (const name of PASSED_THROUGH) {
    const value = env[name]
    if (value !== undefined) base[name] = value
  }
  const named = options.pass ?? []
  const passed = (name: string) =>
    name.startsWith('MLCI_') ||
    named.some(entry => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry))
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && passed(name) && !NEVER_PASSED.test(name)) base[name] = value
  }
  return { ...base, ...options.extra }
}

/**
 * The entries of an input listing variables to pass to programs: each a name or a `PREFIX*`, none that could only
 * reach the step's own credentials or file commands, and no bare `*` (that would undo the allow-list).
 */
export function checkPassedNames(entries: readonly string[], inputName: string): string[] {
  for (const entry of entries) {
    if (entry === '*')
      throw new UserError(
        `Input '${inputName}' may not pass every variable ('*'): name the variables the programs need, ` +
          `or a prefix such as AWS_*.`
      )
    if (!NAME_OR_PREFIX.test(entry))
      throw new UserError(
        `Input '${inputName}': '${entry}' is not a variable name or a prefix ending in * (e.g. KUBECONFIG, AWS_*).`
      )
    const probe = entry.endsWith('*') ? entry.slice(0, -1) : entry
    if (NEVER_PASSED.test(probe) || (entry.endsWith('*') && /^(INPUT|ACTIONS|STATE)_?$/i.test(probe)))
      throw new UserError(
        `Input '${inputName}' names ${entry}: the step's inputs, the runner's credentials, its state and file ` +
          `commands never reach a program. Pass the value under a name of your own in the step's env instead.`
      )
  }
  return [...entries]
}
