/**
 * The connection's address picked from the places the provider runs in (its descriptor's
 * `addressChoices`, e.g. regions or sites): the picked address becomes the connection's address,
 * and so the origin its credential is bound to. An address typed under "Use a different server
 * address" shows here as "Another address".
 */
import type { ProviderDescriptor } from '../../types';
import { Field } from '../../components/Field';

interface AddressChoiceFieldProps {
  choices: NonNullable<ProviderDescriptor['addressChoices']>;
  defaultBaseUrl: string | null;
  /** The form's address ('' = the provider's default). */
  value: string;
  onChange: (baseUrl: string) => void;
  error?: string | undefined;
}

export function AddressChoiceField({
  choices,
  defaultBaseUrl,
  value,
  onChange,
  error,
}: AddressChoiceFieldProps) {
  const current = value.trim() === '' ? (defaultBaseUrl ?? '') : value.trim().replace(/\/+$/, '');
  const known = choices.choices.some((c) => c.baseUrl === current);
  return (
    <Field label={choices.label} help={choices.help} error={error}>
      {(props) => (
        <select
          {...props}
          value={known ? current : ''}
          onChange={(event) => onChange(event.target.value === defaultBaseUrl ? '' : event.target.value)}
        >
          {!known && <option value="">Another address: {current}</option>}
          {choices.choices.map((c) => (
            <option key={c.baseUrl} value={c.baseUrl}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
