/**
 * Handlers: providers and connections. Tracked connections (no API: smenso, or any provider
 * without API access) are handled here directly; API connections go through the provider
 * adapters.
 */
import type { ConnectionDraft } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError, invalidInput, notFound } from '../errors';
import { newId } from '../ids';
import type { Handlers } from '../ipc/dispatch';
import { PROVIDER_DESCRIPTORS } from '../providers/descriptors';
import { connectionView, credentialKey, listConnectionViews } from '../services/connection-view';
import { notYet } from './not-yet';

interface Draft {
  draft: ConnectionDraft;
  mode: 'api' | 'tracked';
  createdAt: number;
}

const DRAFT_TTL_MS = 15 * 60_000;

export function connectionHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  | 'listProviders'
  | 'listConnections'
  | 'beginConnection'
  | 'completeConnection'
  | 'cancelConnection'
  | 'testConnection'
  | 'updateConnection'
  | 'updateCredential'
  | 'signIn'
  | 'signOut'
  | 'removeConnection'
> {
  const drafts = new Map<string, Draft>();

  const takeDraft = (draftId: string): Draft => {
    const entry = drafts.get(draftId);
    if (entry === undefined || ctx.now() - entry.createdAt > DRAFT_TTL_MS) {
      drafts.delete(draftId);
      throw new AppError('not_found', 'This connection setup has expired. Start adding the connection again.');
    }
    return entry;
  };

  const requireConnection = (connectionId: string): ConnectionRecord => {
    const record = ctx.repos.connections.get(connectionId);
    if (record === null) throw notFound('That connection');
    return record;
  };

  const view = async (record: ConnectionRecord) =>
    connectionView(ctx, record, ctx.repos.tokens.liveCount(record.id));

  return {
    listProviders() {
      return Object.values(PROVIDER_DESCRIPTORS);
    },
    listConnections() {
      return listConnectionViews(ctx);
    },
    beginConnection(input) {
      const descriptor = PROVIDER_DESCRIPTORS[input.provider];
      if (input.mode === 'api' && !descriptor.hasApi) {
        throw invalidInput(`${descriptor.name} has no token API. Add it as a tracked connection instead.`, 'mode');
      }
      if (input.mode === 'api') {
        throw new AppError('not_supported', `Connecting to ${descriptor.name} through its API is not available yet.`);
      }
      const draft: ConnectionDraft = {
        draftId: newId('draft'),
        provider: input.provider,
        label: input.label,
        accounts: [],
        identity: null,
        summary: 'Tokens you record by hand',
      };
      drafts.set(draft.draftId, { draft, mode: 'tracked', createdAt: ctx.now() });
      return draft;
    },
    async completeConnection({ draftId, label }) {
      const { draft, mode } = takeDraft(draftId);
      drafts.delete(draftId);
      const now = ctx.now();
      const record: ConnectionRecord = {
        id: newId('c'),
        provider: draft.provider,
        label,
        mode,
        baseUrl: null,
        accounts: [],
        identity: null,
        status: mode === 'tracked' ? 'tracked' : 'never_synced',
        lastSyncAt: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      };
      ctx.repos.connections.insert(record);
      ctx.audit({ action: 'connection.add', outcome: 'ok', connectionId: record.id, detail: `${PROVIDER_DESCRIPTORS[record.provider].name} · ${label}` });
      ctx.emit('connectionsChanged', null);
      return view(record);
    },
    cancelConnection({ draftId }) {
      drafts.delete(draftId);
      return null;
    },
    testConnection: notYet('Testing a connection'),
    async updateConnection({ connectionId, label, baseUrl }) {
      const record = requireConnection(connectionId);
      const next: ConnectionRecord = {
        ...record,
        label: label ?? record.label,
        baseUrl: baseUrl === undefined ? record.baseUrl : baseUrl === '' ? null : baseUrl,
        updatedAt: ctx.now(),
      };
      ctx.repos.connections.save(next);
      ctx.audit({ action: 'connection.update', outcome: 'ok', connectionId, detail: label !== undefined ? `Renamed to ${label}` : 'Updated' });
      ctx.emit('connectionsChanged', null);
      ctx.emit('tokensChanged', { connectionIds: [connectionId] });
      return view(next);
    },
    updateCredential: notYet('Re-entering a credential'),
    signIn: notYet('Signing in'),
    signOut: notYet('Signing out'),
    async removeConnection({ connectionId }) {
      const record = requireConnection(connectionId);
      // The credential goes first: if removing it fails, the connection stays and can be retried.
      await ctx.deps.credentials.delete(credentialKey(connectionId));
      ctx.repos.connections.remove(connectionId);
      ctx.audit({ action: 'connection.remove', outcome: 'ok', connectionId, detail: record.label });
      ctx.emit('connectionsChanged', null);
      ctx.emit('tokensChanged', { connectionIds: [connectionId] });
      return null;
    },
  };
}
