import http from 'node:http'
import type { AddressInfo } from 'node:net'

interface RecordedRequest {
  method: string
  path: string
  /** The Authorization header the client sent here, if any. */
  authorization?: string
}

export interface RecordingProxy {
  host: string
  /** Every request that reached this origin. */
  requests: RecordedRequest[]
  stop(): Promise<void>
}

/**
 * Another origin on the loopback interface (its own port): it records what each request brought, the
 * Authorization header above all, and forwards it to `upstream` (host:port, or a function giving it once the
 * upstream is started) unchanged, Host header included, so a registry behind it writes this origin into the
 * Location headers it answers with.
 */
export async function startRecordingProxy(upstream: string | (() => string)): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    const [upstreamHost, upstreamPort] = (typeof upstream === 'string' ? upstream : upstream()).split(':')
    requests.push({
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://proxy').pathname,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
    })
    const forward = http.request(
      {
        host: upstreamHost,
        port: Number(upstreamPort),
        method: req.method,
        path: req.url,
        headers: req.headers
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => {
      server.closeAllConnections()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
