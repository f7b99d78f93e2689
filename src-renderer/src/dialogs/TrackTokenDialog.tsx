/** Record a token by hand (no API access), or edit one recorded earlier. */
import { PenLine } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, TokenDetail } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { DialogFooter, FormFooter } from '../components/DialogFooter';
import { FailureLine } from '../components/FailureLine';
import { Field } from '../components/Field';
import {
  emptyTracked,
  TrackedFields,
  trackedInput,
  validateTracked,
  type TrackedKey,
  type TrackedValues,
} from '../components/TrackedFields';
import { coreNow } from '../lib/clock';
import { toApiError } from '../lib/errors';
import { toDateInput } from '../lib/format';
import { providerName } from '../lib/providers';
import type { Errors } from '../lib/validation';
import { providerById, useConnections } from '../stores/connections';
import { useDialogs } from '../stores/dialogs';
import { toast } from '../stores/toasts';

type Mode = { kind: 'add'; connectionId: string | null } | { kind: 'edit'; tokenId: string };

export function TrackTokenDialog({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const providers = useConnections((s) => s.providers);
  const connections = useConnections((s) => s.connections);
  const openDialog = useDialogs((s) => s.open);
  const [now] = useState(coreNow);
  const sorted = [...connections].sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'tracked' ? -1 : 1));
  const [connectionId, setConnectionId] = useState(
    mode.kind === 'add' ? (mode.connectionId ?? sorted[0]?.id ?? '') : '',
  );
  const [existing, setExisting] = useState<TokenDetail | null>(null);
  const [values, setValues] = useState<TrackedValues | null>(null);
  const [errors, setErrors] = useState<Errors<TrackedKey>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const connection = connections.find((c) => c.id === (existing?.token.connectionId ?? connectionId));
  const descriptor = connection === undefined ? undefined : providerById(providers, connection.provider);

  const editId = mode.kind === 'edit' ? mode.tokenId : null;
  useEffect(() => {
    if (editId === null) return;
    void api()
      .getToken({ tokenId: editId })
      .then((result) => {
        if (!result.ok) {
          setFailure(result.error);
          return;
        }
        const t = result.value.token;
        setExisting(result.value);
        setValues({
          name: t.name,
          accountName: t.accountName ?? '',
          last4: t.last4 ?? '',
          created: t.createdAt === null ? '' : toDateInput(t.createdAt),
          expires: t.expiresAt === null ? '' : toDateInput(t.expiresAt),
          never: t.expiresAt === null,
          note: result.value.annotation.note ?? '',
        });
      });
  }, [editId]);

  const current = values ?? (descriptor === undefined ? null : emptyTracked(descriptor, now));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (current === null || descriptor === undefined || connection === undefined) return;
    const found = validateTracked(current, descriptor, now);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(
        () => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        0,
      );
      return;
    }
    setBusy(true);
    try {
      if (mode.kind === 'edit') {
        await unwrap(api().updateTrackedToken({ tokenId: mode.tokenId, ...trackedInput(current) }));
        toast.success(`Saved “${current.name.trim()}”.`);
      } else {
        await unwrap(api().addTrackedToken({ connectionId: connection.id, ...trackedInput(current) }));
        toast.success(`Tracking “${current.name.trim()}”. Tokenkeeper will remind you before it expires.`);
      }
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      if (
        apiError.field !== undefined &&
        ['name', 'accountName', 'last4', 'createdAt', 'expiresAt', 'note'].includes(apiError.field)
      ) {
        setErrors({ [apiError.field as TrackedKey]: apiError.message });
      } else {
        setFailure(apiError);
      }
      setBusy(false);
    }
  };

  if (connections.length === 0) {
    return (
      <Dialog
        title="Track a token"
        icon={PenLine}
        onDismiss={onClose}
        footer={
          <DialogFooter onCancel={onClose}>
            <button
              type="button"
              className="button button-primary"
              onClick={() => openDialog({ kind: 'addConnection' })}
            >
              Add connection
            </button>
          </DialogFooter>
        }
      >
        <p>
          Tokens belong to a connection. Add one first: for a provider without API access, choose “Track by
          hand”.
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={mode.kind === 'edit' ? 'Edit tracked token' : 'Track a token'}
      description="Tokenkeeper records only these details, never the token itself, and reminds you before it expires."
      icon={PenLine}
      onDismiss={onClose}
      footer={
        <FormFooter form="track-token-form" onCancel={onClose} disabled={busy || current === null}>
          {mode.kind === 'edit' ? 'Save' : 'Track token'}
        </FormFooter>
      }
    >
      <form
        id="track-token-form"
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        {mode.kind === 'add' && (
          <Field label="Connection">
            {(props) => (
              <select
                {...props}
                value={connectionId}
                onChange={(event) => {
                  setConnectionId(event.target.value);
                  setValues(null);
                  setErrors({});
                }}
              >
                {sorted.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label} ({providerName(providers, c.provider)}
                    {c.mode === 'tracked' ? ', tracked' : ''})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {mode.kind === 'add' && connection !== undefined && descriptor?.tokenCheck !== undefined && (
          <div className="info-box">
            <p>{descriptor.tokenCheck.offer}</p>
            <button
              type="button"
              className="button button-small"
              onClick={() => openDialog({ kind: 'checkPastedToken', connectionId: connection.id })}
            >
              Check a pasted token
            </button>
          </div>
        )}
        {current !== null && descriptor !== undefined ? (
          <TrackedFields descriptor={descriptor} values={current} onChange={setValues} errors={errors} />
        ) : (
          failure === null && <p className="muted">Loading…</p>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}
