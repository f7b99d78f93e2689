/**
 * Maintaining connections once they exist: the list the window shows, testing, renaming and
 * moving, re-entering a credential, signing in and out, removing. Adding one is
 * connection-setup.ts.
 */
import type { Connection, ConnectionStatus } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError, invalidInput } from '../errors';
import { normaliseBaseUrl } from '../http/url';
import { forgetSecret, registerSecret } from '../log/redact';
import { acceptedOrigin, confirmOriginChange, credentialOriginOf } from './connection-origin';
import { checkFieldKeys, registerTypedSecrets } from './connection-setup';
import {
  credentialKey,
  currentConnectionView,
  effectiveBaseUrl,
  listConnectionViews,
} from './connection-view';
import type { ProviderRuntime } from './provider-runtime';
import type { SyncService } from './sync';
import { requireConnection } from './tokens';

/**
 * After a restart: nothing is syncing any more. Password sessions are read back from the keychain
 * (provider-runtime's `restoreSessions`); one that is gone or expired marks its connection then.
 */
export function recoverConnectionStates(ctx: CoreContext): void {
  for (const record of ctx.repos.connections.list()) {
    if (record.status !== 'syncing') continue;
    const status: ConnectionStatus = record.lastSyncAt === null ? 'never_synced' : 'ok';
    ctx.repos.connections.save({ ...record, status, updatedAt: record.updatedAt });
  }
}

export class ConnectionMaintenance {
  constructor(
    private readonly ctx: CoreContext,
    private readonly runtime: ProviderRuntime,
    private readonly sync: SyncService,
  ) {}

  private view(record: ConnectionRecord): Promise<Connection> {
    return currentConnectionView(this.ctx, record, (r) => this.runtime.signedIn(r));
  }

  async list(): Promise<Connection[]> {
    const records = this.ctx.repos.connections.list();
    await this.runtime.refreshWebSessions(records);
    return listConnectionViews(this.ctx, (r) => this.runtime.signedIn(r));
  }

  private requireApi(record: ConnectionRecord): void {
    if (record.mode !== 'api') {
      throw invalidInput(
        `“${record.label}” is a tracked connection: Tokenkeeper does not call ${this.ctx.providers.descriptor(record.provider).name} for it.`,
      );
    }
  }

  async test(connectionId: string): Promise<{ ok: boolean; message: string }> {
    const record = requireConnection(this.ctx, connectionId);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    if (record.mode !== 'api') {
      return {
        ok: true,
        message: `“${record.label}” is tracked: Tokenkeeper does not call ${descriptor.name} for it, so there is nothing to test.`,
      };
    }
    try {
      const { adapter, ctx: adapterCtx } = this.runtime.contextFor(record);
      const message = await adapter.test(adapterCtx);
      this.ctx.audit({ action: 'connection.test', outcome: 'ok', connectionId, detail: 'Test passed' });
      return { ok: true, message };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (this.runtime.noteFailure(record, error) !== null) this.ctx.emit('connectionsChanged', null);
      this.ctx.audit({ action: 'connection.test', outcome: 'error', connectionId, detail: error.code });
      return { ok: false, message: error.message };
    }
  }

