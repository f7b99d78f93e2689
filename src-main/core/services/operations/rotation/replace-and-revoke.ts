/**
 * Replace and revoke, for every provider that can create and revoke (smoxy's own rotation, and
 * the fallback where a provider's reset refuses a token, e.g. Mailtrap's already reset or expired
 * one): a successor is created in the same account with the same permissions and a validity like
 * the old token's (or the one the user chose); once the user confirms every integration uses it,
 * the old token is deleted at the provider. The successor keeps the old name where the provider
 * allows duplicate names (the module's `rotation.replace.sameName`); where not, the one the user
 * chose in the dialog (the plan proposes a free one).
 */
import type { CreateTokenInput } from '../../../../../src-preload/contract';
import type { ConnectionRecord } from '../../../db/repositories/connections';
import type { TokenRecord } from '../../../db/repositories/tokens';
import type { ProviderModule } from '../../../providers/module';
import type { RotateOptions } from '../../../providers/types';
import { successorName } from '../../rotation-plan';
import { mint } from '../create';
import { isLive, requireApi } from '../kit';
import { deleteRemote } from '../revoke';
import { closeConfirmedRotation } from './open-rotation';
import type { RotationStrategy } from './strategy';

const DAY_MS = 86_400_000;

/** The old token's validity from now (at least a day); a token with no expiry gets none. */
function sameValidity(token: TokenRecord, now: number): number | null {
  if (token.expiresAt === null) return null;
  const validity =
    token.createdAt !== null && token.expiresAt > token.createdAt
      ? token.expiresAt - token.createdAt
      : 365 * DAY_MS;
  return now + Math.max(DAY_MS, validity);
}

/** The create input of a successor: same account, same permissions, a validity like the old one's. */
export function replacementInput(
  module: ProviderModule,
  token: TokenRecord,
  connection: ConnectionRecord,
  taken: ReadonlySet<string>,
  options: RotateOptions,
  now: number,
): CreateTokenInput {
  const { descriptor, rotation } = module;
  const caps = descriptor.capabilities;
  const input: CreateTokenInput = {
    connectionId: connection.id,
    accountId: descriptor.pickAccounts ? token.accountId : null,
    name:
      rotation.replace?.sameName === true ? token.name : (options.name ?? successorName(token.name, taken)),
    expiresAt:
      options.expiresAt !== undefined
        ? options.expiresAt
        : (rotation.successorExpiry?.(token, now) ?? sameValidity(token, now)),
  };
  if (caps.scopeKind === 'organizations')
    input.organizations = (token.scope.organizations ?? []).map((o) => o.id);
  if (caps.scopeKind === 'permission_group' && token.scope.permissionGroup !== null)
    input.permissionGroup = token.scope.permissionGroup;
  // Permissions unknown (none listed): the provider's own default for a new token applies.
  if (descriptor.createForm?.permissions != null && (token.scope.resources ?? []).length > 0)
    input.permissions = (token.scope.resources ?? []).map((r) => ({
      resourceType: r.type,
      resourceId: r.id,
      level: r.access,
    }));
  Object.assign(input, rotation.successorInput?.(token) ?? {});
  if (options.confirmation !== undefined) input.confirmation = options.confirmation;
  return input;
}

export const replaceAndRevoke: RotationStrategy = {
  kind: 'create_then_delete',
  throughApi: true,

  async start(kit, token, connection, options) {
    const { ctx } = kit;
    const remote = kit.remote(connection);
    const provider = remote.provider;
    const now = ctx.now();
    const live = ctx.repos.tokens.listByConnection(connection.id).filter(isLive);
    const module = ctx.providers.get(connection.provider);
    const taken = new Set(live.map((t) => t.name));
    const request = remote.adapter.checkCreate(
      replacementInput(module, token, connection, taken, options, now),
      connection,
      live,
      now,
    );
    const { op, minted, secretId } = await mint(kit, connection, remote, request, () =>
      kit.journal.begin(
        {
          kind: 'rotate',
          connection,
          token,
          tokenName: token.name,
          request: {
            kind: 'create_then_delete',
            successorName: request.name,
            expiresAt: request.expiresAt,
            organizations: request.organizations,
            permissions: request.permissions,
          },
        },
        null,
      ),
    );
    const successor = ctx.db.transaction(() => {
      const row = kit.storeRemote(connection, minted.token, { replacesId: token.id });
      ctx.repos.tokens.save({ ...token, replacedById: row.id, updatedAt: ctx.now() });
      kit.journal.finish(
        op,
        'awaiting_confirmation',
        { resultTokenId: row.id, secretPending: true },
        {
          action: 'token.rotate',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `Created the new token “${row.name}” at ${provider} to replace the old token “${token.name}”`,
        },
      );
      return row;
    })();
    kit.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'create_then_delete',
      newToken: kit.tokens.rowOf(successor, connection),
      secretId,
      needsConfirmation: true,
      afterword: `The new token “${successor.name}” is ready. Update every integration to use it, then confirm, and Tokenkeeper deletes the old token at ${provider} (“${token.name}”); that takes effect immediately.${token.legacy ? ' The new token is a personal access token, replacing the legacy one.' : ''}`,
      credentialSwapped: false,
    };
  },

  async finish(kit, rotation) {
    const { op, old, successor, connection } = rotation;
    requireApi(kit.ctx.providers, connection, 'revoke');
    return kit.runtime.locks.run(connection.id, async () => {
      await deleteRemote(kit, old, connection, 'delete_old', { rotation: op.id });
      closeConfirmedRotation(kit, rotation, 'Deleted');
      kit.changed(connection.id);
      const fresh = kit.ctx.repos.tokens.get(successor.id) ?? successor;
      return kit.tokens.rowOf(fresh, connection);
    });
  },
};
