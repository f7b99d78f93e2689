/**
 * The create form's generic extras, drawn from the provider's create form: where the picked
 * permission applies (a place, or one named thing such as a zone, typed or picked from the
 * provider's list, or several typed one a line), who owns the token, a start date, and an IP allow list. The dialog holds the values; these draw them and show each field's error.
 */
import type { CreateForm, CreateTokenInput } from '../types';
import { lines } from './CreateExtraFields';
import { Field } from './Field';
import { NamedChoiceField } from './NamedChoiceField';
import { toDateInput } from '../lib/format';

type Resources = NonNullable<CreateForm['resources']>;

export interface ResourceValue {
  kind: string;
  name: string;
}

/** The places that fit the picked group (all of them while none is picked). */
export function fittingResources(resources: Resources, group: string): Resources {
  return group === '' ? resources : resources.filter((r) => r.groups.includes(group));
}

/** The picked place if it fits the group; a group that fits one place only has it picked. */
export function pickedResource(
  resources: Resources,
  group: string,
  kind: string,
): Resources[number] | undefined {
  const fitting = fittingResources(resources, group);
  return fitting.length === 1 && group !== '' ? fitting[0] : fitting.find((r) => r.value === kind);
}

/** The create input's place: its kind, and its name (or names, one a line, where it takes several). */
export function resourceInput(place: Resources[number], typed: string): CreateTokenInput['resource'] {
  if (place.named === null) return { kind: place.value };
  if (place.named.several === undefined) return { kind: place.value, name: typed.trim() };
  return { kind: place.value, names: lines(typed) };
}

export function ResourceField({
  resources,
  group,
  value,
  onChange,
  error,
  choicesFrom,
}: {
  resources: Resources;
  group: string;
  value: ResourceValue;
  onChange: (value: ResourceValue) => void;
  error?: string;
  /** Where a named place's names are listed by the provider: the connection and account asked. */
  choicesFrom: { connectionId: string; accountId: string; accountNoun: string };
}) {
  const fitting = fittingResources(resources, group);
  const picked = pickedResource(resources, group, value.kind);
  return (
    <>
      <Field
        label="Applies to"
        error={picked?.named == null ? error : undefined}
        help="Choose the narrowest place that covers what the integration does."
      >
        {(props) => (
          <select
            {...props}
            value={picked?.value ?? ''}
            onChange={(event) => onChange({ ...value, kind: event.target.value })}
          >
            <option value="">Choose where…</option>
            {fitting.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {picked?.named?.choices === true && (
        <NamedChoiceField
          {...choicesFrom}
          kind={picked.value}
          label={picked.named.label}
          help={picked.named.help}
          value={value.name}
          onChange={(name) => onChange({ ...value, name })}
          error={error}
        />
      )}
      {picked?.named != null && picked.named.choices !== true && picked.named.several !== undefined && (
        <Field label={picked.named.label} error={error} help={picked.named.help}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={value.name}
              placeholder={picked.named?.placeholder}
              spellCheck={false}
              autoCapitalize="off"
              onChange={(event) => onChange({ ...value, name: event.target.value })}
            />
          )}
        </Field>
      )}
      {picked?.named != null && picked.named.choices !== true && picked.named.several === undefined && (
        <Field label={picked.named.label} error={error} help={picked.named.help}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={value.name}
              maxLength={253}
              placeholder={picked.named?.placeholder}
              spellCheck={false}
              autoCapitalize="off"
              onChange={(event) => onChange({ ...value, name: event.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}

/** Who owns the new token: the caller, or the picked account (the form's `owners`). */
export function OwnerField({
  owners,
  value,
  onChange,
  error,
}: {
  owners: NonNullable<CreateForm['owners']>;
  value: 'self' | 'account';
  onChange: (value: 'self' | 'account') => void;
  error?: string;
}) {
  return (
    <Field label="Owner" help={owners.help} error={error}>
      {(props) => (
        <select
          {...props}
          value={value}
          onChange={(event) => onChange(event.target.value === 'account' ? 'account' : 'self')}
        >
          <option value="self">{owners.self}</option>
          <option value="account">{owners.account}</option>
        </select>
      )}
    </Field>
  );
}

export function NotBeforeField({
  help,
  value,
  onChange,
  error,
  now,
}: {
  help: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  now: number;
}) {
  return (
    <Field label="Not before" optional help={help} error={error}>
      {(props) => (
        <input
          {...props}
          type="date"
          value={value}
          min={toDateInput(now)}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export function IpAllowListField({
  help,
  value,
  onChange,
  error,
}: {
  help: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label="IP allow list" optional help={help} error={error}>
      {(props) => (
        <textarea
          {...props}
          rows={3}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          placeholder="203.0.113.0/24"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
