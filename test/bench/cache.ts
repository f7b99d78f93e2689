/**
 * Cache benchmark, one iteration (run in its own process by run.ts so peak memory is this
 * work's alone). 50,000 tokens in 50 connections:
 * - upsert through the app's sync write path (storeSyncedSet in services/sync.ts: planMerge and
 *   the tokens repository, one transaction per connection), first as new rows, then as a re-sync
 *   that changes every token's last use;
 * - the first page of the list, a text search and an expiry filter through `core.call` (the
 *   handler the renderer reaches: input and output validated by the contract);
 * each next to a plain better-sqlite3 loop doing the same work in one transaction / the same
 * SQL without the app's layers, on the same schema. Calls alternate app/plain so both see the
 * same noise. Prints one JSON line.
 */
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { openDatabase } from '../../src-main/core/db/database';
import { searchTextFor, type TokenRecord } from '../../src-main/core/db/repositories/tokens';
import type { RemoteToken } from '../../src-main/core/providers/types';
import { storeSyncedSet } from '../../src-main/core/services/sync';
import type { TokenPage, TokenQuery } from '../../src-preload/contract';
import { benchCore, benchDir, insertConnection } from './lib/core';
import { DAY, remoteTokens } from './lib/data';
import { median } from './lib/stats';

const CONNECTIONS = 50;
const PER_CONNECTION = 1_000;
const READ_REPEATS = 25;
export const SEARCH_TERM = 'grafana';

export interface CacheResult {
  tokens: number;
  upsertInsert: { app: number; plain: number };
  upsertUpdate: { app: number; plain: number };
  reads: Record<'firstPage' | 'search' | 'expiry', { app: number; plain: number; matched: number }>;
  peakRssMb: number;
  heapUsedMb: number;
}

const base = {
  offset: 0,
  limit: 100,
  sort: { column: 'expiresAt', direction: 'asc' },
  groupBy: 'none',
} satisfies TokenQuery;
export const READ_QUERIES = {
  firstPage: base,
  search: { ...base, search: SEARCH_TERM },
  expiry: { ...base, expiringWithinDays: 30 },
} satisfies Record<string, TokenQuery>;

function connectionsWithTokens(now: number, lastUsedShift: number): { id: string; remote: RemoteToken[] }[] {
  return Array.from({ length: CONNECTIONS }, (_, c) => {
    const remote = remoteTokens(PER_CONNECTION, {
      now,
      seed: c + 1,
      accounts: c % 2 === 0 ? 5 : null,
      offset: c * PER_CONNECTION,
    });
    return {
      id: `c_bench${String(c).padStart(4, '0')}`,
      remote:
        lastUsedShift === 0
          ? remote
          : remote.map((r) => ({ ...r, lastUsedAt: (r.lastUsedAt ?? now - 400 * DAY) + lastUsedShift })),
    };
  });
}

/** The plain version: one prepared upsert, one transaction, the same columns. */
function plainUpsert(file: string) {
  const { db } = openDatabase({ file });
  const insertConnectionSql = db.prepare(
    `INSERT INTO connections (id, provider, label, mode, created_at, updated_at) VALUES (?, ?, ?, 'api', ?, ?) ON CONFLICT(id) DO NOTHING`,
  );
  const upsert = db.prepare(`
    INSERT INTO tokens (id, connection_id, remote_id, account_id, account_name, name, last4, created_at, created_by,
      last_used_at, expires_at, scope_kind, scope_summary, scope, broad_scope, legacy, state, origin, usage, search_text,
      first_seen_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 'synced', ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET account_name = excluded.account_name, name = excluded.name, last4 = excluded.last4,
      created_by = excluded.created_by, last_used_at = excluded.last_used_at, expires_at = excluded.expires_at,
      scope_summary = excluded.scope_summary, scope = excluded.scope, broad_scope = excluded.broad_scope,
      legacy = excluded.legacy, usage = excluded.usage, search_text = excluded.search_text, updated_at = excluded.updated_at`);
  const run = (sets: { id: string; remote: RemoteToken[] }[], now: number) =>
    db.transaction(() => {
      for (const set of sets) {
        insertConnectionSql.run(
          set.id,
          set.remote[0]?.accountId === null ? 'smoxy' : 'mailtrap',
          set.id,
          now,
          now,
        );
        for (const r of set.remote) {
          const search = [r.name, r.accountName, r.last4, r.createdBy, r.scopeSummary]
            .filter((p) => p !== null && p !== '')
            .join('\u001f')
            .toLowerCase();
          upsert.run(
            `${set.id}:${r.accountId ?? ''}:${r.remoteId}`,
            set.id,
            r.remoteId,
            r.accountId,
            r.accountName,
            r.name,
            r.last4,
            r.createdAt,
            r.createdBy,
            r.lastUsedAt,
            r.expiresAt,
            r.scopeKind,
            r.scopeSummary,
            JSON.stringify(r.scope),
            r.broadScope ? 1 : 0,
            r.legacy ? 1 : 0,
            JSON.stringify(r.usage),
            search,
            now,
            now,
          );
        }
      }
    })();
  return { run, close: () => db.close() };
}

