/** A rotation with delivery, after the run: what was written where, and Retry or Abandon if it stopped. */
import { RotateCw } from 'lucide-react';
import type { ApiError, DeliveryRun, DeliveryTarget } from '../../types';
import { Dialog } from '../../components/Dialog';
import { DialogFooter } from '../../components/DialogFooter';
import { FailureLine } from '../../components/FailureLine';
import { CoreText } from '../../components/When';
import { DeliverySteps } from '../DeliveryOutcome';

export function DeliveryStep({
  delivery,
  name,
  targets,
  busy,
  failure,
  onClose,
  onRetry,
  onAbandon,
}: {
  delivery: DeliveryRun;
  name: string;
  targets: DeliveryTarget[];
  busy: boolean;
  failure: ApiError | null;
  onClose: () => void;
  onRetry: () => void;
  onAbandon: () => void;
}) {
  return (
    <Dialog
      title={delivery.state === 'done' ? `Rotated “${name}”` : `Rotation of “${name}” stopped`}
      icon={RotateCw}
      size="md"
      onDismiss={onClose}
      footer={
        <DialogFooter onCancel={onClose} cancelLabel="Close">
          {delivery.state === 'stopped' && (
            <button type="button" className="button" disabled={busy} onClick={onAbandon}>
              Abandon rotation
            </button>
          )}
          {delivery.state === 'stopped' && delivery.retryUntil !== null && (
            <button type="button" className="button button-primary" disabled={busy} onClick={onRetry}>
              {busy ? 'Retrying…' : 'Retry'}
            </button>
          )}
        </DialogFooter>
      }
    >
      <div
        className={delivery.state === 'done' ? undefined : 'confirm-box'}
        role={delivery.state === 'done' ? 'status' : 'alert'}
      >
        <p>
          <CoreText text={delivery.message} />
        </p>
      </div>
      <DeliverySteps steps={delivery.steps} planned={targets} running={busy} />
      <FailureLine failure={failure} />
    </Dialog>
  );
}
