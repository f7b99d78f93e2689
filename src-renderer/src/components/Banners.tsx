/**
 * Messages that stay until dealt with: notices from the core (a rebuilt cache, an interrupted
 * operation), open operations from the journal, being offline, and connections that need the
 * user (a refused credential, a rate limit, a sign-in).
 */
import { CircleX, Info, KeyRound, LogIn, TriangleExclamationPoint, WifiOff, X } from 'lucide-react';
import type { Connection, Notice } from '../types';
import { describeError, needsNewCredential } from '../lib/errors';
import { formatDateTime, formatTime } from '../lib/format';
import { providerName } from '../lib/providers';
import { useApp } from '../stores/app';
import { useConnections } from '../stores/connections';
import { useDialogs } from '../stores/dialogs';

const NOTICE_ICONS = { info: Info, warning: TriangleExclamationPoint, error: CircleX };

export function NoticeBanners() {
  const all = useApp((s) => s.notices);
  const operations = useApp((s) => s.openOperations);
  const dismiss = useApp((s) => s.dismissNotice);
  // An interrupted operation's notice is shown by its operation banner, which has the actions.
  const notices = all.filter((n) => !operations.some((op) => n.id === `operation:${op.id}`));
  if (notices.length === 0) return null;
  return (
    <div className="banners">
      {notices.map((notice: Notice) => {
        const Icon = NOTICE_ICONS[notice.level];
        return (
          <div
            key={notice.id}
            className={`banner banner-${notice.level}`}
            role={notice.level === 'info' ? 'status' : 'alert'}
          >
            <Icon size={18} aria-hidden="true" />
            <div className="banner-text">
              <p className="banner-title">{notice.title}</p>
              <p>{notice.message}</p>
            </div>
            <button
              type="button"
              className="icon-button"
              aria-label={`Dismiss “${notice.title}”`}
              onClick={() => void dismiss(notice.id)}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        );
      })}
    </div>
  );
}

export function OperationBanners() {
  const all = useApp((s) => s.openOperations);
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const acknowledge = useApp((s) => s.acknowledgeOperation);
  // A rotation waiting on the token being shown is offered right there, with its actions.
  const operations = all.filter(
    (op) => !(op.state === 'awaiting_confirmation' && route.view === 'token' && route.tokenId === op.tokenId),
  );
  if (operations.length === 0) return null;
  return (
    <section className="banners" aria-label="Unfinished operations">
      {operations.map((op) => (
        <div key={op.id} className="banner banner-warning" data-testid="open-operation">
          <TriangleExclamationPoint size={18} aria-hidden="true" />
          <div className="banner-text">
            <p className="banner-title">
              {op.state === 'awaiting_confirmation'
                ? `Rotation of “${op.tokenName}” is waiting for you`
                : op.state === 'interrupted'
                  ? `An operation on “${op.tokenName}” was interrupted`
                  : op.state === 'ambiguous'
                    ? `Unclear outcome for “${op.tokenName}”`
                    : `“${op.tokenName}”: the operation failed`}
            </p>
            <p>{op.advice}</p>
          </div>
          <div className="banner-actions">
            {op.tokenId !== null && (
              <button
                type="button"
                className="button button-small"
                onClick={() => navigate({ view: 'token', tokenId: op.tokenId! })}
              >
                Open token
              </button>
            )}
            {op.state !== 'awaiting_confirmation' && (
              <button type="button" className="button button-small" onClick={() => void acknowledge(op.id)}>
                Acknowledge
              </button>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}

function lastSync(connections: Connection[]): number | null {
  const times = connections.map((c) => c.lastSyncAt).filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.max(...times);
}

export function OfflineBanner() {
  const online = useApp((s) => s.online);
  const connections = useConnections((s) => s.connections);
  const api = connections.filter((c) => c.mode === 'api');
  const unreachable = api.filter(
    (c) => c.lastError !== null && (c.lastError.code === 'network' || c.lastError.code === 'timeout'),
  );
  if (online && unreachable.length === 0) return null;
  const last = lastSync(api);
  const where = online
    ? `Tokenkeeper could not reach ${unreachable.map((c) => c.label).join(', ')}.`
    : 'You are offline.';
  return (
    <div className="banner banner-offline" role="status" data-testid="offline-banner">
      <WifiOff size={18} aria-hidden="true" />
      <div className="banner-text">
        <p className="banner-title">{where}</p>
        <p>
          {last === null
            ? 'Showing what Tokenkeeper has stored; nothing has been synced yet.'
            : `Showing tokens from the last sync (${formatDateTime(last)}). They may be out of date.`}
        </p>
      </div>
    </div>
  );
}

export function ConnectionProblemBanners() {
  const connections = useConnections((s) => s.connections);
  const providers = useConnections((s) => s.providers);
  const openDialog = useDialogs((s) => s.open);
  const problems = connections.filter(
    (c) =>
      c.mode === 'api' &&
      (c.status === 'needs_credential' ||
        c.status === 'needs_sign_in' ||
        c.credential === 'unreadable' ||
        (c.status === 'error' &&
          c.lastError !== null &&
          c.lastError.code !== 'network' &&
          c.lastError.code !== 'timeout')),
  );
  if (problems.length === 0) return null;
  return (
    <section className="banners" aria-label="Connection problems">
      {problems.map((c) => {
        const credential =
          c.credential === 'unreadable' || c.status === 'needs_credential' || needsNewCredential(c.lastError);
        const signIn = !credential && (c.status === 'needs_sign_in' || c.lastError?.code === 'needs_sign_in');
        const rateLimited = c.lastError?.code === 'rate_limited';
        return (
          <div
            key={c.id}
            className={`banner ${signIn ? 'banner-warning' : 'banner-error'}`}
            data-testid="connection-problem"
          >
            <TriangleExclamationPoint size={18} aria-hidden="true" />
            <div className="banner-text">
              <p className="banner-title">
                {c.label} ({providerName(providers, c.provider)}):{' '}
                {c.credential === 'unreadable'
                  ? 'the stored credential can no longer be read. Re-enter this credential.'
                  : credential
                    ? 'the credential was refused. Re-enter the credential to sync again.'
                    : signIn
                      ? 'sign in again to manage its tokens.'
                      : rateLimited
                        ? 'the provider asked Tokenkeeper to slow down.'
                        : 'the last sync failed.'}
              </p>
              {c.lastError !== null && <p>{describeError(c.lastError)}</p>}
              {rateLimited && c.lastError?.retryAt !== undefined && (
                <p className="retry-at">You can sync again after {formatTime(c.lastError.retryAt)}.</p>
              )}
            </div>
            <div className="banner-actions">
              {credential && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => openDialog({ kind: 'credential', connectionId: c.id })}
                >
                  <KeyRound size={14} aria-hidden="true" />
                  Re-enter credential
                </button>
              )}
              {signIn && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => openDialog({ kind: 'signIn', connectionId: c.id })}
                >
                  <LogIn size={14} aria-hidden="true" />
                  Sign in
                </button>
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
