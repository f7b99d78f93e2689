/** Prepared statements for `reminders_sent`: each (token, threshold, target time) fires once. */
import type { Database } from 'better-sqlite3';

export interface ReminderSentRecord {
  tokenId: string;
  threshold: string;
  targetAt: number;
  sentAt: number;
}

export type RemindersSentRepo = ReturnType<typeof remindersSentRepo>;

export function remindersSentRepo(db: Database) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO reminders_sent (token_id, threshold, target_at, sent_at) VALUES (?, ?, ?, ?)',
  );
  const all = db.prepare<[], { token_id: string; threshold: string; target_at: number; sent_at: number }>(
    'SELECT token_id, threshold, target_at, sent_at FROM reminders_sent',
  );
  return {
    recordMany: db.transaction((records: ReminderSentRecord[]) => {
      for (const r of records) insert.run(r.tokenId, r.threshold, r.targetAt, r.sentAt);
    }),
    all(): ReminderSentRecord[] {
      return all.all().map((row) => ({
        tokenId: row.token_id,
        threshold: row.threshold,
        targetAt: row.target_at,
        sentAt: row.sent_at,
      }));
    },
  };
}
