/**
 * The checks and the one-step rotation that GitLab's personal, project/group and service-account
 * token endpoints share: each kind's routes decide who may call them, then hand over here.
 */
import type { SimRequest, SimResponse } from '../base';
import { badRequest, invalid, paramError, params, rotateExpiry, unknownParams, type Params } from './rules';
import type { GitLabSimulator, GitLabTokenState } from './simulator';

/** A create call's `name` (required) and `description` (optional, at most 255 characters) [PAT][PRJ]. */
export function readNameAndDescription(
  values: Params,
): { ok: true; name: string; description: string | null } | { ok: false; response: SimResponse } {
  const { name, description } = values;
  if (typeof name !== 'string' || name.trim() === '')
    return { ok: false, response: paramError('name is missing') };
  if (description === undefined || description === null) return { ok: true, name, description: null };
  if (typeof description !== 'string') return { ok: false, response: paramError('description is invalid') };
  if (description.length > 255)
    return { ok: false, response: invalid('description', 'is too long (maximum is 255 characters)') };
  return { ok: true, name, description };
}

/**
 * Rotates `old` in one transaction [ROT]: it is revoked and its successor (same user, name,
 * description and scopes; the expiry from `expires_at` or the rotation default) created.
 */
export function rotateToken(
  sim: GitLabSimulator,
  req: SimRequest,
  old: GitLabTokenState,
  entity: (t: GitLabTokenState) => object,
): SimResponse {
  const parsed = params(req);
  if (!parsed.ok) return parsed.response;
  const extra = unknownParams(parsed.values, ['expires_at']);
  if (extra !== null) return extra;
  if (old.revoked) return badRequest('Token already revoked');
  const expiry = rotateExpiry(parsed.values.expires_at, sim.policy, sim.now());
  if (!expiry.ok) return expiry.response;
  old.revoked = true;
  const next = sim.addToken({
    userId: old.userId,
    name: old.name,
    description: old.description,
    scopes: [...old.scopes],
    createdAt: sim.now(),
    expiresAt: expiry.date,
    impersonation: old.impersonation,
    previousId: old.id,
  });
  return { status: 200, json: { ...entity(next), token: next.secret } };
}
