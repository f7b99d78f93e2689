/**
 * What Mailtrap accepts in a create or reset body, as the official SDK describes it (`mailtrap` on
 * npm, 4.10.x, dist/types/api/api-tokens.d.ts):
 * - create `{ name, expires_at?, resources? }`, reset `{ expires_at? }`;
 * - `expires_at`: an ISO 8601 date-time; omitted = the server default; `null` = never expires;
 *   in the past or more than 5 years ahead = 422;
 * - `resources`: `{ resource_type: account|project|inbox|sending_domain, resource_id, access_level: 10|100 }`.
 * Every refusal is a 422 with a field-keyed body, `{ errors: { <field>: [messages] } }`.
 *
 * Modeled (no source says): the message texts; that unknown fields are refused rather than
 * ignored; that `resources: []` is refused; that a resource must exist and lie in an account where
 * the calling token is admin or owner (a token cannot grant what it does not hold); that listing
 * the same resource twice is refused.
 */
import { addYears, isoDateTime, positiveInteger, type BodyProblem } from '../strict';

export const RESOURCE_TYPES = ['account', 'project', 'inbox', 'sending_domain'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const ACCESS_LEVELS = [10, 100] as const;

export interface MailtrapResource {
  resource_type: ResourceType;
  resource_id: number;
  access_level: number;
}

export type FieldErrors = Record<string, string[]>;

/** The server's default expiry for a token created or reset without `expires_at`. */
export type DefaultExpiry = 'none' | 'one_year';

export const CREATE_FIELDS = ['name', 'expires_at', 'resources'] as const;
export const RESET_FIELDS = ['expires_at'] as const;

/** A body problem (strict.ts) as Mailtrap's field-keyed errors. */
export function bodyProblemErrors(problem: BodyProblem): FieldErrors {
  if (problem.kind === 'unknown_fields')
    return Object.fromEntries(problem.fields.map((f) => [f, ['is not a permitted parameter']]));
  return { base: ['The request body must be a JSON object'] };
}

export function checkName(value: unknown, errors: FieldErrors): string | null {
  if (value !== undefined && typeof value !== 'string') {
    errors.name = ['must be a string'];
    return null;
  }
  if (value === undefined || value.trim() === '') {
    errors.name = ["can't be blank"];
    return null;
  }
  if (value.length > 255) {
    errors.name = ['is too long (maximum is 255 characters)'];
    return null;
  }
  return value;
}

/**
 * The expiry a body asks for: the server default when the key is absent, null for `null`
 * (never), else a date within the next 5 calendar years. Undefined when refused (errors filled).
 */
export function checkExpiry(
  body: Record<string, unknown>,
  now: number,
  serverDefault: DefaultExpiry,
  errors: FieldErrors,
): number | null | undefined {
  if (!('expires_at' in body)) return serverDefault === 'one_year' ? addYears(now, 1) : null;
  const value = body.expires_at;
  if (value === null) return null;
  const at = isoDateTime(value);
  if (at === null) {
    errors.expires_at = ['must be a valid ISO 8601 date-time'];
    return undefined;
  }
  if (at <= now) {
    errors.expires_at = ['must be in the future'];
    return undefined;
  }
  if (at > addYears(now, 5)) {
    errors.expires_at = ['must be at most 5 years from now'];
    return undefined;
  }
  return at;
}

/** Where a resource lives, so its account (and whether it exists) can be checked. */
export interface ResourceDirectory {
  /** The account a resource belongs to, or null when there is no such resource. */
  accountOf(type: ResourceType, id: number): number | null;
  /** The calling token's access level in an account (0: none). */
  callerAccess(accountId: number): number;
}

/** The resources a body asks for, or undefined when refused (errors filled). */
export function checkResources(
  value: unknown,
  directory: ResourceDirectory,
  errors: FieldErrors,
): MailtrapResource[] | undefined {
  if (!Array.isArray(value)) {
    errors.resources = ['must be a list of { resource_type, resource_id, access_level }'];
    return undefined;
  }
  if (value.length === 0) {
    errors.resources = ["can't be empty"];
    return undefined;
  }
  const problems: string[] = [];
  const resources: MailtrapResource[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const at = `item ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const record = item as Record<string, unknown>;
    const unknown = Object.keys(record).filter(
      (k) => !['resource_type', 'resource_id', 'access_level'].includes(k),
    );
    if (unknown.length > 0) {
      problems.push(`${at}: ${unknown.join(', ')} is not a permitted parameter`);
      return;
    }
    const type = record.resource_type;
    if (typeof type !== 'string' || !(RESOURCE_TYPES as readonly string[]).includes(type)) {
      problems.push(`${at}: resource_type must be one of ${RESOURCE_TYPES.join(', ')}`);
      return;
    }
    const level = record.access_level;
    if (typeof level !== 'number' || !(ACCESS_LEVELS as readonly number[]).includes(level)) {
      problems.push(`${at}: access_level must be 10 (viewer) or 100 (admin)`);
      return;
    }
    const id = positiveInteger(record.resource_id);
    if (id === null) {
      problems.push(`${at}: resource_id must be an integer id`);
      return;
    }
    const account = directory.accountOf(type as ResourceType, id);
    if (account === null) {
      problems.push(`${at}: there is no ${type.replace('_', ' ')} ${id}`);
      return;
    }
    if (directory.callerAccess(account) < 100) {
      problems.push(`${at}: the calling token cannot grant access in account ${account}`);
      return;
    }
    const key = `${type}:${id}`;
    if (seen.has(key)) {
      problems.push(`${at}: ${type.replace('_', ' ')} ${id} is listed twice`);
      return;
    }
    seen.add(key);
    resources.push({ resource_type: type as ResourceType, resource_id: id, access_level: level });
  });
  if (problems.length > 0) {
    errors.resources = problems;
    return undefined;
  }
  return resources;
}
