import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import path from 'node:path'

/** Binaries mapped to the Debian package that ships each, e.g. `{ promtool: 'prometheus' }`. */
export type BinaryRequirements = Readonly<Record<string, string>>

// /usr/sbin is searched too: it is often missing from PATH in containers and for non-root users.
const EXTRA_DIRECTORIES = ['/usr/sbin', '/usr/bin']

/** The absolute path of an executable named `name`, or undefined when there is none. */
export async function findBinary(name: string): Promise<string | undefined> {
  const directories = [...(process.env.PATH ?? '').split(path.delimiter), ...EXTRA_DIRECTORIES]
  for (const directory of new Set(directories.filter(Boolean))) {
    const candidate = path.join(directory, name)
    try {
      await access(candidate, constants.X_OK)
      if ((await stat(candidate)).isFile()) return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}

/** Like findBinary, for the server helpers themselves: a missing binary is an error naming its package. */
export async function locateBinary(name: string, debianPackage: string): Promise<string> {
  const found = await findBinary(name)
  if (found === undefined) throw new Error(missingMessage([[name, debianPackage]]))
  return found
}

function isCI(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1'
}

/**
 * True when every binary is present. When some are missing: throws under CI, otherwise prints a banner
 * and returns false.
 */
export async function requireBinaries(requirements: BinaryRequirements): Promise<boolean> {
  const missing: Array<[string, string]> = []
  for (const [binary, debianPackage] of Object.entries(requirements)) {
    if ((await findBinary(binary)) === undefined) missing.push([binary, debianPackage])
  }
  if (missing.length === 0) return true
  if (isCI()) throw new Error(`${missingMessage(missing)} (CI=true, so this fails instead of skipping)`)
  const rule = '#'.repeat(100)
  console.warn(
    [
      rule,
      `# SKIPPING TESTS: ${missingMessage(missing)}`,
      '# These tests fail instead of skipping when CI=true.',
      rule
    ].join('\n')
  )
  return false
}

function missingMessage(missing: ReadonlyArray<[string, string]>): string {
  const names = missing.map(([binary]) => binary).join(', ')
  const packages = [...new Set(missing.map(([, debianPackage]) => debianPackage))].join(' ')
  return `${names} not found on PATH, /usr/sbin or /usr/bin; install with: sudo apt-get install -y ${packages}`
}
