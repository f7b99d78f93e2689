/**
 * Revoke leaked tokens by their value (a provider whose descriptor has `revokeByValue`): from a
 * token's detail (its value pasted again) or in bulk for a connection (several, one per line).
 * The values live only in this dialog's own state and are cleared once main has them.
 */
import { ShieldX } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { FormFooter } from '../components/DialogFooter';
import { FailureLine } from '../components/FailureLine';
import { Field } from '../components/Field';
import { toApiError } from '../lib/errors';
import { providerById, useConnections } from '../stores/connections';
import { useDetail } from '../stores/detail';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

/** One value per line (or separated by spaces or commas, as a pasted list may be). */
const splitValues = (text: string) => text.split(/[\s,]+/).filter((v) => v !== '');

export function RevokeByValueDialog({
  connectionId,
  token,
  onClose,
}: {
  connectionId: string;
  /** From a token's detail: the token the pasted value must be. */
  token?: { id: string; name: string; last4: string | null };
  onClose: () => void;
}) {
  const providers = useConnections((s) => s.providers);
  const connection = useConnections((s) => s.connections.find((c) => c.id === connectionId));
  const descriptor = connection === undefined ? undefined : providerById(providers, connection.provider);
  const revoke = descriptor?.revokeByValue;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const count = splitValues(text).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (revoke === undefined) return;
    const values = splitValues(text);
    const problem =
      values.length === 0
        ? 'Paste the token to revoke.'
        : values.length > revoke.maxPerCall
          ? `Paste at most ${revoke.maxPerCall} tokens at a time.`
          : undefined;
    setError(problem);
    setFailure(null);
    if (problem !== undefined) {
      fieldRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await unwrap(
        api().revokeByValue({ connectionId, values, ...(token === undefined ? {} : { tokenId: token.id }) }),
      );
      setText('');
      const marked = result.revoked.length;
      toast.success(
        `${descriptor!.name} accepted ${result.submitted} token${result.submitted === 1 ? '' : 's'} for revocation${marked > 0 ? `; ${marked} tracked here marked revoked` : ''}.`,
        result.revoked[0]?.id,
      );
      void useTokens.getState().reload({ keepRows: true });
      void useDetail.getState().refresh();
      onClose();
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.field === 'values') setError(apiError.message);
      else setFailure(apiError);
      setBusy(false);
    }
  };

  const title = token === undefined ? 'Revoke leaked tokens by value' : `Revoke “${token.name}” by value`;
  return (
    <Dialog
      title={title}
      description={revoke?.help}
      icon={ShieldX}
      onDismiss={onClose}
      footer={
        <FormFooter form="revoke-by-value-form" onCancel={onClose} disabled={busy || revoke === undefined}>
          {busy
            ? 'Revoking…'
            : token === undefined
              ? `Revoke ${count > 1 ? `${count} tokens` : 'tokens'}`
              : 'Revoke token'}
        </FormFooter>
      }
    >
      <form id="revoke-by-value-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        {revoke === undefined ? (
          <p className="form-error">This connection’s provider does not revoke tokens by value.</p>
        ) : (
          <>
            <p className="strong">This takes effect immediately and cannot be undone.</p>
            <p className="muted">{revoke.accepts}</p>
            {token === undefined ? (
              <Field
                label="Tokens to revoke"
                error={error}
                help={`One per line, at most ${revoke.maxPerCall}. Sent once and then discarded; never stored.`}
              >
                {(props) => (
                  <textarea
                    {...props}
                    ref={fieldRef}
                    rows={5}
                    className="mono masked"
                    value={text}
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus
                    onChange={(event) => setText(event.target.value)}
                  />
                )}
              </Field>
            ) : (
              <Field
                label="Token to revoke"
                error={error}
                help={`Paste the token itself${token.last4 === null ? '' : `; it ends in “${token.last4}”`}. Sent once and then discarded; never stored.`}
              >
                {(props) => (
                  <input
                    {...props}
                    ref={fieldRef}
                    type="password"
                    className="mono"
                    value={text}
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus
                    onChange={(event) => setText(event.target.value)}
                  />
                )}
              </Field>
            )}
          </>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}
