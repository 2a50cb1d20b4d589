import { spawn } from 'node:child_process'

/**
 * Runs a Python snippet with the system interpreter (which has SciPy, NumPy, pandas), feeding `input` as
 * JSON on stdin and returning the JSON the snippet prints. Asynchronous, as the harness requires.
 */
export function runPython<T>(code: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', code], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => {
      if (code !== 0) reject(new Error(`python exited ${code}: ${stderr}`))
      else resolve(JSON.parse(stdout) as T)
    })
    child.stdin.end(JSON.stringify(input))
  })
}
