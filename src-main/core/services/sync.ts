/**
 * Sync: fetch every API connection's token list and replace its cached set.
 * - All connections at once, at most SYNC_CONCURRENCY in flight (p-limit); each request still
 *   passes its connection's rate limiter, and each connection's sync holds that connection's lock.
 * - One transaction per connection writes the whole new set (see sync-merge.ts), so a reader
 *   never sees half a sync.
 * - A failed sync changes no token row: only the connection's status and last error.
 * - `syncProgress` per connection (syncing, then ok or error), then `tokensChanged` and
 *   `connectionsChanged`.
 * Tracked connections are not synced (there is nothing to fetch).
 */
import pLimit from 'p-limit';
import type { ApiError, ConnectionStatus } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError, toApiError } from '../errors';
import type { ProviderRegistry } from '../providers/registry';
import type { RemoteToken } from '../providers/types';
import type { ProviderRuntime } from './provider-runtime';
import { claimedElsewhere } from './duplicate-connections';
import { planMerge } from './sync-merge';
import { attachWaiting } from './import/annotation-restore';

export const SYNC_CONCURRENCY = 3;

export interface SyncResult {
  connectionId: string;
  ok: boolean;
  fetched: number;
  error: ApiError | null;
}

export function syncable(record: ConnectionRecord, providers: ProviderRegistry): boolean {
  return (
    record.mode === 'api' && providers.has(record.provider) && providers.descriptor(record.provider).hasApi
  );
}

export class SyncService {
  private readonly limit = pLimit(SYNC_CONCURRENCY);
  private readonly inFlight = new Map<string, Promise<SyncResult>>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly runtime: ProviderRuntime,
  ) {}

  /**
   * Starts syncing the given connections (all API connections when omitted) and returns their
   * ids at once; a connection already syncing is included and not started twice.
   */
  start(connectionIds?: string[]): { started: string[]; done: Promise<SyncResult[]> } {
    const records =
      connectionIds === undefined
        ? this.ctx.repos.connections.list()
        : connectionIds.map((id) => this.ctx.repos.connections.get(id));
    const targets = records.filter(
      (r): r is ConnectionRecord => r !== null && syncable(r, this.ctx.providers),
    );
    const runs = targets.map((record) => this.syncOne(record));
    return { started: targets.map((r) => r.id), done: Promise.all(runs) };
  }

  /** Resolves when no sync is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  syncOne(record: ConnectionRecord): Promise<SyncResult> {
    const running = this.inFlight.get(record.id);
    if (running !== undefined) return running;
    this.setStatus(record.id, 'syncing', undefined);
    this.ctx.emit('syncProgress', { connectionId: record.id, state: 'syncing', fetched: 0, error: null });
    const run = this.limit(() =>
      this.runtime.locks.run(record.id, () => this.fetchAndStore(record.id)),
    ).finally(() => {
      this.inFlight.delete(record.id);
    });
    this.inFlight.set(record.id, run);
    return run;
  }

  private async fetchAndStore(connectionId: string): Promise<SyncResult> {
    const { ctx, runtime } = this;
    const record = ctx.repos.connections.get(connectionId);
    if (record === null) return { connectionId, ok: false, fetched: 0, error: null };
    const log = ctx.log.child({ area: 'sync', connectionId, provider: record.provider });
    try {
      const { adapter, ctx: listCtx } = runtime.contextFor(record);
      const skipped: { count: number; why: string }[] = [];
      const adapterCtx = {
        ...listCtx,
        skipped: (count: number, why: string) => skipped.push({ count, why }),
      };
      const listed = await adapter.list(adapterCtx);
      // Two connections of one account (made before duplicates were refused) show each token once.
      const { kept: remote, claimedBy, count: claimed } = claimedElsewhere(ctx, record, listed);
      if (claimedBy !== null)
        skipped.push({ count: claimed, why: `already shown under “${claimedBy.label}”, the same account` });
      let credentialKeyOfRemote: string | null = null;
      if (adapter.identifyCredential !== undefined) {
        const credential = await adapterCtx.credential().catch(() => null);
        if (credential !== null) {
          const marked = ctx.repos.tokens
            .listByConnection(connectionId)
            .filter((t) => t.isConnectionCredential);
          credentialKeyOfRemote = adapter.identifyCredential(remote, credential, marked);
        }
      }
      const stored = storeSyncedSet(ctx, connectionId, remote, ctx.now(), credentialKeyOfRemote);
      if (!stored) return { connectionId, ok: false, fetched: remote.length, error: null };
      // A restore's annotations waiting for these tokens are attached now that they are here.
      attachWaiting(ctx, connectionId);
      log.info('sync finished', { fetched: remote.length });
      this.reportSkipped(record, skipped);
      ctx.emit('syncProgress', { connectionId, state: 'ok', fetched: remote.length, error: null });
      ctx.emit('tokensChanged', { connectionIds: [connectionId] });
      ctx.emit('connectionsChanged', null);
      return { connectionId, ok: true, fetched: remote.length, error: null };
    } catch (error) {
      const apiError = toApiError(error);
      if (!(error instanceof AppError)) log.error('sync failed unexpectedly', { error });
      else log.info('sync failed', { code: apiError.code });
      // Only the connection's status and error change; not one token row.
      if (runtime.noteFailure(record, error) === null) this.setStatus(connectionId, 'error', apiError);
      ctx.emit('syncProgress', { connectionId, state: 'error', fetched: 0, error: apiError });
      ctx.emit('connectionsChanged', null);
      return { connectionId, ok: false, fetched: 0, error: apiError };
    }
  }

  /** Rows the list could not use: one log line and one notice with the count; the rest synced. */
  private reportSkipped(record: ConnectionRecord, skipped: { count: number; why: string }[]): void {
    const id = `sync-skipped:${record.id}`;
    const count = skipped.reduce((sum, s) => sum + s.count, 0);
    if (count === 0) {
      this.ctx.notices.dismiss(id);
      return;
    }
    const why = [...new Set(skipped.map((s) => s.why))].join('; ');
    const provider = this.ctx.providers.descriptor(record.provider).name;
    this.ctx.log.warn('sync skipped rows', { connectionId: record.id, skipped: count, why });
    this.ctx.notices.add({
      id,
      level: 'warning',
      title: `${count} ${count === 1 ? 'token' : 'tokens'} of “${record.label}” skipped`,
      message: `${provider} listed ${count === 1 ? 'a token' : `${count} tokens`} Tokenkeeper could not use (${why}), so ${count === 1 ? 'it is' : 'they are'} not shown. The other tokens of this connection are up to date.`,
    });
  }

  private setStatus(connectionId: string, status: ConnectionStatus, error: ApiError | undefined): void {
    const current = this.ctx.repos.connections.get(connectionId);
    if (current === null) return;
    this.ctx.repos.connections.save({
      ...current,
      status,
      ...(error === undefined ? {} : { lastError: error }),
      updatedAt: this.ctx.now(),
    });
  }
}

