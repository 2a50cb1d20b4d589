/**
 * The environment a user's program gets (deploy commands, metrics commands, git): only what a program needs to
 * run, never the step's own secrets (INPUT_GITHUB-TOKEN, INPUT_WEBHOOK-SECRET, ACTIONS_RUNTIME_TOKEN,
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN…), plus MLCI_* variables and whatever the caller passes explicitly.
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

export function programEnvironment(
  extra: Record<string, string> = {},
  env: NodeJS.ProcessEnv = process.env
): Record<string, string> {
  const base: Record<string, string> = {}
  for (const name of PASSED_THROUGH) {
    const value = env[name]
    if (value !== undefined) base[name] = value
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('MLCI_') && value !== undefined) base[name] = value
  }
  return { ...base, ...extra }
}
