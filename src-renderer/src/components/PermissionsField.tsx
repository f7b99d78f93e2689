/**
 * What a new token may do in its account, as the provider's create form lists the levels (e.g.
 * viewer, admin). A level the connection's credential cannot grant there is shown, disabled, with
 * the reason; the core refuses it too.
 */
import { useId } from 'react';
import type { CreateForm, RemoteAccount } from '../types';

type PermissionsForm = NonNullable<CreateForm['permissions']>;

export function PermissionsField({
  form,
  account,
  accountNoun,
  value,
  onChange,
  error,
}: {
  form: PermissionsForm;
  /** The account picked above; null until one is. */
  account: RemoteAccount | null;
  accountNoun: string;
  value: string;
  onChange: (level: string) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`field${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
    >
      <legend className="field-label">{form.label}</legend>
      {account === null ? (
        <p className="muted small">Choose the {accountNoun} first.</p>
      ) : (
        form.levels.map((level) => {
          const grantable = level.grantedBy.includes(account.access ?? '');
          return (
            <label key={level.value} className="check">
              <input
                type="radio"
                name={`${id}-level`}
                value={level.value}
                checked={value === level.value}
                disabled={!grantable}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(level.value)}
              />
              {level.label} on {accountNoun} {account.name}
              {!grantable && (
                <span className="muted small">
                  Needs {level.grantedBy.join(' or ')} access; the connection has {account.access ?? 'none'}
                </span>
              )}
            </label>
          );
        })
      )}
      <p id={`${id}-help`} className="field-help">
        {form.help}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
