import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { escapeMarkdown, renderTable } from './markdown.js'

describe('markdown rendering of untrusted text', () => {
  test('neutralises tables, links, images, HTML and mentions', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b')
    expect(escapeMarkdown('![x](https://evil.test/p.png)')).toBe('!\\[x\\](https://evil.test/p.png)')
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeMarkdown('ping @octo-org/team')).toBe('ping @\u200bocto-org/team')
    expect(escapeMarkdown('@all (cc)')).toBe('@\u200ball (cc)')
    expect(escapeMarkdown('ghcr.io/o/m@sha256:ab and me@example.com')).toBe(
      'ghcr.io/o/m@sha256:ab and me@example.com'
    )
    expect(escapeMarkdown('line\nbreak')).toBe('line break')
    expect(escapeMarkdown('**bold** `code` ~~x~~ _i_')).toBe(
      '\\*\\*bold\\*\\* \\`code\\` \\~\\~x\\~\\~ \\_i\\_'
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
