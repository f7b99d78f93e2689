/**
 * Revoke: names the token, says what happens and that it is immediate, then does it. A token
 * used in the last 7 days gets a warning saying when (something still relies on it), and one
 * Revoke is refused for (the app's own credential) says why with Revoke off.
 */
import { Ban } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ApiError, TokenDetail } from '../types';
import { api, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CoreText, When } from '../components/When';
import { coreNow } from '../lib/clock';
import { toApiError } from '../lib/errors';
import { DAY_MS, formatRelative } from '../lib/format';
import { providerName } from '../lib/providers';
import { useConnections } from '../stores/connections';
import { useDetail } from '../stores/detail';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

export function RevokeDialog({ tokenId, onClose }: { tokenId: string; onClose: () => void }) {
  const providers = useConnections((s) => s.providers);
  const [detail, setDetail] = useState<TokenDetail | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .getToken({ tokenId })
      .then((result) => (result.ok ? setDetail(result.value) : setFailure(result.error)));
  }, [tokenId]);

  const revoke = async () => {
    if (detail === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const row = await unwrap(api().revokeToken({ tokenId }));
      // Show it at once; the reload that follows the core's change event confirms it.
      useTokens.getState().patchRow(row);
      void useTokens.getState().reload({ keepRows: true });
      void useDetail.getState().refresh();
      toast.success(`Revoked “${row.name}”.`, row.id);
      useTokens.getState().markChanged(row.id);
      onClose();
    } catch (error) {
      setFailure(toApiError(error));
      setBusy(false);
    }
  };

  const name = detail?.token.name ?? 'this token';
  const lastUsedAt = detail?.token.lastUsedAt ?? null;
  const now = coreNow();
  const recentlyUsed = lastUsedAt !== null && now - lastUsedAt < RECENT_USE_MS;
  const refusal = detail?.revokeRefusal ?? null;
  return (
    <ConfirmDialog
      title={`Revoke “${name}”?`}
      icon={Ban}
      confirmLabel={busy ? 'Revoking…' : 'Revoke token'}
      confirmDisabled={busy || detail === null || !detail.revocable || refusal !== null}
      onConfirm={() => void revoke()}
      onCancel={onClose}
      failure={failure}
    >
      {detail !== null && (
        <>
          {recentlyUsed && (
            <div className="confirm-box" role="alert">
              <p>
                <strong>
                  “{name}” was used {formatRelative(lastUsedAt, now)} (<When ms={lastUsedAt} />
                  ).
                </strong>{' '}
                Something still relies on it: update that place first, or it will be refused from now on.
              </p>
            </div>
          )}
          {refusal !== null && (
            <p className="form-error">
              <CoreText text={refusal} />
            </p>
          )}
          <p className="strong">This takes effect immediately.</p>
          <p>{detail.revokeEffect}</p>
          <dl className="mini-facts">
            <dt>Provider</dt>
            <dd>{providerName(providers, detail.token.provider)}</dd>
            <dt>Connection</dt>
            <dd>{detail.token.connectionLabel}</dd>
            {detail.token.last4 !== null && (
              <>
                <dt>Last 4</dt>
                <dd className="mono">{detail.token.last4}</dd>
              </>
            )}
          </dl>
          {!detail.revocable && (
            <p className="form-error">This token is {detail.token.state}; there is nothing to revoke.</p>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}

/** Used this recently, a token is probably still in use: revoking it gets a warning. */
const RECENT_USE_MS = 7 * DAY_MS;
