/**
 * One compact strip for everything that waits on the user outside the list: notices from the
 * core (a rebuilt cache, an interrupted operation), unfinished operations, connections that need
 * a credential or a sign-in, being offline. One line, the most urgent item first; the rest open
 * below it on request, in a box that scrolls, so the list is never pushed off the window.
 */
import {
  ChevronDown,
  ChevronUp,
  CircleX,
  Info,
  KeyRound,
  LogIn,
  TriangleExclamationPoint,
  WifiOff,
  X,
} from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type { Connection } from '../types';
import { describeError, needsNewCredential } from '../lib/errors';
import { formatDateTime, formatTime } from '../lib/format';
import { useApp } from '../stores/app';
import { providerName } from '../lib/providers';
import { useConnections } from '../stores/connections';
import { useDialogs } from '../stores/dialogs';

type Level = 'error' | 'warning' | 'info';

interface StripItem {
  key: string;
  level: Level;
  title: string;
  message: string;
  actions: ReactNode;
  testId?: string;
  icon: typeof Info;
  /** Said by screen readers when it appears (the core's notices). */
  announce?: boolean;
}

const RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export function AttentionStrip() {
  const items = useStripItems();
  const [open, setOpen] = useState(false);
  if (items.length === 0) return null;
  const [first, ...rest] = items;
  if (first === undefined) return null;
  return (
    <section className={`attention-strip level-${first.level}`} aria-label="Needs your attention">
      <div className="strip-line">
        <StripRow item={first} />
        {rest.length > 0 && (
          <button
            type="button"
            className="button button-small button-quiet strip-more"
            aria-expanded={open}
            aria-controls="strip-more"
            onClick={() => setOpen(!open)}
          >
            {open ? <ChevronUp size={14} aria-hidden="true" /> : <ChevronDown size={14} aria-hidden="true" />}
            {open ? 'Show less' : `${rest.length} more`}
          </button>
        )}
      </div>
      {open && rest.length > 0 && (
        <ul id="strip-more" className="strip-more-list">
          {rest.map((item) => (
            <li key={item.key}>
              <StripRow item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StripRow({ item }: { item: StripItem }) {
  const Icon = item.icon;
  return (
    <div
      className={`strip-item strip-${item.level}`}
      data-testid={item.testId}
      role={item.announce ? (item.level === 'info' ? 'status' : 'alert') : undefined}
    >
      <Icon size={16} aria-hidden="true" className="strip-icon" />
      <p className="strip-text" title={`${item.title} ${item.message}`}>
        <strong>{item.title}</strong> <span className="strip-message">{item.message}</span>
      </p>
      <div className="strip-actions">{item.actions}</div>
    </div>
  );
}

function useStripItems(): StripItem[] {
  const notices = useApp((s) => s.notices);
  const operations = useApp((s) => s.openOperations);
  const route = useApp((s) => s.route);
  const online = useApp((s) => s.online);
  const navigate = useApp((s) => s.navigate);
  const dismiss = useApp((s) => s.dismissNotice);
  const acknowledge = useApp((s) => s.acknowledgeOperation);
  const connections = useConnections((s) => s.connections);
  const providers = useConnections((s) => s.providers);
  const openDialog = useDialogs((s) => s.open);
  const items: StripItem[] = [];

  const apiConnections = connections.filter((c) => c.mode === 'api');
  const unreachable = apiConnections.filter(
    (c) => c.lastError !== null && (c.lastError.code === 'network' || c.lastError.code === 'timeout'),
  );
  if (!online || unreachable.length > 0) {
    const last = lastSync(apiConnections);
    items.push({
      key: 'offline',
      level: 'warning',
      announce: true,
      icon: WifiOff,
      testId: 'offline-banner',
      title: online
        ? `Tokenkeeper could not reach ${unreachable.map((c) => c.label).join(', ')}.`
        : 'You are offline.',
      message:
        last === null
          ? 'Showing what Tokenkeeper has stored; nothing has been synced yet.'
          : `Showing tokens from the last sync (${formatDateTime(last)}). They may be out of date.`,
      actions: null,
    });
  }

  // An interrupted operation's notice is shown by its operation's item, which has the actions.
  for (const notice of notices.filter((n) => !operations.some((op) => n.id === `operation:${op.id}`))) {
    items.push({
      key: `notice:${notice.id}`,
      level: notice.level,
      announce: true,
      icon: notice.level === 'error' ? CircleX : notice.level === 'warning' ? TriangleExclamationPoint : Info,
      title: notice.title,
      message: notice.message,
      actions: (
        <button
          type="button"
          className="icon-button"
          aria-label={`Dismiss “${notice.title}”`}
          onClick={() => void dismiss(notice.id)}
        >
          <X size={16} aria-hidden="true" />
        </button>
      ),
    });
  }

  // A rotation waiting on the token being shown is offered right there, with its actions.
  for (const op of operations.filter(
    (o) => !(o.state === 'awaiting_confirmation' && route.view === 'token' && route.tokenId === o.tokenId),
  )) {
    items.push({
      key: `operation:${op.id}`,
      level: 'warning',
      icon: TriangleExclamationPoint,
      testId: 'open-operation',
      title:
        op.state === 'awaiting_confirmation'
          ? `Rotation of “${op.tokenName}” is waiting for you.`
          : op.state === 'interrupted'
            ? `An operation on “${op.tokenName}” was interrupted.`
            : op.state === 'ambiguous'
              ? `Unclear outcome for “${op.tokenName}”.`
              : `“${op.tokenName}”: the operation failed.`,
      message: op.advice,
      actions: (
        <>
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
        </>
      ),
    });
  }

  for (const c of apiConnections.filter(hasProblem)) {
    const credential =
      c.credential === 'unreadable' || c.status === 'needs_credential' || needsNewCredential(c.lastError);
    const signIn = !credential && (c.status === 'needs_sign_in' || c.lastError?.code === 'needs_sign_in');
    const rateLimited = c.lastError?.code === 'rate_limited';
    const name = c.label.toLowerCase().includes(providerName(providers, c.provider).toLowerCase())
      ? c.label
      : `${c.label} (${providerName(providers, c.provider)})`;
    items.push({
      key: `connection:${c.id}`,
      level: signIn || rateLimited ? 'warning' : 'error',
      icon: TriangleExclamationPoint,
      testId: 'connection-problem',
      title: `${name}: ${
        c.credential === 'unreadable'
          ? 'the stored credential can no longer be read. Re-enter this credential.'
          : credential
            ? 'the credential was refused. Re-enter the credential to sync again.'
            : signIn
              ? 'sign in again to manage its tokens.'
              : rateLimited
                ? 'the provider asked Tokenkeeper to slow down.'
                : 'the last sync failed.'
      }`,
      message: [
        c.lastError === null ? '' : describeError(c.lastError),
        rateLimited && c.lastError?.retryAt !== undefined
          ? `You can sync again after ${formatTime(c.lastError.retryAt)}.`
          : '',
      ]
        .filter((part) => part !== '')
        .join(' '),
      actions: (
        <>
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
        </>
      ),
    });
  }
  // Being offline explains every other failure: it comes first, then the most severe.
  return items.sort((a, b) =>
    a.key === 'offline' ? -1 : b.key === 'offline' ? 1 : RANK[a.level] - RANK[b.level],
  );
}

const hasProblem = (c: Connection) =>
  c.status === 'needs_credential' ||
  c.status === 'needs_sign_in' ||
  c.credential === 'unreadable' ||
  (c.status === 'error' &&
    c.lastError !== null &&
    c.lastError.code !== 'network' &&
    c.lastError.code !== 'timeout');

function lastSync(connections: Connection[]): number | null {
  const times = connections.map((c) => c.lastSyncAt).filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.max(...times);
}
