/** Prepared statements for the `audit` table: what the user did, when, with which result. */
import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../../../../src-preload/contract';

interface AuditSqlRow {
  id: number;
  at: number;
  action: string;
  outcome: 'ok' | 'error' | 'info';
  connection_id: string | null;
  token_id: string | null;
  detail: string;
}

const fromRow = (row: AuditSqlRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  action: row.action,
  outcome: row.outcome,
  connectionId: row.connection_id,
  tokenId: row.token_id,
  detail: row.detail,
});

export type AuditRepo = ReturnType<typeof auditRepo>;

export function auditRepo(db: Database) {
  const insert = db.prepare(
    'INSERT INTO audit (at, action, outcome, connection_id, token_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const forToken = db.prepare<[string, number], AuditSqlRow>(
    'SELECT * FROM audit WHERE token_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const recent = db.prepare<[number], AuditSqlRow>('SELECT * FROM audit ORDER BY at DESC, id DESC LIMIT ?');
  return {
    record(entry: Omit<AuditEntry, 'id'>): void {
      insert.run(entry.at, entry.action, entry.outcome, entry.connectionId, entry.tokenId, entry.detail);
    },
    forToken(tokenId: string, limit = 100): AuditEntry[] {
      return forToken.all(tokenId, limit).map(fromRow);
    },
    recent(limit = 100): AuditEntry[] {
      return recent.all(limit).map(fromRow);
    },
  };
}
