import type { Migration } from './types';

/**
 * `waiting_annotations`: annotations from a restored JSON export whose API token is not in the
 * cache yet, keyed by the token's provider and its id at the provider (metadata, never a secret).
 * The next sync that brings the token attaches the annotation and removes the row. A new table
 * only: no existing row changes. Frozen SQL, as every migration keeps its own.
 */
export const WAITING_ANNOTATIONS_AT_V7 = `
    provider TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    connection_label TEXT NOT NULL,
    note TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    owner TEXT,
    used_by TEXT NOT NULL DEFAULT '[]',
    restored_at INTEGER NOT NULL,
    PRIMARY KEY (provider, remote_id)`;

export const m0007WaitingAnnotations: Migration = {
  version: 7,
  name: 'annotations of a restore waiting for their API token',
  up(db) {
    db.exec(`CREATE TABLE waiting_annotations (${WAITING_ANNOTATIONS_AT_V7}) STRICT`);
  },
};
