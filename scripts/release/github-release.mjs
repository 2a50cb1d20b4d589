// The GitHub side of a release, over the REST API at an injectable base URL (GITHUB_API_URL on a runner, the
// GitHub fake in tests): a draft release with the notes, its assets, publication, then the major tag.
//
// Why draft → assets → publish: with the repository's "immutable releases" setting on, a published release's
// assets and tag can never change again, so everything is attached while it is a draft, and publishing is the
// last, single step. Every step can be re-run: a re-run finds its own draft (drafts have no tag yet, so they are
// found in the list, not by tag), keeps the assets that are already right, and a published release is left as
// it is when its assets are the ones built now, refused when they are not.
import { createHash } from 'node:crypto'
import { isLatest, majorTagMove, parseVersionTag } from './version.mjs'

const API_VERSION = '2022-11-28'

/**
 * @param {object} options
 * @param {string} options.apiUrl  e.g. https://api.github.com, or a GitHub Enterprise Server's /api/v3
 * @param {string} options.token  needs contents: write
 * @param {string} options.repository  owner/name
 * @param {import('./version.mjs').Version} options.version
 * @param {string} options.commit  the commit the tag points to (what the major tag moves to)
 * @param {string} options.notes  the release's body
 * @param {{ name: string, contentType: string, data: Buffer }[]} options.assets
 * @param {(line: string) => void} options.log
 * @returns {Promise<{ url: string, immutable: boolean, majorTag: string | null }>}
 */
