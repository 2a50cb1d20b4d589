import { open } from 'node:fs/promises'
import type { Content, Descriptor } from './descriptor.js'

/**
 * Receives a blob's bytes in order. The chunk passed may be reused for the next one as soon as the returned
 * promise settles, so a sink must finish with it (write it out, hash it) before resolving.
 */
export type ChunkSink = (chunk: Buffer) => Promise<void>

/**
 * A blob to push: its descriptor and a way to read any byte range of it again, so an interrupted upload
 * can resume or restart. Reads go through one reused buffer: a gigabyte pushed is not a gigabyte of
 * garbage for the collector to catch up with, which is what keeps a push within a small, flat RSS.
 */
export interface BlobSource {
  descriptor: Descriptor
  /** Feeds bytes [start, end) to `sink`, in order. */
  read(start: number, end: number, sink: ChunkSink): Promise<void>
}

const CHUNK = 1024 * 1024

export function fileBlob(file: string, descriptor: Descriptor): BlobSource {
  return { descriptor, read: (start, end, sink) => readFileRange(file, start, end, sink) }
}

export function memoryBlob(content: Content): BlobSource {
  return {
    descriptor: content.descriptor,
    read: (start, end, sink) => sink(content.bytes.subarray(start, end))
  }
}

export async function readFileRange(
  file: string,
  start: number,
  end: number,
  sink: ChunkSink
): Promise<void> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, end - start)))
    for (let position = start; position < end;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position)
      if (bytesRead === 0)
        throw new Error(`${file} is shorter than ${end} bytes: it changed while it was read`)
      await sink(buffer.subarray(0, bytesRead))
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
}
