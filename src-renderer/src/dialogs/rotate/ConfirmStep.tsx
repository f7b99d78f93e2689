/** "Have you updated every place that used the old token?": the last question before the old token goes. */
import { RotateCw } from 'lucide-react';
import type { ApiError, RotationStart } from '../../types';
import { Dialog } from '../../components/Dialog';
import { FailureLine } from '../../components/FailureLine';
import { CoreText } from '../../components/When';

export function ConfirmStep({
  started,
  provider,
  usedBy,
  busy,
  failure,
  onAbandon,
  onNotYet,
  onFinish,
}: {
  started: RotationStart;
  /** The provider's name, as the sentences say it. */
  provider: string;
  /** The places the user noted as using the old token: the ones to check before it goes. */
  usedBy: string[];
  busy: boolean;
  failure: ApiError | null;
  onAbandon: () => void;
  onNotYet: () => void;
  onFinish: () => void;
}) {
  const consequence =
    started.kind === 'create_then_delete'
      ? `When you confirm, Tokenkeeper deletes the old token at ${provider}. Anything still using it stops working immediately.`
      : started.kind === 'manual'
        ? `Confirm once you have deleted the old token in the ${provider} console. Tokenkeeper then retires it here and stops reminding you.`
        : 'When you confirm, Tokenkeeper retires the old token.';
  return (
    <Dialog
      title="Have you updated every place that used the old token?"
      icon={RotateCw}
      tone="warning"
      onDismiss={onNotYet}
      closeLabel="Close and finish later"
      footer={
        <>
          <button type="button" className="button button-quiet-danger" onClick={onAbandon} disabled={busy}>
            Abandon rotation
          </button>
          <button type="button" className="button" onClick={onNotYet} disabled={busy}>
            Not yet
          </button>
          <button type="button" className="button button-primary" onClick={onFinish} disabled={busy}>
            Yes, finish rotation
          </button>
        </>
      }
    >
      {/* The core's afterword says what confirming does; the manual steps were shown already. */}
      {started.kind !== 'manual' && started.afterword !== '' ? (
        <p>
          <CoreText text={started.afterword} />
        </p>
      ) : (
        <p>{consequence}</p>
      )}
      {usedBy.length > 0 && (
        <>
          <p className="strong">Its notes say it is used by:</p>
          <ul className="confirm-used-by" aria-label="Used by">
            {usedBy.map((place) => (
              <li key={place}>{place}</li>
            ))}
          </ul>
        </>
      )}
      {started.credentialSwapped && (
        <p className="muted">Tokenkeeper now uses the new token for this connection.</p>
      )}
      <FailureLine failure={failure} />
    </Dialog>
  );
}
