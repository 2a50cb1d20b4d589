/**
 * Objects keyed by names that come from users' files: metric names, column names, slice values, rule ids. A plain
 * `{}` answers `constructor`, `toString` or `hasOwnProperty` with what it inherits from Object.prototype, and
 * `record['__proto__'] = value` sets its prototype instead of a key, so a metric called `toString` would read
 * as present before it was ever written and one called `__proto__` would vanish. These have no prototype: every
 * name is a key like any other. They serialise with JSON.stringify as plain objects do.
 */
export function nameMap<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const map = Object.create(null) as Record<string, T>
  for (const [name, value] of entries) map[name] = value
  return map
}

/**
 * The value `record` holds under `name` itself, never one it inherits: for records that may come from
 * JSON.parse (results files, digests, artifacts), which have Object.prototype.
 */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | null | undefined,
  name: string
): T | undefined {
  return record != null && Object.hasOwn(record, name) ? record[name] : undefined
}