/**
 * Replaces a connection's cached set with what the provider listed, in one transaction (a reader
 * never sees half a sync). Returns false when the connection was removed meanwhile. Exported for
 * the cache benchmark, which times exactly this write path.
 */
export function storeSyncedSet(
  ctx: CoreContext,
  connectionId: string,
  remote: RemoteToken[],
  now: number,
  credentialKeyOfRemote: string | null,
): boolean {
  return ctx.db.transaction(() => {
    const current = ctx.repos.connections.get(connectionId);
    if (current === null) return false;
    const plan = planMerge(
      connectionId,
      ctx.repos.tokens.listByConnection(connectionId),
      remote,
      now,
      credentialKeyOfRemote,
    );
    // Rotation links may point between new rows: insert without them, then write them.
    for (const row of plan.inserts) ctx.repos.tokens.insert({ ...row, replacesId: null, replacedById: null });
    for (const row of plan.inserts)
      if (row.replacesId !== null || row.replacedById !== null) ctx.repos.tokens.save(row);
    for (const row of plan.updates) {
      const before = plan.previous.get(row.id);
      if (before === undefined) ctx.repos.tokens.save(row);
      else ctx.repos.tokens.saveChanged(before, row);
    }
    ctx.repos.connections.save({
      ...current,
      status: 'ok',
      lastSyncAt: now,
      lastError: null,
      updatedAt: now,
    });
    return true;
  })();
}

/**
 * On quit: stop talking to providers (open requests fail, so a running sync records nothing but
 * an error status), wait briefly for running jobs to settle, and forget in-memory sessions.
 */
export async function shutdownProviders(
  runtime: ProviderRuntime,
  sync: SyncService,
  waitMs = 2_000,
): Promise<void> {
  await runtime.close();
  await Promise.race([sync.whenIdle(), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}
