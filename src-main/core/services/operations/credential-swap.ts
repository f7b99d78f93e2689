/**
 * The credential swap: when a reset (Mailtrap) replaces the very token a connection signs in
 * with, the connection's stored credential moves to the new secret, so Tokenkeeper keeps working
 * after the old token's grace period. If the keychain refuses, the connection is marked as
 * needing its credential and a notice, which outlives that status, says to re-enter it before the
 * old token stops. A later rotation strategy that replaces a connection's own credential (GitLab
 * self-rotation, Cloudflare roll) uses the same steps.
 */
import type { CoreContext } from '../../context';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { TokenRecord } from '../../db/repositories/tokens';
import { AppError } from '../../errors';
import { registerSecret } from '../../log/redact';
import { credentialKey } from '../connection-view';
import { formatTime } from './kit';

export type CredentialSwap =
  /** The rotated token was not the connection's credential. */
  { state: 'not_needed' } | { state: 'swapped' } | { state: 'failed'; failure: AppError };

/** Stores the new secret as the connection's credential when the rotated token was that credential. */
export async function swapCredential(
  ctx: CoreContext,
  connection: ConnectionRecord,
  token: TokenRecord,
  secret: string,
): Promise<CredentialSwap> {
  if (!token.isConnectionCredential) return { state: 'not_needed' };
  try {
    await ctx.deps.credentials.set(credentialKey(connection.id), secret, {
      allowWeak: ctx.settings.get().weakStorageAccepted,
    });
    registerSecret(secret);
    return { state: 'swapped' };
  } catch (error) {
    return {
      state: 'failed',
      failure:
        error instanceof AppError ? error : new AppError('internal', 'The keychain refused the new secret.'),
    };
  }
}

/** Inside the rotation's transaction: after a refused swap, the connection needs its credential again. */
export function recordSwapFailure(
  ctx: CoreContext,
  connection: ConnectionRecord,
  token: TokenRecord,
  swap: CredentialSwap,
  stopsAt: number,
  now: number,
): void {
  if (swap.state !== 'failed') return;
  const current = ctx.repos.connections.get(connection.id);
  if (current === null) return;
  ctx.repos.connections.save({
    ...current,
    status: 'needs_credential',
    lastError: {
      code: swap.failure.code,
      message: `The new secret of “${token.name}” could not be saved as this connection’s credential. Re-enter it before ${formatTime(stopsAt)}, when the old one stops working.`,
    },
    updatedAt: now,
  });
}

/** After the rotation is stored: the swap's audit line; a refused swap also gets its notice. */
export function reportSwap(
  ctx: CoreContext,
  connection: ConnectionRecord,
  token: TokenRecord,
  successorId: string,
  swap: CredentialSwap,
  stopsAt: number,
  provider: string,
): void {
  if (swap.state === 'not_needed') return;
  if (swap.state === 'swapped') {
    ctx.audit({
      action: 'connection.credential_swapped',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: successorId,
      detail: 'The connection now uses the reset token’s new secret',
    });
    return;
  }
  ctx.audit({
    action: 'connection.credential_swapped',
    outcome: 'error',
    connectionId: connection.id,
    tokenId: successorId,
    detail: swap.failure.code,
  });
  // A later sync succeeds with the old secret until the grace period ends, so the warning must outlive the status.
  ctx.notices.add({
    id: `credential-swap:${connection.id}`,
    level: 'warning',
    title: `Re-enter the ${provider} credential of “${connection.label}”`,
    message: `The new secret of “${token.name}” could not be saved in the keychain. Re-enter it for the connection before ${formatTime(stopsAt)}, when the old one stops working.`,
  });
  ctx.emit('connectionsChanged', null);
}

/** What the dialog adds after a rotation of the connection's own credential. */
export function swapAfterword(connection: ConnectionRecord, swap: CredentialSwap): string {
  if (swap.state === 'swapped')
    return ` This was the token Tokenkeeper itself uses for “${connection.label}”; it now uses the new one.`;
  if (swap.state === 'failed')
    return ` This was the token Tokenkeeper itself uses for “${connection.label}”, but the new secret could not be saved in the keychain (${swap.failure.message}) Copy the secret now and re-enter it for the connection before the old token stops working.`;
  return '';
}

/**
 * The connection's own credential was reset but the new secret never arrived: the connection stops
 * working when the old one does. Adds the notice; returns the sentence for the error message.
 */
export function warnCredentialSecretLost(
  ctx: CoreContext,
  connection: ConnectionRecord,
  token: TokenRecord,
  stopsAt: number,
  provider: string,
): string {
  ctx.notices.add({
    id: `credential-swap:${connection.id}`,
    level: 'warning',
    title: `The ${provider} credential of “${connection.label}” stops working at ${formatTime(stopsAt)}`,
    message: `“${token.name}” was reset, but its new secret never reached Tokenkeeper. Reset the new “${token.name}” here (or create a token at ${provider}) and re-enter it for the connection before then.`,
  });
  return ` This was the token Tokenkeeper itself uses for “${connection.label}”: do that before ${formatTime(stopsAt)}, or the connection stops working.`;
}
