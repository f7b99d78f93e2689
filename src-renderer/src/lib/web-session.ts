/**
 * Where a web sign-in session is kept, in words, as main decides it
 * (src-main/shell/web-session-storage.ts): on disk in the sign-in window's own browser storage
 * when the OS keyring protects it (or weaker storage was accepted), in memory only otherwise.
 */
import { useApp } from '../stores/app';

export function useWebSessionWhere(): string {
  const storage = useApp((s) => s.info?.credentialStorage);
  const accepted = useApp((s) => s.settings?.weakStorageAccepted === true);
  if (storage === undefined || !storage.available || (storage.weak && !accepted)) {
    return 'No keyring can protect the session on disk, so it is kept in memory only, until you quit or sign out.';
  }
  if (storage.weak) {
    return 'The session is kept in the sign-in window’s own browser storage, with the weaker protection you accepted, until you sign out.';
  }
  return 'The session is kept in the sign-in window’s own browser storage, encrypted with your system keychain, until you sign out.';
}
