import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'yaml'
import { locateBinary } from './find-binary.js'
import { startOnFreePort } from './free-port.js'
import { startServerProcess, type ServerProcess } from './server-process.js'

interface RegistryCredentials {
  username: string
  password: string
}

/**
 * The only account of a registry started with `auth: true`. distribution reads bcrypt-only htpasswd files
 * and Node has no bcrypt without a package, so the hash is fixed, made once with
 * `/usr/bin/python3 -c "import crypt; print(crypt.crypt('mlci-test-password', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))"`.
 * Cost 4 (the minimum) keeps each authenticated request around a millisecond.
 */
const REGISTRY_TEST_CREDENTIALS: RegistryCredentials = {
  username: 'mlci',
  password: 'mlci-test-password'
}
const REGISTRY_TEST_HTPASSWD = 'mlci:$2b$04$bWG3R.P3glk4HA6e1WGZL.wJfz40GOwSCWFafKUE0uF8U3pO9XKB2\n'

export interface RegistryOptions {
  /** Require HTTP basic auth with REGISTRY_TEST_CREDENTIALS. */
  auth?: boolean
  readyTimeoutMs?: number
}

export interface RunningRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `127.0.0.1:PORT`, as in `docker://HOST/repo:tag` */
  host: string
  /** The filesystem storage root. */
  dataDir: string
  /** Present when started with `auth: true`. */
  credentials?: RegistryCredentials
  /** An `authorization` header when auth is on, otherwise empty: spread it into fetch headers. */
  authHeaders: Record<string, string>
  /** The registry's output so far. */
  log(): string
  /** Stops the registry, waits for it to exit and deletes its storage. */
  stop(): Promise<void>
}

/** Starts Debian's docker-registry (CNCF distribution 2.8) on a free loopback port with throwaway storage. */
export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const binary = await locateBinary('docker-registry', 'docker-registry')
  const root = await mkdtemp(path.join(os.tmpdir(), 'mlci-registry-'))
  const dataDir = path.join(root, 'data')
  const credentials = options.auth ? REGISTRY_TEST_CREDENTIALS : undefined
  const authHeaders: Record<string, string> = credentials
    ? {
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
      }
    : {}
  try {
    await mkdir(dataDir)
    if (credentials) await writeFile(path.join(root, 'htpasswd'), REGISTRY_TEST_HTPASSWD)
    const { host, server } = await startOnFreePort(async port => {
      const host = `127.0.0.1:${port}`
      const configFile = path.join(root, 'config.yml')
      await writeFile(configFile, stringify(registryConfig(root, dataDir, host, credentials !== undefined)))
      const server: ServerProcess = await startServerProcess({
        name: 'docker-registry',
        command: binary,
        args: ['serve', configFile],
        cwd: root,
        env: environmentWithoutRegistryOverrides(),
        readyUrl: `http://${host}/v2/`,
        readyHeaders: authHeaders,
        readyTimeoutMs: options.readyTimeoutMs
      })
      return { host, server }
    })
    const stop = async () => {
      await server.stop()
      await rm(root, { recursive: true, force: true })
    }
    return { url: `http://${host}`, host, dataDir, credentials, authHeaders, log: server.log, stop }
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
}

function registryConfig(root: string, dataDir: string, host: string, auth: boolean): object {
  return {
    version: 0.1,
    // Access logs go to stdout whatever the level; they would only fill the log buffer.
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: dataDir }, delete: { enabled: true } },
    // An explicit secret silences the "No HTTP secret provided" warning printed at every start.
    http: { addr: host, secret: randomBytes(16).toString('hex') },
    ...(auth ? { auth: { htpasswd: { realm: 'mlci-test', path: path.join(root, 'htpasswd') } } } : {})
  }
}

// distribution lets any REGISTRY_<SECTION>_<KEY> variable override the config file; a developer's
// REGISTRY_HTTP_ADDR or REGISTRY_STORAGE would silently redirect the test registry.
function environmentWithoutRegistryOverrides(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')))
}
