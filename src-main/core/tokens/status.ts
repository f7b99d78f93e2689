/**
 * Token status badges. Each badge is defined once here, both as a TypeScript predicate (for a
 * single row) and as a SQL condition (for filtering and counting thousands of rows); a property
 * test checks that the two always agree.
 */
import { PROVIDER_ID_PATTERN, type Badge } from '../../../src-preload/contract';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatusFields {
  /** Whether the token's provider reports last use (the registry says); elsewhere "never used" is unknown. */
  reportsLastUse: boolean;
  state: 'active' | 'grace' | 'revoked' | 'removed' | 'retired';
  origin: 'synced' | 'tracked';
  expiresAt: number | null;
  lastUsedAt: number | null;
  broadScope: boolean;
  legacy: boolean;
  isConnectionCredential: boolean;
  /** The provider flags the token with a problem it found (e.g. a leak): the scope's `problem`. */
  reportedProblem: boolean;
}

const live = (t: StatusFields) => t.state === 'active' || t.state === 'grace';

const predicates: Record<Badge, (t: StatusFields, now: number) => boolean> = {
  expired: (t, now) => live(t) && t.expiresAt !== null && t.expiresAt <= now,
  // A token in its grace period shows "grace" instead: its end is the grace end, not a planned expiry.
  expires_7: (t, now) =>
    t.state === 'active' && t.expiresAt !== null && t.expiresAt > now && t.expiresAt <= now + 7 * DAY_MS,
  expires_30: (t, now) =>
    t.state === 'active' &&
    t.expiresAt !== null &&
    t.expiresAt > now + 7 * DAY_MS &&
    t.expiresAt <= now + 30 * DAY_MS,
  grace: (t) => t.state === 'grace',
  never_expires: (t) => t.state === 'active' && t.expiresAt === null,
  never_used: (t) => live(t) && t.origin === 'synced' && t.reportsLastUse && t.lastUsedAt === null,
  unused_90: (t, now) => live(t) && t.lastUsedAt !== null && t.lastUsedAt <= now - 90 * DAY_MS,
  broad_scope: (t) => live(t) && t.broadScope,
  legacy: (t) => live(t) && t.legacy,
  reported_problem: (t) => live(t) && t.reportedProblem,
  revoked: (t) => t.state === 'revoked',
  removed: (t) => t.state === 'removed',
  retired: (t) => t.state === 'retired',
  tracked: (t) => t.origin === 'tracked',
  credential: (t) => live(t) && t.isConnectionCredential,
};

export const BADGE_ORDER = Object.keys(predicates) as Badge[];

export function badgesFor(token: StatusFields, now: number): Badge[] {
  return BADGE_ORDER.filter((badge) => predicates[badge](token, now));
}

/** SQL over `tokens t JOIN connections c`; `@now` is bound by the caller. */
const LIVE_SQL = `t.state IN ('active', 'grace')`;

/** The scope's `problem` (JSON in the `scope` column), set where the provider flags the token. */
const REPORTED_PROBLEM_SQL = `json_extract(t.scope, '$.problem') IS NOT NULL`;

/** The badges whose SQL is the same for every provider. */
const SHARED_BADGE_SQL = {
  expired: `(${LIVE_SQL} AND t.expires_at IS NOT NULL AND t.expires_at <= @now)`,
  expires_7: `(t.state = 'active' AND t.expires_at > @now AND t.expires_at <= @now + ${7 * DAY_MS})`,
  expires_30: `(t.state = 'active' AND t.expires_at > @now + ${7 * DAY_MS} AND t.expires_at <= @now + ${30 * DAY_MS})`,
  grace: `(t.state = 'grace')`,
  never_expires: `(t.state = 'active' AND t.expires_at IS NULL)`,
  unused_90: `(${LIVE_SQL} AND t.last_used_at IS NOT NULL AND t.last_used_at <= @now - ${90 * DAY_MS})`,
  broad_scope: `(${LIVE_SQL} AND t.broad_scope = 1)`,
  legacy: `(${LIVE_SQL} AND t.legacy = 1)`,
  reported_problem: `(${LIVE_SQL} AND ${REPORTED_PROBLEM_SQL})`,
  revoked: `(t.state = 'revoked')`,
  removed: `(t.state = 'removed')`,
  retired: `(t.state = 'retired')`,
  tracked: `(t.origin = 'tracked')`,
  credential: `(${LIVE_SQL} AND t.is_connection_credential = 1)`,
} satisfies Record<Exclude<Badge, 'never_used'>, string>;

/**
 * Every badge's SQL, given the providers that report last use (from the registry). Their ids are
 * checked against the contract's id pattern (letters, digits, dashes) before they are spliced in.
 */
export function badgeSql(reportingLastUse: readonly string[]): Record<Badge, string> {
  for (const id of reportingLastUse)
    if (!PROVIDER_ID_PATTERN.test(id)) throw new Error(`not a provider id: ${JSON.stringify(id)}`);
  const providers = reportingLastUse.length === 0 ? 'NULL' : reportingLastUse.map((p) => `'${p}'`).join(', ');
  return {
    ...SHARED_BADGE_SQL,
    never_used: `(${LIVE_SQL} AND t.origin = 'synced' AND c.provider IN (${providers}) AND t.last_used_at IS NULL)`,
  };
}

/** Lower sorts first: what needs the user soonest. */
export const STATUS_RANK_SQL = `CASE
  WHEN ${SHARED_BADGE_SQL.expired} THEN 0
  WHEN ${SHARED_BADGE_SQL.grace} THEN 1
  WHEN ${SHARED_BADGE_SQL.expires_7} THEN 2
  WHEN ${SHARED_BADGE_SQL.expires_30} THEN 3
  WHEN ${LIVE_SQL} THEN 4
  ELSE 5 END`;

/** What counts as "needs attention" in the header and the tray. */
export const ATTENTION_SQL = `((${SHARED_BADGE_SQL.expired} OR ${SHARED_BADGE_SQL.grace} OR ${SHARED_BADGE_SQL.expires_7} OR ${SHARED_BADGE_SQL.expires_30})
  AND (t.snoozed_until IS NULL OR t.snoozed_until <= @now))`;
