/**
 * Where a registry client may be sent, and where the registry's credentials may go. A registry's answers name
 * other URLs: the upload session's `Location` and the token service's `realm`. Its credentials are bound to the
 * origin they were given for (scheme, host and port, as browsers and RFC 6454 compare them): an upload on another
 * origin goes without them (containerd does the same: it drops its authorizer when a Location changes host or
 * scheme), and a token service on another origin gets them only when the workflow names that origin. Docker and
 * Podman send the password to any realm a registry names, which lets a hostile or hijacked registry collect it.
 *
 * No downgrade: plain http is for loopback hosts only (as `insecure` is), so an https registry can never send a
 * request of ours, with or without credentials, across a network in clear text.
 */

/** Registries whose token service is, by their documentation, on another origin that belongs to them. */
const KNOWN_TOKEN_SERVICES: Record<string, string> = {
  'https://registry-1.docker.io': 'https://auth.docker.io',
  'https://registry.gitlab.com': 'https://gitlab.com'
}

export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '')
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/**
 * Why the client must not follow `target`, which the registry at `registry` named, or undefined when it may:
 * plain http to anything but a loopback host (an https registry sending us to http is a downgrade), or a scheme
 * that is not http(s).
 */
export function refusedUrl(registry: URL, target: URL): string | undefined {
  if (target.protocol === 'https:') return undefined
  if (target.protocol !== 'http:') return `it is not an http(s) URL`
  if (registry.protocol === 'https:') return 'it is plain http, and the registry is https'
  if (!isLoopback(target.host)) return 'it is plain http to a host that is not a loopback address'
  return undefined
}

/** The origins a registry's credentials may be sent to: its own, any the workflow names, and its documented token service. */
export function credentialOrigins(registry: URL, trusted: readonly string[] = []): Set<string> {
  const known = KNOWN_TOKEN_SERVICES[registry.origin]
  return new Set([
    registry.origin,
    ...trusted.map(origin => new URL(origin).origin),
    ...(known ? [known] : [])
  ])
}
