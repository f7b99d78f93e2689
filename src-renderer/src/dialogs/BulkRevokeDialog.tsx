/**
 * Revoke the tokens picked in the list: one confirmation listing every one (name and provider),
 * with those that cannot be revoked set apart with the reason (the connection's own credential,
 * a token no longer active, a provider whose tokens are revoked only in its console). Each revoke
 * is the ordinary one (journaled by the core, one at a time); a failure is said beside its token
 * and the others go on.
 */
import { Ban } from 'lucide-react';
import { useState } from 'react';
import type { ProviderDescriptor, TokenRow } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { DialogFooter } from '../components/DialogFooter';
import { describeError, toApiError } from '../lib/errors';
import { plural } from '../lib/format';
import { providerName } from '../lib/providers';
import { useConnections } from '../stores/connections';
import { useSelection } from '../stores/selection';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

/** Why a picked token is left out, or null when it can be revoked. */
export function whyNotRevocable(row: TokenRow, providers: readonly ProviderDescriptor[]): string | null {
  if (row.isConnectionCredential)
    return `Tokenkeeper’s own credential for “${row.connectionLabel}”: revoking it would cut the connection off.`;
  if (row.state !== 'active' && row.state !== 'grace') return `Already ${row.state}.`;
  const descriptor = providers.find((p) => p.id === row.provider);
  if (row.origin === 'synced' && descriptor !== undefined && !descriptor.capabilities.revoke)
    return `${descriptor.name} revokes tokens only in its own console.`;
  return null;
}

type Outcome = { state: 'done' } | { state: 'failed'; message: string };

export function BulkRevokeDialog({ onClose }: { onClose: () => void }) {
  const providers = useConnections((s) => s.providers);
  const [rows] = useState(() => useSelection.getState().rows);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [busy, setBusy] = useState(false);
  const [finished, setFinished] = useState(false);
  const revocable = rows.filter((r) => whyNotRevocable(r, providers) === null);
  const excluded = rows.filter((r) => whyNotRevocable(r, providers) !== null);

  const revokeAll = async () => {
    setBusy(true);
    const next: Record<string, Outcome> = {};
    for (const row of revocable) {
      try {
        useTokens.getState().patchRow(await unwrap(api().revokeToken({ tokenId: row.id })));
        next[row.id] = { state: 'done' };
      } catch (error) {
        next[row.id] = { state: 'failed', message: describeError(toApiError(error)) };
      }
      setOutcomes({ ...next });
    }
    const failed = Object.values(next).filter((o) => o.state === 'failed').length;
    const done = revocable.length - failed;
    void useTokens.getState().reload({ keepRows: true });
    useSelection.getState().clear();
    setBusy(false);
    if (failed === 0) {
      toast.success(`Revoked ${plural(done, 'token', 'tokens')}.`);
      onClose();
    } else setFinished(true);
  };

  const line = (row: TokenRow) => (
    <>
      <span className="strong">{row.name}</span>
      <span className="bulk-provider">
        {providerName(providers, row.provider)} · {row.connectionLabel}
      </span>
    </>
  );

  return (
    <Dialog
      title={`Revoke ${plural(revocable.length, 'token', 'tokens')}?`}
      icon={Ban}
      tone="danger"
      size="md"
      onDismiss={busy ? () => undefined : onClose}
      footer={
        <DialogFooter onCancel={onClose} cancelAutoFocus cancelLabel={finished ? 'Done' : 'Cancel'}>
          {!finished && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => void revokeAll()}
              disabled={busy || revocable.length === 0}
            >
              {busy ? 'Revoking…' : `Revoke ${plural(revocable.length, 'token', 'tokens')}`}
            </button>
          )}
        </DialogFooter>
      }
    >
      <p className="strong">This takes effect immediately, at each provider.</p>
      {revocable.length > 0 && (
        <ul className="bulk-list" aria-label="Tokens to revoke">
          {revocable.map((row) => {
            const outcome = outcomes[row.id];
            return (
              <li key={row.id}>
                {line(row)}
                {outcome?.state === 'done' && <span className="bulk-done">Revoked</span>}
                {outcome?.state === 'failed' && (
                  <span className="form-error bulk-failed" role="alert">
                    Not revoked: {outcome.message}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {excluded.length > 0 && (
        <>
          <p>{plural(excluded.length, 'token is', 'tokens are')} left out:</p>
          <ul className="bulk-list" aria-label="Left out">
            {excluded.map((row) => (
              <li key={row.id}>
                {line(row)}
                <span className="field-help">{whyNotRevocable(row, providers)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
