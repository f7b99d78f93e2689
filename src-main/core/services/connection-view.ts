/** Turns a stored connection into what the renderer sees (Connection in the contract). */
import type { Connection } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { ProviderRegistry } from '../providers/registry';

export const credentialKey = (connectionId: string): string => `connection:${connectionId}`;

/** Whether the connection currently holds a live session (a password session in memory, a web session). */
export type SessionState = (connection: ConnectionRecord) => boolean;

export function effectiveBaseUrl(
  record: Pick<ConnectionRecord, 'provider' | 'baseUrl'>,
  providers: ProviderRegistry,
): string | null {
  if (record.baseUrl !== null || !providers.has(record.provider)) return record.baseUrl;
  return providers.descriptor(record.provider).defaultBaseUrl;
}

export async function connectionView(
  ctx: CoreContext,
  record: ConnectionRecord,
  tokenCount: number,
  signedIn: SessionState = () => false,
): Promise<Connection> {
  // A provider this build does not know (the data folder was used by a newer one) is listed, not called.
  const descriptor = ctx.providers.has(record.provider) ? ctx.providers.descriptor(record.provider) : null;
  const needsKeychain =
    record.mode === 'api' &&
    descriptor !== null &&
    descriptor.connectionFields.some((f) => f.storage === 'keychain');
  let credential: Connection['credential'] = 'not_needed';
  if (needsKeychain) {
    credential =
      record.status === 'needs_credential' && record.lastError?.code === 'credential_unreadable'
        ? 'unreadable'
        : (await ctx.deps.credentials.has(credentialKey(record.id)))
          ? 'stored'
          : 'missing';
  }
  return {
    id: record.id,
    provider: record.provider,
    label: record.label,
    mode: record.mode,
    baseUrl: record.baseUrl,
    // A tracked connection calls no address, unless its provider checks pasted tokens there.
    effectiveBaseUrl:
      record.mode === 'tracked' &&
      !(ctx.providers.has(record.provider) && ctx.providers.get(record.provider).pastedTokens !== null)
        ? null
        : effectiveBaseUrl(record, ctx.providers),
    status: record.status,
    lastSyncAt: record.lastSyncAt,
    lastError: record.lastError,
    accounts: record.accounts,
    identity: record.identity,
    signedIn: signedIn(record),
    credential,
    tokenCount,
    createdAt: record.createdAt,
  };
}

/** The connection as stored now (it may have changed since `record` was read). */
export function currentConnectionView(
  ctx: CoreContext,
  record: ConnectionRecord,
  signedIn: SessionState,
): Promise<Connection> {
  const fresh = ctx.repos.connections.get(record.id) ?? record;
  return connectionView(ctx, fresh, ctx.repos.tokens.liveCount(fresh.id), signedIn);
}

export async function listConnectionViews(ctx: CoreContext, signedIn?: SessionState): Promise<Connection[]> {
  const counts = ctx.repos.connections.activeTokenCounts();
  return Promise.all(
    ctx.repos.connections.list().map((r) => connectionView(ctx, r, counts.get(r.id) ?? 0, signedIn)),
  );
}
