/**
 * Where a web sign-in session (Mirox) is kept follows the same consent as any credential. With
 * an OS keyring, Chromium encrypts the partition's cookies with a key from it (the
 * EnableCookieEncryption fuse), so the session may live on disk (`persist:` partition) and
 * survive a restart. On Linux without a keyring that encryption uses a fixed key, i.e. the cookie
 * would lie on disk readable by anyone who can read the user's files: then the session is kept
 * in an in-memory partition (gone at quit), unless the user accepted weaker storage in main's
 * own dialog. Kept free of `electron` so it is unit-tested.
 */
import type { CredentialStorageStatus } from '../core/ports';
import { partitionFor } from './web-sessions-policy';

export function keepsSessionOnDisk(
  storage: Pick<CredentialStorageStatus, 'weak' | 'available'>,
  weakStorageAccepted: boolean,
): boolean {
  return storage.available && (!storage.weak || weakStorageAccepted);
}

/** The connection's partition: `persist:<provider>-<id>` on disk, `<provider>-<id>` in memory. */
export function sessionPartition(provider: string, connectionId: string, onDisk: boolean): string {
  const persistent = partitionFor(provider, connectionId);
  return onDisk ? persistent : persistent.replace(/^persist:/, '');
}
