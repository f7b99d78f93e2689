/**
 * Password sessions (e.g. smoxy's JWT) that survive a restart: held in memory for use, and kept in
 * the OS keychain through the credential-store port, like any credential (never SQLite, logs or
 * the renderer), until the provider's expiry. At start the kept ones are read back; one that
 * expired meanwhile, or expires while the app runs, is deleted and its connection says once, as
 * its status, that it needs a sign-in (no toast per sync: the sync does not call the provider
 * without a session).
 *
 * Where the keychain refuses (no keyring and weak storage not accepted), the session stays in
 * memory only, as before, and a restart asks for the password again.
 */
import { z } from 'zod';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { forgetHeaderSecrets, registerHeaderSecrets } from '../log/redact';
import type { PasswordSession } from '../providers/types';

export const sessionKey = (connectionId: string): string => `session:${connectionId}`;

const StoredSession = z.strictObject({
  headers: z.record(z.string(), z.string()),
  expiresAt: z.number().nullable(),
});

export class PasswordSessions {
  private readonly live = new Map<string, PasswordSession>();
  private restoring: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CoreContext) {}

  /** The live session, or null; an expired one is dropped here, with its keychain copy. */
  current(connectionId: string): PasswordSession | null {
    const session = this.live.get(connectionId) ?? null;
    if (session !== null && session.expiresAt !== null && session.expiresAt <= this.ctx.now()) {
      this.forget(connectionId);
      this.ctx.deps.credentials.delete(sessionKey(connectionId)).catch(() => undefined);
      this.markEnded(connectionId);
      return null;
    }
    return session;
  }

  /** Resolves once the sessions kept by the last run have been read back. */
  whenRestored(): Promise<void> {
    return this.restoring;
  }

  /** Holds the session and keeps it in the keychain (memory only where the keychain refuses). */
  async set(connectionId: string, session: PasswordSession): Promise<void> {
    this.forget(connectionId);
    registerHeaderSecrets(session.headers);
    this.live.set(connectionId, session);
    try {
      await this.ctx.deps.credentials.set(sessionKey(connectionId), JSON.stringify(session), {
        allowWeak: this.ctx.settings.get().weakStorageAccepted,
      });
    } catch {
      this.ctx.log.info('session kept in memory only: the keychain refused it', { connectionId });
    }
  }

  /** Signs out locally: memory and keychain. */
  async drop(connectionId: string): Promise<void> {
    this.forget(connectionId);
    await this.ctx.deps.credentials.delete(sessionKey(connectionId)).catch(() => undefined);
  }

  /** Reads back the sessions the last run kept (at start, before anything uses them). */
  restore(records: ConnectionRecord[]): void {
    this.restoring = Promise.all(records.map((r) => this.restoreOne(r))).then(() => undefined);
  }

  clear(): void {
    for (const id of [...this.live.keys()]) this.forget(id);
  }

  private async restoreOne(record: ConnectionRecord): Promise<void> {
    const key = sessionKey(record.id);
    const raw = await this.ctx.deps.credentials.get(key).catch(() => null);
    if (raw === null) {
      this.markEnded(record.id);
      return;
    }
    let parsed: PasswordSession | null = null;
    try {
      const result = StoredSession.safeParse(JSON.parse(raw));
      parsed = result.success ? result.data : null;
    } catch {
      parsed = null;
    }
    if (parsed !== null) registerHeaderSecrets(parsed.headers);
    if (parsed === null || (parsed.expiresAt !== null && parsed.expiresAt <= this.ctx.now())) {
      await this.ctx.deps.credentials.delete(key).catch(() => undefined);
      this.markEnded(record.id);
      return;
    }
    // A sign-in made while this was reading (the user was quick) wins over the kept one.
    if (!this.live.has(record.id)) this.live.set(record.id, parsed);
  }

  private forget(connectionId: string): void {
    const previous = this.live.get(connectionId);
    if (previous !== undefined) forgetHeaderSecrets(previous.headers);
    this.live.delete(connectionId);
  }

  /** The connection's one "sign in again": its status and why, written once. */
  private markEnded(connectionId: string): void {
    const record = this.ctx.repos.connections.get(connectionId);
    if (record === null || record.status === 'needs_sign_in' || record.status === 'needs_credential') return;
    const name = this.ctx.providers.has(record.provider)
      ? this.ctx.providers.descriptor(record.provider).name
      : record.provider;
    this.ctx.repos.connections.save({
      ...record,
      status: 'needs_sign_in',
      lastError: {
        code: 'needs_sign_in',
        message: `The ${name} session has ended. Sign in again to list and manage tokens.`,
      },
      updatedAt: this.ctx.now(),
    });
    this.ctx.emit('connectionsChanged', null);
  }
}
