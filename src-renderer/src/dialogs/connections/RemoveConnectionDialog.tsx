/** Remove a connection, after saying what goes with it. */
import { Unplug } from 'lucide-react';
import { useState } from 'react';
import type { ApiError } from '../../types';
import { api, unwrap } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { toApiError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useConnections } from '../../stores/connections';
import { toast } from '../../stores/toasts';
import { useConnection } from './useConnection';

export function RemoveConnectionDialog({
  connectionId,
  onClose,
}: {
  connectionId: string;
  onClose: () => void;
}) {
  const { connection, descriptor } = useConnection(connectionId);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    try {
      await unwrap(api().removeConnection({ connectionId }));
      toast.success(`Removed “${connection?.label ?? 'the connection'}”.`);
      void useConnections.getState().load();
      onClose();
    } catch (error) {
      setFailure(toApiError(error));
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={`Remove “${connection?.label ?? 'connection'}”?`}
      icon={Unplug}
      confirmLabel="Remove connection"
      confirmDisabled={busy}
      onConfirm={() => void remove()}
      onCancel={onClose}
      failure={failure}
    >
      <p>
        Tokenkeeper forgets{' '}
        {connection === undefined ? 'its tokens' : plural(connection.tokenCount, 'token', 'tokens')} listed
        under this connection and deletes its stored credential from your keychain.
      </p>
      <p className="muted">
        Nothing changes at {descriptor?.name ?? 'the provider'}: the tokens themselves keep working. You can
        add the connection again later.
      </p>
    </ConfirmDialog>
  );
}
