/**
 * Real rows for migration data tests, in the style of Signal Desktop: a database is brought to
 * the version before a migration with `databaseAt`, filled with `insertRealRows` in that
 * version's own columns (raw SQL, not today's repositories), migrated, and every row read back
 * with `readAllRows` must equal what went in.
 *
 * The rows cover what a user would lose: API and hand-tracked tokens in four providers, a
 * rotation (old token in grace, links both ways), revoked and retired tokens, the connection's
 * own credential, operations of every outcome, audit lines, reminders sent and settings.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src-main/core/db/database';
import { migrations } from '../../../src-main/core/db/migrations';
import { tempDir } from '../helpers';

type Row = Record<string, string | number | null>;

const T = Date.UTC(2026, 4, 4, 9, 30);
const DAY = 24 * 60 * 60 * 1000;

const connections: Row[] = [
  {
    id: 'c_mailtrap',
    provider: 'mailtrap',
    label: 'Mailtrap prod',
    mode: 'api',
    base_url: null,
    accounts: JSON.stringify([{ id: '3229', name: 'Acme', access: 'owner' }]),
    identity: 'jane@acme.test',
    status: 'ok',
    last_sync_at: T,
    last_error: null,
    created_at: T - 90 * DAY,
    updated_at: T,
  },
  {
    id: 'c_smoxy',
    provider: 'smoxy',
    label: 'smoxy staging',
    mode: 'api',
    base_url: 'https://smoxy.staging.acme.test',
    accounts: '[]',
    identity: null,
    status: 'error',
    last_sync_at: T - DAY,
    last_error: JSON.stringify({ code: 'rate_limited', message: 'smoxy asked to wait 30 s.' }),
    created_at: T - 60 * DAY,
    updated_at: T - DAY,
  },
  {
    id: 'c_mirox',
    provider: 'mirox',
    label: 'Mirox (by hand)',
    mode: 'tracked',
    base_url: null,
    accounts: '[]',
    identity: null,
    status: 'tracked',
    last_sync_at: null,
    last_error: null,
    created_at: T - 30 * DAY,
    updated_at: T - 30 * DAY,
  },
  {
    id: 'c_smenso',
    provider: 'smenso',
    label: 'smenso',
    mode: 'api',
    base_url: null,
    accounts: JSON.stringify([{ id: 'ws-1', name: 'Workspace', access: 'admin' }]),
    identity: null,
    status: 'needs_sign_in',
    last_sync_at: null,
    last_error: null,
    created_at: T - 10 * DAY,
    updated_at: T - 10 * DAY,
  },
];

const token = (row: Row): Row => ({
  remote_id: null,
  account_id: null,
  account_name: null,
  last4: null,
  created_at: null,
  created_by: null,
  last_used_at: null,
  expires_at: null,
  scope_kind: 'none',
  scope_summary: '',
  scope: '{}',
  broad_scope: 0,
  legacy: 0,
  state: 'active',
  grace_ends_at: null,
  replaces_id: null,
  replaced_by_id: null,
  is_connection_credential: 0,
  note: null,
  usage: '[]',
  snoozed_until: null,
  search_text: '',
  first_seen_at: T - 20 * DAY,
  updated_at: T,
  ...row,
});

// In the column order of the table, so a row read back with SELECT * compares whole.
const tokenColumns = Object.keys(token({ id: '', connection_id: '', name: '', origin: '' }));
const inTableOrder = (row: Row): Row => {
  const ordered: Row = {};
  for (const column of ['id', 'connection_id', ...tokenColumns.filter((c) => c !== 'id')]) {
    if (column in row) ordered[column] = row[column]!;
  }
  return ordered;
};

const tokens: Row[] = [
  // A rotation: the old token in its grace period, linked both ways to the new one.
  token({
    id: 't_old',
    connection_id: 'c_mailtrap',
    remote_id: '12345',
    account_id: '3229',
    account_name: 'Acme',
    name: 'CI deploy',
    last4: 'wxyz',
    created_at: T - 80 * DAY,
    created_by: 'Jane',
    last_used_at: T - 2 * DAY,
    expires_at: T + 5 * DAY,
    scope_kind: 'resources',
    scope_summary: 'Account admin',
    scope: JSON.stringify({ resources: [{ type: 'account', id: '3229', access: 'admin' }] }),
    broad_scope: 1,
    state: 'grace',
    grace_ends_at: T + DAY,
    replaced_by_id: 't_new',
    origin: 'synced',
    usage: JSON.stringify([
      { at: T - 2 * DAY, ip: '10.0.0.1', location: 'Berlin', browser: 'curl', os: 'Linux' },
    ]),
    search_text: 'ci deploy acme',
  }),
  token({
    id: 't_new',
    connection_id: 'c_mailtrap',
    remote_id: '12399',
    account_id: '3229',
    account_name: 'Acme',
    name: 'CI deploy',
    last4: 'abcd',
    created_at: T,
    created_by: 'Tokenkeeper',
    expires_at: T + 365 * DAY,
    scope_kind: 'resources',
    scope_summary: 'Account admin',
    replaces_id: 't_old',
    origin: 'synced',
    search_text: 'ci deploy acme',
    first_seen_at: T,
  }),
  // The token the connection itself signs in with.
  token({
    id: 't_credential',
    connection_id: 'c_mailtrap',
    remote_id: '11111',
    account_id: '3229',
    account_name: 'Acme',
    name: 'Tokenkeeper',
    last4: 'tk00',
    scope_kind: 'resources',
    origin: 'synced',
    is_connection_credential: 1,
    snoozed_until: T + 7 * DAY,
  }),
  token({
    id: 't_revoked',
    connection_id: 'c_smoxy',
    remote_id: '77',
    name: 'old importer',
    scope_kind: 'organizations',
    scope: JSON.stringify({ organizations: [{ id: '12', name: 'Org 12' }] }),
    legacy: 1,
    state: 'revoked',
    origin: 'synced',
  }),
  token({
    id: 't_retired',
    connection_id: 'c_smenso',
    remote_id: 'k-9',
    name: 'reporting',
    scope_kind: 'workspace',
    state: 'retired',
    origin: 'synced',
  }),
  // Hand-tracked: nothing can fetch these again.
  token({
    id: 't_hand_mirox',
    connection_id: 'c_mirox',
    name: 'Mirox upload key',
    last4: '9f9f',
    expires_at: T + 3 * DAY,
    scope_kind: 'permission_group',
    scope_summary: 'Uploads',
    origin: 'tracked',
    note: 'Kept in the deploy vault; ask Ops before rotating.',
    search_text: 'mirox upload key',
  }),
  token({
    id: 't_hand_smoxy',
    connection_id: 'c_smoxy',
    name: 'legacy webhook',
    state: 'removed',
    origin: 'tracked',
    note: 'ü, 🔑 and a "quote"',
  }),
].map(inTableOrder);

const remindersSent: Row[] = [
  { token_id: 't_hand_mirox', threshold: '7d', target_at: T + 3 * DAY, sent_at: T - 4 * DAY },
  { token_id: 't_old', threshold: 'grace', target_at: T + DAY, sent_at: T },
];

const operation = (row: Row): Row => ({
  connection_id: null,
  token_id: null,
  result_token_id: null,
  request: '{}',
  error: null,
  acknowledged: 0,
  finished_at: null,
  ...row,
});

const operationsV1: Row[] = [
  operation({
    id: 'op_rotate',
    kind: 'rotate',
    state: 'succeeded',
    connection_id: 'c_mailtrap',
    token_id: 't_old',
    result_token_id: 't_new',
    token_name: 'CI deploy',
    request: JSON.stringify({ name: 'CI deploy', graceHours: 24 }),
    acknowledged: 1,
    started_at: T,
    finished_at: T + 900,
  }),
  operation({
    id: 'op_create_failed',
    kind: 'create',
    state: 'failed',
    connection_id: 'c_smoxy',
    token_name: 'new importer',
    error: JSON.stringify({ code: 'validation', message: 'A token with this name exists.' }),
    started_at: T - DAY,
    finished_at: T - DAY + 300,
  }),
  operation({
    id: 'op_ambiguous',
    kind: 'revoke',
    state: 'ambiguous',
    connection_id: 'c_smoxy',
    token_id: 't_revoked',
    token_name: 'old importer',
    started_at: T - 2 * DAY,
  }),
  operation({
    id: 'op_manual',
    kind: 'manual_rotate',
    state: 'awaiting_confirmation',
    connection_id: 'c_mirox',
    token_id: 't_hand_mirox',
    token_name: 'Mirox upload key',
    started_at: T - 3 * DAY,
  }),
  // Its connection and token were removed since: the references were set to null.
  operation({
    id: 'op_orphaned',
    kind: 'delete_old',
    state: 'interrupted',
    token_name: 'gone',
    started_at: T - 40 * DAY,
  }),
];

const audit: Row[] = [
  {
    id: 1,
    at: T - 3 * DAY,
    action: 'connection.add',
    outcome: 'ok',
    connection_id: 'c_mirox',
    token_id: null,
    detail: '',
  },
  {
    id: 2,
    at: T - DAY,
    action: 'token.create',
    outcome: 'error',
    connection_id: 'c_smoxy',
    token_id: null,
    detail: 'validation',
  },
  {
    id: 3,
    at: T,
    action: 'token.rotate',
    outcome: 'ok',
    connection_id: 'c_mailtrap',
    token_id: 't_new',
    detail: 'grace 24 h',
  },
  {
    id: 5,
    at: T + 1,
    action: 'reminder.sent',
    outcome: 'info',
    connection_id: null,
    token_id: 't_old',
    detail: '',
  },
];

const settings: Row[] = [
  { key: 'thresholds', value: JSON.stringify(['30d', '7d', '1d']) },
  { key: 'theme', value: JSON.stringify('dark') },
  { key: 'closeToTray', value: 'true' },
];

export type Rows = Record<string, Row[]>;

const ORIGINS_AT_V5: Record<string, string | null> = {
  c_mailtrap: 'https://mailtrap.io',
  c_smoxy: 'https://smoxy.staging.acme.test',
  c_mirox: null, // tracked: nothing is sent
  c_smenso: null, // no token API, no default address
};

/** 0006 moved each non-empty note into its token's annotation and dropped `tokens.note`. */
function tokensAt(version: number): Row[] {
  if (version < 6) return tokens;
  return tokens.map(({ note: _note, ...row }) => ({
    ...row,
    search_text: [row.name, row.account_name, row.last4, row.created_by, row.scope_summary]
      .filter((part) => typeof part === 'string' && part.length > 0)
      .join('\u001f')
      .toLowerCase(),
  }));
}

