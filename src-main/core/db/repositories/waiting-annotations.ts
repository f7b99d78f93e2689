/**
 * Prepared statements for `waiting_annotations`: a restored annotation waiting for its API token
 * (by provider and remote id) to come in with a sync. Metadata only, never a secret.
 */
import type { Database } from 'better-sqlite3';
import type { AnnotationFields } from './annotations';
import { parseJson } from './json';

export interface WaitingAnnotation extends AnnotationFields {
  provider: string;
  remoteId: string;
  connectionLabel: string;
  restoredAt: number;
}

interface WaitingSqlRow {
  provider: string;
  remote_id: string;
  connection_label: string;
  note: string | null;
  tags: string;
  owner: string | null;
  used_by: string;
  restored_at: number;
}

export type WaitingAnnotationsRepo = ReturnType<typeof waitingAnnotationsRepo>;

export function waitingAnnotationsRepo(db: Database) {
  const upsert = db.prepare(`
    INSERT INTO waiting_annotations (provider, remote_id, connection_label, note, tags, owner, used_by, restored_at)
    VALUES (@provider, @remoteId, @connectionLabel, @note, @tags, @owner, @usedBy, @restoredAt)
    ON CONFLICT(provider, remote_id) DO UPDATE SET connection_label = excluded.connection_label,
      note = excluded.note, tags = excluded.tags, owner = excluded.owner, used_by = excluded.used_by,
      restored_at = excluded.restored_at`);
  const all = db.prepare<[], WaitingSqlRow>(
    `SELECT * FROM waiting_annotations ORDER BY restored_at, remote_id`,
  );
  const remove = db.prepare(`DELETE FROM waiting_annotations WHERE provider = ? AND remote_id = ?`);
  return {
    put(w: WaitingAnnotation): void {
      upsert.run({ ...w, tags: JSON.stringify(w.tags), usedBy: JSON.stringify(w.usedBy) });
    },
    listAll(): WaitingAnnotation[] {
      return all.all().map((r) => ({
        provider: r.provider,
        remoteId: r.remote_id,
        connectionLabel: r.connection_label,
        note: r.note,
        tags: parseJson<string[]>(r.tags, []),
        owner: r.owner,
        usedBy: parseJson<string[]>(r.used_by, []),
        restoredAt: r.restored_at,
      }));
    },
    remove(provider: string, remoteId: string): void {
      remove.run(provider, remoteId);
    },
  };
}
