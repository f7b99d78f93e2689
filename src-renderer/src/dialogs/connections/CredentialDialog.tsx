/** Re-enter the credential a connection keeps in the keychain (after a 401 or an unreadable store). */
import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../types';
import { api, unwrap } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/DialogFooter';
import { FailureLine } from '../../components/FailureLine';
import { toApiError } from '../../lib/errors';
import { useApp } from '../../stores/app';
import { useConnections } from '../../stores/connections';
import { toast } from '../../stores/toasts';
import { checkFields, CredentialFields, useWeakStorage, WeakStorageConsent } from './CredentialFields';
import { useConnection } from './useConnection';

export function CredentialDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const { connection, descriptor } = useConnection(connectionId);
  const fields = (descriptor?.connectionFields ?? []).filter((f) => f.storage === 'keychain');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [consent, setConsent] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const weak = useWeakStorage(fields);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string | undefined> = checkFields(
      fields.map((f) => ({ ...f, required: true })),
      values,
    );
    if (weak.needed && !weak.accepted && !consent)
      found.consent = 'Accept weaker storage, or unlock a keyring and try again.';
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some((e) => e !== undefined)) return;
    setBusy(true);
    try {
      if (
        weak.needed &&
        !weak.accepted &&
        (await useApp.getState().updateSettings({ weakStorageAccepted: true })) === null
      )
        return;
      const updated = await unwrap(
        api().updateCredential({
          connectionId,
          fields: Object.fromEntries(fields.map((f) => [f.key, (values[f.key] ?? '').trim()])),
        }),
      );
      setValues({});
      useConnections.getState().upsert(updated);
      toast.success(`Saved the new credential for “${updated.label}”.`);
      onClose();
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Re-enter credential"
      description={
        connection === undefined
          ? undefined
          : connection.credential === 'unreadable'
            ? `The credential stored for “${connection.label}” can no longer be read (the system keychain changed). Re-enter this credential.`
            : `Enter a new credential for “${connection.label}”. It replaces the stored one and is kept only in your system keychain.`
      }
      icon={KeyRound}
      onDismiss={onClose}
      footer={
        <FormFooter form="credential-form" onCancel={onClose} disabled={busy || weak.unavailable}>
          Save credential
        </FormFooter>
      }
    >
      <form id="credential-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        {fields.length === 0 ? (
          <p>This connection does not use a stored credential.</p>
        ) : (
          <CredentialFields
            fields={fields.map((f) => ({ ...f, required: true }))}
            values={values}
            onChange={setValues}
            errors={errors}
          />
        )}
        {weak.needed && !weak.accepted && (
          <WeakStorageConsent checked={consent} onChange={setConsent} error={errors.consent} />
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}
