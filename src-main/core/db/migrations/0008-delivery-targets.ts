import type { Migration } from './types';

/**
 * Rotation that updates its consumers (issue 18). Three new tables; no existing row changes, so
 * no table is rebuilt. Frozen SQL, as every migration keeps its own.
 * - `delivery_targets`: where a token's new secret goes at its next rotation, in order (a kind id
 *   and its config: a path, a key, a command line; never a secret).
 * - `delivery_steps`: the journal of one rotation's deliveries, a row per target (what it was,
 *   when it started, its outcome, a receipt such as a hash; never the secret). A row still
 *   `delivering` at the next start is a delivery a crash cut short.
 * - `rotation_schedules`: a token's scheduled rotation ("N days before expiry", "every N days").
 */
export const DELIVERY_TARGETS_AT_V8 = `
    id TEXT PRIMARY KEY,
    token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    label TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (token_id, position)`;

export const DELIVERY_STEPS_AT_V8 = `
    operation_id TEXT NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    target_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    error TEXT,
    receipt TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (operation_id, position)`;

export const ROTATION_SCHEDULES_AT_V8 = `
    token_id TEXT PRIMARY KEY REFERENCES tokens(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    days INTEGER NOT NULL,
    last_run_at INTEGER,
    created_at INTEGER NOT NULL`;

export const m0008DeliveryTargets: Migration = {
  version: 8,
  name: 'delivery targets, their journal and rotation schedules',
  up(db) {
    db.exec(`CREATE TABLE delivery_targets (${DELIVERY_TARGETS_AT_V8}) STRICT`);
    db.exec(`CREATE TABLE delivery_steps (${DELIVERY_STEPS_AT_V8}) STRICT`);
    db.exec(`CREATE TABLE rotation_schedules (${ROTATION_SCHEDULES_AT_V8}) STRICT`);
  },
};
