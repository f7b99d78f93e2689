/** Prepared statements for `reminders_sent`: each (token, threshold, target time) fires once. */
import type { Database } from 'better-sqlite3';

export interface ReminderSentRecord {
  tokenId: string;
  threshold: string;
  targetAt: number;
  sentAt: number;
}

/**
 * How long a record for a deadline that is no longer its token's is kept: a deadline moved back
 * (an edit undone) within this time still finds its reminders sent.
 */
export const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

export type RemindersSentRepo = ReturnType<typeof remindersSentRepo>;

export function remindersSentRepo(db: Database) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO reminders_sent (token_id, threshold, target_at, sent_at) VALUES (?, ?, ?, ?)',
  );
  const all = db.prepare<[], { token_id: string; threshold: string; target_at: number; sent_at: number }>(
    'SELECT token_id, threshold, target_at, sent_at FROM reminders_sent',
  );
  // A record can match again only while its token is live and the deadline it was sent for is
  // still the token's deadline. One that moved more than PRUNE_AFTER_MS ago, or whose token was
  // revoked, removed or retired, is never read again (tokens deleted take theirs by cascade).
  const prune = db.prepare<{ cutoff: number }>(`
    DELETE FROM reminders_sent WHERE NOT EXISTS (
      SELECT 1 FROM tokens t WHERE t.id = reminders_sent.token_id AND t.state IN ('active', 'grace')
        AND (reminders_sent.target_at >= @cutoff
          OR t.expires_at = reminders_sent.target_at OR t.grace_ends_at = reminders_sent.target_at))`);
  return {
    /** Deletes the records that can never match again; returns how many went. */
    pruneObsolete(now: number): number {
      return prune.run({ cutoff: now - PRUNE_AFTER_MS }).changes;
    },
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
