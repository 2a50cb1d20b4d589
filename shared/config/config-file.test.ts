import { describe, expect, test } from '@jest/globals'
import { UserError } from '../errors/user-error.js'
import { parseConfigFile } from './config-file.js'
import { editDistance, misspeltFrom, suggestNearest } from './suggest.js'

const POLICY = `metrics:
  accuracy: { direction: higher, min: 0.9, max_drop: 0.01 }
  rmse:
    direction: lower
    mosty: 0.99
significance: { level: 0.05 }
`

function thrown(work: () => unknown): UserError {
  try {
    work()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

describe('strict config files', () => {
  test('reads values with their paths', () => {
    const root = parseConfigFile(POLICY, 'policy.yml').object(['metrics', 'significance', 'missing'])
    const accuracy = root.metrics.entries()[0][1].object(['direction', 'min', 'max_drop'])
    expect(accuracy.direction.choice(['higher', 'lower'])).toBe('higher')
    expect(accuracy.min.number({ min: 0, max: 1 })).toBe(0.9)
    expect(root.significance.object(['level']).level.number()).toBe(0.05)
    expect(root.missing.present).toBe(false)
    expect(root.missing.optional(v => v.string())).toBeUndefined()
  })

  test('an unknown key names its line and the nearest valid key', () => {
    const root = parseConfigFile(POLICY, 'policy.yml').object(['metrics', 'significance'])
    const rmse = root.metrics.entries()[1][1]
    const error = thrown(() => rmse.object(['direction', 'mostly', 'max']))
    expect(error.message).toBe("policy.yml:5: unknown key 'mosty': did you mean 'mostly'?")
    expect(error.location).toEqual({ file: 'policy.yml', line: 5 })
  })

  test('wrong types and values name the path and line', () => {
    const root = parseConfigFile('rows: { min: many }\nmode: valdate\n', 'rules.yml').object(['rows', 'mode'])
    expect(thrown(() => root.rows.object(['min']).min.number()).message).toBe(
      'rules.yml:1: rows.min: must be a number, got "many".'
    )
    expect(thrown(() => root.mode.choice(['validate', 'infer'])).message).toBe(
      "rules.yml:2: mode: 'valdate' is not one of validate, infer; did you mean 'validate'?"
    )
    expect(thrown(() => root.rows.list()).message).toMatch(
      /rules\.yml:1: rows: must be a list, got a mapping/
    )
  })

  test('a duration needs a unit, and a bare number is told so', () => {
    const root = parseConfigFile('bake: 10m\nstep: 10\nwait: soon\n', 'plan.yml').object([
      'bake',
      'step',
      'wait'
    ])
    expect(root.bake.duration()).toBe(600_000)
    expect(thrown(() => root.step.duration()).message).toBe(
      'plan.yml:2: step: must be a duration such as 30s or 10m, got the bare number 10: give it a unit (10s or 10m).'
    )
    expect(thrown(() => root.wait.duration()).message).toBe(
      "plan.yml:3: wait: must be a duration such as 30s or 10m, got 'soon'."
    )
  })

  test('a required key that is absent points at the mapping that lacks it', () => {
    const root = parseConfigFile('\n\ndrift:\n  threshold: 0.1\n', 'rules.yml').object(['drift'])
    const drift = root.drift.object(['threshold', 'method'])
    expect(thrown(() => drift.method.string()).message).toBe('rules.yml:4: drift.method: is required.')
  })

  test('a value in block style is on the line after its key: keyLine is where the name is', () => {
    const [[name, rule]] = parseConfigFile('columns:\n  age:\n    min: 0\n', 'rules.yml')
      .object(['columns'])
      .columns.entries()
    expect([name, rule.line, rule.keyLine]).toEqual(['age', 3, 2])
    const [item] = parseConfigFile('unique:\n  - [id]\n', 'rules.yml').object(['unique']).unique.list()
    expect(item.keyLine).toBe(2)
  })

  test('YAML syntax errors and duplicate keys carry the line', () => {
    expect(thrown(() => parseConfigFile('a: 1\nb: [1, 2\nc: 3\n', 'x.yml')).message).toMatch(
      /^x\.yml:\d+: not valid YAML/
    )
    expect(thrown(() => parseConfigFile('a: 1\na: 2\n', 'x.yml')).message).toMatch(
      /^x\.yml:2: not valid YAML/
    )
  })

  test('suggestions', () => {
    expect(editDistance('mosty', 'mostly')).toBe(1)
    expect(editDistance('mxa', 'max')).toBe(1)
    expect(suggestNearest('thresold', ['threshold', 'method'])).toBe('threshold')
    expect(suggestNearest('zzzzzz', ['threshold', 'method'])).toBeUndefined()
    // An open vocabulary takes only near misses for typos.
    expect(misspeltFrom('minimun', ['minimum', 'not'])).toBe('minimum')
    expect(misspeltFrom('MinLength', ['minLength'])).toBe('minLength')
    expect(misspeltFrom('constriants', ['constraints'])).toBe('constraints')
    expect(suggestNearest('unit', ['not', 'id'])).toBe('not')
    expect(misspeltFrom('unit', ['not', 'id'])).toBeUndefined()
    expect(misspeltFrom('kind', ['not', 'id'])).toBeUndefined()
  })
})
