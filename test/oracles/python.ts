import { spawn } from 'node:child_process'

/**
 * Runs a Python script on the machine's system interpreter, which has SciPy, scikit-learn and pandas
 * (the pyenv `python3` on PATH does not), with JSON in on stdin and JSON out on stdout. Asynchronous, so a
 * test's servers keep serving while Python works.
 */
export const SYSTEM_PYTHON = '/usr/bin/python3'

export function runPythonOracle<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
    child.once('error', reject)
    child.once('close', code => {
      if (code !== 0) return reject(new Error(`python oracle exited with ${code}:\n${stderr}`))
      try {
        resolve(JSON.parse(stdout) as T)
      } catch (error) {
        reject(new Error(`python oracle printed no JSON (${String(error)}):\n${stdout}\n${stderr}`))
      }
    })
    child.stdin.end(JSON.stringify(input))
  })
}
