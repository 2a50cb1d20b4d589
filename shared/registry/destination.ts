import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { isLoopback } from './registry-origin.js'

export type Destination =
  | { kind: 'oci'; host: string; repository: string; baseUrl: string }
  | { kind: 'oci-layout'; path: string }
  | { kind: 'mlflow'; host: string; name: string; baseUrl: string }

/** distribution-spec's repository name grammar. */
const REPOSITORY = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/
const HOST = /^([a-zA-Z0-9.-]+|\[[0-9a-fA-F:]+\])(:\d{1,5})?$/

/**
 * Parses one destination: `oci://HOST/REPOSITORY`, `oci-layout://PATH` (relative to the workspace) or
 * `mlflow://HOST[:PORT]/NAME`. Plain HTTP (`insecure`) is refused for anything but a loopback host: a
 * password must never cross a network in clear text.
 */
export function parseDestination(
  raw: string,
  options: { insecure: boolean; workspace: string }
): Destination {
  const match = /^([a-z-]+):\/\/(.*)$/.exec(raw)
  const scheme = match?.[1]
  const rest = match?.[2] ?? ''
  if (scheme === 'oci-layout') {
    if (rest === '')
      throw new UserError(`Input 'destination': oci-layout:// needs a path, e.g. oci-layout://build/model.`)
    return { kind: 'oci-layout', path: path.resolve(options.workspace, rest) }
  }
  if (scheme === 'oci' || scheme === 'mlflow') {
    const slash = rest.indexOf('/')
    const host = slash < 0 ? rest : rest.slice(0, slash)
    const name = slash < 0 ? '' : rest.slice(slash + 1)
    if (!HOST.test(host))
      throw new UserError(`Input 'destination': '${host}' in ${raw} is not a host[:port].`)
    if (options.insecure && !isLoopback(host)) {
      throw new UserError(
        `Input 'insecure' allows plain HTTP only to a loopback host (localhost, 127.0.0.1, [::1]), not ${host}.`
      )
    }
    const baseUrl = `${options.insecure ? 'http' : 'https'}://${host}`
    if (scheme === 'mlflow') {
      if (name === '')
        throw new UserError(`Input 'destination': ${raw} needs a registered model name: mlflow://HOST/NAME.`)
      return { kind: 'mlflow', host, name: decodeURIComponent(name), baseUrl }
    }
    if (!REPOSITORY.test(name)) {
      throw new UserError(
        `Input 'destination': '${name}' in ${raw} is not a valid repository name (lower-case letters, digits, and . _ - / between them), e.g. oci://ghcr.io/acme/churn/model.`
      )
    }
    return { kind: 'oci', host, repository: name, baseUrl }
  }
  throw new UserError(
    `Input 'destination' must be oci://HOST/REPOSITORY, oci-layout://PATH or mlflow://HOST/NAME; got '${raw}'.`
  )
}

/** A tag, as distribution-spec defines it. */
export const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/
