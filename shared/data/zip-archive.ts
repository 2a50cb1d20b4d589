import { inflateRawSync } from 'node:zlib'
import { crc32 } from './crc32.js'

export interface ZipEntry {
  name: string
  data: Buffer
}

export interface ZipLimits {
  maxEntries: number
  /** Uncompressed bytes per entry: a zip bomb stops here, not after filling the disk. */
  maxEntryBytes: number
}

/** A central directory entry's fixed part, and a local header's: the bytes before their names. */
const CENTRAL_HEADER = 46
const LOCAL_HEADER = 30

/**
 * Reads a zip that someone else wrote (an artifact from a fork's workflow) without trusting it: entries
 * are read from the central directory into memory, never written to disk under their own names, so
 * `../` or absolute names cannot escape a folder (zip slip); sizes are capped before inflating; the
 * CRC of every entry is checked; every offset and length is checked against the bytes there are before it is
 * read, so a damaged archive is refused, never a RangeError. Throws ZipRefused with the reason.
 */
export function readZipArchive(zip: Buffer, limits: ZipLimits): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip)
  const count = zip.readUInt16LE(end + 10)
  const directorySize = zip.readUInt32LE(end + 12)
  let at = zip.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff) throw new ZipRefused('zip64 archives are not accepted')
  if (count > limits.maxEntries)
    throw new ZipRefused(`${count} entries, at most ${limits.maxEntries} accepted`)
  if (at + directorySize > end) throw new ZipRefused('the central directory lies outside the archive')
  const directoryStart = at
  const directoryEnd = at + directorySize

  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER > directoryEnd) throw new ZipRefused('the central directory is cut short')
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new ZipRefused('a central directory entry is damaged')
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const expectedCrc = zip.readUInt32LE(at + 16)
    const compressedSize = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const localOffset = zip.readUInt32LE(at + 42)
    if (at + CENTRAL_HEADER + skip > directoryEnd)
      throw new ZipRefused('a central directory entry runs past the end of the directory')
    const name = zip.toString('utf8', at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength)
    at += CENTRAL_HEADER + skip

    checkName(name)
    if (flags & 0x1) throw new ZipRefused(`${name} is encrypted`)
    if (size > limits.maxEntryBytes) {
      throw new ZipRefused(`${name} is ${size} bytes, at most ${limits.maxEntryBytes} accepted`)
    }
    // Local headers and their data come before the central directory.
    if (localOffset + LOCAL_HEADER > directoryStart)
      throw new ZipRefused(`the local header of ${name} lies outside the archive`)
    if (zip.readUInt32LE(localOffset) !== 0x04034b50)
      throw new ZipRefused(`the local header of ${name} is damaged`)
    const dataStart =
      localOffset + LOCAL_HEADER + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28)
    const stored = zip.subarray(dataStart, dataStart + compressedSize)
    if (stored.length !== compressedSize) throw new ZipRefused(`${name} is truncated`)
    const data = method === 0 ? Buffer.from(stored) : method === 8 ? inflate(stored, name, limits) : undefined
    if (data === undefined) throw new ZipRefused(`${name} uses compression method ${method}`)
    if (data.length !== size || crc32(data) !== expectedCrc)
      throw new ZipRefused(`${name} fails its size or CRC check`)
    entries.push({ name, data })
  }
  return entries
}

export class ZipRefused extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'ZipRefused'
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at
  }
  throw new ZipRefused('not a zip archive (no end of central directory)')
}

function checkName(name: string): void {
  const parts = name.split('/')
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
    throw new ZipRefused(`the entry name '${name}' points outside the archive's folder`)
  }
}

function inflate(data: Buffer, name: string, limits: ZipLimits): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes })
  } catch (error) {
    throw new ZipRefused(`${name} does not inflate (${(error as Error).message})`)
  }
}
