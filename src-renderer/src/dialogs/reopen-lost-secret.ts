/**
 * When the window opens after it was lost (a renderer crash, a reload) while main held a secret,
 * main keeps that secret for one more showing (60 s): open the copy-once dialog on it again.
 */
import { api } from '../api';
import { useDialogs } from '../stores/dialogs';

export async function reopenLostSecret(): Promise<void> {
  const result = await api().recoverableSecrets();
  const next = result.ok ? result.value[0] : undefined;
  if (next === undefined || useDialogs.getState().dialog !== null) return;
  useDialogs.getState().open({
    kind: 'secret',
    secretId: next.secretId,
    tokenName: next.tokenName,
    recoveredUntil: next.expiresAt,
  });
}