export async function publishRelease({ apiUrl, token, repository, version, commit, notes, assets, log }) {
  const api = client(apiUrl, token)
  const repo = `/repos/${repository}`
  const tag = `v${version.text}`
  const versionTags = (
    await api.request('GET', `${repo}/git/matching-refs/${encodeURIComponent('tags/v')}`)
  ).body
    .map((/** @type {{ ref: string }} */ ref) => ref.ref.replace(/^refs\/tags\//, ''))
    .filter((/** @type {string} */ name) => 'version' in parseVersionTag(name))
  const tagged = await api.request('GET', `${repo}/git/ref/${encodeURIComponent(`tags/${tag}`)}`, {
    allow: [404]
  })
  if (tagged.status === 404)
    throw new Error(`${repository} has no tag ${tag}: push the tag first, then release it`)

  const existing = await api.request('GET', `${repo}/releases/tags/${encodeURIComponent(tag)}`, {
    allow: [404]
  })
  /** @type {Release} */
  let release
  if (existing.status === 200) {
    release = existing.body
    const differing = assetDifferences(release.assets, assets)
    if (differing.length > 0)
      throw new Error(
        `${tag} is already published with other assets (${differing.join('; ')}). A published release is not ` +
          'changed: release a new patch version instead.'
      )
    log(`${tag} is already published with these assets: nothing to change (${release.html_url})`)
  } else {
    release = await draftFor(api, repo, tag, version, notes, log)
    await attach(api, release, assets, log)
    const latest = isLatest(version, versionTags)
    release = (
      await api.request('PATCH', `${repo}/releases/${release.id}`, {
        body: { draft: false, tag_name: tag, make_latest: latest ? 'true' : 'false' }
      })
    ).body
    log(`published ${tag}${latest ? ' as the latest release' : ''}: ${release.html_url}`)
  }
  if (release.immutable !== true)
    log(
      `warning: ${tag} is not immutable: turn on "Release immutability" in the repository's settings so that ` +
        'published assets and tags cannot be changed'
    )

  const move = majorTagMove(version, versionTags.includes(tag) ? versionTags : [...versionTags, tag])
  if (!move.move) {
    log(`major tag: ${move.reason}`)
    return { url: release.html_url, immutable: release.immutable === true, majorTag: null }
  }
  const ref = `tags/${move.tag}`
  const current = await api.request('GET', `${repo}/git/ref/${encodeURIComponent(ref)}`, { allow: [404] })
  if (current.status === 404) {
    await api.request('POST', `${repo}/git/refs`, { body: { ref: `refs/${ref}`, sha: commit } })
    log(`created ${move.tag} at ${commit}`)
  } else if (current.body.object.sha === commit) {
    log(`${move.tag} already points at ${commit}`)
  } else {
    // Forced: a major tag follows the newest release of its line, also when a fix was branched off an older one.
    await api.request('PATCH', `${repo}/git/refs/${encodeURIComponent(ref)}`, {
      body: { sha: commit, force: true }
    })
    log(`moved ${move.tag} from ${current.body.object.sha} to ${commit}`)
  }
  return { url: release.html_url, immutable: release.immutable === true, majorTag: move.tag }
}

/**
 * Our draft for `tag` (from an earlier, interrupted run) with today's notes, or a new one.
 * @param {Client} api
 * @param {string} repo
 * @param {string} tag
 * @param {import('./version.mjs').Version} version
 * @param {string} notes
 * @param {(line: string) => void} log
 * @returns {Promise<Release>}
 */
async function draftFor(api, repo, tag, version, notes, log) {
  const fields = { name: tag, body: notes, prerelease: version.prerelease.length > 0 }
  const drafts = (await api.paginate(`${repo}/releases`)).filter(
    (/** @type {Release} */ release) => release.draft && release.tag_name === tag
  )
  const draft = drafts[0]
  if (draft !== undefined) {
    log(`reusing the draft of ${tag} left by an earlier run (release ${draft.id})`)
    return (await api.request('PATCH', `${repo}/releases/${draft.id}`, { body: fields })).body
  }
  const created = await api.request('POST', `${repo}/releases`, {
    body: { tag_name: tag, draft: true, ...fields }
  })
  log(`drafted ${tag} (release ${created.body.id})`)
  return created.body
}

/**
 * Uploads each asset the draft lacks, replacing one of the same name with other content.
 * @param {Client} api
 * @param {Release} release
 * @param {{ name: string, contentType: string, data: Buffer }[]} assets
 * @param {(line: string) => void} log
 */
async function attach(api, release, assets, log) {
  const attached = new Map(release.assets.map(asset => [asset.name, asset]))
  for (const asset of assets) {
    const digest = sha256(asset.data)
    const present = attached.get(asset.name)
    if (present !== undefined && present.digest === digest) {
      log(`asset ${asset.name} is already attached`)
      continue
    }
    if (present !== undefined) {
      await api.request('DELETE', new URL(present.url).pathname.replace(api.pathPrefix, ''))
      log(`asset ${asset.name} differs from the one attached earlier: replacing it`)
    }
    // upload_url is a URI template on another host on github.com (uploads.github.com): use it as given.
    const target = new URL(release.upload_url.replace(/\{[^}]*\}$/, ''))
    target.searchParams.set('name', asset.name)
    const uploaded = await api.upload(target, asset.contentType, asset.data)
    if (uploaded.digest !== undefined && uploaded.digest !== null && uploaded.digest !== digest)
      throw new Error(
        `GitHub stored ${asset.name} with digest ${uploaded.digest}, not ${digest}: upload damaged`
      )
    log(`attached ${asset.name} (${asset.data.length} bytes, ${digest})`)
  }
}

/**
 * What differs between a published release's assets and the ones built now, by name and digest.
 * @param {ReleaseAsset[]} published
 * @param {{ name: string, data: Buffer }[]} built
 */
function assetDifferences(published, built) {
  const differences = []
  for (const asset of built) {
    const present = published.find(candidate => candidate.name === asset.name)
    if (present === undefined) differences.push(`${asset.name} missing`)
    else if (present.digest !== null && present.digest !== undefined && present.digest !== sha256(asset.data))
      differences.push(`${asset.name} is ${present.digest}, built ${sha256(asset.data)}`)
  }
  return differences.sort()
}

/** @param {Buffer} data */
function sha256(data) {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/**
 * A minimal REST client: JSON in and out, GitHub's error message in the thrown error, Link-header pages.
 * @param {string} apiUrl
 * @param {string} token
 * @returns {Client}
 */
function client(apiUrl, token) {
  const base = apiUrl.replace(/\/+$/, '')
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'x-github-api-version': API_VERSION,
    'user-agent': 'mlci-release'
  }
  /** @type {Client['request']} */
  async function request(method, path, { body, allow = [] } = {}) {
    return send(
      method,
      new URL(base + path),
      body === undefined ? undefined : JSON.stringify(body),
      'application/json',
      allow
    )
  }
  /**
   * @param {string} method
   * @param {URL} url
   * @param {string | Buffer | undefined} body
   * @param {string} contentType
   * @param {number[]} allow  error statuses the caller handles itself
   */
  async function send(method, url, body, contentType, allow) {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': contentType },
      body
    })
    const text = await response.text()
    const json = text === '' ? undefined : JSON.parse(text)
    if (!response.ok && !allow.includes(response.status)) {
      const detail = json?.errors === undefined ? '' : ` ${JSON.stringify(json.errors)}`
      throw new Error(`${method} ${url.pathname} → ${response.status}: ${json?.message ?? text}${detail}`)
    }
    return { status: response.status, body: json, link: response.headers.get('link') }
  }
  return {
    pathPrefix: new URL(base).pathname.replace(/\/+$/, ''),
    request,
    async paginate(path) {
      const items = []
      /** @type {URL | undefined} */
      let url = new URL(`${base}${path}?per_page=100`)
      while (url !== undefined) {
        const page = await send('GET', url, undefined, '', [])
        items.push(...page.body)
        const next = /<([^>]+)>;\s*rel="next"/.exec(page.link ?? '')?.[1]
        url = next === undefined ? undefined : new URL(next)
      }
      return items
    },
    async upload(url, contentType, data) {
      return (await send('POST', url, data, contentType, [])).body
    }
  }
}

/**
 * @typedef {object} Client
 * @property {string} pathPrefix  the API's path on its host ('' on github.com, /api/v3 on GHES)
 * @property {(method: string, path: string, options?: { body?: unknown, allow?: number[] }) => Promise<{ status: number, body: any, link: string | null }>} request
 * @property {(path: string) => Promise<any[]>} paginate
 * @property {(url: URL, contentType: string, data: Buffer) => Promise<any>} upload
 */

/**
 * @typedef {object} ReleaseAsset
 * @property {string} name
 * @property {string} url
 * @property {string | null | undefined} digest
 */

/**
 * @typedef {object} Release
 * @property {number} id
 * @property {string} tag_name
 * @property {boolean} draft
 * @property {boolean | undefined} immutable
 * @property {string} html_url
 * @property {string} upload_url
 * @property {ReleaseAsset[]} assets
 */
