/**
 * The window works out its list itself, from the index the core hands it (listTokenIndex); the
 * core stays the source of truth. These property tests hold the two to the same answers: on
 * random tokens and random queries, the renderer's list (src-renderer/src/lib/token-index/) has
 * exactly the rows, order and groups of the core's listTokens, and its time badges move as the
 * core's do.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { annotationsRepo } from '../../../src-main/core/db/repositories/annotations';
import { connectionsRepo } from '../../../src-main/core/db/repositories/connections';
import { EMPTY_SCOPE, tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { tokenIndexQueries } from '../../../src-main/core/tokens/index-rows';
import { tokenQueries } from '../../../src-main/core/tokens/query';
import { badgesFor, DAY_MS } from '../../../src-main/core/tokens/status';
import type { Badge, ProviderId, SortColumn, TokenQuery, TokenRow } from '../../../src-preload/contract';
import { ListEngine, countTokens, type ListQuery } from '../../../src-renderer/src/lib/token-index/query';
import { atTime, decodeRow, timeBadges } from '../../../src-renderer/src/lib/token-index/rows';
import { NOW, connection, token } from '../builders';
import { tempDir } from '../helpers';

const PROVIDERS: ProviderId[] = ['mailtrap', 'smoxy', 'mirox', 'smenso'];
const REPORTING = createRegistry().reportingLastUse;
const CONNECTIONS = [
  { id: 'c_a', provider: 'mailtrap' as const, label: 'Acme Mail' },
  { id: 'c_b', provider: 'smoxy' as const, label: 'acme CDN' },
  { id: 'c_c', provider: 'mirox' as const, label: 'Über Plant' },
  { id: 'c_d', provider: 'smenso' as const, label: 'Zeta workspace' },
  { id: 'c_e', provider: 'mailtrap' as const, label: 'Acme mail' },
];
const WORDS = [
  'CI deploy',
  'ci Deploy',
  'Äpfel',
  'äpfel',
  'Grafana',
  'billing_100%',
  'zeta',
  'Émile',
  '𝒳 token',
  '\uFFFDx',
  'a',
];
const time = fc.option(fc.integer({ min: NOW - 400 * DAY_MS, max: NOW + 400 * DAY_MS }), { nil: null });

const arbitraryToken = fc.record({
  connection: fc.constantFrom(...CONNECTIONS),
  name: fc.constantFrom(...WORDS),
  accountName: fc.option(fc.constantFrom('Acme', 'acme', 'Beta GmbH', 'Ölwerk'), { nil: null }),
  last4: fc.option(fc.constantFrom('aaaa', 'AAAA', 'z9Q1', '0000'), { nil: null }),
  createdAt: time,
  createdBy: fc.option(fc.constantFrom('Jane', 'ops@acme.test'), { nil: null }),
  lastUsedAt: fc.oneof(time, fc.constant(NOW - 90 * DAY_MS)),
  expiresAt: fc.oneof(time, fc.constantFrom(NOW, NOW + 7 * DAY_MS, NOW + 30 * DAY_MS)),
  scopeSummary: fc.constantFrom('', 'Account admin', 'all organizations', 'Reporting'),
  state: fc.constantFrom<'active' | 'grace' | 'revoked' | 'removed' | 'retired'>(
    'active',
    'active',
    'grace',
    'revoked',
    'removed',
    'retired',
  ),
  origin: fc.constantFrom<'synced' | 'tracked'>('synced', 'tracked'),
  broadScope: fc.boolean(),
  legacy: fc.boolean(),
  scope: fc.constantFrom(EMPTY_SCOPE, { ...EMPTY_SCOPE, problem: { reportedAt: null } }),
  isConnectionCredential: fc.boolean(),
  snoozedUntil: fc.option(fc.constantFrom(NOW - DAY_MS, NOW + DAY_MS), { nil: null }),
  // The annotation: searched (note, tags, owner, used by) and filtered (tags, owner).
  note: fc.option(fc.constantFrom('nightly export', 'Owner: data team'), { nil: null }),
  tags: fc.subarray(['ci', 'billing', 'prod', 'äpfel'], { maxLength: 3 }),
  owner: fc.option(fc.constantFrom('Data team', 'ops@acme.test', 'Émile'), { nil: null }),
  usedBy: fc.subarray(['GitHub Actions: deploy', 'vault/kv/ci', 'Grafana'], { maxLength: 2 }),
});

const SORTS: SortColumn[] = [
  'provider',
  'account',
  'name',
  'last4',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'scope',
  'status',
];
const arbitraryQuery = fc.record({
  search: fc.constantFrom(
    '',
    'ci',
    'CI ',
    'äp',
    'acme',
    'ü',
    'data',
    '100%',
    '_',
    'a',
    'zz',
    '𝒳',
    'vault/',
    'ops@',
    'bill',
  ),
  tags: fc.subarray(['ci', 'billing', 'prod', 'nothing'], { maxLength: 2 }),
  owners: fc.subarray(['Data team', 'ops@acme.test', 'data team'], { maxLength: 2 }),
  providers: fc.subarray(PROVIDERS),
  connectionIds: fc.subarray(
    CONNECTIONS.map((c) => c.id),
    { maxLength: 2 },
  ),
  badges: fc.subarray<Badge>(['expired', 'expires_7', 'never_used', 'broad_scope', 'revoked', 'tracked'], {
    maxLength: 2,
  }),
  expiringWithinDays: fc.option(fc.constantFrom(0, 7, 30), { nil: null }),
  includeInactive: fc.boolean(),
  sort: fc.record({
    column: fc.constantFrom(...SORTS),
    direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
  }),
  groupBy: fc.constantFrom<'none' | 'provider' | 'connection'>('none', 'provider', 'connection'),
});

type GeneratedToken = typeof arbitraryToken extends fc.Arbitrary<infer T> ? T : never;

function setUp(records: GeneratedToken[]) {
  const db = openDatabase({ file: path.join(tempDir(), 'tk.db') }).db;
  const connections = connectionsRepo(db);
  for (const c of CONNECTIONS) connections.insert(connection({ ...c }));
  const tokens = tokensRepo(db);
  const annotations = annotationsRepo(db);
  records.forEach((r, i) => {
    const { connection: c, note, tags, owner, usedBy, ...fields } = r;
    const id = `t_${String(i).padStart(3, '0')}`;
    tokens.insert(token({ ...fields, id, remoteId: String(i), connectionId: c.id }));
    annotations.put({ tokenId: id, note, tags, owner, usedBy, updatedAt: NOW });
  });
  const facts = new Map(CONNECTIONS.map((c) => [c.id, c]));
  const page = tokenIndexQueries(db, REPORTING).page({ after: null, limit: 5000 }, NOW);
  const indexed = page.rows.map((tuple) => decodeRow(tuple, facts.get(tuple[1])!.label));
  return { db, core: tokenQueries(db, REPORTING), indexed };
}

const names = { provider: (id: ProviderId) => id.toUpperCase() };

describe('the renderer’s list index', () => {
  it('answers every query with the core’s rows, in the core’s order, with the core’s groups', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryToken, { minLength: 0, maxLength: 60 }),
        fc.array(arbitraryQuery, { minLength: 1, maxLength: 6 }),
        (records, queries) => {
          const { db, core, indexed } = setUp(records);
          const engine = new ListEngine();
          for (const q of queries) {
            const query: ListQuery = { ...q, onlyIds: null };
            const coreQuery: TokenQuery = { offset: 0, limit: 1000, sort: q.sort, groupBy: q.groupBy };
            if (q.search.trim() !== '') coreQuery.search = q.search;
            if (q.providers.length > 0) coreQuery.providers = q.providers;
            if (q.connectionIds.length > 0) coreQuery.connectionIds = q.connectionIds;
            if (q.badges.length > 0) coreQuery.badges = q.badges;
            if (q.tags.length > 0) coreQuery.tags = q.tags;
            if (q.owners.length > 0) coreQuery.owners = q.owners;
            if (q.expiringWithinDays !== null) coreQuery.expiringWithinDays = q.expiringWithinDays;
            if (q.includeInactive) coreQuery.includeInactive = true;
            const expected = core.list(coreQuery, NOW);
            const result = engine.run(indexed, query, NOW, names);
            expect(result.tokens.map((t) => t.row.id)).toEqual(expected.rows.map((r) => r.id));
            // The same rows field by field; badges as a set (the list shows them in its own order).
            const sameOrder = (r: TokenRow) => ({ ...r, badges: [...r.badges].sort() });
            expect(result.tokens.map((t) => sameOrder(t.row))).toEqual(expected.rows.map(sameOrder));
            if (q.groupBy !== 'none') {
              const boundaries = (result.groups ?? []).map((g) => [g.key, g.start, g.count]);
              const coreGroups: [string, number, number][] = [];
              expected.rows.forEach((r, i) => {
                const key = q.groupBy === 'provider' ? r.provider : r.connectionId;
                const last = coreGroups[coreGroups.length - 1];
                if (last?.[0] === key) last[2] += 1;
                else coreGroups.push([key, i, 1]);
              });
              expect(boundaries).toEqual(coreGroups);
            }
          }
          expect(countTokens(indexed, NOW)).toEqual(core.counts(NOW));
          db.close();
        },
      ),
      { numRuns: 120 },
    );
  });

  it('answers a typed search key by key as a fresh index would, Backspaces and view changes included', () => {
    fc.assert(
      fc.property(fc.array(arbitraryToken, { minLength: 0, maxLength: 60 }), arbitraryQuery, (records, q) => {
        const { db, indexed } = setUp(records);
        const engine = new ListEngine();
        const typed = ['a', 'ac', 'acm', 'acme', 'acm', 'ac', 'a', '', 'd', 'da', 'data', 'd', ''];
        for (const [i, search] of typed.entries()) {
          // Halfway, the view changes under the same text (the filters' reuse must not outlive it).
          const query: ListQuery = { ...q, search, onlyIds: null, includeInactive: i > 6 };
          const ids = (e: ListEngine) => e.run(indexed, query, NOW, names).tokens.map((t) => t.row.id);
          expect(ids(engine)).toEqual(ids(new ListEngine()));
        }
        db.close();
      }),
      { numRuns: 30 },
    );
  });

  it('moves its time badges as the core’s move when the clock does', () => {
    fc.assert(
      fc.property(arbitraryToken, fc.integer({ min: -40 * DAY_MS, max: 400 * DAY_MS }), (record, later) => {
        const { db, indexed } = setUp([record]);
        const then = NOW + later;
        const moved = atTime(indexed[0]!, then);
        const core = badgesFor(
          {
            ...record,
            reportsLastUse: REPORTING.includes(record.connection.provider),
            reportedProblem: record.scope.problem !== undefined,
          },
          then,
        );
        expect([...moved.row.badges].sort()).toEqual([...core].sort());
        const timed = timeBadges({ ...record }, then);
        expect(timed.every((b) => core.includes(b))).toBe(true);
        db.close();
      }),
      { numRuns: 300 },
    );
  });

  it('pages through every token in id order, and only the connections asked for', () => {
    const records = fc.sample(arbitraryToken, { numRuns: 50, seed: 7 });
    const { db } = setUp(records);
    const index = tokenIndexQueries(db, REPORTING);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = index.page({ after, limit: 7 }, NOW);
      seen.push(...page.rows.map((r) => r[0]));
      after = page.next;
    } while (after !== null);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(50);
    const onlyB = index.page({ after: null, limit: 5000, connectionIds: ['c_b'] }, NOW).rows;
    expect(onlyB.every((r) => r[1] === 'c_b')).toBe(true);
    expect(onlyB).toHaveLength(records.filter((r) => r.connection.id === 'c_b').length);
    db.close();
  });
});
