import { afterEach, describe, expect, jest, test } from '@jest/globals'
import * as log from './log.js'

function printedBy(print: () => void): string {
  const chunks: string[] = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    chunks.push(String(chunk))
    return true
  })
  try {
    print()
  } finally {
    write.mockRestore()
  }
  return chunks.join('')
}

afterEach(() => {
  process.exitCode = undefined
})

describe('the job log', () => {
  test('a value cannot start a line, and commands in it are visibly broken', () => {
    const value = 'x\n::add-mask::s1\r::set-output name=a::b ##[add-mask]s2'
    expect(printedBy(() => log.info`Read ${value}.`)).toBe(
      'Read x␊::add-mask::s1␍::set-output name=a::b ##\\[add-mask]s2.\n'
    )
    expect(printedBy(() => log.info`${'  ::stop-commands::t'}`)).toBe('  \\::stop-commands::t\n')
    // Across the boundary between our text and a value, too.
    expect(printedBy(() => log.info`##${'[add-mask]s'} and :${':error::x'}`)).toBe(
      '##\\[add-mask]s and ::error::x\n'
    )
  })

  test('invisible characters are shown, emoji are kept', () => {
    expect(log.printed(log.text`${':\u200b:add-mask::x \u202eab \u0085 \u001b[2K'}`)).toBe(
      ':<U+200B>:add-mask::x <U+202E>ab <U+0085> ␛[2K'
    )
    expect(log.printed(log.text`${'\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f'}`)).toBe(
      '\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f'
    )
  })

  test('lines() keeps a value’s line breaks, each line neutralised', () => {
    expect(log.printed(log.text`out:\n${log.lines('ok\r\n::add-mask::x\r  ::y::z\n')}`)).toBe(
      'out:\nok\n\\::add-mask::x\n  \\::y::z\n'
    )
  })

  test('annotations escape message and properties as the runner unescapes them', () => {
    const out = printedBy(() =>
      log.warning(log.text`${'50% of a\nb'}`, {
        title: 'a, b:: c',
        file: 'data/a,b::c%.csv',
        startLine: 3,
        startColumn: 2
      })
    )
    expect(out).toBe(
      '::warning title=a%2C b%3A%3A c,file=data/a%2Cb%3A%3Ac%25.csv,line=3,col=2::50%25 of a␊b\n'
    )
    expect(printedBy(() => log.fail`failed: ${'x'}`)).toBe('::error::failed: x\n')
    expect(process.exitCode).toBe(1)
  })

  test('a plain string that slips through `any` is still treated as untrusted', () => {
    const raw = '::add-mask::x' as unknown as log.LogText
    expect(printedBy(() => log.info(raw))).toBe('\\::add-mask::x\n')
  })
})