/** The plain reads: the same WHERE and ORDER BY as the app's query, rows as SQLite returns them. */
function plainReads(core: ReturnType<typeof benchCore>['core']) {
  const db = core.context.db;
  const from = 'FROM tokens t JOIN connections c ON c.id = t.connection_id';
  const order = `ORDER BY COALESCE(t.expires_at, ${Number.MAX_SAFE_INTEGER}), t.name COLLATE NOCASE, t.id LIMIT 100`;
  const columns = 't.*, c.provider AS provider, c.label AS connection_label';
  const counts = db.prepare(`SELECT COUNT(*) AS total,
      SUM(t.expires_at IS NOT NULL AND t.expires_at <= @now) AS expired,
      SUM(t.expires_at > @now AND t.expires_at <= @now + ${30 * DAY}) AS expiringSoon,
      SUM(t.state = 'grace') AS grace,
      SUM(t.origin = 'synced' AND c.provider IN ('smoxy', 'mirox') AND t.last_used_at IS NULL) AS neverUsed
    ${from} WHERE t.state IN ('active', 'grace')`);
  const pair = (where: string): [Statement, Statement] => [
    db.prepare(`SELECT COUNT(*) AS n ${from} WHERE ${where}`),
    db.prepare(`SELECT ${columns} ${from} WHERE ${where} ${order}`),
  ];
  const live = `t.state IN ('active', 'grace')`;
  const statements = {
    firstPage: pair(live),
    search: pair(
      `${live} AND (t.search_text LIKE @search ESCAPE '\\' OR lower(c.label) LIKE @search ESCAPE '\\')`,
    ),
    expiry: pair(`${live} AND t.expires_at IS NOT NULL AND t.expires_at <= @horizon`),
  };
  return (kind: keyof typeof statements, now: number) => {
    const params = { now, search: `%${SEARCH_TERM}%`, horizon: now + 30 * DAY };
    const [count, page] = statements[kind];
    const bind =
      kind === 'firstPage' ? {} : kind === 'search' ? { search: params.search } : { horizon: params.horizon };
    const matched = (count.get(bind) as { n: number }).n;
    const rows = page.all(bind);
    return { matched, rows, counts: counts.get({ now }) };
  };
}

function appUpsert(
  core: ReturnType<typeof benchCore>['core'],
  sets: { id: string; remote: RemoteToken[] }[],
  now: number,
): void {
  // The sync's own write path, one transaction per connection (services/sync.ts).
  for (const set of sets)
    if (!storeSyncedSet(core.context, set.id, set.remote, now, null)) throw new Error('missing connection');
}

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const now = Date.now();
  const first = connectionsWithTokens(now, 0);
  const second = connectionsWithTokens(now, 3_600_000);
  const bench = benchCore();
  const plainDir = benchDir('plain');
  const plain = plainUpsert(path.join(plainDir, 'plain.db'));
  try {
    const { core } = bench;
    first.forEach((set, i) =>
      insertConnection(core, set.id, i % 2 === 0 ? 'mailtrap' : 'smoxy', `Connection ${i}`),
    );

    const plainInsert = time(() => plain.run(first, now));
    const appInsert = time(() => appUpsert(core, first, now));
    const plainUpdate = time(() => plain.run(second, now + 1));
    const appUpdate = time(() => appUpsert(core, second, now + 1));

    const stored = (core.context.db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n;
    if (stored !== CONNECTIONS * PER_CONNECTION)
      throw new Error(`expected ${CONNECTIONS * PER_CONNECTION} rows, found ${stored}`);
    const sample = core.context.repos.tokens.listByConnection(first[0]?.id ?? '')[0] as TokenRecord;
    if (sample.lastUsedAt === null || searchTextFor(sample) === '')
      throw new Error('the re-sync did not store what was sent');

    const reads = plainReads(core);
    const readResults = {} as CacheResult['reads'];
    for (const kind of ['firstPage', 'search', 'expiry'] as const) {
      const appTimes: number[] = [];
      const plainTimes: number[] = [];
      let matched = -1;
      for (let i = 0; i < READ_REPEATS; i++) {
        const t = Date.now();
        const started = performance.now();
        const result = await core.call('listTokens', READ_QUERIES[kind]);
        appTimes.push(performance.now() - started);
        if (!result.ok) throw new Error(result.error.message);
        matched = (result.value as TokenPage).matched;
        let plainMatched = -1;
        plainTimes.push(time(() => (plainMatched = reads(kind, t).matched)));
        if (matched !== plainMatched)
          throw new Error(`${kind}: the app matched ${matched}, the plain query ${plainMatched}`);
      }
      readResults[kind] = { app: median(appTimes), plain: median(plainTimes), matched };
    }

    const result: CacheResult = {
      tokens: stored,
      upsertInsert: { app: appInsert, plain: plainInsert },
      upsertUpdate: { app: appUpdate, plain: plainUpdate },
      reads: readResults,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    plain.close();
    await bench.close();
  }
}

await main();
