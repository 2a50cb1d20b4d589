import { stringify } from 'yaml'
import { nameMap } from '../data/name-map.js'
import type { Profile } from '../stats/profile.js'

/** At most this many distinct values make a column an enum in the starter schema (qsv uses 50, TFDV 100). */
const ENUM_LIMIT = 50

/**
 * The one-command bootstrap: a starter JSON Schema and rules file from a profile of known-good data.
 * Ranges are the observed min and max, enums the observed categories; users are expected to edit them.
 */
export function inferStarter(profile: Profile): { schema: object; rules: string } {
  const properties = nameMap<object>()
  const required: string[] = []
  const columns = nameMap<Record<string, unknown>>()
  for (const [name, column] of profile.columns) {
    const type = column.type
    const nullable = column.nulls > 0
    const present = column.count - column.nulls
    const rule: Record<string, unknown> = { required: true }
    if (!nullable) rule.not_null = true
    const property: Record<string, unknown> = {}
    const nonFinite = column.nonFinite.positive + column.nonFinite.negative + column.nonFinite.nan
    if ((type === 'integer' || type === 'number') && nonFinite > 0) {
      // ±Infinity and NaN are values of no JSON Schema type and of no rules `type` (SECURITY.md): a starter that
      // must pass on the data it came from leaves the column's type open and says why.
      property.description = `${nonFinite} non-finite value(s) (Infinity, NaN): no JSON Schema type admits them`
      if (column.finite > 0 && column.nonFinite.negative === 0) property.minimum = rule.min = column.min
      if (column.finite > 0 && column.nonFinite.positive === 0) property.maximum = rule.max = column.max
    } else if (type === 'integer' || type === 'number') {
      property.type = nullable ? [type, 'null'] : type
      rule.type = type
      // An infinite value (or no finite one) leaves that side unbounded: no finite bound holds for the data.
      if (column.finite > 0 && column.nonFinite.negative === 0) property.minimum = rule.min = column.min
      if (column.finite > 0 && column.nonFinite.positive === 0) property.maximum = rule.max = column.max
    } else if (type === 'boolean') {
      property.type = nullable ? ['boolean', 'null'] : 'boolean'
      rule.type = 'boolean'
    } else if (type === 'string' && (column.arrays === present || column.objects === present)) {
      // JSON arrays and objects (JSONL, Parquet LIST/STRUCT/MAP) are profiled as their JSON text.
      const shape = column.arrays === present ? 'array' : 'object'
      property.type = nullable ? [shape, 'null'] : shape
    } else if (type === 'string') {
      property.type = nullable ? ['string', 'null'] : 'string'
      if (column.categories && column.categories.size <= ENUM_LIMIT) {
        const values = [...column.categories.keys()].sort()
        property.enum = nullable ? [...values, null] : values
        rule.in = values
      }
    }
    properties[name] = property
    if (!nullable) required.push(name)
    columns[name] = rule
  }
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties,
    required
  }
  const rules =
    `# Starter rules inferred by mlci validate-data from ${profile.rows} rows: review and edit.\n` +
    stringify({
      rows: { min: 1 },
      columns,
      drift: {
        defaults: { numeric: 'wasserstein', categorical: 'jensenshannon', threshold: 0.1 },
        dataset_share: 0.5
      }
    })
  return { schema, rules }
}
