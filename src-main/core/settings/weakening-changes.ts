/**
 * Settings that weaken security change only after main asked the user itself, in a native dialog
 * (the `Confirmer` port): accepting weaker credential storage (Linux without a keyring) and
 * trusting an extra certificate authority. The window can ask for either through the contract,
 * but a compromised renderer cannot answer a native dialog. Turning either back off needs no
 * question.
 *
 * The CA file is read only after the user confirmed, and whatever is wrong with it (missing, a
 * folder, unreadable, not PEM) gets one message: otherwise the answer to "is there a readable
 * file at this path?" would be a file-existence oracle for whatever can call the contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { CaFileError, readExtraCa } from '../http/dispatchers';

export const NOT_A_PEM_FILE =
  'That is not a readable PEM certificate file. Check the path, that the file can be read, and that it holds a certificate (a block that begins with -----BEGIN CERTIFICATE-----).';

/** A bundle of a few hundred certificates is well under this. */
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;

/** Resolves when every weakening change in `patch` was confirmed; throws `cancelled` otherwise. */
export async function confirmWeakeningChanges(ctx: CoreContext, patch: Partial<Settings>): Promise<void> {
  const current = ctx.settings.get();
  if (patch.weakStorageAccepted === true && !current.weakStorageAccepted) {
    const confirmed = await ctx.deps.confirm.confirm({
      title: 'Store credentials with weaker protection?',
      message: 'No system keyring is available, so Tokenkeeper can only obfuscate the credentials it stores.',
      detail:
        'Anyone who can read your user files could recover the API tokens Tokenkeeper keeps for your connections (and web sign-in sessions would be kept the same way). Unlock or install a keyring (GNOME Keyring, KWallet) instead if you can.',
      confirmLabel: 'Accept weaker storage',
    });
    if (!confirmed) {
      throw new AppError('cancelled', 'Weaker storage was not accepted, so nothing was changed.');
    }
  }
  const caPath = patch.caCertificatePath;
  if (typeof caPath === 'string' && caPath !== current.caCertificatePath) {
    const field = 'caCertificatePath';
    // Decided from the text alone, before anything touches the file system.
    if (!path.isAbsolute(caPath)) {
      throw new AppError('invalid_input', 'Enter the full path of the certificate file.', { field });
    }
    const confirmed = await ctx.deps.confirm.confirm({
      title: 'Trust an extra certificate authority?',
      message: `Tokenkeeper will trust every certificate issued by the authority in ${caPath} on its connections to providers.`,
      detail:
        'Do this only for your organisation’s own authority (networks that inspect TLS). Whoever holds that authority’s key can read and change what Tokenkeeper sends, API tokens included.',
      confirmLabel: 'Trust this authority',
    });
    if (!confirmed) {
      throw new AppError('cancelled', 'The certificate authority was not trusted, so nothing was changed.', {
        field,
      });
    }
    // A regular file of a certificate's size only: a device or a FIFO would never finish reading.
    const stat = fs.statSync(caPath, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile() || stat.size > MAX_CA_FILE_BYTES) {
      throw new AppError('invalid_input', NOT_A_PEM_FILE, { field });
    }
    try {
      readExtraCa(caPath);
    } catch (error) {
      if (!(error instanceof CaFileError)) throw error;
      throw new AppError('invalid_input', NOT_A_PEM_FILE, { field });
    }
  }
}
