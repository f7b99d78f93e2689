/**
 * Vercel's rules for the simulator (shared/providers/vercel.md, sections in §): the error body
 * `{error: {code, message}}` of VD-ERR (§5), the create body and its query (§3), the list's
 * `limit`/`until` paging as the official CLI sends it (§3, §7). Modeled (UNDOC, §7): the limits
 * of `limit` (1–100, default 20, as the CLI checks and says), name length (at most 100),
 * `expiresAt` in the future, and the statuses of each refusal.
 */
import type { SimResponse } from '../base';

/** VD-ERR's body; a `rate_limited` one also carries `limit` (§5). */
export const fail = (status: number, code: string, message: string, extra: object = {}): SimResponse => ({
  status,
  json: { error: { code, message, ...extra } },
});

/** A missing, unknown, revoked or expired token: `forbidden` (VD-ERR: also for a missing token). */
export const notAuthorized = () => fail(403, 'forbidden', 'Not authorized', { invalidToken: true });
export const notFound = (what = 'The token was not found') => fail(404, 'not_found', what);
export const badRequest = (message: string) => fail(400, 'bad_request', message);

/** The two 403s the CLI recognises on create (VCLI add.ts, §1). */
export const OAUTH_CREATE_REFUSAL = 'Only user authentication tokens can be used to create new tokens.';
export const scopeCreateRefusal = (username: string) =>
  `To create a token you must be authenticated to scope "${username}".`;

export const LIST_PARAMS = ['limit', 'until'];
export const CREATE_FIELDS = ['name', 'expiresAt', 'projectId'];
export const CREATE_QUERY = ['teamId', 'slug'];
export const MAX_NAME = 100;

/** A query value that is a whole number (ms timestamps, limits), or null. */
export function wholeNumber(value: string | null): number | null {
  if (value === null || !/^\d{1,16}$/.test(value)) return null;
  return Number(value);
}

export interface CreateFields {
  name: string;
  expiresAt: number | null;
  projectId: string | null;
}

/** The create body's fields, or the 400 Vercel would answer (modeled wording). */
export function checkCreateBody(
  body: Record<string, unknown>,
  now: number,
): { ok: true; fields: CreateFields } | { ok: false; response: SimResponse } {
  const refuse = (message: string) => ({ ok: false as const, response: badRequest(message) });
  const { name, expiresAt, projectId } = body;
  if (typeof name !== 'string' || name.trim() === '')
    return refuse('Invalid request: `name` is required and must be a string.');
  if (name.length > MAX_NAME)
    return refuse(`Invalid request: \`name\` must be at most ${MAX_NAME} characters.`);
  if (expiresAt !== undefined && (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)))
    return refuse('Invalid request: `expiresAt` must be a number (milliseconds since the epoch).');
  if (typeof expiresAt === 'number' && expiresAt <= now)
    return refuse('Invalid request: `expiresAt` must be in the future.');
  if (projectId !== undefined && (typeof projectId !== 'string' || projectId === ''))
    return refuse('Invalid request: `projectId` must be a string.');
  return {
    ok: true,
    fields: {
      name,
      expiresAt: typeof expiresAt === 'number' ? expiresAt : null,
      projectId: typeof projectId === 'string' ? projectId : null,
    },
  };
}
