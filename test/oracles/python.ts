import { spawn } from 'node:child_process'

/**
 * Runs a Python script with the system interpreter, which has scikit-learn, SciPy and NumPy (`python3` on PATH
 * is a pyenv shim without them), and parses the JSON it prints. `input`, when given, reaches the script as
 * JSON on stdin. Asynchronous, so a test's servers keep serving.
 */
export function runPython<T>(script: string, input?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => {
      if (code !== 0) return reject(new Error(`python exited with ${code}: ${stderr}`))
      try {
        resolve(JSON.parse(stdout) as T)
      } catch (error) {
        reject(new Error(`python printed no JSON (${(error as Error).message}): ${stdout.slice(0, 500)}`))
      }
    })
    child.stdin.end(input === undefined ? '' : JSON.stringify(input))
  })
}
