/**
 * What the planner reads from the cache: only the columns it needs, only for live tokens that
 * can have a deadline, so a re-plan stays cheap with tens of thousands of tokens.
 */
import type { Database } from 'better-sqlite3';
import type { ProviderId, TokenState } from '../../../src-preload/contract';
import type { ProviderRegistry } from '../providers/registry';
import type { ReminderCandidate } from './planner';

interface CandidateRow {
  id: string;
  name: string;
  provider: ProviderId;
  connection_label: string;
  account_name: string | null;
  state: TokenState;
  origin: 'synced' | 'tracked';
  expires_at: number | null;
  grace_ends_at: number | null;
  snoozed_until: number | null;
}

/** `providers` names each token's provider in the reminder's wording. */
export function reminderCandidatesQuery(
  db: Database,
  providers: Pick<ProviderRegistry, 'nameOf'>,
): () => ReminderCandidate[] {
  const statement = db.prepare<[], CandidateRow>(`
    SELECT t.id, t.name, c.provider, c.label AS connection_label, t.account_name, t.state, t.origin,
           t.expires_at, t.grace_ends_at, t.snoozed_until
    FROM tokens t JOIN connections c ON c.id = t.connection_id
    WHERE t.state IN ('active', 'grace') AND (t.expires_at IS NOT NULL OR t.grace_ends_at IS NOT NULL)`);
  return () =>
    statement.all().map((row) => ({
      id: row.id,
      name: row.name,
      providerName: providers.nameOf(row.provider),
      connectionLabel: row.connection_label,
      accountName: row.account_name,
      state: row.state,
      origin: row.origin,
      expiresAt: row.expires_at,
      graceEndsAt: row.grace_ends_at,
      snoozedUntil: row.snoozed_until,
    }));
}
