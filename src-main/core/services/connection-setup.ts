/**
 * Adding, checking and maintaining API connections.
 * - `begin` checks what the user entered with the provider (its adapter's `connect`: e.g. list the
 *   accounts an API token reaches, sign in with a password, or open the sign-in window) and returns a draft
 *   with what it found. The credential and any session stay here, in memory, in the draft: they
 *   are never returned to the renderer.
 * - `complete` stores the credential in the keychain first (a refusal, e.g. no keyring, leaves
 *   nothing behind and keeps the draft for another try), then the connection, then starts the
 *   first sync.
 * - Re-entering a credential, signing in and out, testing, changing the address.
 */
import type {
  ChannelParsedInput,
  Connection,
  ConnectionDraft,
  ConnectionStatus,
  ProviderDescriptor,
} from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError, invalidInput, notFound } from '../errors';
import { normaliseBaseUrl } from '../http/url';
import { newId } from '../ids';
import { forgetSecret, registerHeaderSecrets, registerSecret } from '../log/redact';
import type { PasswordSession } from '../providers/types';
import { connectionView, credentialKey, effectiveBaseUrl, listConnectionViews } from './connection-view';
import { providerRuntime, type ProviderRuntime } from './provider-runtime';
import { syncService } from './sync';

type BeginConnectionInput = ChannelParsedInput<'beginConnection'>;

interface Draft {
  draft: ConnectionDraft;
  mode: 'api' | 'tracked';
  createdAt: number;
  /** The id the connection will have (a web sign-in's partition is named after it). */
  connectionId: string;
  baseUrl: string | null;
  credential: string | null;
  passwordSession: PasswordSession | null;
}

export const DRAFT_TTL_MS = 15 * 60_000;

/** After a restart: nothing is syncing any more, and password sessions (memory only) are gone. */
export function recoverConnectionStates(ctx: CoreContext): void {
  for (const record of ctx.repos.connections.list()) {
    let status: ConnectionStatus = record.status;
    let lastError = record.lastError;
    if (status === 'syncing') status = record.lastSyncAt === null ? 'never_synced' : 'ok';
    if (
      record.mode === 'api' &&
      ctx.providers.has(record.provider) &&
      ctx.providers.descriptor(record.provider).session === 'password' &&
      status !== 'needs_credential'
    ) {
      status = 'needs_sign_in';
      lastError = {
        code: 'needs_sign_in',
        message: `${ctx.providers.descriptor(record.provider).name} sessions are kept in memory only, so Tokenkeeper needs you to sign in again after it restarts.`,
      };
    }
    if (status !== record.status || lastError !== record.lastError) {
      ctx.repos.connections.save({ ...record, status, lastError, updatedAt: record.updatedAt });
    }
  }
}

export class ConnectionSetup {
  private readonly drafts = new Map<string, Draft>();
  private readonly runtime: ProviderRuntime;

  constructor(private readonly ctx: CoreContext) {
    this.runtime = providerRuntime(ctx);
  }

  // -------------------------------------------------------------------------------------------

  async view(record: ConnectionRecord): Promise<Connection> {
    const fresh = this.ctx.repos.connections.get(record.id) ?? record;
    return connectionView(this.ctx, fresh, this.ctx.repos.tokens.liveCount(fresh.id), (r) =>
      this.runtime.signedIn(r),
    );
  }

  async list(): Promise<Connection[]> {
    const records = this.ctx.repos.connections.list();
    await this.runtime.refreshWebSessions(records);
    return listConnectionViews(this.ctx, (r) => this.runtime.signedIn(r));
  }

  requireConnection(connectionId: string): ConnectionRecord {
    const record = this.ctx.repos.connections.get(connectionId);
    if (record === null) throw notFound('That connection');
    return record;
  }

  private requireApi(record: ConnectionRecord): void {
    if (record.mode !== 'api') {
      throw invalidInput(
        `“${record.label}” is a tracked connection: Tokenkeeper does not call ${this.ctx.providers.descriptor(record.provider).name} for it.`,
      );
    }
  }

  private sweepDrafts(): void {
    const now = this.ctx.now();
    for (const [id, entry] of this.drafts) if (now - entry.createdAt > DRAFT_TTL_MS) this.dropDraft(id);
  }

