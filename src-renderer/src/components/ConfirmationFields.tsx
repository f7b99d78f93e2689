/**
 * The create form's confirmation (a descriptor's `createForm.confirmation`): the account password,
 * asked each time, and a one-time code, shown once the provider asks for one (its refusal names
 * the field `oneTimeCode`). Both live only in the open dialog's own state, never in a store; the
 * dialog forgets the code after every call and both when it closes. While a call runs, the
 * provider may ask to confirm in the browser: the waiting line says so.
 */
import type { CreateConfirmation, CreateForm } from '../types';
import { Field } from './Field';

export interface ConfirmationValue {
  password: string;
  oneTimeCode: string;
  /** Whether the provider asked for a code (the field is shown from then on). */
  codeAsked: boolean;
}

export const NO_CONFIRMATION: ConfirmationValue = { password: '', oneTimeCode: '', codeAsked: false };

type Form = NonNullable<CreateForm['confirmation']>;

/** What the request carries: the password, and the code once asked for and typed. */
export function confirmationInput(form: Form, value: ConfirmationValue): CreateConfirmation {
  return {
    ...(form.password === undefined ? {} : { password: value.password }),
    ...(value.codeAsked && value.oneTimeCode.trim() !== '' ? { oneTimeCode: value.oneTimeCode.trim() } : {}),
  };
}

/** The form's own check before any call. */
export function validateConfirmation(
  form: Form,
  value: ConfirmationValue,
): { password?: string; oneTimeCode?: string } {
  const found: { password?: string; oneTimeCode?: string } = {};
  if (form.password !== undefined && value.password === '')
    found.password = `Enter your ${form.password.label.toLowerCase()}.`;
  if (value.codeAsked && !/^[A-Za-z0-9]{4,12}$/.test(value.oneTimeCode.trim()))
    found.oneTimeCode = 'Enter the code as your authenticator app shows it.';
  return found;
}

export function ConfirmationFields({
  form,
  value,
  onChange,
  errors,
  waiting,
}: {
  form: Form;
  value: ConfirmationValue;
  onChange: (value: ConfirmationValue) => void;
  errors: { password?: string | undefined; oneTimeCode?: string | undefined };
  waiting: boolean;
}) {
  return (
    <fieldset className="field confirmation-fields">
      <legend className="field-label">Confirm it is you</legend>
      {form.password !== undefined && (
        <Field label={form.password.label} help={form.password.help} error={errors.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={value.password}
              maxLength={1024}
              onChange={(event) => onChange({ ...value, password: event.target.value })}
            />
          )}
        </Field>
      )}
      {form.oneTimeCode !== undefined && value.codeAsked && (
        <Field label={form.oneTimeCode.label} help={form.oneTimeCode.help} error={errors.oneTimeCode}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              // It appears when the provider asks for it: in view and ready to type.
              autoFocus
              spellCheck={false}
              value={value.oneTimeCode}
              maxLength={12}
              onChange={(event) => onChange({ ...value, oneTimeCode: event.target.value })}
            />
          )}
        </Field>
      )}
      {form.oneTimeCode !== undefined && waiting && (
        <p className="field-help" role="status">
          {form.oneTimeCode.browser}
        </p>
      )}
    </fieldset>
  );
}
