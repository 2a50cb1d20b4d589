import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'

/**
 * Where traffic is shifted: the user's own deploy and rollback programs, or a webhook. Both hear the
 * same facts: the model, the environment, the stage and its traffic share, and the model to go back to.
 */
export interface RolloutContext {
  modelUri: string
  previousModelUri?: string
  environment: string
}

export interface TargetCall {
  /** `deploy` sends trafficPercent to the new model; `rollback` sends all traffic back to the previous one. */
  action: 'deploy' | 'rollback'
  /** The stage's 1-based position, or `rollback`. */
  stage: string
  trafficPercent: number
}

export interface RolloutTarget {
  call(call: TargetCall): Promise<void>
}

/** The target failed: a program exited non-zero, a webhook answered non-2xx or not at all. */
export class TargetError extends Error {}

export function targetEnvironment(context: RolloutContext, call: TargetCall): Record<string, string> {
  return {
    MLCI_MODEL_URI: context.modelUri,
    MLCI_PREVIOUS_MODEL_URI: context.previousModelUri ?? '',
    MLCI_ENVIRONMENT: context.environment,
    MLCI_STAGE: call.stage,
    MLCI_TRAFFIC_PERCENT: String(call.trafficPercent)
  }
}

const COMMAND_TIMEOUT_MS = 15 * 60_000

export function commandTarget(options: {
  context: RolloutContext
  deployCommand: string[]
  rollbackCommand: string[]
  cwd: string
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}): RolloutTarget {
  return {
    call(call: TargetCall) {
      const [executable, ...args] = call.action === 'deploy' ? options.deployCommand : options.rollbackCommand
      return new Promise<void>((resolve, reject) => {
        const child = spawn(executable, args, {
          cwd: options.cwd,
          env: { ...(options.env ?? process.env), ...targetEnvironment(options.context, call) },
          stdio: ['ignore', 'pipe', 'pipe']
        })
        const relay = (chunk: string) => {
          for (const line of chunk.split('\n'))
            if (line.trim() !== '') options.log?.(`  ${executable}: ${line}`)
        }
        child.stdout.setEncoding('utf8').on('data', relay)
        child.stderr.setEncoding('utf8').on('data', relay)
        const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS)
        child.once('error', error => {
          clearTimeout(timer)
          reject(new TargetError(`could not run the ${call.action} command ${executable}: ${error.message}`))
        })
        child.once('close', (code, signal) => {
          clearTimeout(timer)
          if (code === 0) return resolve()
          reject(
            new TargetError(
              `the ${call.action} command ${executable} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`
            )
          )
        })
      })
    }
  }
}

/** The header carrying `sha256=<hex HMAC of the body>`, as GitHub signs its own webhooks. */
export const SIGNATURE_HEADER = 'x-mlci-signature-256'
const WEBHOOK_TIMEOUT_MS = 30_000

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

export function webhookTarget(options: {
  context: RolloutContext
  url: string
  secret?: string
  repository?: string
  runId?: string
}): RolloutTarget {
  return {
    async call(call: TargetCall) {
      const body = JSON.stringify({
        action: call.action,
        model_uri: options.context.modelUri,
        previous_model_uri: options.context.previousModelUri ?? null,
        environment: options.context.environment,
        stage: call.stage,
        traffic_percent: call.trafficPercent,
        repository: options.repository ?? null,
        run_id: options.runId ?? null
      })
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'mlci-deploy'
      }
      if (options.secret) headers[SIGNATURE_HEADER] = signBody(body, options.secret)
      let response: Response
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)
        })
        await response.arrayBuffer()
      } catch (error) {
        throw new TargetError(`the ${call.action} webhook did not answer: ${(error as Error).message}`)
      }
      if (!response.ok) throw new TargetError(`the ${call.action} webhook answered ${response.status}`)
    }
  }
}
