/**
 * The Datadog simulator's strict checks (shared/providers/datadog.md §3–§5): the query parameters
 * each list takes, JSON:API request bodies with no field the client's models lack, the
 * `{errors: [...]}` bodies of key management, and the `X-RateLimit-*` headers.
 */
import type { SimRequest, SimResponse } from '../base';
import { jsonObjectBody } from '../strict';

/** Key management's error body: `APIErrorResponse` = `{errors: string[]}` (§5). */
export const fail = (status: number, ...errors: string[]): SimResponse => ({ status, json: { errors } });
export const badRequest = (why: string) => fail(400, why);
export const forbidden = () => fail(403, 'Forbidden');
export const notFound = () => fail(404, 'Not found');

/** The query each list takes (DDC request factories), beyond which a request is refused. */
export const LIST_PARAMS = {
  apiKeys: [
    'page[size]',
    'page[number]',
    'sort',
    'filter',
    'filter[created_at][start]',
    'filter[created_at][end]',
    'filter[modified_at][start]',
    'filter[modified_at][end]',
    'include',
    'filter[remote_config_read_enabled]',
    'filter[category]',
  ],
  orgAppKeys: [
    'page[size]',
    'page[number]',
    'sort',
    'filter',
    'filter[created_at][start]',
    'filter[created_at][end]',
    'filter[owned_by]',
    'include',
  ],
  myAppKeys: [
    'page[size]',
    'page[number]',
    'sort',
    'filter',
    'filter[created_at][start]',
    'filter[created_at][end]',
    'include',
  ],
} as const;

export interface Paging {
  size: number;
  number: number;
  filter: string | null;
  include: string[];
  sort: string | null;
}

const integer = (value: string | null, fallback: number): number | null => {
  if (value === null) return fallback;
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
};

/**
 * A list request's paging and filters, or a 400: unknown parameters, a page size outside 1–100
 * (§3), a page number that is not a whole number, an unknown `include` or `sort`. Modeled (§7):
 * pages count from 0, and the default size is 10.
 */
export function paging(
  req: SimRequest,
  allowed: readonly string[],
  includes: readonly string[],
  sorts: readonly string[],
): Paging | SimResponse {
  const unknown = [...req.query.keys()].filter((key) => !allowed.includes(key));
  if (unknown.length > 0) return badRequest(`Invalid query parameter: ${unknown.join(', ')}`);
  const size = integer(req.query.get('page[size]'), 10);
  if (size === null || size < 1 || size > 100) return badRequest('page[size] must be between 1 and 100');
  const number = integer(req.query.get('page[number]'), 0);
  if (number === null) return badRequest('page[number] must be a non-negative integer');
  const include = (req.query.get('include') ?? '').split(',').filter((i) => i !== '');
  const bad = include.find((i) => !includes.includes(i));
  if (bad !== undefined) return badRequest(`Invalid include: ${bad}`);
  const sort = req.query.get('sort');
  if (sort !== null && !sorts.includes(sort.replace(/^-/, ''))) return badRequest(`Invalid sort: ${sort}`);
  return { size, number, filter: req.query.get('filter'), include, sort };
}

export type Attributes = Record<string, unknown>;

/**
 * A JSON:API create body `{data: {type, attributes}}` with only the attributes the model has
 * (§3 request bodies), or a 400 in Datadog's shape.
 */
export function createBody(
  req: SimRequest,
  type: string,
  allowed: readonly string[],
): { attributes: Attributes } | SimResponse {
  const outer = jsonObjectBody(req, ['data']);
  if (!outer.ok)
    return badRequest(
      outer.problem.kind === 'unknown_fields'
        ? `Unknown field: ${outer.problem.fields.join(', ')}`
        : 'Body must be a JSON object',
    );
  const data = outer.body.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return badRequest('data is required');
  const record = data as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => k !== 'type' && k !== 'attributes');
  if (extra.length > 0) return badRequest(`Unknown field: data.${extra.join(', data.')}`);
  if (record.type !== type) return badRequest(`data.type must be "${type}"`);
  const attributes = record.attributes;
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes))
    return badRequest('data.attributes is required');
  const unknown = Object.keys(attributes).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    return badRequest(`Unknown field: data.attributes.${unknown.join(', data.attributes.')}`);
  const name = (attributes as Attributes).name;
  if (typeof name !== 'string' || name.trim() === '') return badRequest('name is required');
  return { attributes: attributes as Attributes };
}

/** Per endpoint and period: the `X-RateLimit-*` headers (§5), and 429 past the limit. */
export class RateLimits {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly periodSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Counts a request to `name`; the headers to send, and whether it is over the limit. */
  take(name: string): { headers: Record<string, string>; over: boolean } {
    const period = this.periodSeconds * 1000;
    // Periods are aligned to the calendar (§5): they start at multiples of the period.
    const start = Math.floor(this.now() / period) * period;
    const window = this.windows.get(name);
    const current = window !== undefined && window.start === start ? window : { start, used: 0 };
    current.used += 1;
    this.windows.set(name, current);
    const over = current.used > this.limit;
    return {
      over,
      headers: {
        'x-ratelimit-limit': String(this.limit),
        'x-ratelimit-period': String(this.periodSeconds),
        'x-ratelimit-remaining': String(Math.max(0, this.limit - current.used)),
        'x-ratelimit-reset': String(Math.max(1, Math.ceil((start + period - this.now()) / 1000))),
        'x-ratelimit-name': name,
      },
    };
  }
}
