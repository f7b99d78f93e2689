/**
 * Settings › Export: keep an `.ics` file up to date for a calendar app to subscribe to. The file is
 * chosen in main's own save dialog (the window never names a path), written at once and then
 * rewritten by the core whenever tokens or the reminder thresholds change.
 */
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { describeError, toApiError } from '../../lib/errors';
import { useApp } from '../../stores/app';
import type { Settings } from '../../types';

export function CalendarFileSetting({ settings }: { settings: Settings }) {
  const setSettings = useApp((s) => s.setSettings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kept = settings.calendarFilePath;
  const keep = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setSettings(await unwrap(api().keepCalendarFile({ keep: on })));
    } catch (failure) {
      setError(describeError(toApiError(failure)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="calendar-file">
      <label className="check">
        <input
          type="checkbox"
          checked={kept !== null}
          disabled={busy}
          onChange={(event) => void keep(event.target.checked)}
        />
        Keep an expiry calendar (.ics) up to date for calendar subscription
      </label>
      <p className="field-help">
        {kept === null ? (
          'You choose where the file goes; Tokenkeeper rewrites it whenever tokens or reminder thresholds change.'
        ) : (
          <>
            Kept up to date at <span className="mono small break">{kept}</span>{' '}
            <button type="button" className="link-button" disabled={busy} onClick={() => void keep(true)}>
              Choose another file…
            </button>
          </>
        )}
      </p>
      {error !== null && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
