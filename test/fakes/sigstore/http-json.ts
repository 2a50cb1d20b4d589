import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A small JSON HTTP server on 127.0.0.1 for the Sigstore fakes. */
export interface JsonRequest {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: unknown
}
export interface JsonReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}
export interface JsonServer {
  url: string
  close(): Promise<void>
}

export async function startJsonServer(
  handle: (request: JsonRequest) => Promise<JsonReply> | JsonReply
): Promise<JsonServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', chunk => chunks.push(chunk as Buffer))
    request.on('end', () => {
      void (async () => {
        let reply: JsonReply
        try {
          const text = Buffer.concat(chunks).toString('utf8')
          reply = await handle({
            method: request.method ?? 'GET',
            url: new URL(request.url ?? '/', 'http://127.0.0.1'),
            headers: request.headers,
            body: text === '' ? undefined : JSON.parse(text)
          })
        } catch (error) {
          reply = { status: 400, body: { code: 400, message: (error as Error).message } }
        }
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        response.end(JSON.stringify(reply.body))
      })()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
