/** What a new user sees: what the app does, and the way in. */
import { BellRing, Copy, KeySquare, Plug, RotateCw } from 'lucide-react';
import { listWords } from '../../lib/providers';
import { useConnections } from '../../stores/connections';
import { useDialogs } from '../../stores/dialogs';

export function FirstRun() {
  const openDialog = useDialogs((s) => s.open);
  const names = useConnections((s) => s.providers).map((p) => p.name);
  return (
    <div className="view first-run">
      <div className="first-run-card">
        <span className="first-run-logo" aria-hidden="true">
          <KeySquare size={36} />
        </span>
        <h1>Welcome to Tokenkeeper</h1>
        <p className="lead">
          See every API token you hold{names.length > 0 ? ` across ${listWords(names)}` : ''} in one list,
          rotate and revoke them safely, and get a reminder before anything expires.
        </p>
        <ul className="feature-list">
          <li>
            <KeySquare size={18} aria-hidden="true" />
            One list of every token: who created it, when it was last used, when it expires.
          </li>
          <li>
            <Copy size={18} aria-hidden="true" />
            New secrets are shown once and never stored; the clipboard is cleared for you.
          </li>
          <li>
            <RotateCw size={18} aria-hidden="true" />
            Guided rotation that says what happens at each provider before anything is changed.
          </li>
          <li>
            <BellRing size={18} aria-hidden="true" />
            Reminders from the tray before a token expires.
          </li>
        </ul>
        <button
          type="button"
          className="button button-primary button-large"
          onClick={() => openDialog({ kind: 'addConnection' })}
        >
          <Plug size={18} aria-hidden="true" />
          Add connection
        </button>
        <p className="muted small">
          Tokenkeeper stores only metadata. Its own credentials stay in your system keychain.
        </p>
      </div>
    </div>
  );
}