  private dropDraft(draftId: string): void {
    const entry = this.drafts.get(draftId);
    if (entry === undefined) return;
    this.drafts.delete(draftId);
    entry.credential = null;
    entry.passwordSession = null;
    // A web sign-in draft may have signed in a partition for a connection that will never exist.
    if (entry.mode === 'api' && this.ctx.providers.descriptor(entry.draft.provider).session === 'web') {
      this.ctx.deps.sessions.signOut(entry.connectionId).catch(() => undefined);
    }
  }

  private takeDraft(draftId: string): Draft {
    this.sweepDrafts();
    const entry = this.drafts.get(draftId);
    if (entry === undefined)
      throw new AppError(
        'not_found',
        'This connection setup has expired. Start adding the connection again.',
      );
    return entry;
  }

  private static checkFieldKeys(descriptor: ProviderDescriptor, fields: Record<string, string>): void {
    const allowed = new Set(descriptor.connectionFields.map((f) => f.key));
    for (const key of Object.keys(fields)) {
      if (!allowed.has(key))
        throw invalidInput(`${descriptor.name} connections have no field “${key}”.`, key);
    }
  }

  // -------------------------------------------------------------------------------------------

  async begin(input: BeginConnectionInput): Promise<ConnectionDraft> {
    this.sweepDrafts();
    const descriptor = this.ctx.providers.descriptor(input.provider);
    if (input.mode === 'api' && !descriptor.hasApi) {
      throw invalidInput(
        `${descriptor.name} has no token API. Add it as a tracked connection instead.`,
        'mode',
      );
    }
    const connectionId = newId('c');
    if (input.mode === 'tracked') {
      const draft: ConnectionDraft = {
        draftId: newId('draft'),
        provider: input.provider,
        label: input.label,
        accounts: [],
        identity: null,
        summary: 'Tokens you record by hand',
      };
      this.drafts.set(draft.draftId, {
        draft,
        mode: 'tracked',
        createdAt: this.ctx.now(),
        connectionId,
        baseUrl: null,
        credential: null,
        passwordSession: null,
      });
      return draft;
    }
    ConnectionSetup.checkFieldKeys(descriptor, input.fields);
    const override =
      input.baseUrl === null || input.baseUrl.trim() === ''
        ? null
        : normaliseBaseUrl(input.baseUrl, descriptor.name);
    const baseUrl = override ?? descriptor.defaultBaseUrl;
    if (baseUrl === null) throw invalidInput(`Enter the ${descriptor.name} address.`, 'baseUrl');
    const { adapter, ctx: adapterCtx } = this.runtime.draftContext({
      connectionId,
      provider: input.provider,
      baseUrl,
      credential: null,
      passwordSession: null,
    });
    let result;
    try {
      result = await adapter.connect(adapterCtx, input.fields);
    } catch (error) {
      if (descriptor.session === 'web') this.ctx.deps.sessions.signOut(connectionId).catch(() => undefined);
      this.runtime.http.forget(connectionId);
      this.ctx.audit({
        action: 'connection.check',
        outcome: 'error',
        detail: `${descriptor.name}: ${error instanceof AppError ? error.code : 'internal'}`,
      });
      throw error;
    }
    if (result.credential !== null) registerSecret(result.credential);
    if (result.passwordSession !== null) registerHeaderSecrets(result.passwordSession.headers);
    const draft: ConnectionDraft = {
      draftId: newId('draft'),
      provider: input.provider,
      label: input.label,
      accounts: result.accounts,
      identity: result.identity,
      summary: result.summary,
    };
    this.drafts.set(draft.draftId, {
      draft,
      mode: 'api',
      createdAt: this.ctx.now(),
      connectionId,
      baseUrl: override,
      credential: result.credential,
      passwordSession: result.passwordSession,
    });
    return draft;
  }

