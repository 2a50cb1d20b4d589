import { createHmac, randomUUID } from 'node:crypto'
import { UserError } from '../errors/user-error.js'
import { ServiceError } from '../errors/service-error.js'
import { describeExit, ProgramNotStarted, runProgram } from '../io/run-program.js'
import { describeFetchFailure } from '../errors/fetch-failure.js'
import { isLoopback } from '../registry/registry-origin.js'

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

/**
 * Each delivery carries when it was sent and a fresh id, and the signature covers both with the body:
 * `X-Mlci-Signature-256: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<delivery id>.<body>")>`. A receiver that
 * checks the timestamp against a tolerance window and remembers the ids it has seen for that long cannot be
 * replayed to (the scheme of Stripe's and Slack's webhook signatures, with GitHub's header format). The README
 * shows the verification.
 */
export const SIGNATURE_HEADER = 'x-mlci-signature-256'
/** Unix time in whole seconds when the delivery was sent. */
export const TIMESTAMP_HEADER = 'x-mlci-timestamp'
/** A UUID, new for every delivery (a retry of the same call is a new delivery). */
export const DELIVERY_HEADER = 'x-mlci-delivery'
const WEBHOOK_TIMEOUT_MS = 30_000

export function signDelivery(
  secret: string,
  delivery: { timestamp: string; id: string; body: string }
): string {
  const signed = `${delivery.timestamp}.${delivery.id}.${delivery.body}`
  return `sha256=${createHmac('sha256', secret).update(signed).digest('hex')}`
}

/**
 * Plain http only to the runner itself, unless the user says the network is trusted: over http anyone on the way
 * reads the model names and can hold a signed delivery back and replay it within the tolerance window.
 */
export function checkWebhookUrl(url: string, options: { insecure: boolean; inputName: string }): void {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' || options.insecure || isLoopback(parsed.hostname)) return
  throw new UserError(
    `Input '${options.inputName}' is plain http to ${parsed.hostname}: the deliveries, their signatures and the ` +
      `model names would cross the network unencrypted, readable and replayable on the way. Use an https URL, ` +
      `or set 'insecure: true' if the network between the runner and the webhook is trusted.`
  )
}

export function webhookTarget(options: {
  context: RolloutContext
  url: string
  secret?: string
  /** Allows plain http to a host other than loopback (checkWebhookUrl). */
  insecure?: boolean
  repository?: string
  runId?: string
}): RolloutTarget {
  checkWebhookUrl(options.url, { insecure: options.insecure ?? false, inputName: 'webhook-url' })
  // Messages name the origin only: the path or query string of a webhook URL often carries its secret.
  const origin = new URL(options.url).origin
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
      const delivery = { timestamp: String(Math.floor(Date.now() / 1000)), id: randomUUID(), body }
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'mlci-deploy',
        [TIMESTAMP_HEADER]: delivery.timestamp,
        [DELIVERY_HEADER]: delivery.id
      }
      if (options.secret) headers[SIGNATURE_HEADER] = signDelivery(options.secret, delivery)
      const webhook = `the ${call.action} webhook at ${origin}`
      let response: Response
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          // A redirect would carry the signed body to an address nobody configured (307 and 308 keep it).
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)
        })
        await response.arrayBuffer()
      } catch (error) {
        throw new TargetError(`${webhook} did not answer: ${describeFetchFailure(error)}`, {
          hint: `Check that the webhook at ${origin} is up and reachable from the runner, or retry the job.`
        })
      }
      if (response.status >= 300 && response.status < 400)
        throw new TargetError(
          `${webhook} answered ${response.status}, ${describeRedirect(response, options.url)}: mlci does not ` +
            `follow redirects with a signed body`,
          {
            status: response.status,
            hint: "Set 'webhook-url' to the address that accepts the POST itself (https, the final path)."
          }
        )
      if (!response.ok)
        throw new TargetError(`${webhook} answered ${response.status}`, {
          status: response.status,
          hint: "Check the webhook service's log for why it refused the request."
        })
    }
  }
}

/** "a redirect to https://other.example": the origin only, like every message about the webhook. */
function describeRedirect(response: Response, url: string): string {
  const location = response.headers.get('location')
  if (location === null || !URL.canParse(location, url)) return 'a redirect'
  return `a redirect to ${new URL(location, url).origin}`
}
