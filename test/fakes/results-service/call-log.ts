import type { BlobOperation } from './blob-store.js'

/** The fake's record of what the clients did, and the faults a test asks it to inject. */
export type RecordedCall =
  | {
      kind: 'twirp'
      service: string
      method: string
      body: unknown
      status: number
      response: unknown
      injected: boolean
    }
  | { kind: 'blob'; operation: BlobOperation; path: string; status: number; bytes: number; injected: boolean }

/** What a fault matcher sees: the request before it is answered. */
export type PendingCall =
  | { kind: 'twirp'; service: string; method: string; body: unknown }
  | { kind: 'blob'; operation: BlobOperation; path: string }

/** A Twirp method name (`CreateCacheEntry`), a data-plane operation (`PUT block`, `GET blob`, …) or a predicate. */
export type CallMatch = string | ((call: PendingCall) => boolean)

export interface Fault {
  status: number
  /** How many matching requests fail (default 1); later ones are served normally. */
  times?: number
  /** Seconds, sent as `retry-after` (what the cache client reads on 429). */
  retryAfter?: number
  /** Twirp code for Twirp calls (default: the code the spec maps to `status`), Azure error code for blob calls. */
  code?: string
  msg?: string
}

/** `CreateCacheEntry` for Twirp calls, `PUT block` etc. for the data plane: what summary() prints and a string CallMatch names. */
export function callLabel(call: PendingCall | RecordedCall): string {
  return call.kind === 'twirp' ? call.method : call.operation
}

/** Faults in the order they were asked for; each serves `times` matching requests, then is gone. */
export class FaultQueue {
  private readonly pending: { match: CallMatch; fault: Fault; left: number }[] = []

  add(match: CallMatch, fault: Fault): void {
    this.pending.push({ match, fault, left: fault.times ?? 1 })
  }

  take(call: PendingCall): Fault | undefined {
    const index = this.pending.findIndex(({ match }) =>
      typeof match === 'string' ? match === callLabel(call) : match(call)
    )
    if (index < 0) return undefined
    const entry = this.pending[index]
    if (--entry.left <= 0) this.pending.splice(index, 1)
    return entry.fault
  }
}
