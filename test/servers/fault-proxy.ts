import net from 'node:net'

/**
 * Cuts the connection during the `occurrence`-th request of `method` (1-based; 'every' for all of them)
 * once `afterBytes` bytes of it (request line and headers included) went through: 0 drops it before the
 * server sees anything, a number inside the body leaves the server with part of it.
 */
export interface FaultRule {
  method: string
  occurrence: number | 'every'
  afterBytes: number
  /** Stop cutting after this many cuts by this rule. */
  limit?: number
}

export interface FaultProxy {
  /** `127.0.0.1:PORT`: use it as the registry host. */
  host: string
  /** Connections cut so far. */
  cuts(): number
  stop(): Promise<void>
}

const REQUEST_START = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \//

/**
 * A TCP proxy in front of a real server that cuts connections mid-request, as a flaky network does. It
 * sees requests as bytes: a chunk that starts with an HTTP request line starts a new request (Node's
 * client writes the head in one piece), everything else belongs to the current one.
 */
export async function startFaultProxy(upstream: string, rules: FaultRule[]): Promise<FaultProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(':')
  const seen = new Map<string, number>()
  let cuts = 0
  const cutsBy = new Map<FaultRule, number>()
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    const server = net.connect(Number(upstreamPort), upstreamHost)
    sockets.add(client)
    sockets.add(server)
    let rule: FaultRule | undefined
    let requestBytes = 0
    const cut = () => {
      cuts++
      client.destroy()
      server.destroy()
    }
    client.on('data', (chunk: Buffer) => {
      const start = REQUEST_START.exec(chunk.subarray(0, 16).toString('latin1'))
      if (start) {
        const count = (seen.get(start[1]) ?? 0) + 1
        seen.set(start[1], count)
        rule = rules.find(r => r.method === start[1] && (r.occurrence === 'every' || r.occurrence === count))
        requestBytes = 0
      }
      if (
        rule &&
        requestBytes + chunk.length > rule.afterBytes &&
        (rule.limit ?? Infinity) > (cutsBy.get(rule) ?? 0)
      ) {
        cutsBy.set(rule, (cutsBy.get(rule) ?? 0) + 1)
        const keep = rule.afterBytes - requestBytes
        if (keep > 0) server.write(chunk.subarray(0, keep), cut)
        else cut()
        return
      }
      requestBytes += chunk.length
      server.write(chunk)
    })
    server.on('data', (chunk: Buffer) => client.write(chunk))
    for (const socket of [client, server]) {
      socket.on('error', () => {})
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        server.destroy()
      })
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    host: `127.0.0.1:${port}`,
    cuts: () => cuts,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
