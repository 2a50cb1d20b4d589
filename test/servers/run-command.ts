import { spawn } from 'node:child_process'

/** Runs a command asynchronously (never spawnSync: in-process fakes must keep serving) and returns its stdout. */
export async function runCommand(command: string, args: string[]): Promise<Buffer> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`)
  return Buffer.concat(stdout)
}

/** `sha256sum FILE`, the coreutils one: an implementation independent of ours. */
export async function sha256sum(file: string): Promise<string> {
  return `sha256:${(await runCommand('sha256sum', [file])).toString().split(' ')[0]}`
}
