import { describe, expect, test } from '@jest/globals'
import { UserError } from '../errors/user-error.js'
import { compileJsonSchema } from './json-schema.js'

const compile = (schema: object, text = JSON.stringify(schema, null, 2)) =>
  compileJsonSchema(schema, 'schema.json', text)

function thrown(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('no error')
}

describe('JSON Schema keywords and formats', () => {
  test('a misspelt keyword is refused at its line, with the keyword it meant', () => {
    const error = thrown(() =>
      compile({ type: 'object', properties: { age: { type: 'number', minimun: 0 } } })
    )
    expect(error.message).toBe(
      "schema.json:6: unknown keyword 'minimun' at #/properties/age: did you mean 'minimum'? JSON Schema ignores what it does not know: a misspelt keyword is not checked."
    )
    expect(error.location).toEqual({ file: 'schema.json', line: 6 })
  })

  test('a keyword of the other draft says which draft the schema is read as', () => {
    expect(thrown(() => compile({ type: 'object', unevaluatedProperties: false })).message).toMatch(
      /^schema\.json:3: unknown keyword 'unevaluatedProperties': it is a keyword of draft 2020-12, and the schema is read as draft-07: add "\$schema"/
    )
    const draft2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', additionalItems: false }
    expect(thrown(() => compile(draft2020)).message).toMatch(
      /unknown keyword 'additionalItems': it is a keyword of draft-07, not of draft 2020-12/
    )
  })

  test('every keyword of draft-07 and of draft 2020-12 compiles, with annotations of the schema’s own', () => {
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://example.com/row.json',
      $comment: 'a row',
      title: 'Row',
      description: 'One row',
      'x-owner': 'data team',
      discriminator: { propertyName: 'kind' },
      type: 'object',
      required: ['id'],
      definitions: { positive: { type: 'number', exclusiveMinimum: 0 } },
      $defs: { label: { enum: ['a', 'b'] } },
      properties: {
        id: { type: 'integer', minimum: 0, multipleOf: 1, readOnly: true, examples: [1], default: 1 },
        amount: { $ref: '#/definitions/positive', deprecated: false },
        label: { $ref: '#/$defs/label' },
        email: { type: 'string', format: 'email', maxLength: 100, minLength: 3, writeOnly: false },
        day: { type: 'string', format: 'date', pattern: '^\\d{4}', example: '2024-01-01' },
        blob: { type: 'string', contentEncoding: 'base64', contentMediaType: 'image/png' },
        kind: { const: 'x', 'x-unit': 'none', unit: 'cm', kind: 'measure', ui: {} },
        tags: { type: 'array', items: { type: 'string' }, minItems: 0, maxItems: 3, uniqueItems: true },
        pair: { type: 'array', items: [{}, {}], additionalItems: false, contains: {} },
        meta: { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, maxProperties: 3, minProperties: 0 },
        either: {
          anyOf: [{ type: 'string' }, { type: 'null' }],
          oneOf: [{}],
          allOf: [{}],
          not: { type: 'array' }
        }
      },
      patternProperties: { '^x_': { type: 'string' } },
      additionalProperties: true,
      dependencies: { amount: ['id'] },
      if: { required: ['kind'] },
      then: { required: ['id'] },
      else: {}
    }
    expect(() => compile(draft7)).not.toThrow()
    const draft2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { item: { $anchor: 'item', type: 'string' }, node: { $dynamicAnchor: 'node' } },
      type: 'object',
      properties: {
        list: { type: 'array', prefixItems: [{ $ref: '#item' }], items: false, minContains: 0, contains: {} },
        tree: { $dynamicRef: '#node' }
      },
      dependentRequired: { list: ['tree'] },
      dependentSchemas: { tree: { required: ['list'] } },
      unevaluatedProperties: false
    }
    expect(() => compile(draft2020)).not.toThrow()
  })

  test('names and data that look like keywords are not keywords', () => {
    const schema = {
      type: 'object',
      properties: { minimun: { type: 'number', default: { minimun: 1 } } },
      $defs: { maximun: { enum: [{ maximun: 1 }], examples: [{ typ: 1 }] } }
    }
    expect(() => compile(schema)).not.toThrow()
  })

  test('a misspelt format is refused; a format of the schema’s own is accepted and not checked', () => {
    expect(
      thrown(() => compile({ type: 'object', properties: { when: { type: 'string', format: 'datetime' } } }))
        .message
    ).toBe(
      "schema.json:6: unknown format 'datetime' at #/properties/when: did you mean 'date-time'? JSON Schema ignores what it does not know: a misspelt format is not checked."
    )
    const own = compile({
      type: 'object',
      properties: { phone: { format: 'phone' }, mail: { format: 'idn-email' }, day: { format: 'date' } }
    })
    expect(own.validate({ phone: 'anything', mail: 'anything' })).toBeUndefined()
    expect(own.validate({ day: 'not a date' })?.map(e => e.keyword)).toEqual(['format'])
  })

  test('without the text, the error has no line but still names the path', () => {
    const schema = { properties: { age: { maximun: 1 } } }
    expect(thrown(() => compileJsonSchema(schema, 'schema.json')).message).toMatch(
      /^schema\.json: unknown keyword 'maximun' at #\/properties\/age: did you mean 'maximum'\?/
    )
  })
})

describe('a row is only its own properties (issue 13)', () => {
  const schema = compile({
    type: 'object',
    properties: {
      constructor: { type: 'string' },
      toString: { type: 'string' },
      valueOf: { type: 'string' }
    },
    required: ['toString']
  })

  test('names of Object.prototype members absent from a row are absent, whatever object the row is', () => {
    // A plain object inherits constructor, toString and valueOf: functions, not strings, and not the row's own.
    expect(schema.validate({ toString: 'x' } as Record<string, unknown>)).toBeUndefined()
    expect(schema.validate({})?.map(e => [e.path, e.keyword, e.value])).toEqual([
      ['/toString', 'required', '']
    ])
  })

  test('every example value is text, also for a value JSON cannot write', () => {
    const errors = compile({ properties: { f: { type: 'string' } } }).validate({ f: 1n } as Record<
      string,
      unknown
    >)
    expect(errors?.map(e => [e.keyword, typeof e.value])).toEqual([['type', 'string']])
  })
})
