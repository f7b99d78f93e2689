/** Prepared statements for the `connections` table. */
import type { Database } from 'better-sqlite3';
import type { ApiError, ConnectionStatus, ProviderId, RemoteAccount } from '../../../../src-preload/contract';
import { parseJson } from './json';

export interface ConnectionRecord {
  id: string;
  provider: ProviderId;
  label: string;
  mode: 'api' | 'tracked';
  baseUrl: string | null;
  /**
   * The origin the credential and session were saved for (migration 0005); the HTTP layer sends
   * them nowhere else. Null for a tracked connection.
   */
  credentialOrigin: string | null;
  accounts: RemoteAccount[];
  identity: string | null;
  status: ConnectionStatus;
  lastSyncAt: number | null;
  lastError: ApiError | null;
  createdAt: number;
  updatedAt: number;
}

interface ConnectionSqlRow {
  id: string;
  provider: ProviderId;
  label: string;
  mode: 'api' | 'tracked';
  base_url: string | null;
  credential_origin: string | null;
  accounts: string;
  identity: string | null;
  status: ConnectionStatus;
  last_sync_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: ConnectionSqlRow): ConnectionRecord {
  return {
    id: row.id,
    provider: row.provider,
    label: row.label,
    mode: row.mode,
    baseUrl: row.base_url,
    credentialOrigin: row.credential_origin,
    accounts: parseJson<RemoteAccount[]>(row.accounts, []),
    identity: row.identity,
    status: row.status,
    lastSyncAt: row.last_sync_at,
    lastError: parseJson<ApiError | null>(row.last_error, null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type ConnectionsRepo = ReturnType<typeof connectionsRepo>;

export function connectionsRepo(db: Database) {
  const insert = db.prepare(`
    INSERT INTO connections (id, provider, label, mode, base_url, credential_origin, accounts, identity, status, last_sync_at, last_error, created_at, updated_at)
    VALUES (@id, @provider, @label, @mode, @baseUrl, @credentialOrigin, @accounts, @identity, @status, @lastSyncAt, @lastError, @createdAt, @updatedAt)`);
  const update = db.prepare(`
    UPDATE connections SET label = @label, base_url = @baseUrl, credential_origin = @credentialOrigin, accounts = @accounts, identity = @identity,
      status = @status, last_sync_at = @lastSyncAt, last_error = @lastError, updated_at = @updatedAt
    WHERE id = @id`);
  const getOne = db.prepare<[string], ConnectionSqlRow>('SELECT * FROM connections WHERE id = ?');
  const listAll = db.prepare<[], ConnectionSqlRow>(
    'SELECT * FROM connections ORDER BY provider, label COLLATE NOCASE, id',
  );
  const remove = db.prepare('DELETE FROM connections WHERE id = ?');
  const counts = db.prepare<[], { connection_id: string; n: number }>(
    `SELECT connection_id, COUNT(*) AS n FROM tokens WHERE state IN ('active', 'grace') GROUP BY connection_id`,
  );

  const params = (record: ConnectionRecord) => ({
    ...record,
    accounts: JSON.stringify(record.accounts),
    lastError: record.lastError === null ? null : JSON.stringify(record.lastError),
  });

  return {
    insert(record: ConnectionRecord): void {
      insert.run(params(record));
    },
    get(id: string): ConnectionRecord | null {
      const row = getOne.get(id);
      return row === undefined ? null : fromRow(row);
    },
    list(): ConnectionRecord[] {
      return listAll.all().map(fromRow);
    },
    /** Writes every mutable column of `record`; returns false when the row no longer exists. */
    save(record: ConnectionRecord): boolean {
      return update.run(params(record)).changes === 1;
    },
    remove(id: string): boolean {
      return remove.run(id).changes === 1;
    },
    activeTokenCounts(): Map<string, number> {
      return new Map(counts.all().map((row) => [row.connection_id, row.n]));
    },
  };
}
