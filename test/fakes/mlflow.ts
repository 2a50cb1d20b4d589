import http from 'node:http'
import type { AddressInfo } from 'node:net'

interface Tag {
  key: string
  value: string
}

interface FakeModelVersion {
  name: string
  version: string
  creation_timestamp: number
  last_updated_timestamp: number
  current_stage: string
  description: string
  source: string
  run_id: string
  run_link: string
  status: 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY'
  status_message: string
  tags: Tag[]
  aliases: string[]
}

export interface MlflowFake {
  /** `http://127.0.0.1:PORT` */
  url: string
  host: string
  calls: { method: string; path: string; body: unknown }[]
  models: Map<string, { name: string; aliases: Map<string, string>; versions: FakeModelVersion[] }>
  /** New versions stay PENDING_REGISTRATION for this many reads, then turn READY (or FAILED, below). */
  pendingReads: number
  failRegistrationWith?: string
  /** Answers the next `count` requests with this HTTP status and a TEMPORARILY_UNAVAILABLE body. */
  failNext(status: number, count?: number): void
  stop(): Promise<void>
}

/**
 * The MLflow Model Registry REST API (`/api/2.0/mlflow/…`, as documented in MLflow's REST reference and
 * `model_registry.proto`), for the endpoints publish uses: registered-models create/get, model-versions
 * create/get/search, registered-models alias set/get. Errors have MLflow's body, `{"error_code", "message"}`, with
 * its statuses: RESOURCE_ALREADY_EXISTS 400, INVALID_PARAMETER_VALUE 400, RESOURCE_DOES_NOT_EXIST 404.
 */
