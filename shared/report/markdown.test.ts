import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { escapeMarkdown, renderTable } from './markdown.js'

describe('markdown rendering of untrusted text', () => {
  test('neutralises tables, links, images, HTML and mentions', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b')
    expect(escapeMarkdown('![x](https://evil.test/p.png)')).toBe('!\\[x\\](https&#8203;://evil.test/p.png)')
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeMarkdown('ping @octo-org/team')).toBe('ping @&#8203;octo-org/team')
    expect(escapeMarkdown('@all (cc)')).toBe('@&#8203;all (cc)')
    // A digest stays copyable; an address GFM would link does not.
    expect(escapeMarkdown('ghcr.io/o/m@sha256:ab and me@example.com')).toBe(
      'ghcr.io/o/m@sha256:ab and me@&#8203;example.com'
    )
    expect(escapeMarkdown('line\nbreak')).toBe('line break')
    expect(escapeMarkdown('**bold** `code` ~~x~~ _i_')).toBe(
      '\\*\\*bold\\*\\* \\`code\\` \\~\\~x\\~\\~ \\_i\\_'
    )
  })

  test('neutralises issue references, autolinked URLs, block starts and math', () => {
    expect(escapeMarkdown('#1, owner/repo#5, GH-12 and gh-3')).toBe(
      '#&#8203;1, owner/repo#&#8203;5, GH&#8203;-12 and gh&#8203;-3'
    )
    expect(escapeMarkdown('see https://evil.test/x, HTTP://a.b, ftp://c.d and www.evil.test')).toBe(
      'see https&#8203;://evil.test/x, HTTP&#8203;://a.b, ftp&#8203;://c.d and www&#8203;.evil.test'
    )
    expect(escapeMarkdown('pkg@1.2.3, owner/repo@a5c3785, git@github.com:o/r')).toBe(
      'pkg@&#8203;1.2.3, owner/repo@&#8203;a5c3785, git@&#8203;github.com:o/r'
    )
    expect(escapeMarkdown('# h')).toBe('\\# h')
    expect(escapeMarkdown('### h')).toBe('\\### h')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('---')).toBe('\\---')
    expect(escapeMarkdown('12. x')).toBe('12\\. x')
    expect(escapeMarkdown('+1')).toBe('+1')
    expect(escapeMarkdown('-0.5 and a-b')).toBe('-0.5 and a-b')
    expect(escapeMarkdown('$x^2$')).toBe('\\$x^2\\$')
  })

  test('shows invisible characters instead of passing them on', () => {
    expect(escapeMarkdown('acc\u200buracy')).toBe('acc&lt;U+200B&gt;uracy')
    expect(escapeMarkdown('x\u202egnp.exe')).toBe('x&lt;U+202E&gt;gnp.exe')
    expect(escapeMarkdown('a\u2066b\u2069c\u200fd\ufeff')).toBe(
      'a&lt;U+2066&gt;b&lt;U+2069&gt;c&lt;U+200F&gt;d&lt;U+FEFF&gt;'
    )
    expect(escapeMarkdown('bell\u0007 esc\u001b[31m')).toBe('bell\u2407 esc\u241b\\[31m')
    // Emoji keep their joiners and presentation selectors.
    expect(escapeMarkdown('\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f')).toBe(
      '\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f'
    )
  })

  test('no cell text can add a column or a row to a table', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 2 }), cells => {
        const table = renderTable([{ header: 'a' }, { header: 'b', align: 'right' }], [cells])
        const lines = table.split('\n')
        expect(lines).toHaveLength(3)
        const unescapedPipes = lines[2].replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? []
        expect(unescapedPipes).toHaveLength(3)
      })
    )
  })

  test('renders alignment rows', () => {
    expect(renderTable([{ header: 'metric' }, { header: 'value', align: 'right' }], [['acc', '0.9']])).toBe(
      '| metric | value |\n|:---|---:|\n| acc | 0.9 |'
    )
  })
})
