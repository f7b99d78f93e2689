/**
 * The names a create form's named place may take (e.g. the zones of an account), fetched from
 * the provider when the dialog needs them. A read: nothing is journaled, nothing is stored. The
 * account must be one the connection includes, so a page cannot make the credential reach
 * elsewhere.
 */
import type { CreateChoice } from '../../../../src-preload/contract';
import { AppError, invalidInput } from '../../errors';
import { requireConnection } from '../tokens';
import { requireApi, type OperationKit } from './kit';

export async function listCreateChoices(
  kit: OperationKit,
  query: { connectionId: string; kind: string; accountId: string },
): Promise<CreateChoice[]> {
  const { ctx } = kit;
  const connection = requireConnection(ctx, query.connectionId);
  requireApi(ctx.providers, connection, 'create');
  const remote = kit.remote(connection);
  const place = remote.adapter.descriptor.createForm?.resources?.find((r) => r.value === query.kind);
  if (place?.named?.choices !== true || remote.adapter.createChoices === undefined)
    throw new AppError('not_supported', `${remote.provider} lists no choices for this field.`);
  if (!remote.actx.accounts.some((a) => a.id === query.accountId))
    throw invalidInput('Pick one of the connection’s accounts first.', 'accountId');
  try {
    const choices = await remote.adapter.createChoices(remote.actx, query.kind, query.accountId);
    return [...choices].sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    remote.noteFailure(error);
    throw error;
  }
}