  async complete(input: { draftId: string; label: string; accountIds: string[] }): Promise<Connection> {
    const entry = this.takeDraft(input.draftId);
    const { draft, mode } = entry;
    const descriptor = this.ctx.providers.descriptor(draft.provider);
    let accounts = draft.accounts;
    if (mode === 'api' && descriptor.pickAccounts) {
      const unknown = input.accountIds.find((id) => !draft.accounts.some((a) => a.id === id));
      if (unknown !== undefined)
        throw invalidInput('Pick accounts from the list the credential reaches.', 'accountIds');
      accounts = draft.accounts.filter((a) => input.accountIds.includes(a.id));
      if (accounts.length === 0) throw invalidInput('Pick at least one account to include.', 'accountIds');
      const viewer = accounts.find((a) => a.access === 'viewer');
      if (viewer !== undefined) {
        throw invalidInput(
          `The token has viewer access to ${viewer.name}; ${descriptor.name} lets only admins and owners list and manage tokens there. Leave it out, or use a token with admin access.`,
          'accountIds',
        );
      }
    }
    // The keychain first: if it refuses (no keyring and weak storage not accepted), nothing has
    // been written and the draft stays, so the user can change the setting and try again.
    if (mode === 'api' && entry.credential !== null) {
      await this.ctx.deps.credentials.set(credentialKey(entry.connectionId), entry.credential, {
        allowWeak: this.ctx.settings.get().weakStorageAccepted,
      });
    }
    const now = this.ctx.now();
    const record: ConnectionRecord = {
      id: entry.connectionId,
      provider: draft.provider,
      label: input.label,
      mode,
      baseUrl: entry.baseUrl,
      accounts,
      identity: draft.identity,
      status: mode === 'tracked' ? 'tracked' : 'never_synced',
      lastSyncAt: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      this.ctx.repos.connections.insert(record);
    } catch (error) {
      if (entry.credential !== null)
        await this.ctx.deps.credentials.delete(credentialKey(entry.connectionId)).catch(() => undefined);
      throw error;
    }
    if (entry.passwordSession !== null) this.runtime.setPasswordSession(record.id, entry.passwordSession);
    // The draft is done; its secrets are dropped from memory (not its sign-in partition: it is now the connection's).
    this.drafts.delete(input.draftId);
    entry.credential = null;
    entry.passwordSession = null;
    this.ctx.audit({
      action: 'connection.add',
      outcome: 'ok',
      connectionId: record.id,
      detail: `${descriptor.name} · ${input.label}${mode === 'tracked' ? ' (tracked)' : ''}`,
    });
    this.ctx.emit('connectionsChanged', null);
    if (mode === 'api') syncService(this.ctx).start([record.id]);
    return this.view(record);
  }

  cancel(draftId: string): void {
    this.dropDraft(draftId);
  }

  async test(connectionId: string): Promise<{ ok: boolean; message: string }> {
    const record = this.requireConnection(connectionId);
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
    const record = this.requireConnection(input.connectionId);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    let baseUrl = record.baseUrl;
    if (input.baseUrl !== undefined) {
      if (record.mode !== 'api' && input.baseUrl !== null && input.baseUrl.trim() !== '') {
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
    const providers = this.ctx.providers;
    const moved =
      effectiveBaseUrl({ provider: record.provider, baseUrl }, providers) !==
      effectiveBaseUrl(record, providers);
    const next: ConnectionRecord = {
      ...record,
      label: input.label ?? record.label,
      baseUrl,
      updatedAt: this.ctx.now(),
    };
    if (moved && record.mode === 'api') {
      // A session belongs to the host it was made with.
      await this.runtime.dropSessions(record.id, record.provider);
      if (descriptor.session !== 'none') next.status = 'needs_sign_in';
    }
    this.ctx.repos.connections.save(next);
    const changes = [
      input.label !== undefined && input.label !== record.label ? `renamed to ${input.label}` : null,
      moved ? `address set to ${effectiveBaseUrl(next, providers) ?? 'none'}` : null,
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
    const record = this.requireConnection(connectionId);
    this.requireApi(record);
    const descriptor = this.ctx.providers.descriptor(record.provider);
    ConnectionSetup.checkFieldKeys(descriptor, fields);
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
    syncService(this.ctx).start([record.id]);
    return this.view(record);
  }

  async signIn(input: {
    connectionId: string;
    email?: string | undefined;
    password?: string | undefined;
  }): Promise<Connection> {
    const record = this.requireConnection(input.connectionId);
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
    if (result.passwordSession !== null) this.runtime.setPasswordSession(record.id, result.passwordSession);
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
    syncService(this.ctx).start([record.id]);
    return this.view(record);
  }

  async signOut(connectionId: string): Promise<Connection> {
    const record = this.requireConnection(connectionId);
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
    const record = this.requireConnection(connectionId);
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
