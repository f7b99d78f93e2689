/** Every connection with its state, and what can be done with it. */
import {
  FlaskConical,
  KeyRound,
  LogIn,
  LogOut,
  Pencil,
  Plug,
  Plus,
  RefreshCw,
  ScanSearch,
  ShieldX,
  Unplug,
} from 'lucide-react';
import { useState } from 'react';
import type { Connection, ProviderDescriptor } from '../../types';
import { api, unwrap } from '../../api';
import { ProviderMark } from '../../components/ProviderMark';
import { EmptyState, Spinner } from '../../components/States';
import { describeError, needsNewCredential, toApiError } from '../../lib/errors';
import { formatDateTime, formatRelative, formatTime, plural } from '../../lib/format';
import { listWords } from '../../lib/providers';
import { providerById, useConnections } from '../../stores/connections';
import { useDialogs } from '../../stores/dialogs';
import { toast } from '../../stores/toasts';

const STATUS_TEXT: Record<Connection['status'], string> = {
  never_synced: 'Not synced yet',
  syncing: 'Syncing…',
  ok: 'Up to date',
  error: 'Last sync failed',
  needs_credential: 'Needs a new credential',
  needs_sign_in: 'Needs sign-in',
  tracked: 'Tracked by hand',
};

const STATUS_TONE: Record<Connection['status'], string> = {
  never_synced: 'neutral',
  syncing: 'info',
  ok: 'success',
  error: 'danger',
  needs_credential: 'danger',
  needs_sign_in: 'warning',
  tracked: 'info',
};

