/**
 * The checks every strict simulator makes before its provider's own rules, so that a request the
 * real provider would refuse is refused here too instead of being half-understood:
 * - a body must be JSON when the endpoint takes JSON (a form-encoded or text body is refused);
 * - a JSON body must be an object, with no field the endpoint does not take (no silent drops);
 * - ids in paths are what the provider's ids are (positive integers, UUIDs);
 * - dates are ISO 8601 and exist on the calendar ("2027-02-30" is not a date);
 * - "N years ahead" is counted in calendar years, the way the providers state their limits.
 * Each simulator turns a problem into its provider's own status and error body.
 */
import type { SimRequest } from './base';

export type BodyProblem =
  /** A body was sent, but not as JSON (e.g. application/x-www-form-urlencoded). */
  | { kind: 'media_type'; contentType: string }
  /** JSON, but not an object (an array, a string, null). */
  | { kind: 'not_object' }
  /** Fields the endpoint does not take. */
  | { kind: 'unknown_fields'; fields: string[] };

export type BodyCheck = { ok: true; body: Record<string, unknown> } | { ok: false; problem: BodyProblem };

const isJsonType = (type: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim());

/**
 * The request's JSON object body, checked against the fields the endpoint takes. No body at all
 * counts as `{}` (the endpoint's own rules then say what is missing).
 */
export function jsonObjectBody(req: SimRequest, allowed: readonly string[]): BodyCheck {
  if (req.rawBody === '') return { ok: true, body: {} };
  const type = String(req.headers['content-type'] ?? '');
  if (!isJsonType(type)) return { ok: false, problem: { kind: 'media_type', contentType: type } };
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, problem: { kind: 'not_object' } };
  const fields = Object.keys(body).filter((key) => !allowed.includes(key));
  if (fields.length > 0) return { ok: false, problem: { kind: 'unknown_fields', fields } };
  return { ok: true, body: body as Record<string, unknown> };
}

/** A path segment that is a positive integer id ("12"; not "12abc", "1.5", "-3" or "012"), or null. */
export function positiveIntegerId(segment: string | undefined): number | null {
  if (segment === undefined || !/^[1-9]\d{0,15}$/.test(segment)) return null;
  return Number(segment);
}

/** A JSON value that is a positive integer, or a string of one (clients may send either), or null. */
export function positiveInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === 'string') return positiveIntegerId(value);
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isUuid = (segment: string | undefined): boolean => segment !== undefined && UUID.test(segment);

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO 8601 date or date-time → milliseconds, or null when it is not one (or names a day the
 * calendar does not have). A time without an offset is read as UTC.
 */
export function isoDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO_8601.exec(value.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return null;
  const text = hour !== undefined && zone === undefined ? `${value.trim()}Z` : value.trim();
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}

/** The same moment `years` calendar years later (29 February becomes 28 February or 1 March, as Date does). */
export function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}
