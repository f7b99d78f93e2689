/**
 * The token lists [REF][SDK]: `page` ≥ 1, `per_page` 5–50 (default 20, modeled), `direction`
 * asc/desc by issue time, `include_expired` adding tokens that expired in the last 30 days
 * (how far back is UNDOC). A page past the end answers `result: []`, which is what ends the
 * SDK's iterator.
 */
import { DAY, type SimRequest, type SimResponse } from '../base';
import { ACCOUNT, authError, fail } from './rules';
import type { CfToken, CloudflareSimulator } from './simulator';

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

const ZONE_PARAMS = [
  'page',
  'per_page',
  'account.id',
  'account.name',
  'name',
  'status',
  'order',
  'direction',
  'match',
  'type',
];

/**
 * `GET /zones` as the SDK's ZoneListParams has it: `account.id`, `account.name`, `name`,
 * `status`, `order`, `direction`, `match`, `type` besides paging; any other key is refused
 * (modeled, as for the token lists). Filters by account id and name (exact) are applied.
 */
export function listZones(sim: CloudflareSimulator, req: SimRequest, t: CfToken): SimResponse {
  const extra = [...req.query.keys()].find((k) => !ZONE_PARAMS.includes(k));
  if (extra !== undefined) return fail(400, 1001, `Unknown query parameter "${extra}"`);
  const accountId = req.query.get('account.id');
  const name = req.query.get('name');
  const visible = [...sim.zones.values()].filter((z) =>
    t.policies.some(
      (p) =>
        p.effect === 'allow' &&
        Object.entries(p.resources).some(
          ([k, v]) =>
            k === `com.cloudflare.api.account.zone.${z.id}` ||
            k === 'com.cloudflare.api.account.zone.*' ||
            ((k === `${ACCOUNT}.${z.accountId}` || k === `${ACCOUNT}.*`) && typeof v === 'object'),
        ),
    ),
  );
  if (visible.length === 0 && sim.zones.size > 0) return authError();
  const matching = visible.filter(
    (z) => (accountId === null || z.accountId === accountId) && (name === null || z.name === name),
  );
  return sim.page(
    req,
    matching.map((z) => ({
      id: z.id,
      name: z.name,
      status: 'active',
      account: { id: z.accountId, name: sim.accounts.get(z.accountId)?.name ?? '' },
    })),
  );
}
