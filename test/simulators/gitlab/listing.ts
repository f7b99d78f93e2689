/**
 * `GET /personal_access_tokens` [PAT][PATH] with GitLab's offset pagination [REST]: `page`
 * (default 1) and `per_page` (default 20, at most 100); `Link` (prev, next, first, last) and the
 * `X-Page`, `X-Per-Page`, `X-Next-Page`, `X-Prev-Page`, `X-Total`, `X-Total-Pages` headers; above
 * 10,000 records the totals and rel="last" are left out.
 */
import type { SimRequest, SimResponse } from '../base';
import { isoDateTime, positiveIntegerId } from '../strict';
import { dateValue, paramError, unauthorized, unknownParams, notFound, type Params } from './rules';
import type { GitLabSimulator, GitLabTokenState, GitLabUserState } from './simulator';

/** The filters of every token list (§3), and `page`/`per_page`. */
export const LIST_FILTERS = [
  'created_after',
  'created_before',
  'last_used_after',
  'last_used_before',
  'expires_after',
  'expires_before',
  'revoked',
  'search',
  'state',
  'sort',
  'page',
  'per_page',
];
const SORTS = [
  'created_asc',
  'created_desc',
  'expires_asc',
  'expires_desc',
  'last_used_asc',
  'last_used_desc',
  'name_asc',
  'name_desc',
];
const FILTERS = ['user_id', ...LIST_FILTERS];
const COUNT_LIMIT = 10_000;

const bool = (v: unknown): boolean | null =>
  v === 'true' || v === true ? true : v === 'false' || v === false ? false : null;

export function listTokens(
  sim: GitLabSimulator,
  req: SimRequest,
  q: Params,
  caller: GitLabUserState,
): SimResponse {
  const extra = unknownParams(q, FILTERS);
  if (extra !== null) return extra;
  let userId: number | null = caller.admin ? null : caller.id;
  if (q.user_id !== undefined) {
    const id = positiveIntegerId(String(q.user_id));
    if (id === null) return paramError('user_id is invalid');
    if (!caller.admin && id !== caller.id) return unauthorized();
    if (caller.admin && !sim.users.has(id)) return notFound('404 User Not Found');
    userId = id;
  }
  // The non-admin finder leaves impersonation tokens out [PATH].
  const rows = [...sim.tokens.values()].filter(
    (t) => (caller.admin || !t.impersonation) && (userId === null || t.userId === userId),
  );
  return filteredPage(sim, req, q, rows, (t) => sim.entity(t));
}

/**
 * The list filters every token list shares (§3: created/last-used/expires ranges, revoked,
 * search, state, sort), then one page of the result with GitLab's pagination headers.
 */
export function filteredPage(
  sim: GitLabSimulator,
  req: SimRequest,
  q: Params,
  all: GitLabTokenState[],
  entity: (t: GitLabTokenState) => unknown,
): SimResponse {
  const revoked = q.revoked === undefined ? null : bool(q.revoked);
  if (q.revoked !== undefined && revoked === null) return paramError('revoked is invalid');
  if (q.state !== undefined && q.state !== 'active' && q.state !== 'inactive')
    return paramError('state does not have a valid value');
  if (q.sort !== undefined && !SORTS.includes(String(q.sort)))
    return paramError('sort does not have a valid value');
  const times: Record<string, number | null> = {};
  for (const key of ['created_after', 'created_before', 'last_used_after', 'last_used_before']) {
    if (q[key] === undefined) continue;
    times[key] = isoDateTime(q[key]);
    if (times[key] === null) return paramError(`${key} is invalid`);
  }
  for (const key of ['expires_after', 'expires_before']) {
    if (q[key] === undefined) continue;
    times[key] = dateValue(q[key]);
    if (times[key] === null) return paramError(`${key} is invalid`);
  }
  const search = typeof q.search === 'string' ? q.search.toLowerCase() : null;
  const inRange = (value: number | null, after?: number | null, before?: number | null) =>
    (after === undefined || (value !== null && value > (after ?? 0))) &&
    (before === undefined || (value !== null && value < (before ?? 0)));
  const rows = all.filter(
    (t: GitLabTokenState) =>
      (revoked === null || t.revoked === revoked) &&
      (q.state === undefined || sim.active(t) === (q.state === 'active')) &&
      (search === null || t.name.toLowerCase().includes(search)) &&
      inRange(t.createdAt, times.created_after, times.created_before) &&
      inRange(t.lastUsedAt, times.last_used_after, times.last_used_before) &&
      inRange(dateValue(t.expiresAt), times.expires_after, times.expires_before),
  );
  return pageOf(req, q, sortRows(rows, String(q.sort ?? 'created_desc')), entity);
}

/** One page of `rows` (`page`, `per_page` ≤ 100) with `Link` and the `X-*` headers [REST]. */
export function pageOf<T>(req: SimRequest, q: Params, rows: T[], entity: (row: T) => unknown): SimResponse {
  const page = q.page === undefined ? 1 : positiveIntegerId(String(q.page));
  const perPageRaw = q.per_page === undefined ? 20 : positiveIntegerId(String(q.per_page));
  if (page === null) return paramError('page is invalid');
  if (perPageRaw === null) return paramError('per_page is invalid');
  const perPage = Math.min(perPageRaw, 100);
  const total = rows.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  const link = (p: number) => {
    const url = new URL(`http://${String(req.headers.host ?? '127.0.0.1')}${req.path}`);
    for (const [key, value] of req.query.entries())
      if (key !== 'page' && key !== 'private_token') url.searchParams.append(key, value);
    url.searchParams.set('page', String(p));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>`;
  };
  const counted = total <= COUNT_LIMIT;
  const links: string[] = [];
  if (page > 1) links.push(`${link(page - 1)}; rel="prev"`);
  if (page < totalPages) links.push(`${link(page + 1)}; rel="next"`);
  links.push(`${link(1)}; rel="first"`);
  if (counted) links.push(`${link(totalPages)}; rel="last"`);
  const headers: Record<string, string> = {
    Link: links.join(', '),
    'X-Page': String(page),
    'X-Per-Page': String(perPage),
    'X-Next-Page': page < totalPages ? String(page + 1) : '',
    'X-Prev-Page': page > 1 ? String(page - 1) : '',
  };
  if (counted) {
    headers['X-Total'] = String(total);
    headers['X-Total-Pages'] = String(totalPages);
  }
  return { status: 200, json: slice.map(entity), headers };
}

function sortRows(rows: GitLabTokenState[], sort: string): GitLabTokenState[] {
  const [field, direction] =
    sort.split('_').length === 3 ? ['last_used', sort.split('_')[2]] : sort.split('_');
  const key = (t: GitLabTokenState): number | string =>
    field === 'name'
      ? t.name
      : field === 'expires'
        ? (dateValue(t.expiresAt) ?? Number.MAX_SAFE_INTEGER)
        : field === 'last_used'
          ? (t.lastUsedAt ?? 0)
          : t.createdAt;
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
  });
  return direction === 'desc' ? sorted.reverse() : sorted;
}
