/** The scheduler's view of the cache: candidates, what was sent, settings and list rows. */
import type { Database } from 'better-sqlite3';
import type { TokenRow } from '../../../src-preload/contract';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { Repos } from '../context';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsService } from '../settings/settings-service';
import { toTokenRow } from '../tokens/query';
import { reminderCandidatesQuery } from './candidates';
import type { ReminderStore } from './scheduler';

export function reminderStore(
  db: Database,
  repos: Pick<Repos, 'tokens' | 'connections' | 'remindersSent'>,
  settings: SettingsService,
  providers: Pick<ProviderRegistry, 'nameOf' | 'reportingLastUse'>,
): ReminderStore {
  const candidates = reminderCandidatesQuery(db, providers);
  // Moves with every insert, update and delete on the app's one connection (settings included).
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  return {
    version: () => changes.get() ?? 0,
    candidates,
    sent: () => repos.remindersSent.all(),
    record: (records, sentAt) => repos.remindersSent.recordMany(records.map((r) => ({ ...r, sentAt }))),
    prune: (now) => {
      repos.remindersSent.pruneObsolete(now);
    },
    settings: () => {
      const current = settings.get();
      return { thresholdsDays: current.reminderThresholdsDays, paused: current.remindersPaused };
    },
    rows(tokenIds, now) {
      const connections = new Map<string, ConnectionRecord | null>();
      const rows: TokenRow[] = [];
      for (const id of tokenIds) {
        const token = repos.tokens.get(id);
        if (token === null) continue;
        if (!connections.has(token.connectionId))
          connections.set(token.connectionId, repos.connections.get(token.connectionId));
        const connection = connections.get(token.connectionId);
        if (connection == null) continue;
        rows.push(
          toTokenRow(
            token,
            connection.provider,
            connection.label,
            now,
            providers.reportingLastUse.includes(connection.provider),
          ),
        );
      }
      return rows;
    },
  };
}
