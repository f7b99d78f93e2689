/** The window: top bar with navigation and status, banners, the current view, and dialogs. */
import { BellRing, CircleCheck, KeySquare, Plug, RefreshCw, Settings as SettingsIcon } from 'lucide-react';
import { useEffect } from 'react';
import { NoticeBanners, OperationBanners } from './components/Banners';
import { ErrorPanel } from './components/States';
import { Toasts } from './components/Toasts';
import { DialogHost } from './dialogs/DialogHost';
import { useTheme } from './lib/theme';
import { plural } from './lib/format';
import { useApp, type Route } from './stores/app';
import { useAttention } from './stores/attention';
import { useConnections } from './stores/connections';
import { ConnectionsView } from './views/connections/ConnectionsView';
import { TokenDetailView } from './views/detail/TokenDetailView';
import { SettingsView } from './views/settings/SettingsView';
import { TokensView } from './views/tokens/TokensView';

const NAV: { view: Route['view']; label: string; icon: typeof KeySquare }[] = [
  { view: 'tokens', label: 'Tokens', icon: KeySquare },
  { view: 'connections', label: 'Connections', icon: Plug },
  { view: 'settings', label: 'Settings', icon: SettingsIcon },
];

export function App() {
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const demo = useApp((s) => s.info?.demo === true);
  const loadError = useApp((s) => s.loadError);
  useTheme();

  // Each view names itself in the title bar.
  useEffect(() => {
    const names = { tokens: 'Tokens', token: 'Token', connections: 'Connections', settings: 'Settings' };
    document.title = `${names[route.view]} · Tokenkeeper`;
  }, [route.view]);

  const current = route.view === 'token' ? 'tokens' : route.view;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <KeySquare size={20} aria-hidden="true" />
          <span>Tokenkeeper</span>
          {demo && <span className="demo-pill">Demo data</span>}
        </div>
        <nav aria-label="Main" className="main-nav">
          {NAV.map(({ view, label, icon: Icon }) => (
            <button
              key={view}
              type="button"
              className={`nav-item${current === view ? ' current' : ''}`}
              aria-current={current === view ? 'page' : undefined}
              onClick={() => navigate({ view } as Route)}
            >
              <Icon size={16} aria-hidden="true" />
              {label}
            </button>
          ))}
        </nav>
        <div className="topbar-status">
          <AttentionStatus />
          <SyncButton />
        </div>
      </header>
      <main id="main" className="main">
        {loadError !== null && (
          <ErrorPanel title="Tokenkeeper could not start properly." message={loadError} />
        )}
        <NoticeBanners />
        <OperationBanners />
        {route.view === 'tokens' && <TokensView />}
        {route.view === 'token' && <TokenDetailView tokenId={route.tokenId} />}
        {route.view === 'connections' && <ConnectionsView />}
        {route.view === 'settings' && <SettingsView />}
      </main>
      <aside aria-label="Messages" className="toast-area">
        <Toasts />
      </aside>
      <DialogHost />
    </div>
  );
}

/** "3 need attention": the same count as the tray; a click shows the list. */
function AttentionStatus() {
  const attention = useAttention((s) => s.attention);
  const navigate = useApp((s) => s.navigate);
  if (attention === null) return null;
  const n = attention.count;
  return (
    <button
      type="button"
      className={`attention-status${n > 0 ? ' has-items' : ''}`}
      data-testid="attention-status"
      onClick={() => navigate({ view: 'tokens' })}
    >
      {n > 0 ? <BellRing size={16} aria-hidden="true" /> : <CircleCheck size={16} aria-hidden="true" />}
      <span role="status">{`${n} ${n === 1 ? 'needs' : 'need'} attention`}</span>
    </button>
  );
}

/** "Sync now", with the progress of a running sync. */
function SyncButton() {
  const connections = useConnections((s) => s.connections);
  const syncing = useConnections((s) => s.syncing);
  const progress = useConnections((s) => s.progress);
  const syncNow = useConnections((s) => s.syncNow);
  const apiConnections = connections.filter((c) => c.mode === 'api');
  if (apiConnections.length === 0) return null;
  const running = syncing.length > 0;
  const fetched = syncing.reduce((sum, id) => sum + (progress[id]?.fetched ?? 0), 0);
  return (
    <div className="sync">
      <span className="sync-progress" role="status" aria-live="polite">
        {running
          ? `Syncing ${plural(syncing.length, 'connection', 'connections')}… ${plural(fetched, 'token', 'tokens')} so far`
          : ''}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => void syncNow()}
        disabled={running}
        aria-busy={running}
      >
        <RefreshCw size={15} aria-hidden="true" className={running ? 'spinner' : undefined} />
        {running ? 'Syncing…' : 'Sync now'}
      </button>
    </div>
  );
}
