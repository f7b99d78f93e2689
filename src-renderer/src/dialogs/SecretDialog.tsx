/**
 * The copy-once secret dialog. It asks main for the secret exactly once and keeps it ONLY in
 * this component's local state: never a store, never storage, never a URL, never a log. Copy
 * goes through main, which writes the clipboard (marked concealed where the OS allows) and
 * clears it after the configured delay if it still holds the secret. Every way of copying from
 * the field (Ctrl/Cmd+C, Edit › Copy, the context menu, cut, dragging the selection out) is
 * turned into that same protected copy, so no path puts the secret on the clipboard unmarked and
 * untimed. Reload keys are swallowed while it is open (a reload would lose the secret for good).
 * Closing without copying asks first. On close the value is dropped here and main is told to
 * discard its copy, so the secret is in neither the DOM nor any state afterwards.
 *
 * `recoveredUntil`: the window was lost (crash, reload) while main held this secret, and main
 * keeps it for one more showing until then.
 */
import { Check, Copy, KeyRound, TriangleExclamationPoint } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { ApiError } from '../types';
import { api } from '../api';
import { Dialog } from '../components/Dialog';
import { FailureLine } from '../components/FailureLine';
import { CoreText } from '../components/When';
import { describeError } from '../lib/errors';
import { formatTime, plural, secondsUntil } from '../lib/format';
import { isReloadKey } from '../lib/reload-keys';

interface SecretDialogProps {
  secretId: string;
  tokenName: string;
  /** A line under the title, e.g. what the rotation did. */
  context?: string;
  /** Set when this is the one more showing after the window was lost: when main wipes it. */
  recoveredUntil?: number;
  onClosed: () => void;
}

export function SecretDialog({ secretId, tokenName, context, recoveredUntil, onClosed }: SecretDialogProps) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [copy, setCopy] = useState<{ clearsAt: number | null; seconds: number | null } | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);
  const [cleared, setCleared] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const revealed = useRef(false);
  const fieldRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Reveal works once per secret; never ask twice (React may run effects twice in development).
    if (revealed.current) return;
    revealed.current = true;
    void api()
      .revealSecret({ secretId })
      .then((result) => {
        if (result.ok) setValue(result.value.value);
        else setError(result.error);
      });
  }, [secretId]);

  useEffect(() => api().onClipboardCleared(() => setCleared(true)), []);
  // Focus starts on Copy, the one thing to do here, as soon as there is something to copy. In
  // the commit that shows the value (a layout effect), not after it: a passive effect may run a
  // moment after the value is on screen, and take focus from the field someone just clicked.
  const revealedValue = value !== null;
  useLayoutEffect(() => {
    if (revealedValue) copyRef.current?.focus();
  }, [revealedValue]);

  // Before any other handler: a reload now would lose the secret for good.
  useEffect(() => {
    const swallowReload = (event: KeyboardEvent) => {
      if (isReloadKey(event)) event.preventDefault();
    };
    window.addEventListener('keydown', swallowReload, true);
    return () => window.removeEventListener('keydown', swallowReload, true);
  }, []);

  const doCopy = async () => {
    setCopyError(null);
    const result = await api().copySecret({ secretId });
    if (result.ok) {
      setCleared(false);
      setCopy({
        clearsAt: result.value.clearsAt,
        seconds: result.value.clearsAt === null ? null : secondsUntil(result.value.clearsAt),
      });
      setConfirming(false);
    } else {
      setCopyError(describeError(result.error));
    }
  };

  // The page's own copy would put the secret on the clipboard without the concealment markers
  // and without the timed clear: every copy from the field goes through main instead.
  const protectedCopy = (event: ClipboardEvent<HTMLInputElement> | DragEvent<HTMLInputElement>) => {
    event.preventDefault();
    void doCopy();
  };

  const close = () => {
    setValue(null);
    void api().discardSecret({ secretId });
    onClosed();
  };

  const requestClose = () => {
    if (copy === null && value !== null) setConfirming(true);
    else close();
  };

  return (
    <Dialog
      title={`Copy the secret for “${tokenName}”`}
      description={
        recoveredUntil !== undefined ? (
          `The window closed unexpectedly while this secret was shown, so Tokenkeeper kept it for one more showing. It is wiped at ${formatTime(recoveredUntil)}: copy it now.`
        ) : context !== undefined ? (
          <CoreText text={context} />
        ) : (
          'This is the only time Tokenkeeper shows it. It is not stored anywhere.'
        )
      }
      icon={KeyRound}
      size="md"
      onDismiss={requestClose}
      closeLabel="Close secret dialog"
      testId="secret-dialog"
      footer={
        confirming ? (
          <>
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Go back
            </button>
            <button type="button" className="button button-danger" onClick={close}>
              Close without copying
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={requestClose}>
              {copy === null ? 'Close' : 'Done'}
            </button>
            {value !== null && (
              <button
                ref={copyRef}
                type="button"
                className="button button-primary"
                onClick={() => void doCopy()}
                data-autofocus
              >
                {copy === null ? (
                  <Copy size={16} aria-hidden="true" />
                ) : (
                  <Check size={16} aria-hidden="true" />
                )}
                {copy === null ? 'Copy secret' : 'Copy again'}
              </button>
            )}
          </>
        )
      }
    >
      {error !== null ? (
        <FailureLine failure={error} />
      ) : value === null ? (
        <p className="muted">Fetching the secret…</p>
      ) : (
        <div className="secret-block">
          <label htmlFor="secret-value" className="field-label">
            New secret
          </label>
          <input
            ref={fieldRef}
            id="secret-value"
            className="secret-field"
            type="text"
            readOnly
            value={value}
            spellCheck={false}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            onFocus={() => fieldRef.current?.select()}
            onCopy={protectedCopy}
            onCut={protectedCopy}
            onDragStart={protectedCopy}
            data-testid="secret-value"
          />
          <p className="field-help">Copy it into the place that needs it now. It cannot be shown again.</p>
        </div>
      )}
      <div aria-live="polite" className="secret-status">
        {copy !== null && !cleared && (
          <p className="success-line">
            <Check size={16} aria-hidden="true" />
            {copy.clearsAt === null
              ? 'Copied to the clipboard.'
              : `Copied. The clipboard will be cleared in ${plural(copy.seconds ?? 0, 'second', 'seconds')} (at ${formatTime(copy.clearsAt)}) if it still holds this secret.`}
          </p>
        )}
        {cleared && <p className="muted">The clipboard was cleared.</p>}
        {copyError !== null && (
          <p className="form-error" role="alert">
            {copyError}
          </p>
        )}
      </div>
      {confirming && (
        <div className="confirm-box" role="alert">
          <TriangleExclamationPoint size={18} aria-hidden="true" />
          <div>
            <p className="confirm-title">You will not see this secret again.</p>
            <p>
              You have not copied it. If you close now, the only way to get a working secret is to rotate or
              create the token again.
            </p>
          </div>
        </div>
      )}
    </Dialog>
  );
}
