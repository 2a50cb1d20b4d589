import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { Content, Descriptor } from './descriptor.js'

/**
 * A blob to push: its descriptor and a way to read any byte range of it again, so an interrupted upload
 * can resume or restart without holding the blob in memory.
 */
export interface BlobSource {
  descriptor: Descriptor
  /** Bytes [start, end) as a fresh stream. */
  open(start: number, end: number): Readable
  /** The file it comes from, when it is one (a layout copies it). */
  file?: string
}

export function fileBlob(file: string, descriptor: Descriptor): BlobSource {
  return {
    descriptor,
    file,
    open: (start, end) =>
      end <= start
        ? Readable.from([])
        : createReadStream(file, { start, end: end - 1, highWaterMark: 1024 * 1024 })
  }
}

export function memoryBlob(content: Content): BlobSource {
  return {
    descriptor: content.descriptor,
    open: (start, end) => Readable.from([content.bytes.subarray(start, end)])
  }
}
