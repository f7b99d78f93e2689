/**
 * Two optional parts of the create form, drawn from the provider's create form: a description of
 * what the token is for (`description`), and a second list of places the token also covers, with
 * a permission level of their own (`secondPlaces`, e.g. groups it may manage). The dialog holds
 * the values; these draw them, check them and turn them into the create input.
 */
import type { CreateForm, CreateTokenInput } from '../types';
import { Field } from './Field';

type Description = NonNullable<CreateForm['description']>;
type SecondPlaces = NonNullable<CreateForm['secondPlaces']>;

export interface ExtraValue {
  description: string;
  /** The second list's names as typed, one a line. */
  secondNames: string;
  secondLevel: string;
}

export function noExtras(form: CreateForm | undefined): ExtraValue {
  return { description: '', secondNames: '', secondLevel: form?.secondPlaces?.levels[0]?.value ?? '' };
}

/** Lines typed into a list field, trimmed, blanks and repeats left out. */
export function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
}

export function validateExtras(
  form: CreateForm | undefined,
  value: ExtraValue,
): { description?: string; secondPlaces?: string } {
  const found: { description?: string; secondPlaces?: string } = {};
  const max = form?.description?.max;
  if (max !== undefined && value.description.trim().length > max)
    found.description = `Keep the description under ${max} characters (now ${value.description.trim().length}).`;
  const second = form?.secondPlaces;
  if (second !== undefined) {
    const names = lines(value.secondNames);
    if (names.length > second.max)
      found.secondPlaces = `Enter at most ${second.max} ${second.label.toLowerCase()} (now ${names.length}).`;
    else if (names.length > 0 && !second.levels.some((l) => l.value === value.secondLevel))
      found.secondPlaces = `Choose the ${second.levelLabel.toLowerCase()}.`;
  }
  return found;
}

/** The create input's description and second list, only where the form has them and they are filled. */
export function extrasInput(
  form: CreateForm | undefined,
  value: ExtraValue,
): Pick<CreateTokenInput, 'description' | 'secondPlaces'> {
  const description = value.description.trim();
  const names = lines(value.secondNames);
  return {
    ...(form?.description === undefined || description === '' ? {} : { description }),
    ...(form?.secondPlaces === undefined || names.length === 0
      ? {}
      : { secondPlaces: { names, level: value.secondLevel } }),
  };
}

export function DescriptionField({
  form,
  value,
  onChange,
  error,
}: {
  form: Description;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label={form.label} optional help={form.help} error={error}>
      {(props) => (
        <textarea
          {...props}
          rows={2}
          value={value}
          maxLength={form.max + 100}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export function SecondPlacesField({
  form,
  value,
  onChange,
  error,
}: {
  form: SecondPlaces;
  value: ExtraValue;
  onChange: (value: ExtraValue) => void;
  error?: string;
}) {
  const named = lines(value.secondNames).length > 0;
  return (
    <>
      <Field label={form.label} optional help={form.help} error={error}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={value.secondNames}
            placeholder={form.placeholder}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(event) => onChange({ ...value, secondNames: event.target.value })}
          />
        )}
      </Field>
      {named && (
        <Field label={form.levelLabel}>
          {(props) => (
            <select
              {...props}
              value={value.secondLevel}
              onChange={(event) => onChange({ ...value, secondLevel: event.target.value })}
            >
              {form.levels.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
