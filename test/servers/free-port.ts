import net from 'node:net'

/** The server could not bind its port: another process took it between findFreePort and the bind. */
export class PortInUseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PortInUseError'
  }
}

/** A loopback port that was free a moment ago: the kernel picks it for port 0, and we release it at once. */
export async function findFreePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve)
  })
  const address = server.address()
  await new Promise<void>(resolve => server.close(() => resolve()))
  if (address === null || typeof address === 'string')
    throw new Error(`unexpected address ${String(address)}`)
  return address.port
}

/**
 * Runs `start` on a fresh free port, again on another port when it throws PortInUseError. The window
 * between releasing the port and the server binding it is small, but parallel Jest workers do hit it.
 */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await findFreePort())
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= attempts) throw error
    }
  }
}
