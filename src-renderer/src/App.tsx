/**
 * The window: a top bar (the command palette's door, sync status), the sidebar, one compact
 * strip for what waits on the user, the current page (the tokens workspace, the timeline,
 * connections, settings), messages and dialogs.
 */
import { KeySquare, RefreshCw, Search } from 'lucide-react';
import { useEffect } from 'react';
import { AttentionStrip } from './components/AttentionStrip';
import { ErrorPanel } from './components/States';
import { Toasts } from './components/Toasts';
import { CommandPalette } from './commands/CommandPalette';
import { usePalette } from './commands/palette-store';
import { installShortcuts, shortcutLabel } from './commands/shortcuts';
import { DialogHost } from './dialogs/DialogHost';
import { formatCount, formatRelative } from './lib/format';
import { useTheme } from './lib/theme';
import { useApp } from './stores/app';
import { useConnections } from './stores/connections';
import { ConnectionsView } from './views/connections/ConnectionsView';
import { SettingsView } from './views/settings/SettingsView';
import { Sidebar } from './views/sidebar/Sidebar';
import { TimelineView } from './views/timeline/TimelineView';
import { TokensView } from './views/tokens/TokensView';

const TITLES = {
  tokens: 'Tokens',
  token: 'Token',
  upcoming: 'Upcoming',
  connections: 'Connections',
  settings: 'Settings',
};

export function App() {
  const route = useApp((s) => s.route);
  const demo = useApp((s) => s.info?.demo === true);
  const loadError = useApp((s) => s.loadError);
  const density = useApp((s) => s.settings?.density ?? 'comfortable');
  const showPalette = usePalette((s) => s.show);
  useTheme();

  useEffect(() => installShortcuts(), []);
  // Each page names itself in the title bar.
  useEffect(() => {
    document.title = `${TITLES[route.view]} · Tokenkeeper`;
  }, [route.view]);

  return (
    <div className={`app density-${density}`}>
      <header className="topbar">
        <div className="brand">
          <KeySquare size={20} aria-hidden="true" />
          <span>Tokenkeeper</span>
          {demo && <span className="demo-pill">Demo data</span>}
        </div>
        <button
          type="button"
          className="palette-trigger"
          onClick={showPalette}
          aria-keyshortcuts="Control+K Meta+K"
        >
          <Search size={15} aria-hidden="true" />
          <span className="palette-trigger-text">Search or run a command…</span>
          <kbd aria-hidden="true">{shortcutLabel('CmdOrCtrl+K')}</kbd>
        </button>
        <div className="topbar-status">
          <SyncStatus />
        </div>
      </header>
      <div className="workspace">
        <Sidebar />
        <main id="main" className="main">
          {loadError !== null && (
            <ErrorPanel title="Tokenkeeper could not start properly." message={loadError} />
          )}
          <AttentionStrip />
          <div className="page">
            {(route.view === 'tokens' || route.view === 'token') && <TokensView />}
            {route.view === 'upcoming' && <TimelineView />}
            {route.view === 'connections' && <ConnectionsView />}
            {route.view === 'settings' && <SettingsView />}
          </div>
        </main>
      </div>
      <aside aria-label="Messages" className="toast-area">
        <Toasts />
      </aside>
      <DialogHost />
      <CommandPalette />
    </div>
  );
}

/**
 * Which connection is syncing and how far it is ("Syncing Billing (Acme): 120 tokens, 1 of 3
 * connections"), then when the last sync ended; and the Sync now button.
 */
function SyncStatus() {
  const connections = useConnections((s) => s.connections);
  const syncing = useConnections((s) => s.syncing);
  const progress = useConnections((s) => s.progress);
  const syncNow = useConnections((s) => s.syncNow);
  const apiConnections = connections.filter((c) => c.mode === 'api');
  if (apiConnections.length === 0) return null;
  const running = syncing.length > 0;
  const now = syncing[0];
  const current = connections.find((c) => c.id === now);
  const last = Math.max(0, ...apiConnections.map((c) => c.lastSyncAt ?? 0));
  const started = Object.keys(progress).filter((id) => apiConnections.some((c) => c.id === id)).length;
  let text: string;
  if (running && now !== undefined) {
    const done = Math.max(0, started - syncing.length);
    text = `Syncing ${current?.label ?? 'a connection'}: ${formatCount(progress[now]?.fetched ?? 0)} tokens so far${
      started > 1 ? ` (${formatCount(done + 1)} of ${formatCount(started)} connections)` : ''
    }`;
  } else text = last === 0 ? 'Not synced yet' : `Synced ${formatRelative(last)}`;
  return (
    <div className="sync">
      <span className="sync-progress" role="status" aria-live="polite" data-testid="sync-status">
        {text}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => void syncNow()}
        disabled={running}
        aria-busy={running}
        aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
      >
        <RefreshCw size={15} aria-hidden="true" className={running ? 'spinner' : undefined} />
        {running ? 'Syncing…' : 'Sync now'}
      </button>
    </div>
  );
}
