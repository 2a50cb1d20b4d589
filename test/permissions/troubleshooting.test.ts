import { expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import ts from 'typescript'
import { REPO_ROOT } from '../harness/run-action.js'

/**
 * README.md's Troubleshooting quotes the log as users see it: each quoted message (`…` for a value) must be one
 * the code can print, so that a reworded message cannot leave the README pointing at text nobody will see.
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter(file => /\.ts$/.test(file) && !/\.test\.ts$|\.d\.ts$/.test(file))
    .map(file => path.join(REPO_ROOT, dir, file))
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A string expression as a pattern: literal text kept, every interpolated or computed part any text. */
function patternOf(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return escape(node.text)
  if (ts.isTemplateExpression(node))
    return escape(node.head.text) + node.templateSpans.map(span => `.*${escape(span.literal.text)}`).join('')
  if (ts.isTaggedTemplateExpression(node)) return patternOf(node.template)
  if (ts.isParenthesizedExpression(node)) return patternOf(node.expression)
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return patternOf(node.left) + patternOf(node.right)
  return '.*'
}

/** Every message the code can print: its string and template literals, with concatenations joined. */
function codeMessages(): RegExp[] {
  const files = [
    ...sourceFiles('shared'),
    ...readdirSync(path.join(REPO_ROOT, 'actions')).flatMap(name => sourceFiles(`actions/${name}/src`))
  ]
  const patterns: RegExp[] = []
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      const isText =
        ts.isStringLiteral(node) ||
        ts.isTemplateExpression(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
      const inConcatenation =
        ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken
      if (isText && !inConcatenation) {
        const pattern = patternOf(node)
        // Only messages: enough literal text that a pattern cannot match anything.
        if (pattern.replace(/\.\*/g, '').length >= 12) patterns.push(new RegExp(`^${pattern}$`, 's'))
      }
      ts.forEachChild(node, visit)
    }
    ts.forEachChild(source, visit)
  }
  return patterns
}

test("each message README.md's Troubleshooting quotes is one the code prints", () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
  const section = /^## Troubleshooting\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? ''
  const quoted = section
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .flatMap(line => [...line.split(' | ')[0].matchAll(/`([^`]+)`/g)].map(match => match[1]))
  expect(quoted.length).toBeGreaterThanOrEqual(10)
  const patterns = codeMessages()
  // A config file's messages start with the place: `file:line: `, added around the message itself.
  const unknown = quoted.filter(
    message =>
      !patterns.some(pattern => pattern.test(message) || pattern.test(message.replace(/^[^\s:]+:\d+: /, '')))
  )
  expect(unknown).toEqual([])
})