  async update(input: {
    connectionId: string;
    label?: string | undefined;
    baseUrl?: string | null | undefined;
  }): Promise<Connection> {
    const record = requireConnection(this.ctx, input.connectionId);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    let baseUrl = record.baseUrl;
    if (input.baseUrl !== undefined) {
      const callsOut = this.ctx.providers.get(record.provider).pastedTokens !== null;
      if (record.mode !== 'api' && !callsOut && input.baseUrl !== null && input.baseUrl.trim() !== '') {
        throw invalidInput(
          'A tracked connection has no address: Tokenkeeper does not call the provider for it.',
          'baseUrl',
        );
      }
      baseUrl =
        input.baseUrl === null || input.baseUrl.trim() === ''
          ? null
          : normaliseBaseUrl(input.baseUrl, descriptor.name);
    }
    const address = effectiveBaseUrl({ provider: record.provider, baseUrl }, this.ctx.providers);
    const moved = address !== effectiveBaseUrl(record, this.ctx.providers);
    // The credential-origin rule: an address the provider cannot be at is refused with why; one
    // at another origin is confirmed in main's own dialog, then the credential is deleted.
    let newOrigin: string | null = null;
    let newTrackedOrigin: string | null = null;
    if (moved && record.mode === 'api' && address !== null) {
      const origin = acceptedOrigin(this.ctx, record.provider, address);
      const from = credentialOriginOf(record, this.ctx.providers);
      if (origin !== from) {
        await confirmOriginChange(this.ctx, record, from, origin);
        newOrigin = origin;
      }
    }
    // A tracked connection that checks pasted tokens keeps nothing for its address: only the origin moves.
    if (
      moved &&
      record.mode === 'tracked' &&
      address !== null &&
      this.ctx.providers.get(record.provider).pastedTokens !== null
    )
      newTrackedOrigin = acceptedOrigin(this.ctx, record.provider, address);
    const current = this.ctx.repos.connections.get(record.id) ?? record;
    const next: ConnectionRecord = {
      ...current,
      label: input.label ?? current.label,
      baseUrl,
      updatedAt: this.ctx.now(),
      ...(newTrackedOrigin === null ? {} : { credentialOrigin: newTrackedOrigin }),
    };
    if (moved && record.mode === 'api') {
      // A session belongs to the host it was made with.
      await this.runtime.dropSessions(record.id, record.provider);
      if (descriptor.session !== 'none') next.status = 'needs_sign_in';
    }
    if (newOrigin !== null) {
      // Deleted before the row says so: if the keychain fails, nothing changed and the user can retry.
      await this.ctx.deps.credentials.delete(credentialKey(record.id));
      next.credentialOrigin = newOrigin;
      const byToken =
        descriptor.session === 'none' ||
        descriptor.connectionFields.some((f) => f.storage === 'keychain' && f.required);
      next.status = byToken ? 'needs_credential' : 'needs_sign_in';
      next.lastError = {
        code: byToken ? 'credential_missing' : 'needs_sign_in',
        message: `The address changed to ${newOrigin}, so the ${descriptor.name} credential saved for the old address was deleted. ${byToken ? 'Enter the credential' : 'Sign in'} again for the new address.`,
      };
    }
    this.ctx.repos.connections.save(next);
    const changes = [
      input.label !== undefined && input.label !== record.label ? `renamed to ${input.label}` : null,
      moved ? `address set to ${effectiveBaseUrl(next, this.ctx.providers) ?? 'none'}` : null,
      newOrigin === null ? null : 'stored credential and session deleted (another origin)',
    ].filter((c): c is string => c !== null);
    this.ctx.audit({
      action: 'connection.update',
      outcome: 'ok',
      connectionId: record.id,
      detail: changes.length > 0 ? changes.join('; ') : 'Updated',
    });
    this.ctx.emit('connectionsChanged', null);
    this.ctx.emit('tokensChanged', { connectionIds: [record.id] });
    return this.view(next);
  }

  async updateCredential(connectionId: string, fields: Record<string, string>): Promise<Connection> {
    const record = requireConnection(this.ctx, connectionId);
    this.requireApi(record);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    checkFieldKeys(this.ctx.providers.descriptor(record.provider), fields);
    const keychainKeys = new Set(
      descriptor.connectionFields.filter((f) => f.storage === 'keychain').map((f) => f.key),
    );
    if (keychainKeys.size === 0) {
      throw invalidInput(
        `${descriptor.name} has no stored credential: Tokenkeeper uses a signed-in session. Use “Sign in” instead.`,
      );
    }
    const keychainFields = Object.fromEntries(
      Object.entries(fields).filter(([key]) => keychainKeys.has(key)),
    );
    const { adapter, ctx: adapterCtx } = this.runtime.contextFor(record);
    const checked = await adapter.checkCredential(adapterCtx, keychainFields);
    let accounts = record.accounts;
    if (checked.accounts !== null && descriptor.pickAccounts) {
      const reachable = checked.accounts;
      accounts = record.accounts.flatMap((a) => reachable.filter((r) => r.id === a.id));
      if (accounts.length === 0) {
        throw new AppError(
          'validation',
          `${descriptor.name} accepted the token, but it reaches none of the accounts this connection includes (${record.accounts.map((a) => a.name).join(', ')}). Use a token with access to them, or add a new connection.`,
        );
      }
    }
    const key = credentialKey(record.id);
    const previous = await this.ctx.deps.credentials.get(key).catch(() => null);
    if (checked.credential === null) await this.ctx.deps.credentials.delete(key);
    else {
      await this.ctx.deps.credentials.set(key, checked.credential, {
        allowWeak: this.ctx.settings.get().weakStorageAccepted,
      });
      registerSecret(checked.credential);
    }
    if (previous !== null && previous !== checked.credential) forgetSecret(previous);
    const current = this.ctx.repos.connections.get(record.id) ?? record;
    const status = statusOnceFixed(current, 'needs_credential');
    this.ctx.repos.connections.save({
      ...current,
      accounts,
      status,
      lastError: status === current.status ? current.lastError : null,
      updatedAt: this.ctx.now(),
    });
    this.ctx.notices.dismiss(`credential-swap:${record.id}`);
    this.ctx.audit({
      action: 'connection.credential',
      outcome: 'ok',
      connectionId: record.id,
      detail: checked.credential === null ? 'Stored API token removed' : 'Credential re-entered',
    });
    this.ctx.emit('connectionsChanged', null);
    this.sync.start([record.id]);
    return this.view(record);
  }

