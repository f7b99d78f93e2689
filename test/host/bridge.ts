/**
 * Browser side of the test host: defines `window.tokenkeeper` before the app's scripts run,
 * using the same `buildApi` as the preload, and carries every call and event over a loopback
 * WebSocket that only accepts this run's secret (read from `#tk=<secret>` in the page URL).
 * Bundled to one classic script by the host.
 */
import { flattenMenu } from '../../src-main/core/menu/application-menu';
import { blocksInput, isReloadInput, type KeyInput } from '../../src-main/core/menu/input-guard';
import { buildApi } from '../../src-preload/api';
import type { ChannelName, EventName } from '../../src-preload/contract';
import { acceleratorMatches } from './accelerators';
import type { ShellMessage, ShellState } from './shell-model';

type ServerMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'ready'; shell: ShellState }
  | ShellMessage;

const SECRET_KEY = 'tokenkeeper-test-host-secret';

function readSecret(): string {
  const match = /(?:^#|&)tk=([^&]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    const secret = decodeURIComponent(match[1]);
    sessionStorage.setItem(SECRET_KEY, secret);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return secret;
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

const secret = readSecret();
const socket = new WebSocket(
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/__tk/ws`,
);
const pending = new Map<number, (result: unknown) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
const queue: string[] = [];
let ready = false;
let nextId = 1;
let shell: ShellState | null = null;

socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', secret })));
socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as ServerMessage;
  if (data.type === 'ready') {
    ready = true;
    shell = data.shell;
    for (const item of queue.splice(0)) socket.send(item);
  } else if (data.type === 'shell') {
    shell = data.state;
  } else if (data.type === 'perform') {
    perform(data.role);
  } else if (data.type === 'result') {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({
      ok: false,
      error: { code: 'network', message: 'The connection to Tokenkeeper’s core was lost.' },
    });
  }
  pending.clear();
});

/**
 * The shell around the page, as the host models it (test/host/shell-model.ts). In the order
 * Electron handles a key press: main's before-input-event guard first (before any handler of the
 * page: this listener is added before the app's scripts run), then the page, then, for a key the
 * page left alone, the application menu's accelerators, and the browser's own reload keys.
 */
const keyInput = (event: KeyboardEvent): KeyInput => ({
  type: 'keyDown',
  key: event.key,
  code: event.code,
  control: event.ctrlKey,
  meta: event.metaKey,
  shift: event.shiftKey,
  alt: event.altKey,
});

function perform(role: string): void {
  if (role === 'reload' || role === 'forceReload') window.location.reload();
  // Electron's edit roles run the page's editing command: copy fires the page's copy event.
  else if (role === 'copy' || role === 'cut' || role === 'selectAll') document.execCommand(role);
  else if (role === 'paste') void paste();
}

/**
 * Electron's paste role pastes the clipboard into the focused field, firing the page's paste
 * event first. A web page may not run the paste command itself, so the host does what it does:
 * the same event with the clipboard's text, then the text typed in unless the page took it.
 */
async function paste(): Promise<void> {
  const text = await navigator.clipboard.readText();
  const target = document.activeElement ?? document.body;
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
  if (target.dispatchEvent(event)) document.execCommand('insertText', false, text);
}

window.addEventListener(
  'keydown',
  (event) => {
    if (shell?.inputGuard !== true) return;
    if (blocksInput(keyInput(event), shell)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
window.addEventListener('keydown', (event) => {
  // After every handler of the page has run: only a key nobody prevented reaches the menu.
  window.setTimeout(() => {
    if (event.defaultPrevented || shell === null) return;
    const platform = shell.platform;
    const item = flattenMenu(shell.menu).find(
      (i) =>
        i.enabled !== false &&
        i.accelerator !== undefined &&
        acceleratorMatches(i.accelerator, event, platform),
    );
    if (item?.command !== undefined) socket.send(JSON.stringify({ type: 'menu', id: item.id }));
    // The window's own commands: a key it left alone reaches the menu only where Electron
    // registers the accelerator anyway (macOS; elsewhere `registerAccelerator: false` holds).
    else if (
      item?.windowCommand !== undefined &&
      (item.registerAccelerator !== false || platform === 'darwin')
    )
      socket.send(JSON.stringify({ type: 'menu', id: item.id }));
    else if (item?.role === 'reload' || item?.role === 'forceReload') perform(item.role);
    // A browser (and so the test host's Chromium, were it not driven headless) reloads on these.
    else if (item === undefined && isReloadInput(keyInput(event))) perform('reload');
  }, 0);
});

const api = buildApi({
  invoke(channel: ChannelName, payload: unknown) {
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const text = JSON.stringify({ type: 'call', id, channel, payload });
      if (ready) socket.send(text);
      else queue.push(text);
    });
  },
  subscribe(event, listener) {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  },
});

Object.defineProperty(window, 'tokenkeeper', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: true,
});

// Test hooks the app offers only to the test host (a production window has no `__tkTestHost`).
Object.defineProperty(window, '__tkTestHost', {
  value: Object.freeze({
    exposeStores(snapshot: () => unknown) {
      Object.defineProperty(window, '__tkStoreSnapshot', {
        value: snapshot,
        writable: false,
        configurable: false,
        enumerable: false,
      });
    },
  }),
  writable: false,
  configurable: false,
  enumerable: false,
});
