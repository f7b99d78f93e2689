/**
 * The create form's generic extras, drawn from the provider's create form: where the picked
 * permission applies (a place, or one named thing such as a zone), a start date, and an IP
 * allow list. The dialog holds the values; these draw them and show each field's error.
 */
import type { CreateForm } from '../types';
import { Field } from './Field';
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

export function ResourceField({
  resources,
  group,
  value,
  onChange,
  error,
}: {
  resources: Resources;
  group: string;
  value: ResourceValue;
  onChange: (value: ResourceValue) => void;
  error?: string;
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
      {picked?.named != null && (
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
