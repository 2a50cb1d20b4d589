import { expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { NODE24, runAction } from '../harness/run-action.js'
import { workspaceWith } from '../harness/workspace.js'
import { runPython } from '../oracles/python.js'
import { describeIfPython } from '../oracles/python-gate.js'

/**
 * Issue 13, the readers of validate-data through its bundle: each expected figure comes from Python's csv/json
 * (or DuckDB, in validate-data-parquet.test.ts), never from our own earlier output.
 */

const run = (workspace: string, inputs: Record<string, string>) =>
  runAction({ action: 'validate-data', inputs, workspace, node: NODE24 })

async function reportOf(result: { outputs: Record<string, string> }): Promise<{
  rows: number
  rules: { id: string; considered: number; violations: number }[]
}> {
  return JSON.parse(await readFile(result.outputs.report, 'utf8'))
}

describeIfPython({ csv: 'python3', json: 'python3' })('validate-data readers against Python', () => {
  test('a CR-only (old Mac) CSV file reads its records as Python csv does, with their lines', async () => {
    const csv = 'id,name\r1,"two\rlines"\r2,b\r\r3,c\r'
    const python = await runPython<{ rows: number; lines: number[] }>(
      `import csv, io, json, sys
text = json.load(sys.stdin)
reader = csv.reader(io.StringIO(text, newline=''))
header = next(reader)
rows, lines, start = 0, [], reader.line_num + 1
for record in reader:
    if record:
        rows += 1
        lines.append(start)
    start = reader.line_num + 1
print(json.dumps({"rows": rows, "lines": lines}))`,
      csv
    )
    // every row has an id: a 'not_null' rule on a missing one would name it; 'min' names the line of id 3
    const workspace = await workspaceWith({
      'mac.csv': csv,
      'rules.yml': 'columns:\n  id: { not_null: true, max: 2 }\n'
    })
    const result = await run(workspace, { data: 'mac.csv', rules: 'rules.yml' })
    expect(Number(result.outputs.rows)).toBe(python.rows)
    const max = result.annotations.find(a => a.title === 'mlci validate-data: id.max')
    expect(max?.line).toBe(python.lines[2])
  })

  test('JSONL invalid UTF-8 is reported at its line when a 64 KiB chunk starts inside a character', async () => {
    // 2000 lines of 'é' (2 bytes each), the first padded so that byte 65536 is the second byte of one.
    const body = Array.from({ length: 2000 }, () => `{"a": "${'é'.repeat(40)}"}`)
    let text = Buffer.from(body.join('\n') + '\n', 'utf8')
    if ((text[65536] & 0xc0) !== 0x80) {
      body[0] = `{"a": "x${'é'.repeat(40)}"}`
      text = Buffer.from(body.join('\n') + '\n', 'utf8')
    }
    expect(text[65536] & 0xc0).toBe(0x80)
    const invalidAt = 65536 + 30000
    text[invalidAt] = 0xff
    const expected = await runPython<{ line: number }>(
      `import json, sys
data = bytes(json.load(sys.stdin))
try:
    data.decode('utf-8')
    print(json.dumps({"line": 0}))
except UnicodeDecodeError as e:
    print(json.dumps({"line": data[:e.start].count(b"\\n") + 1}))`,
      [...text]
    )
    const workspace = await workspaceWith({ 'd.jsonl': text })
    const result = await run(workspace, { data: 'd.jsonl' })
    expect(result.exitCode).toBe(1)
    const error = result.annotations.find(a => /not valid UTF-8/.test(a.message))
    expect(error?.line).toBe(expected.line)
  })

  test("'0x1F', '0b1', '0o7' and whitespace are not integers; Python's int() agrees", async () => {
    const cells = ['0x1F', '0b1', '0o7', ' ', '12', '-3']
    const python = await runPython<boolean[]>(
      `import json, sys
def is_int(s):
    try:
        int(s, 10)
        return s.strip() != ''
    except ValueError:
        return False
print(json.dumps([is_int(c) for c in json.load(sys.stdin)]))`,
      cells
    )
    const workspace = await workspaceWith({
      'd.csv': 'x\n' + cells.map(c => (c === ' ' ? '" "' : c)).join('\n') + '\n',
      'rules.yml': 'columns:\n  x: { type: integer }\n'
    })
    const result = await run(workspace, { data: 'd.csv', rules: 'rules.yml' })
    const report = await reportOf(result)
    const rule = report.rules.find(r => r.id === 'x.type')
    expect(rule?.violations).toBe(python.filter(ok => !ok).length)
  })
})
