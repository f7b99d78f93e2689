/**
 * The token lists [REF][SDK]: `page` ≥ 1, `per_page` 5–50 (default 20, modeled), `direction`
 * asc/desc by issue time, `include_expired` adding tokens that expired in the last 30 days
 * (how far back is UNDOC). A page past the end answers `result: []`, which is what ends the
 * SDK's iterator.
 */
import { DAY, type SimRequest, type SimResponse } from '../base';
import { fail } from './rules';
import type { CloudflareSimulator } from './simulator';

export type Family = 'user' | 'account';

const PARAMS = ['page', 'per_page', 'direction', 'include_expired'];

export function listTokens(
  sim: CloudflareSimulator,
  req: SimRequest,
  family: Family,
  owner: string,
): SimResponse {
  const extra = [...req.query.keys()].find((k) => !PARAMS.includes(k));
  if (extra !== undefined) return fail(400, 1001, `Unknown query parameter "${extra}"`);
  const direction = req.query.get('direction') ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') return fail(400, 1001, 'direction must be asc or desc');
  const includeExpired = req.query.get('include_expired');
  if (includeExpired !== null && includeExpired !== 'true' && includeExpired !== 'false')
    return fail(400, 1001, 'include_expired must be true or false');
  const now = sim.now();
  const tokens = [...sim.tokens.values()]
    .filter((t) => t.family === family && t.owner === owner)
    .filter((t) => {
      if (sim.status(t) !== 'expired') return true;
      return includeExpired === 'true' && (t.expiresOn ?? now) > now - 30 * DAY;
    })
    .sort((a, b) => (direction === 'asc' ? a.issuedOn - b.issuedOn : b.issuedOn - a.issuedOn));
  return sim.page(
    req,
    tokens.map((t) => sim.entity(t)),
  );
}
