import { describe, expect, test } from '@jest/globals'
import { textClass } from './category-classes.js'
import { ColumnProfile, Profile, profileStateProblem, type ProfileState } from './profile.js'

const roundTrip = (profile: Profile) =>
  Profile.fromJSON(JSON.parse(JSON.stringify(profile.toJSON())) as ProfileState)

function profileOf(rows: { name: string; x: number }[]): Profile {
  const profile = new Profile()
  for (const row of rows) {
    profile.column('name').addValue(row.name, NaN)
    profile.column('x').addValue(String(row.x), row.x)
    profile.rows++
  }
  return profile
}

describe('profile (issue 13)', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => ({
    name: `n${(i * 7919) % 2600}`,
    x: i % 9 === 0 ? Infinity : i % 11 === 0 ? -Infinity : (i * 31) % 1777
  }))

  test('shards merged through their JSON equal the whole: hash classes, value counts, non-finite counts', () => {
    const whole = profileOf(rows)
    // One shard small enough for exact counts, two beyond them: exact counts join the classes when merged.
    const shards = [rows.slice(0, 500), rows.slice(500, 3000), rows.slice(3000)].map(s =>
      roundTrip(profileOf(s))
    )
    expect(shards[0].columns.get('name')!.categories).not.toBeNull()
    const merged = new Profile()
    for (const shard of shards) merged.merge(shard)
    const a = whole.toJSON().columns
    const b = merged.toJSON().columns
    expect(b.name.categoryClasses).toEqual(a.name.categoryClasses)
    expect(b.x.nonFinite).toEqual(a.x.nonFinite)
    expect(a.x.nonFinite.positive + a.x.nonFinite.negative).toBe(
      rows.filter(r => !Number.isFinite(r.x)).length
    )
    expect(b.x.mean).toBeCloseTo(a.x.mean, 9)
    expect(b.x.max).toBe(1776)
    // Every value is in its class.
    const classes = a.name.categoryClasses!
    expect(Object.values(classes).reduce((s, c) => s + c, 0)).toBe(rows.length)
    expect(classes[textClass('n0')]).toBeGreaterThan(0)
  })

  test('a column first seen after some rows still keeps all its numbers for drift', () => {
    const profile = new Profile()
    profile.keepValues()
    profile.column('a').addValue('1', 1)
    profile.rows++
    const late = profile.column('b') // absent, i.e. null, in the first row
    for (let i = 0; i < 5000; i++) late.addValue(String(i / 3), i / 3)
    expect(profile.keptValues().b).toHaveLength(5000)
    const d = late.distribution()
    expect('reason' in d ? d.reason : d.kind === 'numeric' && d.exact).toBe(true)
  })

  test('beyond the budget a column lets its values go and compares on the sketch, marked as such', () => {
    const profile = new Profile()
    profile.keepValues(5000)
    const column = profile.column('x')
    for (let i = 0; i < 10_000; i++) column.addValue(String(i / 7), i / 7)
    expect(profile.keptValues()).toEqual({})
    const d = column.distribution()
    expect('reason' in d ? d.reason : d.kind === 'numeric' && d.exact).toBe(false)
  })

  test('a column of only non-finite numbers is numeric with null min/max, and has no drift distribution', () => {
    const column = new ColumnProfile()
    column.addValue('Infinity', Infinity)
    column.addValue('NaN', NaN, true)
    expect(column.toJSON()).toEqual(
      expect.objectContaining({
        type: 'number',
        min: null,
        max: null,
        nonFinite: { positive: 1, negative: 0, nan: 1 }
      })
    )
    expect(column.distribution()).toEqual({ reason: 'no finite numbers' })
    const state = new Profile().toJSON()
    state.columns.x = column.toJSON()
    expect(profileStateProblem(state)).toBeUndefined()
    state.columns.x = { ...column.toJSON(), mean: null as unknown as number }
    expect(profileStateProblem(state)).toMatch(/column 'x': mean is null/)
  })
})
