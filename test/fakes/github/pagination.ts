/**
 * GitHub's offset pagination: `per_page` (default 30, silently capped at 100) and `page` (1-based), with an
 * RFC 8288 `Link` header listing prev/next/last/first in the order GitHub sends them. No header when
 * everything fits on the first page.
 */
export function paginate<T>(
  items: T[],
  query: { per_page?: number; page?: number },
  requestUrl: URL
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(query.per_page ?? 30, 1), 100)
  const page = Math.max(query.page ?? 1, 1)
  const last = Math.max(Math.ceil(items.length / perPage), 1)
  const pageItems = items.slice((page - 1) * perPage, page * perPage)
  if (last === 1 && page === 1) return { items: pageItems, headers: {} }

  const link = (target: number, rel: string) => {
    const url = new URL(requestUrl)
    url.searchParams.set('page', String(target))
    return `<${url.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  return { items: pageItems, headers: { link: links.join(', ') } }
}
