/** A rotation that showed no secret and needs no confirmation: its one summary is here. */
import { RotateCw } from 'lucide-react';
import type { RotationStart } from '../../types';
import { Dialog } from '../../components/Dialog';
import { CoreText } from '../../components/When';

export function DoneStep({
  started,
  name,
  onDone,
}: {
  started: RotationStart;
  name: string;
  onDone: () => void;
}) {
  return (
    <Dialog
      title="Rotation finished"
      icon={RotateCw}
      size="sm"
      onDismiss={onDone}
      footer={
        <button type="button" className="button button-primary" onClick={onDone}>
          Done
        </button>
      }
    >
      <p>
        {started.afterword !== '' ? <CoreText text={started.afterword} /> : `“${name}” has been rotated.`}
      </p>
      {started.credentialSwapped && (
        <p className="muted">Tokenkeeper now uses the new token for this connection.</p>
      )}
    </Dialog>
  );
}
