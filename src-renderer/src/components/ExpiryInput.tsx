/** Expiry for a new token: "never" (where allowed) or a date, with the provider's limits shown. */
import { useId } from 'react';
import type { ProviderDescriptor } from '../types';
import { DAY_MS, formatDate, toDateInput } from '../lib/format';
import { latestExpiry, maxValidityText } from '../lib/validation';

export interface ExpiryValue {
  never: boolean;
  date: string;
}

export function defaultExpiry(descriptor: ProviderDescriptor, now: number): ExpiryValue {
  const days = descriptor.capabilities.defaultValidityDays;
  if (days !== null) return { never: false, date: toDateInput(now + days * DAY_MS) };
  return { never: neverAllowed(descriptor), date: '' };
}

/** "Never expires" is offered only where a token really can live forever (no maximum). */
export function neverAllowed(descriptor: ProviderDescriptor): boolean {
  return descriptor.capabilities.expiry !== 'required' && descriptor.capabilities.maxValidityDays === null;
}

export function ExpiryInput({
  descriptor,
  value,
  onChange,
  error,
  now,
}: {
  descriptor: ProviderDescriptor;
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  error?: string;
  now: number;
}) {
  const id = useId();
  const caps = descriptor.capabilities;
  const latest = latestExpiry(caps.maxValidityDays, now);
  const max = latest === null ? undefined : toDateInput(latest);
  const help = [
    caps.defaultValidityDays !== null ? `Default: ${maxValidityText(caps.defaultValidityDays)}.` : null,
    caps.maxValidityDays !== null && latest !== null
      ? `At most ${maxValidityText(caps.maxValidityDays)} (until ${formatDate(latest)}).`
      : null,
    !neverAllowed(descriptor) ? 'An expiry date is required.' : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={`field expiry-field${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
    >
      <legend className="field-label">Expiry</legend>
      {neverAllowed(descriptor) && (
        <label className="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.never}
            onChange={() => onChange({ ...value, never: true })}
          />
          Never expires
        </label>
      )}
      <label className="check">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={!value.never}
          onChange={() => onChange({ ...value, never: false })}
        />
        Expires on
      </label>
      <input
        type="date"
        aria-label="Expiry date"
        className="date-input"
        value={value.date}
        min={toDateInput(now + DAY_MS)}
        max={max}
        disabled={value.never}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange({ never: false, date: event.target.value })}
      />
      <p id={`${id}-help`} className="field-help">
        {help || 'Optional.'}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
