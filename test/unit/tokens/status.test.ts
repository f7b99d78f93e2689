/**
 * Badges are defined twice on purpose (a TypeScript predicate for one row, a SQL condition for
 * thousands); this property test checks that the two definitions agree on random tokens.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { connectionsRepo } from '../../../src-main/core/db/repositories/connections';
import { EMPTY_SCOPE, tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { BADGE_ORDER, DAY_MS, badgeSql, badgesFor } from '../../../src-main/core/tokens/status';
import { tokenQueries } from '../../../src-main/core/tokens/query';
import { NOW, connection, token } from '../builders';
import { tempDir } from '../helpers';

/** The shipped providers that report last use, as the registry says. */
const REPORTING = createRegistry().reportingLastUse;
const BADGE_SQL = badgeSql(REPORTING);

const optionalTime = fc.option(fc.integer({ min: NOW - 400 * DAY_MS, max: NOW + 400 * DAY_MS }), {
  nil: null,
});
const arbitraryToken = fc.record({
  provider: fc.constantFrom<'mailtrap' | 'smoxy' | 'mirox' | 'smenso'>(
    'mailtrap',
    'smoxy',
    'mirox',
    'smenso',
  ),
  state: fc.constantFrom<'active' | 'grace' | 'revoked' | 'removed' | 'retired'>(
    'active',
    'grace',
    'revoked',
    'removed',
    'retired',
  ),
  origin: fc.constantFrom<'synced' | 'tracked'>('synced', 'tracked'),
  expiresAt: fc.oneof(optionalTime, fc.constantFrom(NOW, NOW + 7 * DAY_MS, NOW + 30 * DAY_MS)),
  lastUsedAt: fc.oneof(optionalTime, fc.constant(NOW - 90 * DAY_MS)),
  broadScope: fc.boolean(),
  legacy: fc.boolean(),
  isConnectionCredential: fc.boolean(),
  reportedProblem: fc.boolean(),
});

describe('status badges', () => {
  it('SQL and TypeScript agree for every badge', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'tk.db') }).db;
    const connections = connectionsRepo(db);
    for (const provider of ['mailtrap', 'smoxy', 'mirox', 'smenso'] as const)
      connections.insert(connection({ id: `c_${provider}`, provider }));
    const tokens = tokensRepo(db);
    let n = 0;
    fc.assert(
      fc.property(arbitraryToken, (t) => {
        n += 1;
        const record = token({
          ...t,
          id: `t_${n}`,
          remoteId: String(n),
          connectionId: `c_${t.provider}`,
          scope: t.reportedProblem ? { ...EMPTY_SCOPE, problem: { reportedAt: NOW } } : EMPTY_SCOPE,
        });
        tokens.insert(record);
        const expected = badgesFor({ ...t, reportsLastUse: REPORTING.includes(t.provider) }, NOW);
        const actual = BADGE_ORDER.filter(
          (badge) =>
            db
              .prepare(
                `SELECT 1 FROM tokens t JOIN connections c ON c.id = t.connection_id WHERE t.id = @id AND ${BADGE_SQL[badge]}`,
              )
              .get({ id: record.id, now: NOW }) !== undefined,
        );
        expect(actual).toEqual(expected);
      }),
      { numRuns: 400 },
    );
    db.close();
  });

  it('never-used is claimed only for providers that report usage', () => {
    const base = {
      state: 'active' as const,
      origin: 'synced' as const,
      expiresAt: null,
      lastUsedAt: null,
      broadScope: false,
      legacy: false,
      isConnectionCredential: false,
      reportedProblem: false,
    };
    expect(badgesFor({ ...base, reportsLastUse: true }, NOW)).toContain('never_used');
    expect(badgesFor({ ...base, reportsLastUse: false }, NOW)).not.toContain('never_used');
    // The registry decides which providers those are: today seven of the ten shipped ones.
    expect([...REPORTING].sort()).toEqual([
      'cloudflare',
      'datadog',
      'gitlab',
      'mirox',
      'npm',
      'smoxy',
      'vercel',
    ]);
  });

  it('splices into SQL only what looks like a provider id', () => {
    expect(() => badgeSql(["x') OR 1=1 --"])).toThrow(/not a provider id/);
    expect(badgeSql([]).never_used).toContain('c.provider IN (NULL)');
  });

  it('the list filters by badge and counts the header the same way', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'tk.db') }).db;
    connectionsRepo(db).insert(connection());
    const tokens = tokensRepo(db);
    tokens.insert(token({ id: 't_a', remoteId: 'a', name: 'expired one', expiresAt: NOW - DAY_MS }));
    tokens.insert(token({ id: 't_b', remoteId: 'b', name: 'soon', expiresAt: NOW + 3 * DAY_MS }));
    tokens.insert(token({ id: 't_c', remoteId: 'c', name: 'later', expiresAt: NOW + 20 * DAY_MS }));
    tokens.insert(token({ id: 't_d', remoteId: 'd', name: 'forever', expiresAt: null }));
    tokens.insert(
      token({ id: 't_e', remoteId: 'e', name: 'revoked', expiresAt: NOW + DAY_MS, state: 'revoked' }),
    );
    const queries = tokenQueries(db, REPORTING);
    const page = queries.list({ offset: 0, limit: 50, badges: ['expired', 'expires_7'] }, NOW);
    expect(page.rows.map((r) => r.name)).toEqual(['expired one', 'soon']);
    expect(page.counts).toEqual({
      total: 4,
      expired: 1,
      expiringSoon: 2,
      grace: 0,
      neverUsed: 0,
      needsAttention: 3,
    });
    db.close();
  });
});
