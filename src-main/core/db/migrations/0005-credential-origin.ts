import type { Database } from 'better-sqlite3';
import { TABLES_AT_V4 } from './0004-enums-out-of-schema';
import { rebuildTable } from './rebuild-table';
import type { Migration } from './types';

/**
 * `connections.credential_origin`: the origin (https://host[:port]) the connection's credential
 * and session were saved for. The HTTP layer sends them to that origin only, and an address
 * change to another origin deletes them (docs/security.md, the credential-origin rule).
 *
 * Existing connections get the origin of their current address: their `base_url` when they
 * have one, otherwise their provider's default address as shipped when this migration was
 * written (frozen here: a shipped migration must not change when a module does). A tracked
 * connection, or one of a provider this build did not know, gets NULL (nothing is sent for it;
 * the runtime then binds to its current address, see provider-runtime.ts).
 *
 * Through `rebuildTable` (the safe path: foreign keys off, every row copied, checked before
 * commit), then each row's origin computed with the WHATWG URL parser, as the app computes it.
 */
export const DEFAULT_ORIGINS_AT_V5: Readonly<Record<string, string>> = {
  mailtrap: 'https://mailtrap.io',
  smoxy: 'https://api.smoxy.eu',
  mirox: 'https://service.mirox.io',
};

export const CONNECTIONS_AT_V5 = `${TABLES_AT_V4.connections},
    credential_origin TEXT`;

function originOf(row: { provider: string; mode: string; base_url: string | null }): string | null {
  if (row.mode !== 'api') return null;
  if (row.base_url === null) return DEFAULT_ORIGINS_AT_V5[row.provider] ?? null;
  try {
    return new URL(row.base_url).origin;
  } catch {
    return null;
  }
}

function fillOrigins(db: Database): void {
  const rows = db.prepare(`SELECT id, provider, mode, base_url FROM connections`).all() as {
    id: string;
    provider: string;
    mode: string;
    base_url: string | null;
  }[];
  const set = db.prepare(`UPDATE connections SET credential_origin = ? WHERE id = ?`);
  for (const row of rows) set.run(originOf(row), row.id);
}

export const m0005CredentialOrigin: Migration = {
  version: 5,
  name: 'the origin each connection’s credential was saved for',
  up(db) {
    rebuildTable(db, { table: 'connections', columns: CONNECTIONS_AT_V5 });
    fillOrigins(db);
  },
};
