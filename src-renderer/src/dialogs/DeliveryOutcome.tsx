/**
 * The rotate dialog's delivery view: the targets it updates, each with its state (waiting,
 * updating, has the new token, failed with why), and what happened to the old token. When a
 * step failed: Retry (while main still holds the new token) or abandon the rotation.
 */
import { AlertTriangle, CheckCircle2, Circle, Loader2 } from 'lucide-react';
import type { DeliveryStep, DeliveryTarget } from '../types';

const STATE_TEXT: Record<DeliveryStep['state'], string> = {
  waiting: 'Still has the old token',
  delivering: 'Updating…',
  verified: 'Has the new token (verified)',
  failed: 'Failed: still has the old token',
  interrupted: 'Cut short: check by hand',
};

function StateIcon({ state }: { state: DeliveryStep['state'] }) {
  if (state === 'verified') return <CheckCircle2 size={16} aria-hidden="true" className="tone-ok" />;
  if (state === 'failed' || state === 'interrupted')
    return <AlertTriangle size={16} aria-hidden="true" className="tone-danger" />;
  if (state === 'delivering') return <Loader2 size={16} aria-hidden="true" className="spin" />;
  return <Circle size={16} aria-hidden="true" className="muted" />;
}

/** The targets a rotation will update (before it starts), or their outcome (after). */
export function DeliverySteps({
  steps,
  planned,
  running,
}: {
  steps: readonly DeliveryStep[] | null;
  planned: readonly DeliveryTarget[];
  running: boolean;
}) {
  const rows: DeliveryStep[] =
    steps !== null
      ? [...steps]
      : planned.map((t) => ({
          targetId: t.id,
          kind: t.kind,
          description: `${t.kindLabel}: ${t.description}`,
          state: running ? 'delivering' : 'waiting',
          error: null,
        }));
  return (
    <ol className="steps delivery-steps" aria-label="Delivery targets">
      {rows.map((s) => (
        <li key={s.targetId} data-state={s.state}>
          <StateIcon state={s.state} />{' '}
          <span>
            {s.description}
            {(steps !== null || running) && <span className="muted"> · {STATE_TEXT[s.state]}</span>}
            {s.error !== null && <span className="field-error"> {s.error}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
