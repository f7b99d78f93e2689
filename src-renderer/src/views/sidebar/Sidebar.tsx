/**
 * The sidebar: the way in to new tokens, the saved views, each provider and connection with its
 * count (and for a connection, when it last synced or what it needs), the expiry timeline, and
 * the pages for connections and settings. One Tab stop for all its entries (arrow keys inside).
 */
import { CalendarRange, PenLine, Plug, Plus, Settings as SettingsIcon, Tag, UserRound } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import type { Connection } from '../../types';
import { ProviderMark } from '../../components/ProviderMark';
import { formatCount, formatRelative } from '../../lib/format';
import { useRovingFocus } from '../../lib/roving-focus';
import { useApp } from '../../stores/app';
import { useAttention } from '../../stores/attention';
import { providerById, useConnections } from '../../stores/connections';
import { useDialogs } from '../../stores/dialogs';
import { useTokenIndex } from '../../stores/token-index';
import { useTokens } from '../../stores/tokens';
import { SAVED_VIEWS, annotationViews } from './saved-views';

export function Sidebar() {
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const viewId = useTokens((s) => s.viewId);
  const showView = useTokens((s) => s.showView);
  const index = useTokenIndex((s) => s.tokens);
  const ready = useTokenIndex((s) => s.status === 'ready');
  const attention = useAttention((s) => s.attention);
  const providers = useConnections((s) => s.providers);
  const connections = useConnections((s) => s.connections);
  const openDialog = useDialogs((s) => s.open);
  const listRef = useRef<HTMLElement>(null);
  const onKeyDown = useRovingFocus(listRef);
  const onList = route.view === 'tokens' || route.view === 'token';
  const canCreate = connections.some(
    (c) => c.mode === 'api' && providerById(providers, c.provider)?.capabilities.create === true,
  );

  const open = (id: string, filters: Parameters<typeof showView>[1]) => {
    showView(id, filters);
    if (!onList || route.view === 'token') navigate({ view: 'tokens' });
  };

  const perProvider = new Map<string, number>();
  const perConnection = new Map<string, number>();
  for (const t of index) {
    if (t.row.state !== 'active' && t.row.state !== 'grace') continue;
    perProvider.set(t.row.provider, (perProvider.get(t.row.provider) ?? 0) + 1);
    perConnection.set(t.row.connectionId, (perConnection.get(t.row.connectionId) ?? 0) + 1);
  }
  const { tags, owners } = annotationViews(index);
  const usedProviders = providers.filter((p) => connections.some((c) => c.provider === p.id));

  return (
    <div className="sidebar">
      <div className="sidebar-actions">
        {canCreate && (
          <button
            type="button"
            className="button button-primary sidebar-new"
            onClick={() => openDialog({ kind: 'createToken', connectionId: null })}
            aria-keyshortcuts="Control+N Meta+N"
          >
            <Plus size={16} aria-hidden="true" />
            New token
          </button>
        )}
        <button
          type="button"
          className={`button${canCreate ? ' button-icon-only' : ' sidebar-new'}`}
          onClick={() => openDialog({ kind: 'trackToken', connectionId: null })}
          aria-label={canCreate ? 'Track a token' : undefined}
          title="Track a token"
        >
          <PenLine size={16} aria-hidden="true" />
          {canCreate ? null : 'Track a token'}
        </button>
      </div>
      <nav aria-label="Views" className="sidebar-nav" ref={listRef} onKeyDown={onKeyDown}>
        <Section title="Views">
          {SAVED_VIEWS.map((view) => (
            <Entry
              key={view.id}
              current={onList && viewId === view.id}
              onClick={() => open(view.id, view.filters)}
              icon={<view.icon size={16} aria-hidden="true" />}
              label={view.label}
              count={view.count(index, attention, ready)}
              tone={view.id === 'attention' && (attention?.count ?? 0) > 0 ? 'warning' : undefined}
              status={
                view.id === 'attention' && attention !== null
                  ? `${attention.count} ${attention.count === 1 ? 'needs' : 'need'} attention`
                  : undefined
              }
            />
          ))}
          <Entry
            current={route.view === 'upcoming'}
            onClick={() => navigate({ view: 'upcoming' })}
            icon={<CalendarRange size={16} aria-hidden="true" />}
            label="Upcoming"
            count={null}
          />
        </Section>
        {usedProviders.length > 0 && (
          <Section title="Providers">
            {usedProviders.map((p) => (
              <Entry
                key={p.id}
                current={onList && viewId === `provider:${p.id}`}
                onClick={() => open(`provider:${p.id}`, { providers: [p.id] })}
                icon={<ProviderMark provider={p.id} withName={false} />}
                label={p.name}
                count={ready ? (perProvider.get(p.id) ?? 0) : null}
              />
            ))}
          </Section>
        )}
        {tags.length > 0 && (
          <Section title="Tags">
            {tags.map(([tag, count]) => (
              <Entry
                key={tag}
                current={onList && viewId === `tag:${tag}`}
                onClick={() => open(`tag:${tag}`, { tags: [tag] })}
                icon={<Tag size={16} aria-hidden="true" />}
                label={tag}
                count={count}
              />
            ))}
          </Section>
        )}
        {owners.length > 0 && (
          <Section title="Owners">
            {owners.map(([owner, count]) => (
              <Entry
                key={owner}
                current={onList && viewId === `owner:${owner}`}
                onClick={() => open(`owner:${owner}`, { owners: [owner] })}
                icon={<UserRound size={16} aria-hidden="true" />}
                label={owner}
                count={count}
              />
            ))}
          </Section>
        )}
        {connections.length > 0 && (
          <Section title="Connections">
            {connections.map((c) => (
              <Entry
                key={c.id}
                current={onList && viewId === `connection:${c.id}`}
                onClick={() => open(`connection:${c.id}`, { connectionIds: [c.id] })}
                icon={<ProviderMark provider={c.provider} withName={false} />}
                label={c.label}
                detail={<ConnectionLine connection={c} />}
                count={ready ? (perConnection.get(c.id) ?? 0) : c.tokenCount}
              />
            ))}
          </Section>
        )}
        <Section title="Manage">
          <Entry
            current={route.view === 'connections'}
            onClick={() => navigate({ view: 'connections' })}
            icon={<Plug size={16} aria-hidden="true" />}
            label="Connections"
            count={null}
            page
          />
          <Entry
            current={route.view === 'settings'}
            onClick={() => navigate({ view: 'settings' })}
            icon={<SettingsIcon size={16} aria-hidden="true" />}
            label="Settings"
            count={null}
            page
          />
        </Section>
      </nav>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="sidebar-section">
      <h2 className="sidebar-title">{title}</h2>
      <ul className="sidebar-list">{children}</ul>
    </div>
  );
}

