/**
 * Why a fetch (to Prometheus, a webhook, MLflow, a registry) failed, for a message: fetch rejects with a bare "fetch failed" and keeps
 * the reason that matters (ECONNREFUSED, ENOTFOUND, "bad port", a certificate error…) in its cause.
 */
export function describeFetchFailure(error: unknown): string {
  // Duck-typed, not instanceof: fetch's errors come from undici's own realm under a VM (as in Jest).
  const { message, cause } = (error ?? {}) as {
    message?: unknown
    cause?: { code?: unknown; message?: unknown }
  }
  if (typeof message !== 'string') return String(error)
  const reason = typeof cause?.code === 'string' ? cause.code : cause?.message
  return typeof reason === 'string' && reason !== '' ? `${message} (${reason})` : message
}
