/**
 * The form of one delivery target, drawn from its kind's `fields` (the core's description of the
 * kind): text, a path picked in main's native dialog, a choice, a flag, a list (one per line).
 * A kind that needs a delivery connection also gets the connection picker, sent as `connectionId`.
 * Generic: it knows no kind and no provider.
 */
import { useState } from 'react';
import type { DeliveryTargetConfig, DeliveryTargetKindInfo } from '../../types';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import { describeError, toApiError } from '../../lib/errors';
import { DeliveryConnectionPicker } from './DeliveryConnectionPicker';

type Values = Record<string, string | boolean>;

function initialValues(kind: DeliveryTargetKindInfo, config: DeliveryTargetConfig | null): Values {
  const values: Values = {};
  for (const field of kind.fields) {
    const value = config?.[field.key];
    if (field.type === 'flag') values[field.key] = value === true;
    else if (Array.isArray(value)) values[field.key] = value.join('\n');
    else if (value === undefined)
      values[field.key] = field.type === 'choice' ? (field.choices?.[0]?.value ?? '') : '';
    else values[field.key] = String(value);
  }
  return values;
}

function toConfig(kind: DeliveryTargetKindInfo, values: Values): DeliveryTargetConfig {
  const config: DeliveryTargetConfig = {};
  for (const field of kind.fields) {
    const value = values[field.key];
    if (field.type === 'list' && typeof value === 'string')
      config[field.key] = value.split('\n').filter((line) => line.trim() !== '');
    else if (value !== undefined && value !== '') config[field.key] = value;
  }
  return config;
}

export function DeliveryTargetForm({
  kind,
  config,
  error,
  busy,
  onSave,
  onCancel,
}: {
  kind: DeliveryTargetKindInfo;
  config: DeliveryTargetConfig | null;
  error: string | null;
  busy: boolean;
  onSave: (config: DeliveryTargetConfig) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(kind, config));
  const [pickError, setPickError] = useState<string | null>(null);
  const [connectionId, setConnectionId] = useState(() =>
    typeof config?.connectionId === 'string' ? config.connectionId : '',
  );
  // From the current values, not this render's: a chosen path arrives after the dialog's answer,
  // when other fields may have been typed meanwhile (and the reverse), and neither may undo the other.
  const set = (key: string, value: string | boolean) =>
    setValues((current) => ({ ...current, [key]: value }));

  const choose = async (key: string) => {
    try {
      const { path } = await unwrap(
        api().chooseDeliveryPath({ purpose: key === 'path' ? 'file' : 'program' }),
      );
      if (path !== null) set(key, path);
    } catch (e) {
      setPickError(describeError(toApiError(e)));
    }
  };

  return (
    <form
      className="delivery-target-form"
      aria-label={`${kind.label} target`}
      onSubmit={(event) => {
        event.preventDefault();
        const fields = toConfig(kind, values);
        onSave(kind.needsConnection === null ? fields : { connectionId, ...fields });
      }}
    >
      {kind.needsConnection !== null && (
        <DeliveryConnectionPicker
          need={kind.needsConnection}
          value={connectionId}
          onChange={setConnectionId}
        />
      )}
      {kind.fields.map((field) => (
        <Field
          key={field.key}
          label={field.label}
          optional={!field.required}
          {...(field.help === undefined ? {} : { help: field.help })}
          error={field.type === 'path' ? pickError : null}
        >
          {(props) => {
            const value = values[field.key];
            switch (field.type) {
              case 'choice':
                return (
                  <select {...props} value={String(value)} onChange={(e) => set(field.key, e.target.value)}>
                    {(field.choices ?? []).map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                );
              case 'flag':
                return (
                  <input
                    {...props}
                    type="checkbox"
                    checked={value === true}
                    onChange={(e) => set(field.key, e.target.checked)}
                  />
                );
              case 'list':
                return (
                  <textarea
                    {...props}
                    rows={2}
                    value={String(value)}
                    onChange={(e) => set(field.key, e.target.value)}
                  />
                );
              case 'path':
                return (
                  <div className="input-with-button">
                    <input
                      {...props}
                      value={String(value)}
                      placeholder={field.placeholder ?? 'Choose…'}
                      onChange={(e) => set(field.key, e.target.value)}
                    />
                    <button type="button" className="button" onClick={() => void choose(field.key)}>
                      Choose…
                    </button>
                  </div>
                );
              default:
                return (
                  <input
                    {...props}
                    value={String(value)}
                    placeholder={field.placeholder}
                    onChange={(e) => set(field.key, e.target.value)}
                  />
                );
            }
          }}
        </Field>
      ))}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="annotation-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save target
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
