/**
 * GitLab's request rules, as shared/providers/gitlab.md states them (tags from its §0): how
 * parameters arrive (JSON, form or query; arrays as `scopes[]`), which scopes each call needs,
 * the expiry rules of a new or rotated token, and the error bodies.
 */
import { DAY, type SimRequest, type SimResponse } from '../base';
import { isoDateTime } from '../strict';

/** Every scope a personal access token may carry [UPAT]. */
export const SCOPES = [
  'api',
  'read_api',
  'read_user',
  'read_repository',
  'write_repository',
  'read_registry',
  'write_registry',
  'read_virtual_registry',
  'write_virtual_registry',
  'create_runner',
  'manage_runner',
  'ai_features',
  'k8s_proxy',
  'read_service_ping',
  'self_rotate',
  'sudo',
  'admin_mode',
] as const;

/** Scopes `POST /user/personal_access_tokens` accepts [UT]. */
export const SELF_CREATE_SCOPES = ['k8s_proxy', 'self_rotate'];

/** Grape's error bodies [AUTH][HLP]. */
export const grape = (status: number, text: string): SimResponse => ({
  status,
  json: { message: text },
});
export const unauthorized = (): SimResponse => grape(401, '401 Unauthorized');
export const forbidden = (): SimResponse => grape(403, '403 Forbidden');
export const notFound = (what = '404 Not found'): SimResponse => grape(404, what);
export const badRequest = (reason: string): SimResponse => grape(400, `400 Bad request - ${reason}`);
/** Model validation: `message` maps each field to its errors [TRB]. */
export const invalid = (field: string, text: string): SimResponse => ({
  status: 400,
  json: { message: { [field]: [text] } },
});
/** Grape's own parameter validation (modeled: GitLab answers `{"error": "<param> is missing"}`). */
export const paramError = (text: string): SimResponse => ({ status: 400, json: { error: text } });

/** OAuth-style authentication failures [GUARD]. */
export const tokenRevoked = (): SimResponse => ({
  status: 401,
  json: {
    error: 'invalid_token',
    error_description: 'Token was revoked. You have to re-authorize from the user.',
  },
});
export const tokenExpired = (): SimResponse => ({
  status: 401,
  json: {
    error: 'invalid_token',
    error_description: 'Token is expired. You can either do re-authorization or token refresh.',
  },
});
export const insufficientScope = (scopes: readonly string[]): SimResponse => ({
  status: 403,
  json: {
    error: 'insufficient_scope',
    error_description: 'The request requires higher privileges than provided by the access token.',
    scope: scopes.join(' '),
  },
});

export type Params = Record<string, string | string[] | boolean | null | undefined>;

/**
 * The request's parameters: the query string, then a JSON object or form body [REST]. A JSON body
 * that is not an object, or another media type, is refused (modeled, strict).
 */
export function params(req: SimRequest): { ok: true; values: Params } | { ok: false; response: SimResponse } {
  const values: Params = {};
  for (const [key, value] of req.query.entries()) {
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const prior = values[name];
      const list = Array.isArray(prior) ? prior : [];
      values[name] = [...list, value];
    } else values[key] = value;
  }
  if (req.rawBody === '') return { ok: true, values };
  const type = String(req.headers['content-type'] ?? '');
  if (/^application\/json\b/i.test(type)) {
    const body = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return { ok: false, response: badRequest('the body must be a JSON object') };
    Object.assign(values, body);
    return { ok: true, values };
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    for (const [key, value] of new URLSearchParams(req.rawBody).entries()) {
      const name = key.endsWith('[]') ? key.slice(0, -2) : key;
      if (key.endsWith('[]')) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
      else values[name] = value;
    }
    return { ok: true, values };
  }
  return { ok: false, response: { status: 415, json: { message: '415 Unsupported Media Type' } } };
}

/** Parameters the endpoint does not take (modeled strictness: nothing is dropped silently). */
export function unknownParams(values: Params, allowed: readonly string[]): SimResponse | null {
  const extra = Object.keys(values).filter((k) => !allowed.includes(k) && k !== 'private_token');
  return extra.length === 0 ? null : paramError(`${extra.join(', ')} does not have a valid value`);
}

/** A `YYYY-MM-DD` date → 00:00 UTC of it, or null when it is not a calendar date. */
export function dateValue(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return isoDateTime(value);
}

export const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const today = (now: number) => Math.floor(now / DAY) * DAY;

export interface ExpiryPolicy {
  /** require_personal_access_token_expiry (on by default, 17.3+) [LIM]. */
  enforced: boolean;
  /** 365, or 400 with buffered_token_expiration_limit [LIM][MOD]. */
  maxDays: number;
}

/**
 * The expiry of a new token [UT][MOD]: omitted means the maximum lifetime when enforced and none
 * otherwise; a date in the past or past the maximum fails validation.
 */
export function createExpiry(
  value: unknown,
  policy: ExpiryPolicy,
  now: number,
): { ok: true; date: string | null } | { ok: false; response: SimResponse } {
  const latest = today(now) + policy.maxDays * DAY;
  if (value === undefined || value === null || value === '')
    return { ok: true, date: policy.enforced ? dateOf(latest) : null };
  const ms = dateValue(value);
  if (ms === null) return { ok: false, response: paramError('expires_at is invalid') };
  if (ms <= today(now)) return { ok: false, response: invalid('expires_at', 'must be in the future') };
  if (policy.enforced && ms > latest)
    return { ok: false, response: invalid('expires_at', `must be before ${dateOf(latest)}`) };
  return { ok: true, date: dateOf(ms) };
}

/** A rotation's expiry [ROT]: omitted is one week when enforced, none otherwise (newest doc). */
export function rotateExpiry(
  value: unknown,
  policy: ExpiryPolicy,
  now: number,
): { ok: true; date: string | null } | { ok: false; response: SimResponse } {
  if (value === undefined || value === null || value === '')
    return { ok: true, date: policy.enforced ? dateOf(today(now) + 7 * DAY) : null };
  return createExpiry(value, policy, now);
}

/** `scopes`: a non-empty list of known scopes, each allowed here. */
export function scopeList(
  value: unknown,
  allowed: readonly string[],
): { ok: true; scopes: string[] } | { ok: false; response: SimResponse } {
  if (value === undefined || value === null) return { ok: false, response: paramError('scopes is missing') };
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || !allowed.includes(s)))
    return { ok: false, response: paramError('scopes does not have a valid value') };
  return { ok: true, scopes: [...new Set(list as string[])] };
}
