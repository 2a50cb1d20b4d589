import { createHmac } from 'node:crypto'
import { ServiceError } from '../errors/service-error.js'
import { describeExit, ProgramNotStarted, runProgram } from '../io/run-program.js'
import { describeFetchFailure } from '../errors/fetch-failure.js'

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
export class TargetError extends ServiceError {
  constructor(message: string, details: { status?: number; hint?: string } = {}) {
    super('The rollout target', message, {
      hint: 'Check the deploy and rollback commands (or the webhook) with the model and stage in the log.',
      ...details
    })
    this.name = 'TargetError'
  }
}

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
  /** The programs' base environment (runner/environment.ts): the MLCI_* facts are added to it. */
  env: Record<string, string>
  log?: (line: string) => void
}): RolloutTarget {
  return {
    async call(call: TargetCall) {
      const [executable, ...args] = call.action === 'deploy' ? options.deployCommand : options.rollbackCommand
      let result
      try {
        result = await runProgram(executable, args, {
          cwd: options.cwd,
          env: { ...options.env, ...targetEnvironment(options.context, call) },
          timeoutMs: COMMAND_TIMEOUT_MS,
          onLine: line => {
            if (line.trim() !== '') options.log?.(`  ${executable}: ${line}`)
          }
        })
      } catch (error) {
        if (error instanceof ProgramNotStarted)
          throw new TargetError(`could not run the ${call.action} command ${executable}: ${error.message}`)
        throw error
      }
      if (result.exitCode !== 0)
        throw new TargetError(
          `the ${call.action} command ${executable} ${describeExit(result, COMMAND_TIMEOUT_MS)}`
        )
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
      // Messages name the origin only: the path or query string of a webhook URL often carries its secret.
      const webhook = `the ${call.action} webhook at ${new URL(options.url).origin}`
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
        throw new TargetError(`${webhook} did not answer: ${describeFetchFailure(error)}`, {
          hint: `Check that the webhook at ${new URL(options.url).origin} is up and reachable from the runner, or retry the job.`
        })
      }
      if (!response.ok)
        throw new TargetError(`${webhook} answered ${response.status}`, {
          status: response.status,
          hint: "Check the webhook service's log for why it refused the request."
        })
    }
  }
}
