import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { connectionsRepo } from '../../../src-main/core/db/repositories/connections';
import { tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { tokenQueries, type TokenQueries } from '../../../src-main/core/tokens/query';
import { DAY_MS } from '../../../src-main/core/tokens/status';
import { NOW, connection, token } from '../builders';
import { tempDir } from '../helpers';

let queries: TokenQueries;

beforeEach(() => {
  const db = openDatabase({ file: path.join(tempDir(), 'tk.db') }).db;
  const connections = connectionsRepo(db);
  connections.insert(connection({ id: 'c_mt', provider: 'mailtrap', label: 'Mailtrap prod' }));
  connections.insert(connection({ id: 'c_mx', provider: 'mirox', label: 'Mirox plant' }));
  const tokens = tokensRepo(db);
  tokens.insert(
    token({
      id: 't_1',
      connectionId: 'c_mt',
      remoteId: '1',
      name: 'CI deploy',
      last4: 'aaaa',
      expiresAt: NOW + 40 * DAY_MS,
    }),
  );
  tokens.insert(
    token({
      id: 't_2',
      connectionId: 'c_mt',
      remoteId: '2',
      name: 'billing_100%',
      last4: 'bbbb',
      expiresAt: null,
    }),
  );
  tokens.insert(
    token({
      id: 't_3',
      connectionId: 'c_mx',
      remoteId: '3',
      name: 'Reporting export',
      last4: 'cccc',
      expiresAt: NOW + 2 * DAY_MS,
      accountName: 'Plant Nord',
    }),
  );
  tokens.insert(
    token({ id: 't_4', connectionId: 'c_mx', remoteId: '4', name: 'Old', last4: 'dddd', state: 'revoked' }),
  );
  queries = tokenQueries(db, createRegistry().reportingLastUse);
});

const names = (q: Parameters<TokenQueries['list']>[0]) => queries.list(q, NOW).rows.map((r) => r.name);

describe('the token list query', () => {
  it('sorts by expiry by default, never-expiring last, and hides revoked tokens', () => {
    expect(names({ offset: 0, limit: 10 })).toEqual(['Reporting export', 'CI deploy', 'billing_100%']);
  });

  it('shows inactive tokens when asked', () => {
    expect(names({ offset: 0, limit: 10, includeInactive: true })).toContain('Old');
    expect(names({ offset: 0, limit: 10, badges: ['revoked'] })).toEqual(['Old']);
  });

  it('searches name, account, last 4 and connection label, case-insensitively', () => {
    expect(names({ offset: 0, limit: 10, search: 'ci DEP' })).toEqual(['CI deploy']);
    expect(names({ offset: 0, limit: 10, search: 'nord' })).toEqual(['Reporting export']);
    expect(names({ offset: 0, limit: 10, search: 'cccc' })).toEqual(['Reporting export']);
    expect(names({ offset: 0, limit: 10, search: 'mirox plant' })).toEqual(['Reporting export']);
  });

  it('treats % and _ in the search as text, not wildcards', () => {
    expect(names({ offset: 0, limit: 10, search: '100%' })).toEqual(['billing_100%']);
    expect(names({ offset: 0, limit: 10, search: '_' })).toEqual(['billing_100%']);
  });

  it('filters by provider, connection and expiry window', () => {
    expect(names({ offset: 0, limit: 10, providers: ['mirox'] })).toEqual(['Reporting export']);
    expect(names({ offset: 0, limit: 10, connectionIds: ['c_mt'] })).toEqual(['CI deploy', 'billing_100%']);
    expect(names({ offset: 0, limit: 10, expiringWithinDays: 30 })).toEqual(['Reporting export']);
  });

  it('sorts by any column in either direction and groups by provider', () => {
    expect(names({ offset: 0, limit: 10, sort: { column: 'name', direction: 'asc' } })).toEqual([
      'billing_100%',
      'CI deploy',
      'Reporting export',
    ]);
    expect(names({ offset: 0, limit: 10, sort: { column: 'last4', direction: 'desc' } })).toEqual([
      'Reporting export',
      'billing_100%',
      'CI deploy',
    ]);
    expect(names({ offset: 0, limit: 10, sort: { column: 'status', direction: 'asc' } })[0]).toBe(
      'Reporting export',
    );
    expect(
      names({ offset: 0, limit: 10, groupBy: 'provider', sort: { column: 'name', direction: 'desc' } }),
    ).toEqual(['CI deploy', 'billing_100%', 'Reporting export']);
  });

  it('pages with a stable order and reports the matched total', () => {
    const first = queries.list({ offset: 0, limit: 2 }, NOW);
    const second = queries.list({ offset: 2, limit: 2 }, NOW);
    expect(first.matched).toBe(3);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(['t_3', 't_1', 't_2']);
  });
});
