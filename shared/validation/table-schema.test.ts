import { describe, expect, test } from '@jest/globals'
import { parseConfigFile } from '../config/config-file.js'
import { UserError } from '../errors/user-error.js'
import { emptyRules, type Rules } from './rules.js'
import { tableSchemaRules } from './table-schema.js'

function read(text: string, file = 'schema.yml'): Rules {
  const rules = emptyRules()
  tableSchemaRules(parseConfigFile(text, file), rules)
  return rules
}

function thrown(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('no error')
}

describe('Table Schema, read strictly', () => {
  test('fields and constraints become column rules, keys unique keys', () => {
    const rules = read(
      [
        'fields:',
        '  - name: id',
        '    type: integer',
        '    constraints: { required: true, unique: true, minimum: 1 }',
        '  - name: country',
        '    constraints: { enum: [US, DE], pattern: "[A-Z]{2}", minLength: 2, maxLength: 2 }',
        'primaryKey: id',
        'uniqueKeys: [[id, country]]',
        "missingValues: ['', { value: NA, label: not asked }]",
        ''
      ].join('\n')
    )
    expect(rules.columns.map(r => [r.column, r.type, r.min, r.notNull, r.unique, r.line, r.path])).toEqual([
      ['id', 'integer', 1, true, true, 2, 'fields[0]'],
      ['country', 'string', undefined, false, false, 5, 'fields[1]']
    ])
    expect([...rules.columns[1].in!]).toEqual(['US', 'DE'])
    expect(rules.columns[1].pattern?.test('US')).toBe(true)
    expect(rules.unique.map(k => [k.columns, k.path, k.line])).toEqual([
      [['id'], 'primaryKey', 7],
      [['id', 'country'], 'uniqueKeys[0]', 8]
    ])
    expect(rules.missingValues).toEqual(['', 'NA'])
  })

  test.each([
    [
      'an unknown type',
      'fields:\n  - name: age\n    type: integr\n',
      "schema.yml:3: fields[0].type 'integr' is not a Table Schema type: did you mean 'integer'?"
    ],
    [
      'a misspelt field key',
      'fields:\n  - name: age\n    constriants: { minimum: 0 }\n',
      "schema.yml:3: unknown key 'constriants': did you mean 'constraints'?"
    ],
    [
      'a misspelt constraint',
      'fields:\n  - name: age\n    type: integer\n    constraints: { minimun: 0 }\n',
      "schema.yml:4: unknown key 'minimun': did you mean 'minimum'?"
    ],
    [
      'a constraint the spec does not define',
      'fields:\n  - name: age\n    constraints:\n      positive: true\n',
      "schema.yml:4: unknown key 'positive': valid keys are required, unique, minLength, maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, jsonSchema, pattern, enum."
    ],
    [
      'a misspelt schema key',
      'fields:\n  - name: id\nprimarykey: id\n',
      "schema.yml:3: unknown key 'primarykey': did you mean 'primaryKey'?"
    ],
    [
      'a key on a field the schema does not have',
      'fields:\n  - name: id\nprimaryKey: [idd]\n',
      "schema.yml:3: primaryKey names 'idd', which is not a field: did you mean 'id'?"
    ],
    ['a field without a name', 'fields:\n  - type: string\n', 'schema.yml:2: fields[0] needs a "name".'],
    [
      'a required that is text',
      'fields:\n  - name: id\n    constraints: { required: "yes" }\n',
      'schema.yml:3: fields[0].constraints.required must be true or false, got "yes".'
    ],
    [
      'a maximum that is text',
      'fields:\n  - name: id\n    constraints:\n      maximum: "130"\n',
      'schema.yml:4: fields[0].constraints.maximum must be a number, got "130".'
    ],
    [
      'an enum that is not a list',
      'fields:\n  - name: id\n    constraints: { enum: a }\n',
      'schema.yml:3: fields[0].constraints.enum must be a list, got "a".'
    ]
  ])('%s fails at its line', (_, text, message) => {
    const error = thrown(() => read(text))
    expect(error.message).toBe(message)
    expect(error.location.line).toBe(Number(/:(\d+):/.exec(message)?.[1]))
  })

  test('a JSON Table Schema has its lines too', () => {
    const json = '{\n  "fields": [\n    {"name": "age",\n     "type": "numbr"}\n  ]\n}\n'
    expect(thrown(() => read(json, 'schema.json')).message).toBe(
      "schema.json:4: fields[0].type 'numbr' is not a Table Schema type: did you mean 'number'?"
    )
  })

  test('every key the spec defines is accepted, and so are properties of the schema’s own', () => {
    const schema = {
      $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
      title: 'Orders',
      fieldsMatch: 'subset',
      fields: [
        {
          name: 'when',
          title: 'When',
          description: 'Order time',
          example: '2024-01-01T00:00:00Z',
          type: 'datetime',
          format: 'default',
          rdfType: 'http://schema.org/DateTime',
          constraints: { required: true }
        },
        {
          name: 'amount',
          type: 'number',
          decimalChar: ',',
          groupChar: '.',
          bareNumber: false,
          unit: 'EUR',
          'x-source': 'erp',
          constraints: { exclusiveMinimum: 0, exclusiveMaximum: 1e6 }
        },
        { name: 'paid', type: 'boolean', trueValues: ['Y'], falseValues: ['N'] },
        { name: 'tags', type: 'list', delimiter: ';', itemType: 'string' },
        { name: 'size', type: 'integer', categories: [1, 2, 3], categoriesOrdered: true },
        { name: 'extra', type: 'object', constraints: { jsonSchema: { type: 'object' } } },
        { name: 'where', type: 'geopoint', missingValues: ['-'] }
      ],
      primaryKey: ['when', 'amount'],
      foreignKeys: [{ fields: 'paid', reference: { resource: '', fields: 'paid' } }]
    }
    const rules = read(JSON.stringify(schema), 'schema.json')
    expect(rules.columns.map(r => [r.column, r.type])).toEqual([
      ['when', undefined],
      ['amount', 'number'],
      ['paid', 'boolean'],
      ['tags', undefined],
      ['size', 'integer'],
      ['extra', undefined],
      ['where', undefined]
    ])
    expect(rules.columns[6].missingValues).toEqual(['-'])
  })

  test('a key the rules file already has is checked once', () => {
    const rules = emptyRules()
    rules.unique.push({ columns: ['id'], file: 'rules.yml', line: 1, path: 'unique.0' })
    tableSchemaRules(
      parseConfigFile('{"fields": [{"name": "id"}], "primaryKey": "id"}', 'schema.json'),
      rules
    )
    expect(rules.unique.map(k => k.file)).toEqual(['rules.yml'])
  })
})