export async function startMlflowFake(): Promise<MlflowFake> {
  let failures: { status: number; count: number } | undefined
  const fake: MlflowFake = {
    url: '',
    host: '',
    calls: [],
    models: new Map(),
    pendingReads: 0,
    failNext(status, count = 1) {
      failures = { status, count }
    },
    stop: async () => {}
  }
  const reads = new Map<FakeModelVersion, number>()

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://fake')
    const text = Buffer.concat(chunks).toString('utf8')
    let body: Record<string, unknown> = {}
    const reply = (status: number, payload: object) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(payload))
    }
    const error = (status: number, code: string, message: string) =>
      reply(status, { error_code: code, message })
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    } catch {
      return error(400, 'MALFORMED_REQUEST', 'Malformed request body')
    }
    fake.calls.push({ method: req.method ?? '', path: url.pathname, body })
    if (failures && failures.count > 0) {
      failures.count--
      return error(failures.status, 'TEMPORARILY_UNAVAILABLE', 'The service is temporarily unavailable')
    }
    const endpoint = `${req.method} ${url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '')}`
    const param = (name: string) =>
      (req.method === 'GET' ? url.searchParams.get(name) : body[name]) as string | undefined
    const missing = (name: string) =>
      error(
        400,
        'INVALID_PARAMETER_VALUE',
        `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`
      )
    const now = Date.now()
    const model = (name: string | undefined) => (name ? fake.models.get(name) : undefined)
    const notFound = (name: string | undefined) =>
      error(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`)
    const versionOf = (name: string | undefined, version: string | undefined) =>
      model(name)?.versions.find(v => v.version === version)

    switch (endpoint) {
      case 'POST registered-models/create': {
        const name = param('name')
        if (!name) return missing('name')
        if (fake.models.has(name))
          return error(400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`)
        fake.models.set(name, { name, aliases: new Map(), versions: [] })
        return reply(200, {
          registered_model: {
            name,
            creation_timestamp: now,
            last_updated_timestamp: now,
            tags: body.tags ?? []
          }
        })
      }
      case 'GET registered-models/get': {
        const found = model(param('name'))
        if (!found) return notFound(param('name'))
        return reply(200, { registered_model: { name: found.name, aliases: aliasesOf(found.aliases) } })
      }
      case 'POST model-versions/create': {
        const name = param('name')
        if (!name) return missing('name')
        const source = param('source')
        if (!source) return missing('source')
        const found = model(name)
        if (!found) return notFound(name)
        const version: FakeModelVersion = {
          name,
          version: String(found.versions.length + 1),
          creation_timestamp: now,
          last_updated_timestamp: now,
          current_stage: 'None',
          description: (body.description as string) ?? '',
          source,
          run_id: (body.run_id as string) ?? '',
          run_link: (body.run_link as string) ?? '',
          status: fake.pendingReads > 0 ? 'PENDING_REGISTRATION' : settled(),
          status_message: '',
          tags: (body.tags as Tag[]) ?? [],
          aliases: []
        }
        found.versions.push(version)
        return reply(200, { model_version: version })
      }
      case 'GET model-versions/get': {
        const version = versionOf(param('name'), param('version'))
        if (!version) {
          return error(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Model Version (name=${param('name')}, version=${param('version')}) not found`
          )
        }
        const count = (reads.get(version) ?? 0) + 1
        reads.set(version, count)
        if (version.status === 'PENDING_REGISTRATION' && count >= fake.pendingReads) {
          version.status = settled()
          if (version.status === 'FAILED_REGISTRATION')
            version.status_message = fake.failRegistrationWith ?? ''
        }
        return reply(200, {
          model_version: { ...version, aliases: aliasesFor(model(version.name)!.aliases, version.version) }
        })
      }
      case 'GET model-versions/search': {
        // Only the filter publish sends, `name='<name>'`; MLflow's grammar has more, refused here loudly.
        const filter = url.searchParams.get('filter') ?? ''
        const byName = /^name\s*=\s*'([^']*)'$/.exec(filter)
        if (filter !== '' && !byName)
          return error(400, 'INVALID_PARAMETER_VALUE', `Invalid filter '${filter}' (fake)`)
        const max = Number(url.searchParams.get('max_results') ?? '200')
        if (!Number.isInteger(max) || max < 1 || max > 200_000) {
          return error(
            400,
            'INVALID_PARAMETER_VALUE',
            `Invalid value ${max} for parameter 'max_results' supplied.`
          )
        }
        const versions = [...fake.models.values()]
          .filter(m => !byName || m.name === byName[1])
          .flatMap(m => m.versions.map(v => ({ ...v, aliases: aliasesFor(m.aliases, v.version) })))
        if (url.searchParams.get('order_by') === 'version_number DESC')
          versions.sort((a, b) => Number(b.version) - Number(a.version))
        return reply(200, { model_versions: versions.slice(0, max) })
      }
      case 'POST registered-models/alias': {
        const name = param('name')
        const alias = param('alias')
        const versionNumber = param('version')
        if (!name) return missing('name')
        if (!alias) return missing('alias')
        if (!versionNumber) return missing('version')
        if (!model(name)) return notFound(name)
        if (!versionOf(name, versionNumber)) {
          return error(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Model Version (name=${name}, version=${versionNumber}) not found`
          )
        }
        model(name)!.aliases.set(alias, versionNumber)
        return reply(200, {})
      }
      case 'GET registered-models/alias': {
        const found = model(param('name'))
        const version = found?.aliases.get(param('alias') ?? '')
        if (!found || !version)
          return error(404, 'RESOURCE_DOES_NOT_EXIST', `Registered model alias ${param('alias')} not found.`)
        return reply(200, { model_version: versionOf(found.name, version) })
      }
      default:
        return error(404, 'ENDPOINT_NOT_FOUND', `No API found for '${url.pathname}'`)
    }
  })
  const settled = () => (fake.failRegistrationWith ? 'FAILED_REGISTRATION' : 'READY')
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  fake.host = `127.0.0.1:${port}`
  fake.url = `http://${fake.host}`
  fake.stop = () => {
    server.closeAllConnections()
    return new Promise(resolve => server.close(() => resolve()))
  }
  return fake
}

function aliasesOf(aliases: Map<string, string>) {
  return [...aliases.entries()].map(([alias, version]) => ({ alias, version }))
}

function aliasesFor(aliases: Map<string, string>, version: string): string[] {
  return [...aliases.entries()].filter(([, v]) => v === version).map(([alias]) => alias)
}
