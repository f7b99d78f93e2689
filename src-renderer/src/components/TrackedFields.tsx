/**
 * The fields of a token recorded by hand (a provider without a token API, or any provider without API access): name,
 * account or workspace, last 4, created, expiry and a note. Used to track a token, edit it,
 * and record the new token of a manual rotation.
 */
import type { ProviderDescriptor, TrackedTokenInput } from '../types';
import { DAY_MS, fromDateInput, toDateInput } from '../lib/format';
import {
  maxValidityText,
  validateLast4,
  validateName,
  validateTrackedDates,
  type Errors,
} from '../lib/validation';
import { Field } from './Field';

export interface TrackedValues {
  name: string;
  accountName: string;
  last4: string;
  created: string;
  expires: string;
  never: boolean;
  note: string;
}

export type TrackedKey = 'name' | 'accountName' | 'last4' | 'createdAt' | 'expiresAt' | 'note';

export function emptyTracked(descriptor: ProviderDescriptor, now: number): TrackedValues {
  const days = descriptor.capabilities.defaultValidityDays ?? descriptor.capabilities.maxValidityDays;
  return {
    name: '',
    accountName: '',
    last4: '',
    created: toDateInput(now),
    expires: days === null ? '' : toDateInput(now + days * DAY_MS),
    never: false,
    note: '',
  };
}

export function validateTracked(
  values: TrackedValues,
  descriptor: ProviderDescriptor,
  now: number,
): Errors<TrackedKey> {
  const errors: Errors<TrackedKey> = {};
  const name = validateName(values.name);
  if (name !== undefined) errors.name = name;
  const last4 = validateLast4(values.last4.trim());
  if (last4 !== undefined) errors.last4 = last4;
  if (values.accountName.trim().length > 200) errors.accountName = 'Use at most 200 characters.';
  if (values.note.length > 4000) errors.note = 'Use at most 4,000 characters.';
  const dates = validateTrackedDates(
    descriptor,
    fromDateInput(values.created, 'start'),
    fromDateInput(values.expires, 'end'),
    values.never,
    now,
  );
  return { ...errors, ...dates };
}

export function trackedInput(values: TrackedValues): Omit<TrackedTokenInput, 'connectionId'> {
  return {
    name: values.name.trim(),
    accountName: values.accountName.trim() === '' ? null : values.accountName.trim(),
    last4: values.last4.trim() === '' ? null : values.last4.trim(),
    createdAt: fromDateInput(values.created, 'start')!,
    expiresAt: values.never ? null : fromDateInput(values.expires, 'end'),
    note: values.note.trim() === '' ? null : values.note,
  };
}

export function TrackedFields({
  descriptor,
  values,
  onChange,
  errors,
}: {
  descriptor: ProviderDescriptor;
  values: TrackedValues;
  onChange: (values: TrackedValues) => void;
  errors: Errors<TrackedKey>;
}) {
  const set = (patch: Partial<TrackedValues>) => onChange({ ...values, ...patch });
  const caps = descriptor.capabilities;
  return (
    <>
      <Field label="Name" error={errors.name} help="As it is named at the provider.">
        {(props) => (
          <input
            {...props}
            type="text"
            value={values.name}
            onChange={(event) => set({ name: event.target.value })}
            autoFocus
          />
        )}
      </Field>
      <div className="field-row">
        <Field label={descriptor.accountNoun.one} optional error={errors.accountName}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={values.accountName}
              onChange={(event) => set({ accountName: event.target.value })}
            />
          )}
        </Field>
        <Field label="Last 4 characters" optional error={errors.last4} help="Never the whole token.">
          {(props) => (
            <input
              {...props}
              type="text"
              className="mono"
              value={values.last4}
              maxLength={8}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => set({ last4: event.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label="Created" error={errors.createdAt}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.created}
              onChange={(event) => set({ created: event.target.value })}
            />
          )}
        </Field>
        <Field
          label="Expires"
          error={errors.expiresAt}
          help={
            caps.maxValidityDays !== null
              ? `${descriptor.name} tokens are valid for at most ${maxValidityText(caps.maxValidityDays)}.`
              : caps.expiry === 'required'
                ? 'Required.'
                : undefined
          }
        >
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.expires}
              disabled={values.never}
              onChange={(event) => set({ expires: event.target.value })}
            />
          )}
        </Field>
      </div>
      {caps.expiry !== 'required' && (
        <label className="check">
          <input
            type="checkbox"
            checked={values.never}
            onChange={(event) => set({ never: event.target.checked })}
          />
          Never expires
        </label>
      )}
      <Field
        label="Note"
        optional
        error={errors.note}
        help="Where it is used, who owns it. Never paste the token itself."
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={values.note}
            onChange={(event) => set({ note: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
