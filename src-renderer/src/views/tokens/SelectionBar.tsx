/**
 * Above the list while tokens are picked: how many, and what can be done to all of them at once
 * (revoke, with one confirmation; snooze a week; export them). "Export view" exports every row
 * of the current view whether picked or not. "Tag…" adds tags to every picked token's annotation.
 */
import { AlarmClockOff, Ban, Download, Tag, X } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { coreNow } from '../../lib/clock';
import { describeError, toApiError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useDialogs } from '../../stores/dialogs';
import { rowsInView, useSelection } from '../../stores/selection';
import { toast } from '../../stores/toasts';
import { useTokens } from '../../stores/tokens';

const SNOOZE_MS = 7 * 24 * 60 * 60_000;

async function exportRows(tokenIds: string[]) {
  try {
    const done = await unwrap(api().exportMetadata({ format: 'csv', tokenIds }));
    if (done.path === null) toast.info('Export cancelled.');
    else toast.success(`Saved ${plural(done.count, 'token', 'tokens')} to ${done.path}.`);
  } catch (error) {
    toast.error(describeError(toApiError(error)));
  }
}

export function SelectionBar() {
  const rows = useSelection((s) => s.rows);
  const clear = useSelection((s) => s.clear);
  const openDialog = useDialogs((s) => s.open);
  const [busy, setBusy] = useState(false);
  if (rows.length === 0) return null;

  const snooze = async () => {
    setBusy(true);
    const until = coreNow() + SNOOZE_MS;
    const failed: string[] = [];
    for (const row of rows) {
      try {
        useTokens.getState().patchRow(await unwrap(api().snoozeToken({ tokenId: row.id, until })));
      } catch (error) {
        failed.push(`“${row.name}”: ${describeError(toApiError(error))}`);
      }
    }
    setBusy(false);
    void useTokens.getState().reload({ keepRows: true });
    if (failed.length === 0) {
      toast.success(`Snoozed ${plural(rows.length, 'token', 'tokens')} for a week.`);
      clear();
    } else toast.error(`Not snoozed: ${failed.join('; ')}`);
  };

  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <span className="selection-count" role="status">
        {plural(rows.length, 'token', 'tokens')} selected
      </span>
      <button
        type="button"
        className="button button-danger"
        disabled={busy}
        onClick={() => openDialog({ kind: 'bulkRevoke' })}
      >
        <Ban size={15} aria-hidden="true" />
        Revoke…
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => openDialog({ kind: 'bulkTag' })}
      >
        <Tag size={15} aria-hidden="true" />
        Tag…
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void snooze()}>
        <AlarmClockOff size={15} aria-hidden="true" />
        Snooze a week
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void exportRows(rows.map((r) => r.id))}
      >
        <Download size={15} aria-hidden="true" />
        Export selected
      </button>
      <button
        type="button"
        className="button button-quiet"
        disabled={busy}
        onClick={() => void exportRows(rowsInView().map((r) => r.id))}
      >
        Export view
      </button>
      <span className="spacer" />
      <button type="button" className="button button-quiet" onClick={clear}>
        <X size={15} aria-hidden="true" />
        Clear selection
      </button>
    </div>
  );
}