export function ConnectionsView() {
  const connections = useConnections((s) => s.connections);
  const providers = useConnections((s) => s.providers);
  const openDialog = useDialogs((s) => s.open);
  return (
    <div className="view connections-view">
      <div className="view-header">
        <div>
          <h1>Connections</h1>
          <p className="view-subtitle">
            Where Tokenkeeper finds your tokens. Credentials stay in your system keychain.
          </p>
        </div>
        <div className="view-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => openDialog({ kind: 'addConnection' })}
          >
            <Plus size={16} aria-hidden="true" />
            Add connection
          </button>
        </div>
      </div>
      {connections.length === 0 ? (
        <EmptyState
          icon={Plug}
          title="No connections yet"
          actions={
            <button
              type="button"
              className="button button-primary"
              onClick={() => openDialog({ kind: 'addConnection' })}
            >
              Add connection
            </button>
          }
        >
          <p>{howToStart(providers)}</p>
        </EmptyState>
      ) : (
        <ul className="connection-list">
          {connections.map((connection) => (
            <li key={connection.id}>
              <ConnectionCard connection={connection} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ConnectionCard({ connection: c }: { connection: Connection }) {
  const descriptor = useConnections((s) => providerById(s.providers, c.provider));
  const progress = useConnections((s) => s.progress[c.id]);
  const syncing = useConnections((s) => s.syncing.includes(c.id));
  const syncNow = useConnections((s) => s.syncNow);
  const openDialog = useDialogs((s) => s.open);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null);
  const headingId = `connection-${c.id}`;
  const isApi = c.mode === 'api';
  const usesKeychain = isApi && (descriptor?.connectionFields.some((f) => f.storage === 'keychain') ?? false);
  const hasSession = isApi && descriptor !== undefined && descriptor.session !== 'none';
  const status = syncing ? 'syncing' : c.status;

  const test = async () => {
    setTesting(true);
    setTestResult(null);
    try {
      setTestResult(await unwrap(api().testConnection({ connectionId: c.id })));
    } catch (error) {
      setTestResult({ ok: false, message: describeError(toApiError(error)) });
    } finally {
      setTesting(false);
    }
  };

  const signOut = async () => {
    try {
      useConnections.getState().upsert(await unwrap(api().signOut({ connectionId: c.id })));
      toast.success(`Signed out of “${c.label}”.`);
    } catch (error) {
      toast.error(describeError(toApiError(error)));
    }
  };

  return (
    <article className="connection-card" aria-labelledby={headingId} data-testid="connection-card">
      <header className="connection-head">
        <ProviderMark provider={c.provider} withName={false} />
        <div className="connection-titles">
          <h2 id={headingId}>{c.label}</h2>
          <p className="muted">
            {descriptor?.name ?? c.provider} · {isApi ? 'API' : 'Tracked by hand'}
            {c.identity !== null ? ` · ${c.identity}` : ''}
          </p>
        </div>
        <span className={`status-pill tone-${STATUS_TONE[status]}`}>
          {status === 'syncing' && <Spinner size={12} />}
          {STATUS_TEXT[status]}
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>Tokens</dt>
          <dd>{plural(c.tokenCount, 'token', 'tokens')}</dd>
        </div>
        {isApi && (
          <div>
            <dt>Last sync</dt>
            <dd>
              {c.lastSyncAt === null ? (
                'Never'
              ) : (
                <span title={formatDateTime(c.lastSyncAt)}>{formatRelative(c.lastSyncAt)}</span>
              )}
            </dd>
          </div>
        )}
        {c.accounts.length > 0 && (
          <div>
            <dt>{descriptor?.accountNoun.many ?? 'Accounts'}</dt>
            <dd>{c.accounts.map((a) => a.name).join(', ')}</dd>
          </div>
        )}
        {isApi && c.effectiveBaseUrl !== null && (
          <div>
            <dt>Server</dt>
            <dd className="mono small">{c.effectiveBaseUrl}</dd>
          </div>
        )}
        {usesKeychain && (
          <div>
            <dt>Credential</dt>
            <dd>
              {c.credential === 'stored'
                ? 'In the system keychain'
                : c.credential === 'unreadable'
                  ? 'Unreadable: re-enter this credential'
                  : 'Missing'}
            </dd>
          </div>
        )}
        {hasSession && (
          <div>
            <dt>Session</dt>
            <dd>{c.signedIn ? 'Signed in' : 'Signed out'}</dd>
          </div>
        )}
      </dl>
      {syncing && progress !== undefined && (
        <p className="muted" role="status">
          Fetched {plural(progress.fetched, 'token', 'tokens')}…
        </p>
      )}
      {c.lastError !== null && !syncing && (
        <div className="inline-error" role="alert">
          <p>{describeError(c.lastError)}</p>
          {c.lastError.code === 'rate_limited' && c.lastError.retryAt !== undefined && (
            <p>You can sync again after {formatTime(c.lastError.retryAt)}.</p>
          )}
        </div>
      )}
      {testResult !== null && (
        <p
          className={testResult.ok ? 'success-line' : 'inline-error'}
          role="status"
          data-testid="test-result"
          data-ok={testResult.ok}
        >
          {testResult.message}
        </p>
      )}
      <div className="card-actions">
        {isApi && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void syncNow([c.id])}
            disabled={syncing}
          >
            <RefreshCw size={14} aria-hidden="true" />
            Sync
          </button>
        )}
        {isApi && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void test()}
            disabled={testing}
          >
            <FlaskConical size={14} aria-hidden="true" />
            {testing ? 'Testing…' : 'Test'}
          </button>
        )}
        {usesKeychain && (
          <button
            type="button"
            className={`button button-small${c.credential !== 'stored' || needsNewCredential(c.lastError) ? ' button-accent' : ''}`}
            onClick={() => openDialog({ kind: 'credential', connectionId: c.id })}
          >
            <KeyRound size={14} aria-hidden="true" />
            Re-enter credential
          </button>
        )}
        {hasSession &&
          (c.signedIn ? (
            <button type="button" className="button button-small" onClick={() => void signOut()}>
              <LogOut size={14} aria-hidden="true" />
              Sign out
            </button>
          ) : (
            <button
              type="button"
              className="button button-small button-accent"
              onClick={() => openDialog({ kind: 'signIn', connectionId: c.id })}
            >
              <LogIn size={14} aria-hidden="true" />
              Sign in
            </button>
          ))}
        {descriptor?.tokenCheck !== undefined && (
          <button
            type="button"
            className="button button-small"
            onClick={() => openDialog({ kind: 'checkPastedToken', connectionId: c.id })}
          >
            <ScanSearch size={14} aria-hidden="true" />
            Check a pasted token
          </button>
        )}
        {descriptor?.revokeByValue !== undefined && (
          <button
            type="button"
            className="button button-small"
            onClick={() => openDialog({ kind: 'revokeByValue', connectionId: c.id })}
          >
            <ShieldX size={14} aria-hidden="true" />
            Revoke leaked tokens
          </button>
        )}
        <button
          type="button"
          className="button button-small"
          onClick={() => openDialog({ kind: 'editConnection', connectionId: c.id })}
        >
          <Pencil size={14} aria-hidden="true" />
          Edit
        </button>
        <button
          type="button"
          className="button button-small button-quiet-danger"
          onClick={() => openDialog({ kind: 'removeConnection', connectionId: c.id })}
        >
          <Unplug size={14} aria-hidden="true" />
          Remove
        </button>
      </div>
    </article>
  );
}

/** "Connect A, B or C to list their tokens, or track D tokens by hand." */
function howToStart(providers: readonly ProviderDescriptor[]): string {
  const withApi = providers.filter((p) => p.hasApi).map((p) => p.name);
  const trackedOnly = providers.filter((p) => !p.hasApi).map((p) => p.name);
  const track = `${trackedOnly.length > 0 ? `${listWords(trackedOnly, 'or')} ` : ''}tokens by hand.`;
  return withApi.length > 0
    ? `Connect ${listWords(withApi, 'or')} to list their tokens, or track ${track}`
    : `Track ${track}`;
}
