import { describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeZip } from '../../test/fakes/zip-writer.js'
import fc from 'fast-check'
import { testIfPython } from '../../test/oracles/python-gate.js'
import { readZipArchive, ZipRefused } from './zip-archive.js'

const LIMITS = { maxEntries: 4, maxEntryBytes: 1024 * 1024 }

const pythonTest = testIfPython({ zipfile: 'python3' })

describe('reading untrusted zip archives', () => {
  pythonTest('reads what Python zipfile writes (deflated and stored), byte for byte', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlci-zip-'))
    const script = [
      'import zipfile, sys',
      "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
      "    z.writestr('report.json', '{\"a\": 1}' * 500, compress_type=zipfile.ZIP_DEFLATED)",
      "    z.writestr('dir/b.txt', 'plain', compress_type=zipfile.ZIP_STORED)"
    ].join('\n')
    await run('/usr/bin/python3', ['-c', script, path.join(dir, 'a.zip')])
    const entries = readZipArchive(await readFile(path.join(dir, 'a.zip')), LIMITS)
    expect(entries.map(e => [e.name, e.data.toString()])).toEqual([
      ['report.json', '{"a": 1}'.repeat(500)],
      ['dir/b.txt', 'plain']
    ])
  })

  test.each([
    ['../escape.json', /points outside/],
    ['/etc/passwd', /points outside/],
    ['a/../../b', /points outside/],
    ['C:\\x', /points outside/]
  ])('refuses the entry name %s', (name, reason) => {
    expect(() => readZipArchive(writeZip([{ name, data: '{}' }]), LIMITS)).toThrow(reason)
  })

  test('refuses bombs, too many entries, corruption and non-zips', () => {
    const bomb = writeZip([{ name: 'big', data: Buffer.alloc(2 * 1024 * 1024) }])
    expect(bomb.length).toBeLessThan(10_000)
    expect(() => readZipArchive(bomb, LIMITS)).toThrow(/at most 1048576 accepted/)
    const many = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: 'x' })))
    expect(() => readZipArchive(many, LIMITS)).toThrow(/5 entries, at most 4/)
    const good = writeZip([{ name: 'a', data: 'hello hello hello', deflate: false }])
    const flipped = Buffer.from(good)
    flipped[32] ^= 0xff
    expect(() => readZipArchive(flipped, LIMITS)).toThrow(/CRC/)
    expect(() => readZipArchive(Buffer.from('not a zip at all, just text'), LIMITS)).toThrow(/not a zip/)
    expect(() => readZipArchive(good.subarray(0, good.length - 30), LIMITS)).toThrow()
  })

  test('any damaged offset, length or count is refused with ZipRefused, never a RangeError', () => {
    const good = writeZip([
      { name: 'report.json', data: '{"a": 1}'.repeat(50) },
      { name: 'b.txt', data: 'plain', deflate: false }
    ])
    const end = good.length - 22
    const directory = good.readUInt32LE(end + 16)
    // The fields a reader follows: the end record's, and the central and local headers' sizes and offsets.
    const fields = [
      ...[8, 10, 12, 16, 20].map(at => end + at),
      ...[20, 24, 28, 30, 32, 42].map(at => directory + at),
      ...[18, 22, 26, 28].map(at => at)
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.constantFrom(0, 1, 0x7f, 0xff),
        fc.nat({ max: 3 }),
        (field, byte, shift) => {
          const damaged = Buffer.from(good)
          damaged[field + shift] = byte
          try {
            readZipArchive(damaged, LIMITS)
          } catch (error) {
            expect(error).toBeInstanceOf(ZipRefused)
          }
        }
      ),
      { seed: 12, numRuns: 500 }
    )
    const beyond = Buffer.from(good)
    beyond.writeUInt32LE(good.length - 2, directory + 42)
    expect(() => readZipArchive(beyond, LIMITS)).toThrow(/local header of report\.json lies outside/)
  })
})

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', code => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))))
  })
}