function Entry({
  current,
  onClick,
  icon,
  label,
  detail,
  count,
  tone,
  status,
  page = false,
}: {
  current: boolean;
  onClick: () => void;
  icon: ReactNode;
  label: string;
  detail?: ReactNode;
  count: number | null;
  tone?: 'warning';
  /** Said when it changes, the words the tray uses ("3 need attention"). */
  status?: string;
  page?: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        data-roving
        className={`sidebar-entry${current ? ' current' : ''}`}
        aria-current={current ? (page ? 'page' : 'true') : undefined}
        onClick={onClick}
        title={label}
      >
        <span className="sidebar-icon">{icon}</span>
        <span className="sidebar-label">
          <span className="sidebar-name">{label}</span>
          {detail}
        </span>
        {count !== null && (
          <span className={`sidebar-count${tone === 'warning' ? ' tone-warning' : ''}`}>
            {formatCount(count)}
          </span>
        )}
      </button>
      {status !== undefined && (
        <span className="visually-hidden" role="status" data-testid="attention-status">
          {status}
        </span>
      )}
    </li>
  );
}

/** "Synced 3 minutes ago", "Syncing… 120 tokens", or what the connection needs. */
function ConnectionLine({ connection: c }: { connection: Connection }) {
  const progress = useConnections((s) => s.progress[c.id]);
  const syncing = useConnections((s) => s.syncing.includes(c.id));
  let text: string;
  let tone = '';
  if (c.mode === 'tracked') text = 'Tracked by hand';
  else if (syncing) text = `Syncing… ${formatCount(progress?.fetched ?? 0)} so far`;
  else if (c.status === 'needs_credential' || c.credential === 'unreadable') {
    text = 'Needs a new credential';
    tone = ' tone-danger';
  } else if (c.status === 'needs_sign_in') {
    text = 'Needs sign-in';
    tone = ' tone-warning';
  } else if (c.status === 'error') {
    text = 'Last sync failed';
    tone = ' tone-danger';
  } else if (c.lastSyncAt === null) text = 'Not synced yet';
  else text = `Synced ${formatRelative(c.lastSyncAt)}`;
  return <span className={`sidebar-detail${tone}`}>{text}</span>;
}
