/** Wires the core's events (and the browser's online state) to the stores, once at start. */
import { api } from '../api';
import { runCommand } from '../commands/registry';
import { describeError } from '../lib/errors';
import { useApp } from './app';
import { useAttention } from './attention';
import { useConnections } from './connections';
import { useDetail } from './detail';
import { toast } from './toasts';
import { useTokenIndex } from './token-index';
import { useTokens } from './tokens';

const COALESCE_MS = 80;

/** Runs `work` once after a burst of calls has settled. */
function coalesced(work: () => void): { run: () => void; cancel: () => void } {
  let timer: number | undefined;
  return {
    run: () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(work, COALESCE_MS);
    },
    cancel: () => window.clearTimeout(timer),
  };
}

export function connectEvents(): () => void {
  // A sync can report many changes in a burst; the list follows once per burst, and only the
  // connections that changed are read into the index again.
  const changed = new Set<string>();
  const refreshTokens = coalesced(() => {
    const ids = [...changed];
    changed.clear();
    if (useTokenIndex.getState().status === 'idle') void useTokens.getState().reload({ keepRows: true });
    else void useTokenIndex.getState().refresh(ids);
    void useDetail.getState().refresh();
    void useConnections.getState().load();
    void useAttention.getState().load();
    void useApp.getState().loadOperations();
  });
  // Time alone moves tokens into a badge's window (expires soon, expired): when the reminders
  // see that, the list's badges and header counts follow.
  const refreshBadges = coalesced(() => {
    if (useTokenIndex.getState().status === 'ready') void useTokenIndex.getState().retime();
    else void useTokens.getState().reload({ keepRows: true });
    void useDetail.getState().refresh();
  });
  const online = () => useApp.getState().setOnline(navigator.onLine);
  window.addEventListener('online', online);
  window.addEventListener('offline', online);

  const unsubscribe = [
    api().onTokensChanged(({ connectionIds }) => {
      for (const id of connectionIds) changed.add(id);
      refreshTokens.run();
    }),
    api().onConnectionsChanged(() => void useConnections.getState().load()),
    api().onSyncProgress((progress) => {
      useConnections.getState().onProgress(progress);
      if (progress.state !== 'syncing') void useConnections.getState().load();
      // A connection that needs a sign-in says so once, as its status (sidebar, attention strip,
      // its card): not again as a toast at every sync.
      if (progress.state === 'error' && progress.error !== null && progress.error.code !== 'needs_sign_in') {
        const label =
          useConnections.getState().connections.find((c) => c.id === progress.connectionId)?.label ??
          'A connection';
        toast.error(`${label}: ${describeError(progress.error)}`);
      }
    }),
    api().onAttentionChanged((attention) => {
      useAttention.getState().set(attention);
      refreshBadges.run();
    }),
    api().onSettingsChanged((settings) => useApp.getState().setSettings(settings)),
    api().onNavigate(({ view, tokenId }) => {
      const app = useApp.getState();
      if (view === 'token' && tokenId !== null) app.navigate({ view: 'token', tokenId });
      else if (view === 'settings') app.navigate({ view: 'settings' });
      else app.navigate({ view: 'tokens' });
    }),
    api().onNotice((notice) => {
      useApp.getState().addNotice(notice);
      void useApp.getState().loadOperations();
    }),
    api().onClipboardCleared(() => toast.info('The clipboard was cleared.')),
    api().onMenuCommand(({ command }) => runCommand(command)),
  ];
  return () => {
    refreshTokens.cancel();
    refreshBadges.cancel();
    window.removeEventListener('online', online);
    window.removeEventListener('offline', online);
    for (const stop of unsubscribe) stop();
  };
}
