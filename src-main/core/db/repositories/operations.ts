/**
 * Prepared statements for the `operations` journal. The intent row is written before a remote
 * create, rotate or revoke; the outcome after. A row still `pending` at start-up was interrupted.
 */
import type { Database } from 'better-sqlite3';
import type { ApiError, Operation } from '../../../../src-preload/contract';
import { parseJson } from './json';

export type OperationKind = Operation['kind'];
export type OperationState = Operation['state'];

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  state: OperationState;
  connectionId: string | null;
  tokenId: string | null;
  resultTokenId: string | null;
  tokenName: string;
  /** Non-secret request details (name, expiry, scope) used to reconcile after an ambiguous failure. */
  request: Record<string, unknown>;
  error: ApiError | null;
  acknowledged: boolean;
  startedAt: number;
  finishedAt: number | null;
  /** A secret was minted and the copy-once dialog has not shown it yet (lost if Tokenkeeper stops now). */
  secretPending?: boolean;
}

interface OperationSqlRow {
  id: string;
  kind: OperationKind;
  state: OperationState;
  connection_id: string | null;
  token_id: string | null;
  result_token_id: string | null;
  token_name: string;
  request: string;
  error: string | null;
  acknowledged: number;
  started_at: number;
  finished_at: number | null;
  secret_pending: number;
}

const fromRow = (row: OperationSqlRow): OperationRecord => ({
  id: row.id,
  kind: row.kind,
  state: row.state,
  connectionId: row.connection_id,
  tokenId: row.token_id,
  resultTokenId: row.result_token_id,
  tokenName: row.token_name,
  request: parseJson<Record<string, unknown>>(row.request, {}),
  error: parseJson<ApiError | null>(row.error, null),
  acknowledged: row.acknowledged === 1,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  secretPending: row.secret_pending === 1,
});

export type OperationsRepo = ReturnType<typeof operationsRepo>;

export function operationsRepo(db: Database) {
  const insert = db.prepare(`
    INSERT INTO operations (id, kind, state, connection_id, token_id, result_token_id, token_name, request, error, acknowledged, started_at, finished_at, secret_pending)
    VALUES (@id, @kind, @state, @connectionId, @tokenId, @resultTokenId, @tokenName, @request, @error, @acknowledged, @startedAt, @finishedAt, @secretPending)`);
  const update = db.prepare(`
    UPDATE operations SET state = @state, result_token_id = @resultTokenId, error = @error,
      acknowledged = @acknowledged, finished_at = @finishedAt, token_id = @tokenId, secret_pending = @secretPending
    WHERE id = @id`);
  const getOne = db.prepare<[string], OperationSqlRow>('SELECT * FROM operations WHERE id = ?');
  const open = db.prepare<[], OperationSqlRow>(
    `SELECT * FROM operations WHERE acknowledged = 0 AND state IN ('pending', 'awaiting_confirmation', 'ambiguous', 'interrupted')
     ORDER BY started_at DESC`,
  );
  const recent = db.prepare<[number], OperationSqlRow>(
    'SELECT * FROM operations ORDER BY started_at DESC LIMIT ?',
  );
  const forToken = db.prepare<[string, string], OperationSqlRow>(
    'SELECT * FROM operations WHERE token_id = ? OR result_token_id = ? ORDER BY started_at DESC LIMIT 50',
  );
  // Cut off before the outcome was known, or after it but before the new secret was shown.
  const markInterrupted = db.prepare(
    `UPDATE operations SET state = 'interrupted', acknowledged = 0, secret_pending = 0 WHERE state = 'pending' OR secret_pending = 1`,
  );
  const secretShown = db.prepare('UPDATE operations SET secret_pending = 0 WHERE id = ?');

  const params = (r: OperationRecord) => ({
    ...r,
    request: JSON.stringify(r.request),
    error: r.error === null ? null : JSON.stringify(r.error),
    acknowledged: r.acknowledged ? 1 : 0,
    secretPending: r.secretPending === true ? 1 : 0,
  });

  return {
    insert(record: OperationRecord): void {
      insert.run(params(record));
    },
    save(record: OperationRecord): void {
      update.run(params(record));
    },
    get(id: string): OperationRecord | null {
      const row = getOne.get(id);
      return row === undefined ? null : fromRow(row);
    },
    listOpen(): OperationRecord[] {
      return open.all().map(fromRow);
    },
    listRecent(limit = 100): OperationRecord[] {
      return recent.all(limit).map(fromRow);
    },
    forToken(tokenId: string): OperationRecord[] {
      return forToken.all(tokenId, tokenId).map(fromRow);
    },
    /** At start-up: anything still pending, or whose new secret was never shown, was cut off by a crash, a kill or a quit. */
    markPendingInterrupted(): number {
      return markInterrupted.run().changes;
    },
    /** The copy-once dialog has the operation's new secret. */
    markSecretShown(id: string): void {
      secretShown.run(id);
    },
  };
}
