/**
 * The credential-origin rule for connections (docs/security.md): a connection's credential and
 * session are saved for one origin, recorded as `credentialOrigin`; an address is accepted only
 * where its provider's module says the provider can be (providers/origins.ts); moving a
 * connection to another origin asks the user in a dialog main shows (the `Confirmer` port) and
 * deletes the stored credential and session, so they are entered again for the new address.
 */
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError } from '../errors';
import { parseBaseUrl } from '../http/url';
import { checkAddressOrigin } from '../providers/origins';
import type { ProviderRegistry } from '../providers/registry';
import { effectiveBaseUrl } from './connection-view';

/** Checks a connection's effective address against its provider's origins; returns the origin. */
export function acceptedOrigin(ctx: CoreContext, provider: string, address: string): string {
  const module = ctx.providers.get(provider);
  const name = module.descriptor.name;
  const url = parseBaseUrl(address, name);
  if (module.origins === null)
    throw new AppError('not_supported', `${name} has no token API, so Tokenkeeper calls no address for it.`);
  return checkAddressOrigin(url, module.origins, name, {
    allowLoopbackAddresses: ctx.deps.allowLoopbackAddresses === true,
  });
}

/**
 * The origin a stored connection's credential is bound to: the recorded one, or (a row written
 * before the origin was recorded, e.g. restored from an old manifest) its current address's.
 */
export function credentialOriginOf(
  record: Pick<ConnectionRecord, 'provider' | 'baseUrl' | 'credentialOrigin'>,
  providers: ProviderRegistry,
): string | null {
  if (record.credentialOrigin !== null) return record.credentialOrigin;
  const address = effectiveBaseUrl(record, providers);
  if (address === null) return null;
  try {
    return new URL(address).origin;
  } catch {
    return null;
  }
}

/**
 * Asks, in main's own dialog, before a connection's address moves to another origin; throws
 * `cancelled` (nothing changed) unless the user confirmed.
 */
export async function confirmOriginChange(
  ctx: CoreContext,
  record: ConnectionRecord,
  from: string | null,
  to: string,
): Promise<void> {
  const name = ctx.providers.descriptor(record.provider).name;
  const confirmed = await ctx.deps.confirm.confirm({
    title: `Send “${record.label}” to another address?`,
    message: `Tokenkeeper will call ${name} at ${to}${from === null ? '' : ` instead of ${from}`}.`,
    detail: `The stored ${name} credential and sign-in were saved for ${from ?? 'the old address'} and are never sent anywhere else, so they will be deleted: you enter them again for ${to}. Continue only if ${to} really is ${name}.`,
    confirmLabel: 'Change address and delete credential',
  });
  if (!confirmed)
    throw new AppError('cancelled', 'The address was not changed, and the stored credential was kept.', {
      field: 'baseUrl',
    });
}
