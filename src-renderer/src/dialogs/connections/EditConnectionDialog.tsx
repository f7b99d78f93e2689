/**
 * Rename a connection or change the server address it talks to. A credential is bound to the
 * address's origin (docs/security.md): the dialog says, before saving, that another host or port
 * means entering the credential again; main asks for confirmation itself and deletes it.
 */
import { Pencil } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../types';
import { api, unwrap } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/DialogFooter';
import { FailureLine } from '../../components/FailureLine';
import { Field } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { useConnections } from '../../stores/connections';
import { toast } from '../../stores/toasts';
import { AddressChoiceField } from './AddressChoiceField';
import { useConnection } from './useConnection';

export function EditConnectionDialog({
  connectionId,
  onClose,
}: {
  connectionId: string;
  onClose: () => void;
}) {
  const { connection, descriptor } = useConnection(connectionId);
  const [label, setLabel] = useState(connection?.label ?? '');
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl ?? '');
  const [errors, setErrors] = useState<{ label?: string; baseUrl?: string }>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // A tracked connection whose provider checks pasted tokens calls an address too; it stores no credential.
  const callsOut =
    connection?.mode === 'tracked' &&
    (descriptor?.tokenCheck !== undefined || descriptor?.revokeByValue !== undefined);
  const api_ = connection?.mode === 'api' && descriptor?.defaultBaseUrl !== null;
  const editsAddress = (api_ || callsOut) && descriptor?.defaultBaseUrl !== null;
  const typedOrigin = originOf(baseUrl.trim() === '' ? (descriptor?.defaultBaseUrl ?? '') : baseUrl.trim());
  const currentOrigin = originOf(connection?.effectiveBaseUrl ?? '');
  const newOrigin = api_ && typedOrigin !== null && currentOrigin !== null && typedOrigin !== currentOrigin;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { label?: string; baseUrl?: string } = {};
    if (label.trim() === '') found.label = 'Enter a name.';
    else if (label.trim().length > 200) found.label = 'Use at most 200 characters.';
    if (baseUrl.trim() !== '' && !/^https?:\/\/[^\s/]+/.test(baseUrl.trim()))
      found.baseUrl = 'Enter a full address starting with https://.';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const updated = await unwrap(
        api().updateConnection(
          editsAddress
            ? { connectionId, label: label.trim(), baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim() }
            : { connectionId, label: label.trim() },
        ),
      );
      useConnections.getState().upsert(updated);
      toast.success(`Saved “${updated.label}”.`);
      onClose();
    } catch (error) {
      setFailure(toApiError(error));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Edit connection"
      icon={Pencil}
      size="sm"
      onDismiss={onClose}
      footer={
        <FormFooter form="edit-connection-form" onCancel={onClose} disabled={busy}>
          Save
        </FormFooter>
      }
    >
      <form id="edit-connection-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Connection name" error={errors.label}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              autoFocus
            />
          )}
        </Field>
        {api_ && descriptor?.addressChoices !== undefined && (
          <AddressChoiceField
            choices={descriptor.addressChoices}
            defaultBaseUrl={descriptor.defaultBaseUrl}
            value={baseUrl}
            onChange={(next) => {
              setBaseUrl(next);
              setFailure(null);
            }}
          />
        )}
        {editsAddress && (
          <Field
            label="Server address"
            optional
            error={errors.baseUrl}
            help={
              api_
                ? `Leave empty for ${descriptor?.defaultBaseUrl ?? 'the default'}. The stored credential works only for the address it was entered for: a different host or port means entering it again.`
                : `Leave empty for ${descriptor?.defaultBaseUrl ?? 'the default'}. Pasted tokens are sent only to this address.`
            }
          >
            {(props) => (
              <input
                {...props}
                type="url"
                value={baseUrl}
                placeholder={descriptor?.defaultBaseUrl ?? ''}
                onChange={(event) => {
                  setBaseUrl(event.target.value);
                  // A refusal was about the address typed before.
                  setFailure(null);
                }}
              />
            )}
          </Field>
        )}
        {newOrigin && (
          <div className="confirm-box" role="note" data-testid="origin-change-note">
            <p>
              <strong>A new address needs the credential again.</strong> {typedOrigin} is not {currentOrigin}.
              When you save, Tokenkeeper asks you to confirm, then deletes the stored credential and sign-in,
              which were entered for the old address only.
            </p>
          </div>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}

/** The origin of a typed address, or null while it is not one yet. */
function originOf(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
