/**
 * Expiry for a new token: "never" (where allowed, with the provider's hygiene warning) or a date,
 * with one-click presets and the provider's limits shown (all from the descriptor).
 */
import { useId } from 'react';
import type { ProviderDescriptor } from '../types';
import { DAY_MS, formatDate, fromDateInput, toDateInput } from '../lib/format';
import { latestExpiry, maxValidityText } from '../lib/validation';

export interface ExpiryValue {
  never: boolean;
  date: string;
}

export function defaultExpiry(descriptor: ProviderDescriptor, now: number): ExpiryValue {
  const days = descriptor.capabilities.defaultValidityDays ?? descriptor.createForm?.startDays ?? null;
  if (days !== null) return { never: false, date: toDateInput(now + days * DAY_MS) };
  return { never: neverAllowed(descriptor), date: '' };
}

/**
 * "Never expires" is offered only where a token really can live forever: no maximum, or a
 * provider that says so despite one (its create form's `neverWarning`).
 */
export function neverAllowed(descriptor: ProviderDescriptor): boolean {
  if (descriptor.capabilities.expiry === 'required') return false;
  return descriptor.capabilities.maxValidityDays === null || neverWarning(descriptor) !== null;
}

const neverWarning = (descriptor: ProviderDescriptor) => descriptor.createForm?.neverWarning ?? null;

/** The expiry picked, as a time: the chosen day at the current time of day ("in N days" is N whole days). */
export function expiryFromValue(value: ExpiryValue, now: number): number | null {
  if (value.never) return null;
  const dayStart = fromDateInput(value.date, 'start');
  if (dayStart === null) return Number.NaN;
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  return dayStart + (now - today.getTime());
}

function presetLabel(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return `${days} days`;
}

export function ExpiryInput({
  descriptor,
  value,
  onChange,
  error,
  now,
  legend = 'Expiry',
}: {
  descriptor: ProviderDescriptor;
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  error?: string;
  now: number;
  legend?: string;
}) {
  const id = useId();
  const caps = descriptor.capabilities;
  const latest = latestExpiry(caps.maxValidityDays, now);
  const max = latest === null ? undefined : toDateInput(latest);
  const presets: { days: number; label: string; date: string }[] = (
    descriptor.createForm?.expiryPresets ?? []
  )
    .filter((days) => latest === null || now + days * DAY_MS <= latest)
    .map((days) => ({ days, label: presetLabel(days), date: toDateInput(now + days * DAY_MS) }));
  // The provider's maximum is a choice of its own, unless a preset already lands on that day.
  if (presets.length > 0 && latest !== null && caps.maxValidityDays !== null) {
    const date = toDateInput(latest);
    if (!presets.some((p) => p.date === date))
      presets.push({
        days: caps.maxValidityDays,
        label: `Maximum (${presetLabel(caps.maxValidityDays)})`,
        date,
      });
  }
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
      <legend className="field-label">{legend}</legend>
      {presets.length > 0 && (
        <div className="expiry-presets" role="group" aria-label="Expiry presets">
          {presets.map(({ days, label, date }) => {
            const picked = !value.never && value.date === date;
            return (
              <button
                key={`${days}-${label}`}
                type="button"
                className={`button button-small${picked ? ' button-selected' : ''}`}
                aria-pressed={picked}
                onClick={() => onChange({ never: false, date })}
              >
                {label}
              </button>
            );
          })}
        </div>
      )}
      {neverAllowed(descriptor) && (
        <label className="check">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.never}
            onChange={() => onChange({ ...value, never: true })}
          />
          Never expires
          {neverWarning(descriptor) !== null && <span className="risk-pill">Hygiene risk</span>}
        </label>
      )}
      {value.never && neverWarning(descriptor) !== null && (
        <p className="field-warning">{neverWarning(descriptor)}</p>
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
