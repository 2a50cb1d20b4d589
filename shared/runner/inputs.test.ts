import { describe, expect, test } from '@jest/globals'
import { InputReader, inputEnvName, splitList } from './inputs.js'
import { UserError } from '../errors/user-error.js'

const reader = (values: Record<string, string>) => new InputReader(name => values[name] ?? '', '/work/ws')

describe('InputReader', () => {
  test('maps names as the runner does', () => {
    expect(inputEnvName('max-errors')).toBe('INPUT_MAX-ERRORS')
    expect(inputEnvName('greeting word')).toBe('INPUT_GREETING_WORD')
  })

  test('booleans are strict', () => {
    expect(reader({ a: 'true', b: 'FALSE' }).boolean('a', { default: false })).toBe(true)
    expect(reader({ b: 'FALSE' }).boolean('b', { default: true })).toBe(false)
    expect(reader({}).boolean('c', { default: true })).toBe(true)
    for (const bad of ['yes', '1', 'on', 'yes please', 'tRue']) {
      expect(() => reader({ a: bad }).boolean('a', { default: false })).toThrow(
        new UserError(`Input 'a' must be true or false, got '${bad}'.`)
      )
    }
  })

  test('numbers check form, integers and bounds', () => {
    const r = reader({ n: '0.95', i: '1000', bad: '12abc', big: '2', frac: '1.5' })
    expect(r.number('n', { min: 0, max: 1 })).toBe(0.95)
    expect(r.number('i', { integer: true })).toBe(1000)
    expect(r.number('missing', { default: 4 })).toBe(4)
    expect(() => r.number('bad')).toThrow(/Input 'bad' must be a number, got '12abc'/)
    expect(() => r.number('big', { max: 1 })).toThrow(/at most 1/)
    expect(() => r.number('frac', { integer: true })).toThrow(/must be an integer/)
    expect(() => r.number('missing')).toThrow(/is required/)
  })

  test('durations, choices, lists, paths and globs', () => {
    const r = reader({
      d: '1h30m',
      bad: '10',
      c: 'recreate',
      l: 'a, b\nc\n\n',
      p: 'data/train.csv',
      g: 'metrics/*.{json,yaml}\n!metrics/old.json'
    })
    expect(r.duration('d', { default: '5m' })).toBe(5_400_000)
    expect(r.duration('none', { default: '90s' })).toBe(90_000)
    expect(() => r.duration('bad', { default: '1m' })).toThrow(/must be a duration such as 90s/)
    expect(r.choice('c', ['update', 'recreate', 'new'], { default: 'update' })).toBe('recreate')
    expect(() => r.choice('l', ['update', 'new'], { default: 'update' })).toThrow(/one of update, new/)
    expect(r.list('l')).toEqual(['a', 'b', 'c'])
    expect(r.path('p')).toBe('/work/ws/data/train.csv')
    expect(r.path('none')).toBeUndefined()
    expect(r.globs('g')).toEqual(['metrics/*.{json,yaml}', '!metrics/old.json'])
    expect(() => r.globs('none', { required: true })).toThrow(UserError)
  })

  test('splitList keeps braces together only for globs', () => {
    expect(splitList('a{b,c},d', true)).toEqual(['a{b,c}', 'd'])
    expect(splitList('a{b,c},d')).toEqual(['a{b', 'c}', 'd'])
  })
})
