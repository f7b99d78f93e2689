/**
 * Settings › Delivery connections: the credentials through which a rotation delivers its new
 * secret to remote targets (CI secrets, CI/CD variables). The services offered, their default
 * addresses and what token each needs come from the core; this window names none of them. The
 * token is sent to main once, verified there, kept in the OS keychain, and never shown again.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import { describeError, toApiError } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import type { DeliveryConnections } from '../../types';

type Kind = DeliveryConnections['choices'][number]['kind'];

export function DeliveryConnectionsSetting() {
  const [state, setState] = useState<DeliveryConnections | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const load = () =>
    unwrap(api().listDeliveryConnections()).then(
      (loaded) => {
        setState(loaded);
        setKind((k) => k ?? loaded.choices[0]?.kind ?? null);
      },
      (failure: unknown) => setError({ field: null, message: describeError(toApiError(failure)) }),
    );
  useEffect(() => {
    void load();
  }, []);

  const choice = state?.choices.find((c) => c.kind === kind) ?? null;

  const add = async () => {
    if (kind === null) return;
    setBusy(true);
    setError(null);
    try {
      const added = await unwrap(
        api().addDeliveryConnection({ kind, label, baseUrl: baseUrl.trim() === '' ? null : baseUrl, token }),
      );
      setToken('');
      setLabel('');
      setBaseUrl('');
      toast.success(
        `Delivery connection “${added.label}” added${added.account === null ? '' : ` for ${added.account}`}.`,
      );
      await load();
    } catch (failure) {
      const apiError = toApiError(failure);
      setError({ field: apiError.field ?? null, message: describeError(apiError) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    setRemoving(null);
    try {
      await unwrap(api().removeDeliveryConnection({ deliveryConnectionId: id }));
      toast.success('Delivery connection removed; its token was deleted from the keychain.');
      await load();
    } catch (failure) {
      setError({ field: null, message: describeError(toApiError(failure)) });
    }
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : null);
  const serviceName = (k: Kind) => state?.choices.find((c) => c.kind === k)?.label ?? k;

  return (
    <div className="delivery-connections">
      <p className="field-help">
        A rotation can deliver the new secret to CI secrets and variables through a token of their own. Each
        token is checked when added, kept in the system keychain, and sent only to the address it was added
        for.
      </p>
      {state !== null && state.connections.length === 0 && (
        <p className="field-help">No delivery connections yet.</p>
      )}
      {state !== null && state.connections.length > 0 && (
        <ul className="delivery-connection-list" aria-label="Delivery connections">
          {state.connections.map((c) => (
            <li key={c.id} className="delivery-connection">
              <div>
                <strong>{c.label}</strong> · {serviceName(c.kind)}
                {c.account === null ? '' : ` · ${c.account}`}
                <div className="mono small break">{c.baseUrl}</div>
              </div>
              {removing === c.id ? (
                <span className="button-row">
                  <button type="button" className="button button-danger" onClick={() => void remove(c.id)}>
                    Remove and delete token
                  </button>
                  <button type="button" className="button" onClick={() => setRemoving(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove the delivery connection ${c.label}`}
                  onClick={() => setRemoving(c.id)}
                >
                  <Trash2 size={16} aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {state !== null && choice !== null && (
        <form
          className="delivery-connection-form"
          aria-label="Add a delivery connection"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <Field label="Service">
            {(props) => (
              <select {...props} value={choice.kind} onChange={(event) => setKind(event.target.value)}>
                {state.choices.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Name" error={fieldError('label')}>
            {(props) => (
              <input
                {...props}
                type="text"
                value={label}
                onChange={(event) => setLabel(event.target.value)}
              />
            )}
          </Field>
          <Field label="Address" optional help={choice.baseUrlHelp} error={fieldError('baseUrl')}>
            {(props) => (
              <input
                {...props}
                type="text"
                className="mono"
                placeholder={choice.defaultBaseUrl}
                value={baseUrl}
                onChange={(event) => setBaseUrl(event.target.value)}
              />
            )}
          </Field>
          <Field label="Token" help={choice.tokenHelp} error={fieldError('token')}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={token}
                onChange={(event) => setToken(event.target.value)}
              />
            )}
          </Field>
          <div className="button-row">
            <button
              type="submit"
              className="button"
              disabled={busy || label.trim() === '' || token.trim() === ''}
            >
              <Plus size={16} aria-hidden="true" />
              {busy ? 'Checking the token…' : 'Add delivery connection'}
            </button>
          </div>
        </form>
      )}
      {error !== null && error.field !== 'label' && error.field !== 'baseUrl' && error.field !== 'token' && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
    </div>
  );
}
