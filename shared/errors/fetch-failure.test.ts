import { describe, expect, test } from '@jest/globals'
import { createServer } from 'node:net'
import { describeFetchFailure } from './fetch-failure.js'

describe('describeFetchFailure', () => {
  test('names the reason fetch keeps in its cause', async () => {
    // A port bound a moment ago and released: nothing listens there.
    const port = await new Promise<number>(resolve => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error)
    expect(describeFetchFailure(refused)).toBe('fetch failed (ECONNREFUSED)')
    const badPort = await fetch('http://127.0.0.1:9/').catch((error: unknown) => error)
    expect(describeFetchFailure(badPort)).toBe('fetch failed (bad port)')
    expect(describeFetchFailure(new Error('aborted'))).toBe('aborted')
    expect(describeFetchFailure('text')).toBe('text')
  })
})
