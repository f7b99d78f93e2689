/**
 * What every token operation (create, each rotation strategy, revoke) works with: the core's
 * context, the provider runtime, the tokens service and the journal, and the cache writes they
 * share. Built once per core (services/token-operations.ts).
 */
import type { CoreContext } from '../../context';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { OperationRecord } from '../../db/repositories/operations';
import type { TokenRecord } from '../../db/repositories/tokens';
import { AppError, invalidInput } from '../../errors';
import type { ProviderRegistry } from '../../providers/registry';
import {
  remoteKey,
  type AdapterContext,
  type ProviderAdapter,
  type RemoteToken,
} from '../../providers/types';
import type { ProviderRuntime } from '../provider-runtime';
import { listForReconcile, type Listing } from '../reconcile';
import { newRecordFromRemote } from '../sync-merge';
import type { TokensService } from '../tokens';
import { OperationJournal } from './journal';

export const formatTime = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const isLive = (t: TokenRecord): boolean => t.state === 'active' || t.state === 'grace';

/** The connection must call the provider's API for this; otherwise a clear refusal. */
export function requireApi(
  providers: ProviderRegistry,
  connection: ConnectionRecord,
  what: 'create' | 'rotate' | 'revoke',
): void {
  const descriptor = providers.descriptor(connection.provider);
  if (connection.mode !== 'api' || !descriptor.hasApi) {
    throw invalidInput(
      what === 'create'
        ? `“${connection.label}” is a tracked connection: create the token in the ${descriptor.name} console, then record it here.`
        : `“${connection.label}” is a tracked connection: Tokenkeeper cannot ${what} ${descriptor.name} tokens through an API.`,
    );
  }
  if (!descriptor.capabilities[what])
    throw new AppError(
      'not_supported',
      `${descriptor.name} tokens cannot be ${what === 'create' ? 'created' : `${what}d`} through its API.`,
    );
}

/** A connection's adapter, ready to call, with what a failed call needs. */
export interface Remote {
  adapter: ProviderAdapter;
  actx: AdapterContext;
  /** The provider's name as users know it, for messages. */
  provider: string;
  /** Lists the provider's tokens again after an unclear outcome (never throws). */
  list: () => Promise<Listing>;
  /** Records what a failed call means for the connection. */
  noteFailure: (error: unknown) => void;
}

export class OperationKit {
  readonly journal: OperationJournal;

  constructor(
    readonly ctx: CoreContext,
    readonly runtime: ProviderRuntime,
    readonly tokens: TokensService,
  ) {
    this.journal = new OperationJournal(ctx);
  }

  remote(connection: ConnectionRecord): Remote {
    const { adapter, ctx: actx } = this.runtime.contextFor(connection);
    return {
      adapter,
      actx,
      provider: adapter.descriptor.name,
      list: () => listForReconcile(adapter, actx),
      noteFailure: (error) => this.runtime.noteFailure(connection, error),
    };
  }

  /** The remote keys the cache knows, so a reconcile after an unclear failure can tell what is new. */
  knownKeys(connectionId: string): Set<string> {
    return new Set(
      this.ctx.repos.tokens
        .listByConnection(connectionId)
        .filter((t) => t.remoteId !== null)
        .map(remoteKey),
    );
  }

  /** Inserts a minted token's row, or updates the row that already has its remote id. */
  storeRemote(
    connection: ConnectionRecord,
    remote: RemoteToken,
    overrides: Partial<TokenRecord>,
  ): TokenRecord {
    const now = this.ctx.now();
    const existing = this.ctx.repos.tokens
      .listByConnection(connection.id)
      .find((t) => t.remoteId !== null && remoteKey(t) === remoteKey(remote));
    if (existing !== undefined) {
      const next = {
        ...newRecordFromRemote(connection.id, remote, now),
        id: existing.id,
        firstSeenAt: existing.firstSeenAt,
        snoozedUntil: existing.snoozedUntil,
        ...overrides,
      };
      this.ctx.repos.tokens.save(next);
      return next;
    }
    const record = newRecordFromRemote(connection.id, remote, now, overrides);
    this.ctx.repos.tokens.insert(record);
    return record;
  }

  /**
   * Hands a minted secret to the vault. Until the copy-once dialog has it, the operation's journal
   * row says so (`secretPending`, written with the outcome): if Tokenkeeper stops before then, the
   * next start reports the operation as interrupted, because the secret is lost.
   */
  putSecret(secret: string, tokenName: string, connection: ConnectionRecord, op: OperationRecord): string {
    return this.ctx.vault.put(secret, {
      tokenName,
      provider: connection.provider,
      onRevealed: () => this.ctx.repos.operations.markSecretShown(op.id),
    });
  }

  changed(connectionId: string): void {
    this.ctx.emit('tokensChanged', { connectionIds: [connectionId] });
  }
}
