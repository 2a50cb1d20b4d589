import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { UserError } from '../errors/user-error.js'

/**
 * 64 KiB reads: per-chunk overhead is still negligible, and each decoded chunk stays below V8's large-object
 * size, so it lives and dies in the young generation with the cells sliced from it instead of piling up in
 * large-object space until a full GC.
 */
const CHUNK_BYTES = 1 << 16

/**
 * Reads a text file (gunzipping it when `gzip`) as decoded UTF-8 strings, failing with a UserError at the
 * line of the first invalid byte, or when the gzip stream is truncated or corrupt. Chunk boundaries may
 * fall anywhere, even inside a record; a multi-byte character is never split.
 */
export async function* readTextChunks(file: string, name: string, gzip: boolean): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let bytesBefore = 0
  let first = true
  // The bytes of a character that the previous chunk began and did not end (the decoder holds them): a
  // chunk may start inside a character, so the invalid byte is looked for from that character's start.
  let pending = Buffer.alloc(0)
  for await (const chunk of readByteChunks(file, name, gzip, CHUNK_BYTES)) {
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      const from = Buffer.concat([pending, chunk])
      throw await invalidUtf8(file, name, gzip, bytesBefore - pending.length + firstInvalidByte(from))
    }
    bytesBefore += chunk.length
    const last = Buffer.concat([pending, chunk.subarray(Math.max(0, chunk.length - 3))])
    pending = Buffer.from(last.subarray(last.length - incompleteSuffix(last)))
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    if (text.length > 0) yield text
  }
  let rest: string
  try {
    rest = decoder.decode()
  } catch {
    throw await invalidUtf8(file, name, gzip, bytesBefore - pending.length)
  }
  if (rest.length > 0) yield rest
}

/**
 * Reads a file (gunzipping it when `gzip`) as raw byte chunks of about `chunkBytes`, turning a missing
 * file, a directory or a truncated gzip stream into a UserError. Decoding is the caller's business.
 * A chunk is only valid until the next one is asked for: a plain file is read into one reused buffer, so
 * reading a large file allocates nothing per chunk (fresh 1 MB buffers are external memory that V8 only
 * reclaims in bulk, which showed up as tens of MB of peak RSS).
 */
export async function* readByteChunks(
  file: string,
  name: string,
  gzip: boolean,
  chunkBytes: number
): AsyncGenerator<Buffer> {
  if (!gzip) {
    let handle: FileHandle | undefined
    try {
      handle = await open(file, 'r')
      const buffer = Buffer.allocUnsafe(chunkBytes)
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null)
        if (bytesRead === 0) return
        yield buffer.subarray(0, bytesRead)
      }
    } catch (error) {
      throw asUserError(error, name, gzip)
    } finally {
      await handle?.close()
    }
  }
  const raw = createReadStream(file, { highWaterMark: chunkBytes })
  const source = raw.pipe(createGunzip({ chunkSize: chunkBytes }))
  raw.on('error', error => source.destroy(error))
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) yield chunk
  } catch (error) {
    throw asUserError(error, name, gzip)
  } finally {
    source.destroy()
    raw.destroy()
  }
}

function asUserError(error: unknown, name: string, gzip: boolean): unknown {
  if (error instanceof UserError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new UserError(`${name} does not exist.`, { file: name })
  if (code === 'EISDIR') return new UserError(`${name} is a directory, not a data file.`, { file: name })
  if (gzip && typeof code === 'string' && code.startsWith('Z_')) {
    return new UserError(
      `${name} is not a complete gzip file (${(error as Error).message}): it was probably truncated while being written or downloaded. Re-create it, or drop the .gz extension if it is not compressed.`,
      { file: name }
    )
  }
  return error
}

/** The error for an invalid UTF-8 byte at `offset` (of the decompressed stream), naming its line. */
export async function invalidUtf8(
  file: string,
  name: string,
  gzip: boolean,
  offset: number
): Promise<UserError> {
  const line = await lineAtByte(file, gzip, offset)
  return new UserError(
    `${name} is not valid UTF-8 at line ${line} (byte ${offset}). Re-encode it as UTF-8, e.g. iconv -f latin1 -t utf-8.`,
    { file: name, line }
  )
}

/** How many bytes at the end of `bytes` begin a character that they do not complete (0 to 3). */
function incompleteSuffix(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]
    if ((b & 0xc0) === 0x80) continue
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1
    return length > k ? k : 0
  }
  return 0
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or the length. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0
    if (need === 0) return i
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000
    if (i + need >= bytes.length) return i
    let code = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if ((c & 0xc0) !== 0x80) return i
      code = (code << 6) | (c & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i
    i += need + 1
  }
  return i
}

async function lineAtByte(file: string, gzip: boolean, offset: number): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES })
  const source = gzip ? raw.pipe(createGunzip()) : raw
  let line = 1
  let seen = 0
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const end = Math.min(chunk.length, offset - seen)
      for (let at = chunk.indexOf(10); at !== -1 && at < end; at = chunk.indexOf(10, at + 1)) line++
      seen += chunk.length
      if (seen >= offset) break
    }
  } finally {
    source.destroy()
    raw.destroy()
  }
  return line
}
