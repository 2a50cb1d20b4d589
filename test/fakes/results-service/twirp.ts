/**
 * Twirp JSON wire format as the results service speaks it: errors are `{code, msg}` bodies with the HTTP status
 * from the Twirp spec, requests arrive with proto field names (snake_case) but protojson also accepts lowerCamel
 * names, and int64 values travel as decimal strings.
 */

export type TwirpCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'malformed'
  | 'deadline_exceeded'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'dataloss'

/** https://twitchtv.github.io/twirp/docs/spec_v7.html#error-codes */
const twirpStatus: Record<TwirpCode, number> = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  dataloss: 500
}

/** The code an injected fault carries for an HTTP status (first code in the spec's table that maps to it). */
export function twirpCodeFor(status: number): TwirpCode {
  const found = (Object.keys(twirpStatus) as TwirpCode[]).find(code => twirpStatus[code] === status)
  return found ?? 'unknown'
}

export class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    msg: string
  ) {
    super(msg)
    this.name = 'TwirpError'
  }

  get status(): number {
    return twirpStatus[this.code]
  }

  toJSON(): { code: TwirpCode; msg: string } {
    return { code: this.code, msg: this.message }
  }
}

export type TwirpBody = Record<string, unknown>

function camelCase(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

function read(body: TwirpBody, field: string): unknown {
  return body[field] ?? body[camelCase(field)] ?? undefined
}

/** A string field (also a google.protobuf.StringValue, which protojson writes as a bare string). */
export function stringField(body: TwirpBody, field: string, required: boolean): string | undefined {
  const value = read(body, field)
  if (value === undefined || value === null || value === '') {
    if (required) throw new TwirpError('invalid_argument', `${field} is required`)
    return undefined
  }
  if (typeof value !== 'string') throw new TwirpError('malformed', `${field}: expected a string`)
  return value
}

/** An int64 field (also Int64Value): protojson sends a decimal string, and accepts a JSON number. */
export function int64Field(body: TwirpBody, field: string): bigint | undefined {
  const value = read(body, field)
  if (value === undefined || value === null) return undefined
  if (
    (typeof value === 'string' && /^-?\d+$/.test(value)) ||
    (typeof value === 'number' && Number.isInteger(value))
  ) {
    return BigInt(value)
  }
  throw new TwirpError('malformed', `${field}: expected an int64`)
}

export function stringListField(body: TwirpBody, field: string): string[] {
  const value = read(body, field)
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) {
    throw new TwirpError('malformed', `${field}: expected a list of strings`)
  }
  return value
}

/** google.protobuf.Timestamp in protojson: an RFC 3339 string. */
export function timestampField(body: TwirpBody, field: string): Date | undefined {
  const value = read(body, field)
  if (value === undefined || value === null) return undefined
  const date = typeof value === 'string' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime()))
    throw new TwirpError('malformed', `${field}: expected an RFC 3339 timestamp`)
  return date
}

/** Backend ids from the runtime token's `scp` claim; the fake trusts the token as the results service trusts its signature. */
export interface TokenScope {
  workflowRunBackendId: string
  workflowJobRunBackendId: string
}

/** Parses `Authorization: Bearer <jwt>`; anything else is `unauthenticated`, like the service's 401. */
export function authenticate(authorization: string | undefined): TokenScope | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
  if (!token) throw new TwirpError('unauthenticated', 'missing bearer token')
  const payload = token.split('.')[1]
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'))
  } catch {
    throw new TwirpError('unauthenticated', 'bearer token is not a JWT')
  }
  const scp = (claims as { scp?: unknown } | null)?.scp
  if (typeof scp !== 'string') throw new TwirpError('unauthenticated', 'bearer token has no scp claim')
  for (const scope of scp.split(' ')) {
    const parts = scope.split(':')
    if (parts[0] === 'Actions.Results' && parts.length === 3 && parts[1] && parts[2]) {
      return { workflowRunBackendId: parts[1], workflowJobRunBackendId: parts[2] }
    }
  }
  return undefined
}
