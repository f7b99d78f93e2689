/**
 * One token: all its metadata, scope, usage history (where reported), rotation chain, open operations and
 * audit trail, with its actions (rotate, revoke, snooze, edit for tracked tokens).
 */
import { ArrowLeft, Ban, BellOff, Bell, Pencil, RotateCw, ShieldX, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { Operation, TokenDetail, TokenRow } from '../../types';
import { api, unwrap } from '../../api';
import { BadgeList } from '../../components/BadgeList';
import { AnnotationPanel } from './AnnotationPanel';
import { ReportedProblem } from './ReportedProblem';
import { ProviderMark } from '../../components/ProviderMark';
import { ErrorPanel, Spinner } from '../../components/States';
import { createdText, expiresText, Last4, lastUsedText } from '../../components/TokenCells';
import { coreNow } from '../../lib/clock';
import { describeError, toApiError } from '../../lib/errors';
import { DAY_MS, formatDate } from '../../lib/format';
import { CoreText, When } from '../../components/When';
import { useProvider } from '../../lib/providers';
import { useApp } from '../../stores/app';
import { useDetail } from '../../stores/detail';
import { useDialogs } from '../../stores/dialogs';
import { toast } from '../../stores/toasts';
import { useTokens } from '../../stores/tokens';

/**
 * `beside`: in the pane next to the list (a close button; the list keeps the page's heading).
 * `page`: in place of the list, in a narrow window (a back button; the token's name heads the page).
 */
export function TokenDetailView({ tokenId, mode }: { tokenId: string; mode: 'beside' | 'page' }) {
  const { detail, status, error, load } = useDetail();
  const navigate = useApp((s) => s.navigate);

  useEffect(() => {
    void load(tokenId);
  }, [tokenId, load]);

  const back =
    mode === 'page' ? (
      <button
        type="button"
        className="button button-quiet back-button"
        onClick={() => navigate({ view: 'tokens' })}
        aria-keyshortcuts="Escape Alt+ArrowLeft"
      >
        <ArrowLeft size={16} aria-hidden="true" />
        Back to the list
      </button>
    ) : (
      <button
        type="button"
        className="icon-button detail-close"
        aria-label="Close details"
        aria-keyshortcuts="Escape"
        title="Close details (Esc)"
        onClick={() => navigate({ view: 'tokens' })}
      >
        <X size={18} aria-hidden="true" />
      </button>
    );
  const Heading = mode === 'page' ? 'h1' : 'h2';

  if (status === 'error' && error !== null) {
    return (
      <div className={`detail-view detail-${mode}`}>
        {back}
        <Heading className="visually-hidden">Token</Heading>
        <ErrorPanel title="This token could not be shown." message={describeError(error)} />
      </div>
    );
  }
  if (detail === null || detail.token.id !== tokenId) {
    return (
      <div className={`detail-view detail-${mode}`}>
        {back}
        <Heading className="visually-hidden">Token</Heading>
        <Spinner label="Loading the token…" />
      </div>
    );
  }
  return (
    <div className={`detail-view detail-${mode}`}>
      {back}
      <Detail detail={detail} heading={Heading} />
    </div>
  );
}

function Detail({ detail, heading: Heading }: { detail: TokenDetail; heading: 'h1' | 'h2' }) {
  const t = detail.token;
  const provider = useProvider(t.provider);
  const providerName = provider?.name ?? t.provider;
  const openDialog = useDialogs((s) => s.open);
  const navigate = useApp((s) => s.navigate);
  const live = t.state === 'active' || t.state === 'grace';
  const created = createdText(t);
  const lastUsed = lastUsedText(t, provider?.reportsLastUse ?? false);
  const expires = expiresText(t);
  const awaiting = detail.operations.filter((op) => op.state === 'awaiting_confirmation');

  return (
    <article className="detail" aria-labelledby="token-title">
      <header className="detail-head">
        <div className="detail-titles">
          <p className="detail-provider">
            <ProviderMark provider={t.provider} /> · {t.connectionLabel}
          </p>
          <Heading id="token-title">{t.name}</Heading>
          <BadgeList badges={t.badges} problem={provider?.reportedProblem} />
        </div>
        <div className="detail-actions">
          {t.origin === 'tracked' && live && (
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'editTracked', tokenId: t.id })}
            >
              <Pencil size={16} aria-hidden="true" />
              Edit
            </button>
          )}
          {live && <SnoozeControl token={t} />}
          {live && (
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'rotate', tokenId: t.id })}
            >
              <RotateCw size={16} aria-hidden="true" />
              Rotate
            </button>
          )}
          {detail.revocable && (
            <button
              type="button"
              className="button button-danger"
              disabled={detail.revokeRefusal !== null}
              aria-describedby={detail.revokeRefusal !== null ? 'revoke-refusal' : undefined}
              title={detail.revokeRefusal ?? undefined}
              onClick={() => openDialog({ kind: 'revoke', tokenId: t.id })}
            >
              <Ban size={16} aria-hidden="true" />
              Revoke
            </button>
          )}
          {/* Where the provider revokes by value (e.g. a leaked token): paste it again to revoke it there. */}
          {live && provider?.revokeByValue !== undefined && (
            <button
              type="button"
              className="button button-danger"
              onClick={() =>
                openDialog({
                  kind: 'revokeByValue',
                  connectionId: t.connectionId,
                  token: { id: t.id, name: t.name, last4: t.last4 },
                })
              }
            >
              <ShieldX size={16} aria-hidden="true" />
              Revoke by value
            </button>
          )}
        </div>
      </header>
      {detail.revocable && detail.revokeRefusal !== null && (
        // Said before the click, not after it: why Revoke is off for this token.
        <p id="revoke-refusal" className="muted small detail-refusal">
          Revoke is not available: {detail.revokeRefusal}
        </p>
      )}

      <ReportedProblem detail={detail} provider={provider} />

      {awaiting.map((op) => (
        <AwaitingRotation key={op.id} operation={op} />
      ))}

      <div className="detail-grid">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Details</h2>
          <dl className="facts facts-wide">
            <div>
              <dt>Provider</dt>
              <dd>{providerName}</dd>
            </div>
            <div>
              <dt>{provider?.accountNoun.one ?? 'Account'}</dt>
              <dd>{t.accountName ?? '—'}</dd>
            </div>
            <div>
              <dt>Connection</dt>
              <dd>{t.connectionLabel}</dd>
            </div>
            <div>
              <dt>Last 4</dt>
              <dd>
                <Last4 last4={t.last4} />
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>
                {created.primary}
                {created.secondary !== null &&
                  (t.createdAt === null ? ` (${created.secondary})` : ` ${created.secondary}`)}
              </dd>
            </div>
            <div>
              <dt>Last used</dt>
              <dd>
                {lastUsed.primary}
                {lastUsed.secondary !== null && ` (${lastUsed.secondary})`}
              </dd>
            </div>
            <div>
              <dt>{t.state === 'grace' ? 'Stops working (end of grace period)' : 'Expires'}</dt>
              <dd>
                {t.state === 'grace' && t.graceEndsAt !== null ? (
                  <>
                    {expires.primary} (<When ms={t.graceEndsAt} />)
                  </>
                ) : (
                  `${expires.primary}${expires.secondary !== null ? ` (${expires.secondary})` : ''}`
                )}
              </dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>{stateText(t)}</dd>
            </div>
            <div>
              <dt>Origin</dt>
              <dd>{t.origin === 'tracked' ? 'Recorded by hand' : `Synced from ${providerName}`}</dd>
            </div>
            {t.snoozedUntil !== null && t.snoozedUntil > coreNow() && (
              <div>
                <dt>Reminders</dt>
                <dd>
                  Snoozed until <When ms={t.snoozedUntil} />
                </dd>
              </div>
            )}
            {t.isConnectionCredential && (
              <div>
                <dt>Used by Tokenkeeper</dt>
                <dd>This is the token Tokenkeeper uses for this connection.</dd>
              </div>
            )}
          </dl>
        </section>

        <section className="panel" aria-labelledby="scope-title">
          <h2 id="scope-title">Scope</h2>
          <ScopeView detail={detail} />
          <h2 id="chain-title" className="panel-subtitle">
            Rotation chain
          </h2>
          {detail.replaces === null && detail.replacedBy === null ? (
            <InPlaceChain detail={detail} />
          ) : (
            <ul className="chain">
              {detail.replaces !== null && (
                <ChainLink
                  label="Replaces"
                  row={detail.replaces}
                  onOpen={() => navigate({ view: 'token', tokenId: detail.replaces!.id })}
                />
              )}
              {detail.replacedBy !== null && (
                <ChainLink
                  label="Replaced by"
                  row={detail.replacedBy}
                  onOpen={() => navigate({ view: 'token', tokenId: detail.replacedBy!.id })}
                />
              )}
            </ul>
          )}
          {detail.rotation.allowed && <p className="muted small">Rotation here: {detail.rotation.summary}</p>}
        </section>
      </div>

      <AnnotationPanel
        key={`${t.id}:${JSON.stringify(detail.annotation)}`}
        tokenId={t.id}
        saved={detail.annotation}
        onSaved={() => void useDetail.getState().refresh()}
      />

      {provider?.capabilities.usageHistory === true && (
        <section className="panel" aria-labelledby="usage-title">
          <h2 id="usage-title">Usage history</h2>
          {detail.usageHistory.length === 0 ? (
            <p className="muted">{providerName} reports no use of this token.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Location</th>
                  <th scope="col">Browser</th>
                  <th scope="col">OS</th>
                </tr>
              </thead>
              <tbody>
                {detail.usageHistory.map((u, i) => (
                  <tr key={`${u.at}-${i}`}>
                    <td>
                      <When ms={u.at} />
                    </td>
                    <td className="mono">{u.ip ?? '—'}</td>
                    <td>{u.location ?? '—'}</td>
                    <td>{u.browser ?? '—'}</td>
                    <td>{u.os ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        {detail.operations.length > 0 && (
          <>
            <h3 className="section-title">Operations</h3>
            <ul className="timeline">
              {detail.operations.map((op) => (
                <li key={op.id}>
                  <span className={`dot op-${op.state}`} aria-hidden="true" />
                  <span className="timeline-when">
                    <When ms={op.startedAt} />
                  </span>
                  <span>
                    {OPERATION_KIND[op.kind]}: {OPERATION_STATE[op.state]}
                    {op.advice !== '' && (
                      <span className="muted">
                        {' '}
                        — <CoreText text={op.advice} />
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        <h3 className="section-title">Audit trail</h3>
        {detail.audit.length === 0 ? (
          <p className="muted">Nothing recorded yet.</p>
        ) : (
          <ul className="timeline">
            {detail.audit.map((entry) => (
              <li key={entry.id}>
                <span className={`dot outcome-${entry.outcome}`} aria-hidden="true" />
                <span className="timeline-when">
                  <When ms={entry.at} />
                </span>
                <span>
                  {entry.detail !== '' ? <CoreText text={entry.detail} /> : entry.action}
                  {entry.outcome === 'error' && <span className="muted"> (failed)</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

const OPERATION_KIND: Record<Operation['kind'], string> = {
  create: 'Create',
  rotate: 'Rotate',
  revoke: 'Revoke',
  delete_old: 'Delete old token',
  manual_rotate: 'Manual rotation',
};

const OPERATION_STATE: Record<Operation['state'], string> = {
  pending: 'in progress',
  awaiting_confirmation: 'waiting for your confirmation',
  succeeded: 'done',
  failed: 'failed',
  ambiguous: 'outcome unclear',
  interrupted: 'interrupted',
  abandoned: 'abandoned',
};

function stateText(t: TokenRow): string {
  switch (t.state) {
    case 'active':
      return 'Active';
    case 'grace':
      return 'In grace period (replaced; still works for a short time)';
    case 'revoked':
      return 'Revoked';
    case 'removed':
      return 'No longer listed by the provider';
    case 'retired':
      return 'Retired';
  }
}

function ScopeView({ detail }: { detail: TokenDetail }) {
  const s = detail.scope;
  const parts = [];
  if (s.permissionGroup !== null)
    parts.push(
      <p key="pg">
        Permission group: <strong>{s.permissionGroup}</strong>
      </p>,
    );
  if (s.workspace !== null)
    parts.push(
      <p key="ws">
        Workspace: <strong>{s.workspace}</strong>
      </p>,
    );
  if (s.organizations !== null)
    parts.push(
      <div key="orgs">
        <p>Organizations:</p>
        {s.organizations.length === 0 ? (
          <p>
            <strong>All organizations</strong>
          </p>
        ) : (
          <ul className="plain-list">
            {s.organizations.map((o) => (
              <li key={o.id}>{o.name}</li>
            ))}
          </ul>
        )}
      </div>,
    );
  if (s.resources !== null && s.resources.length > 0)
    parts.push(
      <table key="res" className="table compact">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Name</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {s.resources.map((r) => (
            <tr key={`${r.type}-${r.id}`}>
              <td>{r.type}</td>
              <td>{r.name ?? r.id}</td>
              <td>{r.access}</td>
            </tr>
          ))}
        </tbody>
      </table>,
    );
  if (parts.length === 0)
    return (
      <p>
        {detail.token.scopeSummary === '' ? (
          <span className="muted">No scope reported.</span>
        ) : (
          detail.token.scopeSummary
        )}
      </p>
    );
  return <>{parts}</>;
}

/**
 * A chain without links: the token was never rotated, or rotated in place (the same token got a
 * new secret), which the operations record; the chain then says so, as the audit trail does.
 */
function InPlaceChain({ detail }: { detail: TokenDetail }) {
  const inPlace = detail.operations.filter(
    // "ambiguous" with this token as its result: rotated, but the new secret was lost.
    (op) =>
      op.kind === 'rotate' &&
      (op.state === 'succeeded' || op.state === 'ambiguous') &&
      op.resultTokenId === detail.token.id,
  );
  if (inPlace.length === 0) return <p className="muted">This token has not been rotated.</p>;
  const latest = inPlace.reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  return (
    <p>
      Rotated in place {inPlace.length === 1 ? 'once' : `${inPlace.length} times`}, last on{' '}
      <When ms={latest.finishedAt ?? latest.startedAt} />: the same token carries a new secret.
    </p>
  );
}

function ChainLink({ label, row, onOpen }: { label: string; row: TokenRow; onOpen: () => void }) {
  return (
    <li>
      <span className="chain-label">{label}</span>
      <button type="button" className="link-button" onClick={onOpen}>
        {row.name}
      </button>
      {row.last4 !== null && <span className="mono muted"> ••••{row.last4}</span>}
      <BadgeList badges={row.badges} max={2} />
    </li>
  );
}

function AwaitingRotation({ operation }: { operation: Operation }) {
  const [busy, setBusy] = useState(false);
  const openDialog = useDialogs((s) => s.open);
  // A manual rotation needs the new token recorded before it can be finished.
  const needsRecord = operation.kind === 'manual_rotate' && operation.resultTokenId === null;
  const act = async (what: 'finish' | 'abandon') => {
    setBusy(true);
    try {
      if (what === 'finish') {
        await unwrap(api().finishRotation({ operationId: operation.id }));
        toast.success(`Rotation of “${operation.tokenName}” finished.`);
      } else {
        await unwrap(api().abandonRotation({ operationId: operation.id }));
        toast.info(`Rotation of “${operation.tokenName}” abandoned.`);
      }
      void useDetail.getState().refresh();
      void useTokens.getState().reload({ keepRows: true });
      void useApp.getState().loadOperations();
    } catch (error) {
      toast.error(describeError(toApiError(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-warning" role="status">
      <RotateCw size={18} aria-hidden="true" />
      <div className="banner-text">
        <p className="banner-title">A rotation is waiting for you</p>
        <p>
          {needsRecord
            ? 'Record the new token you created in the provider’s console to continue, or abandon the rotation.'
            : `Have you updated every place that used the old token? ${operation.advice}`}
        </p>
      </div>
      <div className="banner-actions">
        {needsRecord ? (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            onClick={() =>
              openDialog({
                kind: 'rotate',
                tokenId: operation.tokenId ?? '',
                resumeOperationId: operation.id,
              })
            }
          >
            Record new token
          </button>
        ) : (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            onClick={() => void act('finish')}
          >
            Yes, finish rotation
          </button>
        )}
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void act('abandon')}
        >
          Abandon
        </button>
      </div>
    </div>
  );
}

const SNOOZE_CHOICES = [
  { days: 1, label: '1 day' },
  { days: 7, label: '1 week' },
  { days: 30, label: '30 days' },
];

function SnoozeControl({ token }: { token: TokenRow }) {
  const id = useId();
  const snoozed = token.snoozedUntil !== null && token.snoozedUntil > coreNow();
  const snooze = async (until: number | null) => {
    try {
      await unwrap(api().snoozeToken({ tokenId: token.id, until }));
      toast.success(
        until === null
          ? `Reminders for “${token.name}” resumed.`
          : `Reminders for “${token.name}” snoozed until ${formatDate(until)}.`,
      );
      void useDetail.getState().refresh();
    } catch (error) {
      toast.error(describeError(toApiError(error)));
    }
  };
  if (snoozed) {
    return (
      <button type="button" className="button" onClick={() => void snooze(null)}>
        <Bell size={16} aria-hidden="true" />
        Resume reminders
      </button>
    );
  }
  return (
    <div className="select-button">
      <BellOff size={16} aria-hidden="true" />
      <label htmlFor={id} className="visually-hidden">
        Snooze reminders
      </label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          const days = Number(event.target.value);
          if (days > 0) void snooze(coreNow() + days * DAY_MS);
        }}
      >
        <option value="">Snooze…</option>
        {SNOOZE_CHOICES.map((c) => (
          <option key={c.days} value={c.days}>
            for {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