function annotationsAt(version: number): Row[] {
  if (version < 6) return [];
  return tokens
    .filter((t) => typeof t.note === 'string' && t.note.trim() !== '')
    .map((t) => ({
      token_id: t.id!,
      note: t.note!,
      tags: '[]',
      owner: null,
      used_by: '[]',
      search_text: String(t.note).toLowerCase(),
      updated_at: t.updated_at!,
    }));
}

/** The rows as they are at `version` (1 is the first schema). */
export function realRows(version: number): Rows {
  return {
    // 0005 added credential_origin: the origin of each API connection's address (its provider's
    // default when it has none), written out here rather than computed like the migration does.
    connections:
      version < 5
        ? connections
        : connections.map((c) => ({ ...c, credential_origin: ORIGINS_AT_V5[String(c.id)] ?? null })),
    tokens: tokensAt(version),
    ...(version < 6 ? {} : { token_annotations: annotationsAt(version) }),
    reminders_sent: remindersSent,
    // 0002 added secret_pending: an interrupted create whose secret was never shown has it set.
    operations:
      version < 2
        ? operationsV1
        : operationsV1.map((op) => ({ ...op, secret_pending: op.id === 'op_orphaned' ? 1 : 0 })),
    audit,
    settings,
  };
}

/** A new database file at `version`, through the app's own migrations. */
export function databaseAt(version: number): { file: string; db: Database } {
  const file = path.join(tempDir('tk-migration-'), 'tokenkeeper.db');
  const { db } = openDatabase({ file, migrations: migrations.filter((m) => m.version <= version) });
  return { file, db };
}

export function insertRealRows(db: Database, rows: Rows): void {
  db.transaction(() => {
    // t_old links to t_new before t_new exists: checked at commit, as a rotation writes them.
    db.pragma('defer_foreign_keys = ON');
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list) {
        const columns = Object.keys(row);
        db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        ).run(row);
      }
    }
  })();
}

/** Every row of the tables in `like`, in insertion order, every column. */
export function readAllRows(db: Database, like: Rows): Rows {
  const out: Rows = {};
  for (const table of Object.keys(like))
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
  return out;
}

/**
 * A database at `version - 1` holding `realRows`, closed, then opened with the migrations up to
 * `version`: what a user's file goes through when the app that adds `version` first starts.
 */
export function migratedWithRealRows(version: number): { file: string; db: Database; before: Rows } {
  const at = databaseAt(version - 1);
  const before = realRows(version - 1);
  insertRealRows(at.db, before);
  at.db.close();
  const { db } = openDatabase({ file: at.file, migrations: migrations.filter((m) => m.version <= version) });
  return { file: at.file, db, before };
}
