/**
 * The "delivery connection" picker of a remote target's form: the saved delivery connections of
 * the service the kind needs (`needsConnection.provider`, as the core spells it). With none saved,
 * it says where to add one. Generic: it names no service; the core's labels say which.
 */
import { useEffect, useState } from 'react';
import type { DeliveryConnections, DeliveryTargetKindInfo } from '../../types';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import { describeError, toApiError } from '../../lib/errors';
import { useApp } from '../../stores/app';

type Need = NonNullable<DeliveryTargetKindInfo['needsConnection']>;

export function DeliveryConnectionPicker({
  need,
  value,
  onChange,
}: {
  need: Need;
  value: string;
  onChange: (connectionId: string) => void;
}) {
  const navigate = useApp((s) => s.navigate);
  const [state, setState] = useState<DeliveryConnections | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(api().listDeliveryConnections()).then(setState, (failure: unknown) =>
      setError(describeError(toApiError(failure))),
    );
  }, []);

  const usable = state?.connections.filter((c) => c.kind === need.provider) ?? [];
  // A target that has no connection yet takes the only one there is, or the first.
  useEffect(() => {
    if (state !== null && usable.length > 0 && !usable.some((c) => c.id === value)) onChange(usable[0]!.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const openSettings = () => {
    navigate({ view: 'settings' });
    // The Settings view draws on the next frame; then bring its delivery connections into view.
    requestAnimationFrame(() =>
      document.getElementById('settings-delivery-connections')?.scrollIntoView({ block: 'start' }),
    );
  };

  if (state === null && error === null) return null;
  if (usable.length === 0)
    return (
      <div className="field">
        <span className="field-label">{need.label}</span>
        {error !== null ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : (
          <>
            <p className="field-help">
              No {need.label} yet. Add one in Settings › Delivery connections, then come back to this target.
            </p>
            <div>
              <button type="button" className="button button-small" onClick={openSettings}>
                Open Settings
              </button>
            </div>
          </>
        )}
      </div>
    );
  return (
    <Field label={need.label}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {usable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
              {c.account === null ? '' : ` (${c.account})`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
