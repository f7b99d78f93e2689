/**
 * Adding a connection (maintaining it afterwards is connection-maintenance.ts).
 * - `begin` checks what the user entered with the provider (its adapter's `connect`: e.g. list the
 *   accounts an API token reaches, sign in with a password, or open the sign-in window) and returns a draft
 *   with what it found. The credential and any session stay here, in memory, in the draft: they
 *   are never returned to the renderer.
 * - `complete` stores the credential in the keychain first (a refusal, e.g. no keyring, leaves
 *   nothing behind and keeps the draft for another try), then the connection, then starts the
 *   first sync.
 * - A tracked connection needs nothing checked: its draft only carries the name (and, where its
 *   provider checks pasted tokens, the address it calls for that).
 */
import type {
  ChannelParsedInput,
  Connection,
  ConnectionDraft,
  ProviderDescriptor,
} from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError, invalidInput } from '../errors';
import { normaliseBaseUrl } from '../http/url';
import { newId } from '../ids';
import { registerHeaderSecrets, registerSecret } from '../log/redact';
import type { PasswordSession } from '../providers/types';
import { acceptedOrigin } from './connection-origin';
import { credentialKey, currentConnectionView } from './connection-view';
import { refuseDuplicate } from './duplicate-connections';
import type { ProviderRuntime } from './provider-runtime';
import type { SyncService } from './sync';

type BeginConnectionInput = ChannelParsedInput<'beginConnection'>;

interface Draft {
  draft: ConnectionDraft;
  mode: 'api' | 'tracked';
  createdAt: number;
  /** The id the connection will have (a web sign-in's partition is named after it). */
  connectionId: string;
  baseUrl: string | null;
  /** The origin the credential is entered for (the address's, checked against the module's origins). */
  credentialOrigin: string | null;
  credential: string | null;
  passwordSession: PasswordSession | null;
}

export const DRAFT_TTL_MS = 15 * 60_000;

/** Refuses a field the provider's connection form does not have. */
export function checkFieldKeys(descriptor: ProviderDescriptor, fields: Record<string, string>): void {
  const allowed = new Set(descriptor.connectionFields.map((f) => f.key));
  for (const key of Object.keys(fields)) {
    if (!allowed.has(key)) throw invalidInput(`${descriptor.name} connections have no field “${key}”.`, key);
  }
}

/** What the user typed as a password or secret is scrubbed from anything a provider quotes back. */
export function registerTypedSecrets(descriptor: ProviderDescriptor, fields: Record<string, string>): void {
  for (const field of descriptor.connectionFields) {
    const value = fields[field.key];
    if ((field.kind === 'password' || field.kind === 'secret') && value !== undefined) {
      registerSecret(value);
      registerSecret(value.trim());
    }
  }
}

export class ConnectionSetup {
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly runtime: ProviderRuntime,
    private readonly sync: SyncService,
  ) {}

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
      // A tracked provider that checks pasted tokens calls its address: checked like any other.
      const calls = this.ctx.providers.get(input.provider).pastedTokens !== null;
      const trackedUrl =
        !calls || input.baseUrl === null || input.baseUrl.trim() === ''
          ? null
          : normaliseBaseUrl(input.baseUrl, descriptor.name);
      const trackedAddress = calls ? (trackedUrl ?? descriptor.defaultBaseUrl) : null;
      const trackedOrigin =
        trackedAddress === null ? null : acceptedOrigin(this.ctx, input.provider, trackedAddress);
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
        baseUrl: trackedUrl,
        credentialOrigin: trackedOrigin,
        credential: null,
        passwordSession: null,
      });
      return draft;
    }
    checkFieldKeys(descriptor, input.fields);
    const override =
      input.baseUrl === null || input.baseUrl.trim() === ''
        ? null
        : normaliseBaseUrl(input.baseUrl, descriptor.name);
    const baseUrl = override ?? descriptor.defaultBaseUrl;
    if (baseUrl === null) throw invalidInput(`Enter the ${descriptor.name} address.`, 'baseUrl');
    // Refused before anything is sent: an address where the provider's module says it cannot be.
    const credentialOrigin = acceptedOrigin(this.ctx, input.provider, baseUrl);
    const { adapter, ctx: adapterCtx } = this.runtime.draftContext({
      connectionId,
      provider: input.provider,
      baseUrl,
      credential: null,
      passwordSession: null,
    });
    registerTypedSecrets(descriptor, input.fields);
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
    try {
      // Before a draft exists: the same account twice is refused while nothing is kept.
      refuseDuplicate(
        this.ctx,
        {
          provider: input.provider,
          credentialOrigin,
          identity: result.identity,
          // Only the accounts a connection could include (a viewer's are refused at complete).
          accountIds: result.accounts.filter((a) => a.access !== 'viewer').map((a) => a.id),
        },
        { allAccounts: true },
      );
    } catch (error) {
      if (descriptor.session === 'web') this.ctx.deps.sessions.signOut(connectionId).catch(() => undefined);
      this.runtime.http.forget(connectionId);
      throw error;
    }
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
      credentialOrigin,
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
    // Checked again with the accounts picked (and for a connection added meanwhile).
    if (mode === 'api') {
      refuseDuplicate(
        this.ctx,
        {
          provider: draft.provider,
          credentialOrigin: entry.credentialOrigin,
          identity: draft.identity,
          accountIds: accounts.map((a) => a.id),
        },
        { allAccounts: false },
      );
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
      credentialOrigin: entry.credentialOrigin,
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
    if (entry.passwordSession !== null)
      await this.runtime.setPasswordSession(record.id, entry.passwordSession);
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
    if (mode === 'api') this.sync.start([record.id]);
    return currentConnectionView(this.ctx, record, (r) => this.runtime.signedIn(r));
  }

  cancel(draftId: string): void {
    this.dropDraft(draftId);
  }
}
