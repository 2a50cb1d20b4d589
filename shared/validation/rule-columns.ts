import { suggestNearest } from '../config/suggest.js'
import { ruleError, type RulePlace, type Rules } from './rules.js'

/** Columns listed in a message, at most. */
const SHOWN_COLUMNS = 20

/**
 * A rule about a column the data does not have can never be checked: it is a mistake in the rules (most often a
 * typo), and silently skipping it would turn the check off. It fails at the rule's line, with the nearest column.
 * `columns` are all the columns of the data (the union over its files: a column in some files and not others is
 * checked where it is), `data` names the data in the message ("d.csv", "any of the 3 data files").
 * A column whose rules say `required` is exempt: with true its absence is a finding of the validation itself
 * (column-presence.ts), with false it may be absent. Table Schema fields are required, so they are exempt too.
 */
export function checkRuleColumns(
  rules: Pick<Rules, 'columns' | 'unique'>,
  columns: ReadonlySet<string>,
  data: string
): void {
  const presenceSaid = new Set(rules.columns.filter(r => r.required !== undefined).map(r => r.column))
  const absent = (column: string) => !columns.has(column) && !presenceSaid.has(column)
  const mistakes: { column: string; place: RulePlace; line?: number }[] = []
  for (const rule of rules.columns)
    if (absent(rule.column)) mistakes.push({ column: rule.column, place: rule, line: rule.line })
  for (const key of rules.unique)
    key.columns.forEach((column, i) => {
      if (absent(column)) mistakes.push({ column, place: key, line: key.lines?.[i] ?? key.line })
    })
  if (mistakes.length === 0) return
  // The first in the file, as a reader of the file would meet it.
  const first = mistakes.reduce((a, b) => ((b.line ?? Infinity) < (a.line ?? Infinity) ? b : a))
  const known = [...columns]
  const guess = suggestNearest(first.column, known)
  const shown = known.slice(0, SHOWN_COLUMNS).join(', ') + (known.length > SHOWN_COLUMNS ? ', …' : '')
  const hint = guess
    ? `: did you mean '${guess}'?`
    : known.length > 0
      ? ` (columns: ${shown}).`
      : ', which has no columns.'
  throw ruleError(
    `${first.place.path}: no column '${first.column}' in ${data}${hint} A rule about a column the data does not have is never checked: fix the name, or give the column \`required: false\` if it may be absent.`,
    first.place.file,
    first.line
  )
}
