/** Prepared statements for the `settings` key/value table (values are JSON). */
import type { Database } from 'better-sqlite3';

export type SettingsRepo = ReturnType<typeof settingsRepo>;

export function settingsRepo(db: Database) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    readAll(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const row of all.all()) {
        try {
          out[row.key] = JSON.parse(row.value) as unknown;
        } catch {
          // A value that does not parse is ignored; the default applies.
        }
      }
      return out;
    },
    writeMany: db.transaction((values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    }),
  };
}
