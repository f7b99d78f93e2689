/**
 * Cloudflare's rules for the simulator (shared/providers/cloudflare.md, tags from its §0): the
 * v4 envelope, the create/update body (name ≤ 120, policies with permission-group ids and
 * resource keys, the `request.ip` condition, ISO date-times), and how resource keys cover an
 * account or a zone [CVA]. Modeled (UNDOC): the error codes and statuses of each refusal.
 */
import type { SimResponse } from '../base';
import { isoDateTime } from '../strict';

export const ACCOUNT = 'com.cloudflare.api.account';
export const ZONE = 'com.cloudflare.api.account.zone';
export const USER = 'com.cloudflare.api.user';

export interface Policy {
  id: string;
  effect: 'allow' | 'deny';
  permission_groups: { id: string; name: string }[];
  resources: Record<string, string | Record<string, string>>;
}

export interface IpCondition {
  in?: string[];
  not_in?: string[];
}

export const ok = (result: unknown, resultInfo?: unknown): SimResponse => ({
  status: 200,
  json: {
    success: true,
    errors: [],
    messages: [],
    result,
    ...(resultInfo === undefined ? {} : { result_info: resultInfo }),
  },
});

export const fail = (status: number, code: number, message: string): SimResponse => ({
  status,
  json: { success: false, errors: [{ code, message }], messages: [], result: null },
});

export const invalidToken = () => fail(401, 1000, 'Invalid API Token');
export const authError = () => fail(403, 10000, 'Authentication error');
export const notFound = () => fail(404, 1003, 'Not found');
export const badRequest = (message: string) => fail(400, 1001, message);

/** Whether an IPv4 address is inside a CIDR (IPv6 ranges are compared as exact text). */
export function inCidr(ip: string, cidr: string): boolean {
  const [range = '', bitsText] = cidr.split('/');
  const address = ip.replace(/^::ffff:/, '');
  const toInt = (a: string) => a.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/^\d+\.\d+\.\d+\.\d+$/.test(range)) return address === range;
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(address) & mask) === (toInt(range) & mask);
}

const CIDR = /^(?:\d{1,3}\.){3}\d{1,3}\/(?:[0-9]|[12]\d|3[0-2])$|^[0-9a-f:]+\/\d{1,3}$/i;

/** The `condition` field: only `request.ip` with `in`/`not_in` CIDR lists [CVA][WIRE]. */
export function parseCondition(
  value: unknown,
): { ok: true; ip: IpCondition | null } | { ok: false; response: SimResponse } {
  if (value === undefined || value === null) return { ok: true, ip: null };
  if (typeof value !== 'object' || Array.isArray(value))
    return { ok: false, response: badRequest('condition must be an object') };
  const keys = Object.keys(value);
  const extra = keys.find((k) => k !== 'request.ip');
  if (extra !== undefined)
    return { ok: false, response: badRequest(`condition: unknown field "${extra}" (expected "request.ip")`) };
  const ip = (value as Record<string, unknown>)['request.ip'];
  if (ip === undefined) return { ok: true, ip: null };
  if (ip === null || typeof ip !== 'object' || Array.isArray(ip))
    return { ok: false, response: badRequest('condition.request.ip must be an object') };
  const out: IpCondition = {};
  for (const [key, list] of Object.entries(ip)) {
    if (key !== 'in' && key !== 'not_in')
      return { ok: false, response: badRequest(`condition.request.ip: unknown field "${key}"`) };
    if (!Array.isArray(list) || list.some((c) => typeof c !== 'string' || !CIDR.test(c)))
      return { ok: false, response: badRequest(`condition.request.ip.${key} must be a list of CIDR ranges`) };
    out[key] = list as string[];
  }
  return { ok: true, ip: out };
}

/** An optional ISO date-time field, or the refusal. */
export function parseTime(
  body: Record<string, unknown>,
  field: string,
): { ok: true; ms: number | null } | { ok: false; response: SimResponse } {
  const value = body[field];
  if (value === undefined || value === null) return { ok: true, ms: null };
  const ms = isoDateTime(value);
  if (ms === null)
    return { ok: false, response: badRequest(`${field} must be a date-time (2018-07-01T05:20:00Z)`) };
  return { ok: true, ms };
}

/** Whether a policy's resource map covers an account (by id) [CVA]. */
export function coversAccount(resources: Policy['resources'], accountId: string): boolean {
  return Object.keys(resources).some((k) => k === `${ACCOUNT}.*` || k === `${ACCOUNT}.${accountId}`);
}

/** Whether a policy's resource map covers a zone of an account [CVA]. */
export function coversZone(resources: Policy['resources'], zoneId: string, accountId: string): boolean {
  return Object.entries(resources).some(
    ([k, v]) =>
      k === `${ZONE}.*` ||
      k === `${ZONE}.${zoneId}` ||
      ((k === `${ACCOUNT}.${accountId}` || k === `${ACCOUNT}.*`) &&
        typeof v === 'object' &&
        `${ZONE}.*` in v),
  );
}

/** Whether a policy's resource map covers the user (by tag). */
export function coversUser(resources: Policy['resources'], userTag: string): boolean {
  return Object.keys(resources).some((k) => k === `${USER}.*` || k === `${USER}.${userTag}`);
}

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
