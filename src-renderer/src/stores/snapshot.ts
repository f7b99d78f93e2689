/**
 * `window.__tkStoreSnapshot()`: a read-only copy of every store's data (no functions). The
 * stores never hold a secret by design; tests use this to prove a revealed secret never reached
 * them. Exposing it is harmless for the same reason.
 */
import { useApp } from './app';
import { useAttention } from './attention';
import { useConnections } from './connections';
import { useDetail } from './detail';
import { useDialogs } from './dialogs';
import { useToasts } from './toasts';
import { useTokens } from './tokens';

const stores = {
  app: useApp,
  attention: useAttention,
  connections: useConnections,
  detail: useDetail,
  dialogs: useDialogs,
  toasts: useToasts,
  tokens: useTokens,
};

export function storeSnapshot(): unknown {
  return JSON.parse(
    JSON.stringify(
      Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.getState()])),
    ),
  ) as unknown;
}

export function installStoreSnapshot(): void {
  Object.defineProperty(window, '__tkStoreSnapshot', {
    value: storeSnapshot,
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
