/**
 * The credential fields a provider asks for (from its descriptor), plus the weak-storage
 * consent: on Linux without a keyring, a credential is saved only after the user accepts
 * weaker storage, knowing what that means.
 */
import { Eye, EyeOff, ShieldExclamationPoint } from 'lucide-react';
import { useState } from 'react';
import type { ConnectionField } from '../../types';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/app';

export function CredentialFields({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: ConnectionField[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errors: Record<string, string | undefined>;
}) {
  const [shown, setShown] = useState<Record<string, boolean>>({});
  return (
    <>
      {fields.map((field) => {
        const secret = field.kind === 'secret' || field.kind === 'password';
        const type =
          secret && shown[field.key] !== true
            ? 'password'
            : field.kind === 'email'
              ? 'email'
              : field.kind === 'url'
                ? 'url'
                : 'text';
        return (
          <Field
            key={field.key}
            label={field.label}
            help={field.help}
            error={errors[field.key]}
            optional={!field.required}
          >
            {(props) => (
              <div className={secret ? 'input-with-button' : undefined}>
                <input
                  {...props}
                  type={type}
                  className={field.kind === 'secret' ? 'mono' : undefined}
                  value={values[field.key] ?? ''}
                  placeholder={field.placeholder}
                  autoComplete={field.kind === 'email' ? 'username' : 'off'}
                  spellCheck={false}
                  onChange={(event) => onChange({ ...values, [field.key]: event.target.value })}
                />
                {secret && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={shown[field.key] === true ? `Hide ${field.label}` : `Show ${field.label}`}
                    aria-pressed={shown[field.key] === true}
                    onClick={() => setShown({ ...shown, [field.key]: shown[field.key] !== true })}
                  >
                    {shown[field.key] === true ? (
                      <EyeOff size={16} aria-hidden="true" />
                    ) : (
                      <Eye size={16} aria-hidden="true" />
                    )}
                  </button>
                )}
              </div>
            )}
          </Field>
        );
      })}
    </>
  );
}

export function checkFields(
  fields: ConnectionField[],
  values: Record<string, string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.key] ?? '').trim();
    if (field.required && value === '')
      errors[field.key] = `Enter the ${field.label.replace(/ \(optional\)$/, '').toLowerCase()}.`;
    else if (value !== '' && field.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
      errors[field.key] = 'Enter a valid e-mail address.';
    else if (value.length > 8192) errors[field.key] = 'This value is too long.';
  }
  return errors;
}

/** Whether saving these fields needs the weak-storage consent first. */
export function useWeakStorage(fields: ConnectionField[]): {
  needed: boolean;
  accepted: boolean;
  unavailable: boolean;
} {
  const storage = useApp((s) => s.info?.credentialStorage);
  const accepted = useApp((s) => s.settings?.weakStorageAccepted === true);
  const usesKeychain = fields.some((f) => f.storage === 'keychain');
  return {
    needed: usesKeychain && storage?.weak === true,
    accepted,
    unavailable: usesKeychain && storage !== undefined && !storage.available && !storage.weak,
  };
}

export function WeakStorageConsent({
  checked,
  onChange,
  error,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <div className={`consent-box${error ? ' field-invalid' : ''}`}>
      <ShieldExclamationPoint size={20} aria-hidden="true" />
      <div>
        <p className="confirm-title">No system keyring is available</p>
        <p>
          Tokenkeeper normally encrypts its credentials with your system keyring (GNOME Keyring or KWallet).
          None is running, so a credential saved now is protected only by a key stored on this computer:
          anyone who can read your user files could recover it. Unlock or install a keyring to avoid this.
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={checked}
            onChange={(event) => onChange(event.target.checked)}
            aria-invalid={error ? true : undefined}
          />
          Accept weaker storage on this computer
        </label>
        {error && <p className="field-error">{error}</p>}
      </div>
    </div>
  );
}
