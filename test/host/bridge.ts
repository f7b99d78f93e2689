/**
 * Browser side of the test host: defines `window.tokenkeeper` before the app's scripts run,
 * using the same `buildApi` as the preload, and carries every call and event over a loopback
 * WebSocket that only accepts this run's secret (read from `#tk=<secret>` in the page URL).
 * Bundled to one classic script by the host.
 */
import { buildApi } from '../../src-preload/api';
import type { ChannelName, EventName } from '../../src-preload/contract';

type ServerMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'ready' };

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

socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', secret })));
socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as ServerMessage;
  if (data.type === 'ready') {
    ready = true;
    for (const item of queue.splice(0)) socket.send(item);
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
