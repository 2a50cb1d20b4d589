import { afterEach, describe, expect, jest, test } from '@jest/globals'
import fc from 'fast-check'
import { escapeMarkdown, renderTable } from '../shared/report/markdown.js'
import { revealHidden } from '../shared/report/visible-text.js'
import * as log from '../shared/runner/log.js'
import { activeMarkdown, render } from './harness/markdown-check.js'
import { parseWorkflowCommands } from './harness/workflow-commands.js'

/**
 * Issue 12, acceptance 3: the untrusted-text printer (shared/runner/log.ts) and the markdown escaper
 * (shared/report/markdown.ts) against generated text. Seeded, so a failure reproduces; each property stops
 * after its run count or its time budget, whichever comes first.
 */
const SEED = 20260112
const BUDGET = { seed: SEED, numRuns: 3000, interruptAfterTimeLimit: 4000 }

/**
 * Text built from the pieces that matter (command syntax, line breaks, white space the runner trims, characters
 * ICU may skip, markdown and GitHub reference syntax) mixed with arbitrary code units, lone surrogates included.
 */
const PIECES = [
  '::',
  ':',
  '##[',
  '#',
  '[',
  ']',
  '##',
  'add-mask',
  'set-output name=x',
  'stop-commands',
  'error',
  '%0A',
  '%25',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\u00a0',
  '\u3000',
  '\u0085',
  '\u2028',
  '\u200b',
  '\u200d',
  '\u00ad',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\ufe0f',
  '\u001b',
  '\u0000',
  '\\',
  '@',
  '@org/team',
  'me@example.com',
  '#1',
  'GH-12',
  'owner/repo#5',
  'https://',
  'www.',
  '<img src=x>',
  '<!-- x -->',
  '[x](y)',
  '![i](u)',
  '`',
  '*',
  '_',
  '~',
  '|',
  '$',
  '&',
  '&amp;',
  '&#8203;',
  '- ',
  '+ ',
  '1. ',
  '# ',
  '---',
  '>',
  '    ',
  '\u{1f469}',
  '\u{1f4bb}',
  'a',
  '0'
]
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 24 })
  .map(parts => parts.join(''))

/** What `log.info` writes for a message, captured. */
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

describe('the untrusted-text printer', () => {
  test('no line it prints is a workflow command, and no ##[ survives', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (value, other) => {
        const out = printedBy(() => {
          log.info`${value}`
          log.info`Read ${value} from ${other}.`
          log.info`  ${log.lines(value)}`
          log.info`##${value}`
          log.info`${log.text`:${value}`}`
        })
        expect(parseWorkflowCommands(out)).toEqual([])
        expect(out).not.toContain('##[')
      }),
      BUDGET
    )
  })

  // The verdict (`log.fail`) is always an annotation, whatever the step printed before; findings (`log.error`) share
  // its formatting but only get the run page's first slots, after which they are plain lines (the test above).
  test('an annotation is exactly one command, whatever its message, title and file', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (message, title, file) => {
        const out = printedBy(() => log.fail(log.text`${log.lines(message)}`, { title, file, startLine: 3 }))
        process.exitCode = undefined
        const commands = parseWorkflowCommands(out)
        expect(commands).toHaveLength(1)
        expect(commands[0]).toMatchObject({ command: 'error', syntax: 'v2' })
        // The file round-trips exactly (it must name the real file); the message has no ##[ for the log.
        expect(commands[0].properties.file ?? '').toBe(file)
        expect(commands[0].message).not.toContain('##[')
        expect(out.split('\n')).toHaveLength(2)
      }),
      BUDGET
    )
  })

  test('a value stays on its line, and printing is idempotent', () => {
    fc.assert(
      fc.property(hostileText, value => {
        const once = log.printed(log.text`${value}`)
        expect(once).not.toMatch(/[\r\n]/)
        expect(log.printed(log.text`${once}`)).toBe(once)
        const block = log.printed(log.text`${log.lines(value)}`)
        expect(log.printed(log.text`${log.lines(block)}`)).toBe(block)
        expect(block.split('\n')).toHaveLength(value.split(/\r\n|\r|\n/).length)
      }),
      BUDGET
    )
  })

  test('readable: printable text comes back when the escaping backslashes are dropped', () => {
    const printable = fc
      .array(fc.oneof(fc.constantFrom('::', '##[', ' ', '#', ':', '['), fc.string({ maxLength: 6 })), {
        maxLength: 12
      })
      .map(parts => parts.join('').replace(/[\\\p{Cc}]/gu, ''))
    fc.assert(
      fc.property(printable, value => {
        expect(log.printed(log.text`${value}`).replaceAll('\\', '')).toBe(value)
      }),
      BUDGET
    )
  })
})

describe('the markdown escaper', () => {
  test('escaped text renders as text: no syntax, block, HTML, link, mention, reference or hidden character', () => {
    fc.assert(
      fc.property(hostileText, value => {
        const escaped = escapeMarkdown(value)
        expect(activeMarkdown(escaped)).toEqual([])
        // Where it is a list item's text, too.
        expect(activeMarkdown(`- ${escaped}`, { blockStart: false })).toEqual([])
      }),
      BUDGET
    )
  })

  test('nothing is lost: the rendered text is the input, on one line, with hidden characters shown', () => {
    fc.assert(
      fc.property(hostileText, value => {
        const shown = render(escapeMarkdown(value)).text.replaceAll('\u200b', '')
        expect(shown).toBe(revealHidden(value.replace(/[\r\n\t]+/g, ' ')))
      }),
      BUDGET
    )
  })

  test('no cell adds a column or a row', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        const rows = renderTable([{ header: 'metric' }, { header: 'value' }], [[a, b]]).split('\n')
        expect(rows).toHaveLength(3)
        expect(render(rows[2]).syntax.filter(token => token === '|')).toHaveLength(3)
      }),
      BUDGET
    )
  })
})