  async signIn(input: {
    connectionId: string;
    email?: string | undefined;
    password?: string | undefined;
  }): Promise<Connection> {
    const record = requireConnection(this.ctx, input.connectionId);
    this.requireApi(record);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    const { adapter, ctx: adapterCtx } = this.runtime.contextFor(record);
    if (descriptor.session === 'none' || adapter.signIn === undefined) {
      throw invalidInput(`${descriptor.name} connections use a stored API token, not a sign-in.`);
    }
    const fields: Record<string, string> = {};
    if (descriptor.session === 'password') {
      fields.email = input.email ?? record.identity ?? '';
      fields.password = input.password ?? '';
    }
    registerTypedSecrets(this.ctx.providers.descriptor(record.provider), fields);
    let result;
    try {
      result = await adapter.signIn(adapterCtx, fields);
    } catch (error) {
      this.ctx.audit({
        action: 'connection.sign_in',
        outcome: 'error',
        connectionId: record.id,
        detail: error instanceof AppError ? error.code : 'internal',
      });
      throw error;
    }
    if (result.passwordSession !== null)
      await this.runtime.setPasswordSession(record.id, result.passwordSession);
    const current = this.ctx.repos.connections.get(record.id) ?? record;
    const status = statusOnceFixed(current, 'needs_sign_in');
    this.ctx.repos.connections.save({
      ...current,
      identity: result.identity ?? current.identity,
      status,
      lastError: status === current.status ? current.lastError : null,
      updatedAt: this.ctx.now(),
    });
    this.ctx.audit({
      action: 'connection.sign_in',
      outcome: 'ok',
      connectionId: record.id,
      detail: `Signed in${result.identity === null ? '' : ` as ${result.identity}`}`,
    });
    this.ctx.emit('connectionsChanged', null);
    this.sync.start([record.id]);
    return this.view(record);
  }

  async signOut(connectionId: string): Promise<Connection> {
    const record = requireConnection(this.ctx, connectionId);
    this.requireApi(record);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    if (descriptor.session === 'none')
      throw invalidInput(`${descriptor.name} connections use a stored API token, not a sign-in.`);
    await this.runtime.dropSessions(record.id, record.provider);
    const current = this.ctx.repos.connections.get(record.id) ?? record;
    this.ctx.repos.connections.save({
      ...current,
      status: 'needs_sign_in',
      lastError: {
        code: 'needs_sign_in',
        message: `Signed out of ${descriptor.name}. Sign in again to list and manage tokens.`,
      },
      updatedAt: this.ctx.now(),
    });
    this.ctx.audit({
      action: 'connection.sign_out',
      outcome: 'ok',
      connectionId: record.id,
      detail: 'Signed out',
    });
    this.ctx.emit('connectionsChanged', null);
    return this.view(record);
  }

  async remove(connectionId: string): Promise<void> {
    const record = requireConnection(this.ctx, connectionId);
    // The credential goes first: if removing it fails, the connection stays and can be retried.
    await this.ctx.deps.credentials.delete(credentialKey(connectionId));
    if (record.mode === 'api') await this.runtime.dropSessions(connectionId, record.provider);
    this.runtime.http.forget(connectionId);
    this.ctx.repos.connections.remove(connectionId);
    this.ctx.audit({ action: 'connection.remove', outcome: 'ok', connectionId, detail: record.label });
    this.ctx.emit('connectionsChanged', null);
    this.ctx.emit('tokensChanged', { connectionIds: [connectionId] });
  }
}

/**
 * A connection's status once the problem `fixed` names (or a general error) is gone: back to ok,
 * or never synced if it never was; any other status stays.
 */
function statusOnceFixed(current: ConnectionRecord, fixed: ConnectionStatus): ConnectionStatus {
  if (current.status !== fixed && current.status !== 'error') return current.status;
  return current.lastSyncAt === null ? 'never_synced' : 'ok';
}
