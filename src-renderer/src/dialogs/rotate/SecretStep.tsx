import type { RotationStart } from '../../types';
import { SecretDialog } from '../SecretDialog';

/**
 * The new secret, once. What the rotation did is said once: here when nothing follows, else in
 * the confirmation that follows (not in both, the same sentence twice).
 */
export function SecretStep({
  start,
  name,
  onClosed,
}: {
  start: RotationStart;
  name: string;
  onClosed: () => void;
}) {
  return (
    <SecretDialog
      secretId={start.secretId!}
      tokenName={start.newToken?.name ?? name}
      context={start.needsConfirmation || start.afterword === '' ? undefined : start.afterword}
      onClosed={onClosed}
    />
  );
}
