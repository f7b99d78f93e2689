/** Handlers: sync, the operations journal, and the metadata export. */
import type { TokenRow } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { toCsv, toJson } from '../services/export';
import { operationView } from '../services/operation-view';
import type { SyncService } from '../services/sync';

const EXPORT_PAGE = 1000;

export function allTokenRows(ctx: CoreContext, includeInactive: boolean): TokenRow[] {
  const rows: TokenRow[] = [];
  const now = ctx.now();
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = ctx.queries.list(
      { offset, limit: EXPORT_PAGE, includeInactive, sort: { column: 'provider', direction: 'asc' } },
      now,
    );
    rows.push(...page.rows);
    if (page.rows.length < EXPORT_PAGE) return rows;
  }
}

export function activityHandlers(
  ctx: CoreContext,
  sync: SyncService,
): Pick<Handlers, 'syncNow' | 'listOperations' | 'acknowledgeOperation' | 'exportMetadata'> {
  return {
    syncNow({ connectionIds }) {
      // Starts in the background; progress arrives as `syncProgress` events.
      const { started } = sync.start(connectionIds);
      if (connectionIds !== undefined) {
        const unknown = connectionIds.find((id) => ctx.repos.connections.get(id) === null);
        if (unknown !== undefined && started.length === 0) throw notFound('That connection');
      }
      return { started };
    },
    listOperations({ onlyOpen }) {
      const ops = onlyOpen ? ctx.repos.operations.listOpen() : ctx.repos.operations.listRecent();
      return ops.map(operationView);
    },
    acknowledgeOperation({ operationId }) {
      const op = ctx.repos.operations.get(operationId);
      if (op === null) throw notFound('That operation');
      ctx.repos.operations.save({ ...op, acknowledged: true });
      ctx.notices.dismiss(`operation:${operationId}`);
      return null;
    },
    async exportMetadata({ format, tokenIds }) {
      const wanted = tokenIds === undefined ? null : new Set(tokenIds);
      const rows = allTokenRows(ctx, true).filter((row) => wanted === null || wanted.has(row.id));
      // Ids that match no token (removed meanwhile, or never ours) are not silently dropped.
      if (wanted !== null && rows.length < wanted.size)
        throw notFound(
          `${wanted.size - rows.length === 1 ? 'One' : String(wanted.size - rows.length)} of the tokens to export`,
        );
      const annotations = new Map(ctx.repos.annotations.listAll().map((a) => [a.tokenId, a]));
      const remoteIds = new Map(rows.map((r) => [r.id, ctx.repos.tokens.get(r.id)?.remoteId ?? null]));
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      const path = await ctx.deps.system.saveFile({
        defaultName: `tokenkeeper-metadata-${stamp}.${format}`,
        content:
          format === 'csv' ? toCsv(rows, annotations) : toJson(rows, ctx.now(), annotations, remoteIds),
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      ctx.audit({
        action: 'export.metadata',
        outcome: path === null ? 'info' : 'ok',
        detail: path === null ? 'Cancelled' : `${rows.length} tokens as ${format.toUpperCase()}`,
      });
      return { path, count: path === null ? 0 : rows.length };
    },
  };
}
