/**
 * Prepared statements for the delivery tables (migration 0008): a token's delivery targets in
 * order, the per-target journal of a rotation's deliveries, and rotation schedules. Configs and
 * receipts are JSON without a secret (a path, a key, a command line; a hash, a timestamp).
 */
import type { Database } from 'better-sqlite3';
import { parseJson } from './json';

export interface DeliveryTargetRecord {
  id: string;
  tokenId: string;
  position: number;
  kind: string;
  config: Record<string, unknown>;
  label: string | null;
  createdAt: number;
}

export type DeliveryStepState = 'waiting' | 'delivering' | 'verified' | 'failed' | 'interrupted';

export interface DeliveryStepRecord {
  operationId: string;
  position: number;
  targetId: string;
  kind: string;
  description: string;
  state: DeliveryStepState;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  receipt: Record<string, string | number | boolean | null>;
}

export interface RotationScheduleRecord {
  tokenId: string;
  rule: 'before_expiry' | 'every';
  days: number;
  lastRunAt: number | null;
  createdAt: number;
}

interface TargetSqlRow {
  id: string;
  token_id: string;
  position: number;
  kind: string;
  config: string;
  label: string | null;
  created_at: number;
}

interface StepSqlRow {
  operation_id: string;
  position: number;
  target_id: string;
  kind: string;
  description: string;
  state: DeliveryStepState;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
  receipt: string;
}

interface ScheduleSqlRow {
  token_id: string;
  rule: RotationScheduleRecord['rule'];
  days: number;
  last_run_at: number | null;
  created_at: number;
}

const target = (r: TargetSqlRow): DeliveryTargetRecord => ({
  id: r.id,
  tokenId: r.token_id,
  position: r.position,
  kind: r.kind,
  config: parseJson<Record<string, unknown>>(r.config, {}),
  label: r.label,
  createdAt: r.created_at,
});

const step = (r: StepSqlRow): DeliveryStepRecord => ({
  operationId: r.operation_id,
  position: r.position,
  targetId: r.target_id,
  kind: r.kind,
  description: r.description,
  state: r.state,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  receipt: parseJson<DeliveryStepRecord['receipt']>(r.receipt, {}),
});

const schedule = (r: ScheduleSqlRow): RotationScheduleRecord => ({
  tokenId: r.token_id,
  rule: r.rule,
  days: r.days,
  lastRunAt: r.last_run_at,
  createdAt: r.created_at,
});

export type DeliveryRepo = ReturnType<typeof deliveryRepo>;

export function deliveryRepo(db: Database) {
  const targetsOf = db.prepare<[string], TargetSqlRow>(
    `SELECT * FROM delivery_targets WHERE token_id = ? ORDER BY position`,
  );
  const removeTargets = db.prepare(`DELETE FROM delivery_targets WHERE token_id = ?`);
  const insertTarget = db.prepare(`
    INSERT INTO delivery_targets (id, token_id, position, kind, config, label, created_at)
    VALUES (@id, @tokenId, @position, @kind, @config, @label, @createdAt)`);
  const stepsOf = db.prepare<[string], StepSqlRow>(
    `SELECT * FROM delivery_steps WHERE operation_id = ? ORDER BY position`,
  );
  const upsertStep = db.prepare(`
    INSERT INTO delivery_steps (operation_id, position, target_id, kind, description, state, started_at, finished_at, error, receipt)
    VALUES (@operationId, @position, @targetId, @kind, @description, @state, @startedAt, @finishedAt, @error, @receipt)
    ON CONFLICT(operation_id, position) DO UPDATE SET state = excluded.state, started_at = excluded.started_at,
      finished_at = excluded.finished_at, error = excluded.error, receipt = excluded.receipt`);
  const delivering = db.prepare<[], { operation_id: string }>(
    `SELECT DISTINCT operation_id FROM delivery_steps WHERE state = 'delivering'`,
  );
  const markInterrupted = db.prepare(
    `UPDATE delivery_steps SET state = 'interrupted' WHERE state = 'delivering'`,
  );
  const scheduleOf = db.prepare<[string], ScheduleSqlRow>(
    `SELECT * FROM rotation_schedules WHERE token_id = ?`,
  );
  const allSchedules = db.prepare<[], ScheduleSqlRow>(`SELECT * FROM rotation_schedules ORDER BY token_id`);
  const putSchedule = db.prepare(`
    INSERT INTO rotation_schedules (token_id, rule, days, last_run_at, created_at)
    VALUES (@tokenId, @rule, @days, @lastRunAt, @createdAt)
    ON CONFLICT(token_id) DO UPDATE SET rule = excluded.rule, days = excluded.days,
      last_run_at = excluded.last_run_at`);
  const removeSchedule = db.prepare(`DELETE FROM rotation_schedules WHERE token_id = ?`);
  const moveTargets = db.prepare(`UPDATE delivery_targets SET token_id = ? WHERE token_id = ?`);
  const moveSchedule = db.prepare(
    `UPDATE rotation_schedules SET token_id = ?, last_run_at = ? WHERE token_id = ?`,
  );

  return {
    targets(tokenId: string): DeliveryTargetRecord[] {
      return targetsOf.all(tokenId).map(target);
    },
    /** Replaces a token's targets with these, in this order, in one transaction. */
    replaceTargets(tokenId: string, targets: readonly DeliveryTargetRecord[]): void {
      db.transaction(() => {
        removeTargets.run(tokenId);
        targets.forEach((t, position) =>
          insertTarget.run({ ...t, tokenId, position, config: JSON.stringify(t.config) }),
        );
      })();
    },
    steps(operationId: string): DeliveryStepRecord[] {
      return stepsOf.all(operationId).map(step);
    },
    saveStep(s: DeliveryStepRecord): void {
      upsertStep.run({ ...s, receipt: JSON.stringify(s.receipt) });
    },
    /** Operations whose delivery a crash cut short (steps left `delivering`); marks those steps interrupted. */
    takeInterrupted(): string[] {
      return db.transaction(() => {
        const ids = delivering.all().map((r) => r.operation_id);
        markInterrupted.run();
        return ids;
      })();
    },
    schedule(tokenId: string): RotationScheduleRecord | null {
      const row = scheduleOf.get(tokenId);
      return row === undefined ? null : schedule(row);
    },
    schedules(): RotationScheduleRecord[] {
      return allSchedules.all().map(schedule);
    },
    putSchedule(s: RotationScheduleRecord): void {
      putSchedule.run(s);
    },
    removeSchedule(tokenId: string): void {
      removeSchedule.run(tokenId);
    },
    /** A rotation finished: its targets and schedule go with the token now carrying the secret. */
    afterRotation(oldTokenId: string, newTokenId: string, at: number): void {
      db.transaction(() => {
        if (newTokenId !== oldTokenId) moveTargets.run(newTokenId, oldTokenId);
        moveSchedule.run(newTokenId, at, oldTokenId);
      })();
    },
    /** A scheduled run happened (whatever its outcome): the next one counts from here. */
    markRun(tokenId: string, at: number): void {
      moveSchedule.run(tokenId, at, tokenId);
    },
  };
}
