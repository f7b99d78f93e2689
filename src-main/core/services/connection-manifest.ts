/**
 * A copy of every connection's non-secret metadata beside the database (`connections.json`: id,
 * provider, name, mode, address, accounts, sign-in identity). When the database file is damaged
 * and moved aside, the fresh cache restores the connections from it and fetches their tokens from
 * the providers again; the credentials are still in the keychain under the same connection ids, and
 * Mirox sessions in their partitions. Nothing secret is in it (the canary scans read it too).
 * Rewritten (through a temporary file and a rename) whenever the connections change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ProviderId, RemoteAccount } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';

export const MANIFEST_FILE = 'connections.json';

const Entry = z.object({
  id: z.string().min(1).max(100),
  provider: ProviderId,
  label: z.string().max(200),
  mode: z.enum(['api', 'tracked']),
  baseUrl: z.string().max(2000).nullable(),
  /** Absent in files written before the credential origin was recorded: bound to the address then. */
  credentialOrigin: z.string().max(2000).nullable().default(null),
  accounts: z.array(RemoteAccount),
  identity: z.string().nullable(),
  createdAt: z.number().int(),
});
const Manifest = z.object({ version: z.literal(1), connections: z.array(Entry) });
type Manifest = z.infer<typeof Manifest>;

function manifestOf(records: ConnectionRecord[]): Manifest {
  return {
    version: 1,
    connections: records.map((r) => ({
      id: r.id,
      provider: r.provider,
      label: r.label,
      mode: r.mode,
      baseUrl: r.baseUrl,
      credentialOrigin: r.credentialOrigin,
      accounts: r.accounts,
      identity: r.identity,
      createdAt: r.createdAt,
    })),
  };
}

export type ManifestContext = Pick<CoreContext, 'db' | 'repos' | 'log' | 'now'> & { dataDir: string };

/** The manifest of one core's data folder; core.ts builds it and rewrites it when connections change. */
export class ConnectionManifest {
  /** What was last written, so an unchanged list is not written again. */
  private written: string | null = null;

  constructor(private readonly ctx: ManifestContext) {}

  private get file(): string {
    return path.join(this.ctx.dataDir, MANIFEST_FILE);
  }

  /** Brings `connections.json` up to date (a no-op when nothing it holds changed). Never throws. */
  write(): void {
    try {
      const text = `${JSON.stringify(manifestOf(this.ctx.repos.connections.list()), null, 2)}\n`;
      if (this.written === text) return;
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, text, { mode: 0o600 });
      fs.renameSync(temp, this.file);
      this.written = text;
    } catch (error) {
      this.ctx.log.warn('could not write the connection list beside the database', { error });
    }
  }

  /**
   * After a damaged database was replaced by an empty one: the connections from `connections.json`,
   * inserted as never synced (tracked ones as tracked). Returns what was restored; nothing when the
   * file is missing or unreadable.
   */
  restore(): ConnectionRecord[] {
    const { ctx } = this;
    let manifest: Manifest;
    try {
      manifest = Manifest.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return [];
    }
    const now = ctx.now();
    const records: ConnectionRecord[] = manifest.connections.map((entry) => ({
      ...entry,
      status: entry.mode === 'tracked' ? 'tracked' : 'never_synced',
      lastSyncAt: null,
      lastError: null,
      updatedAt: now,
    }));
    ctx.db.transaction(() => {
      for (const record of records)
        if (ctx.repos.connections.get(record.id) === null) ctx.repos.connections.insert(record);
    })();
    return records;
  }
}
