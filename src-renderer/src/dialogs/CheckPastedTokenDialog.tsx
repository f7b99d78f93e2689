/**
 * Check a pasted token (a provider whose descriptor has `tokenCheck`): the token is pasted once,
 * main asks the provider with it and records what it learns; the value lives only in this
 * dialog's own state, is cleared as soon as the answer comes, and never reaches a store.
 */
import { ScanSearch } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { FormFooter } from '../components/DialogFooter';
import { FailureLine } from '../components/FailureLine';
import { Field } from '../components/Field';
import { toApiError } from '../lib/errors';
import { formatDate } from '../lib/format';
import { validateName } from '../lib/validation';
import { providerById, useConnections } from '../stores/connections';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

export function CheckPastedTokenDialog({
  connectionId,
  onClose,
}: {
  connectionId: string;
  onClose: () => void;
}) {
  const providers = useConnections((s) => s.providers);
  const connection = useConnections((s) => s.connections.find((c) => c.id === connectionId));
  const descriptor = connection === undefined ? undefined : providerById(providers, connection.provider);
  const check = descriptor?.tokenCheck;
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (connection === undefined) return;
    const found: { name?: string; value?: string } = {};
    if (name.trim() !== '') {
      const problem = validateName(name);
      if (problem !== undefined) found.name = problem;
    }
    if (value.trim() === '') found.value = 'Paste the token to check.';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      valueRef.current?.focus();
      return;
    }
    setBusy(true);
    const pasted = value;
    // Cleared at once: the value is in flight to main, and the field never shows it again.
    setValue('');
    try {
      const { token, refreshed } = await unwrap(
        api().checkPastedToken({
          connectionId,
          value: pasted,
          name: name.trim() === '' ? null : name.trim(),
        }),
      );
      const expiry =
        token.expiresAt === null ? 'it never expires' : `it expires ${formatDate(token.expiresAt)}`;
      toast.success(`${refreshed ? 'Checked again' : 'Tracking'} “${token.name}”: ${expiry}.`, token.id);
      useTokens.getState().markChanged(token.id);
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.field === 'value' || apiError.field === 'name')
        setErrors({ [apiError.field]: apiError.message });
      else setFailure(apiError);
      setBusy(false);
      valueRef.current?.focus();
    }
  };

  return (
    <Dialog
      title="Check a pasted token"
      description={check?.offer}
      icon={ScanSearch}
      onDismiss={onClose}
      footer={
        <FormFooter form="check-token-form" onCancel={onClose} disabled={busy || check === undefined}>
          {busy ? 'Checking…' : 'Check token'}
        </FormFooter>
      }
    >
      <form id="check-token-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        {check === undefined || connection === undefined ? (
          <p className="form-error">This connection’s provider cannot check a pasted token.</p>
        ) : (
          <>
            <p className="muted">Connection: {connection.label}</p>
            <Field label={check.fieldLabel} error={errors.value} help={check.help}>
              {(props) => (
                <input
                  {...props}
                  ref={valueRef}
                  type="password"
                  className="mono"
                  value={value}
                  placeholder={check.placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  autoFocus
                  onChange={(event) => setValue(event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Name"
              optional
              error={errors.name}
              help="Leave empty to name it after its kind and owner; you can rename it later."
            >
              {(props) => (
                <input
                  {...props}
                  type="text"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
          </>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}
