/**
 * Restore of API tokens' annotations from Tokenkeeper's own JSON export. An API token is not
 * restored (it comes back when its connection syncs), but what the user wrote about it is: each
 * export row carries the token's provider, connection label and id at the provider (metadata,
 * never a secret). A token already in the cache by (provider, remote id) gets its annotation at
 * once; the rest wait in `waiting_annotations` until a sync brings the token (attachWaiting).
 */
import { Annotation as AnnotationSchema } from '../../../../src-preload/contract';
import type { CoreContext } from '../../context';
import { isEmptyAnnotation, type AnnotationFields } from '../../db/repositories/annotations';
import type { TokenRecord } from '../../db/repositories/tokens';
import { normalizeAnnotation, refuseSecrets } from '../annotations';
import { listOf, type ParsedFile } from './parse-file';

export interface RestoredAnnotations {
  attached: number;
  waiting: number;
}

/** The API tokens here by provider and remote id, read once for the whole restore. */
function tokensByRemoteId(ctx: CoreContext): Map<string, TokenRecord> {
  const byRemote = new Map<string, TokenRecord>();
  for (const connection of ctx.repos.connections.list())
    for (const token of ctx.repos.tokens.listByConnection(connection.id))
      if (token.remoteId !== null) {
        const key = JSON.stringify([connection.provider, token.remoteId]);
        // The first connection's token wins, as the connections are listed.
        if (!byRemote.has(key)) byRemote.set(key, token);
      }
  return byRemote;
}

/** One export row's annotation, or null when it has none (or one the core would refuse). */
function annotationOfRow(cell: (column: string) => string): AnnotationFields | null {
  const parsed = AnnotationSchema.safeParse({
    note: cell('note') === '' ? null : cell('note'),
    tags: listOf(cell('tags'), /;/),
    owner: cell('owner') === '' ? null : cell('owner'),
    usedBy: listOf(cell('used_by'), /;/),
  });
  if (!parsed.success) return null;
  const fields = normalizeAnnotation(parsed.data);
  try {
    refuseSecrets(fields);
  } catch {
    return null;
  }
  return isEmptyAnnotation(fields) ? null : fields;
}

/** Attaches or sets waiting the annotation of each API-token row (`rows`); runs in the caller's transaction. */
export function restoreApiAnnotations(
  ctx: CoreContext,
  file: ParsedFile,
  rows: ReadonlySet<number>,
): RestoredAnnotations {
  const now = ctx.now();
  const result: RestoredAnnotations = { attached: 0, waiting: 0 };
  const tokens = tokensByRemoteId(ctx);
  for (const i of rows) {
    const row = file.rows[i] ?? [];
    const cell = (column: string) => {
      const at = file.columns.indexOf(column);
      return at < 0 ? '' : (row[at] ?? '').trim();
    };
    const provider = cell('provider');
    const remoteId = cell('remote_id');
    if (provider === '' || remoteId === '') continue;
    const fields = annotationOfRow(cell);
    if (fields === null) continue;
    const token = tokens.get(JSON.stringify([provider, remoteId]));
    if (token !== undefined) {
      ctx.repos.annotations.put({ tokenId: token.id, ...fields, updatedAt: now });
      result.attached++;
    } else {
      ctx.repos.waitingAnnotations.put({
        provider,
        remoteId,
        connectionLabel: cell('connection'),
        ...fields,
        restoredAt: now,
      });
      result.waiting++;
    }
  }
  return result;
}

/** After a connection's sync: the waiting annotations whose token it brought are attached. */
export function attachWaiting(ctx: CoreContext, connectionId: string): number {
  const connection = ctx.repos.connections.get(connectionId);
  if (connection === null) return 0;
  const waiting = ctx.repos.waitingAnnotations.listAll().filter((w) => w.provider === connection.provider);
  if (waiting.length === 0) return 0;
  const byRemote = new Map(
    ctx.repos.tokens
      .listByConnection(connectionId)
      .flatMap((t) => (t.remoteId === null ? [] : [[t.remoteId, t] as const])),
  );
  let attached = 0;
  ctx.db.transaction(() => {
    for (const w of waiting) {
      const token = byRemote.get(w.remoteId);
      if (token === undefined) continue;
      const { note, tags, owner, usedBy } = w;
      ctx.repos.annotations.put({ tokenId: token.id, note, tags, owner, usedBy, updatedAt: ctx.now() });
      ctx.repos.waitingAnnotations.remove(w.provider, w.remoteId);
      attached++;
    }
  })();
  return attached;
}
