/**
 * `window.__tkStoreSnapshot()`: a read-only copy of every store's data (no functions). The
 * stores never hold a secret by design; the e2e tests use this to prove a revealed secret never
 * reached them. It exists only under the test host: its bridge offers `window.__tkTestHost`,
 * which the Electron preload never defines, so a production window has no such global.
 */
import { useApp } from './app';
import { useAttention } from './attention';
import { useConnections } from './connections';
import { useDetail } from './detail';
import { useDialogs } from './dialogs';
import { useToasts } from './toasts';
import { useTokenIndex } from './token-index';
import { useTokens } from './tokens';

const stores = {
  app: useApp,
  attention: useAttention,
  connections: useConnections,
  detail: useDetail,
  dialogs: useDialogs,
  toasts: useToasts,
  tokenIndex: useTokenIndex,
  tokens: useTokens,
};

export function storeSnapshot(): unknown {
  return JSON.parse(
    JSON.stringify(
      Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.getState()])),
    ),
  ) as unknown;
}

interface TestHostHooks {
  exposeStores?: (snapshot: () => unknown) => void;
}

/** Hands the snapshot to the test host's bridge, if the page runs under it. */
export function offerStoreSnapshot(): void {
  const hooks = (window as { __tkTestHost?: TestHostHooks }).__tkTestHost;
  hooks?.exposeStores?.(storeSnapshot);
}
