/**
 * Builds the `window.tokenkeeper` object from the contract: one named function per channel and
 * one `on<Event>` subscription per event. The preload uses it over Electron IPC; the test host
 * uses the very same builder over its loopback WebSocket, so the renderer sees one API shape.
 *
 * There is deliberately no generic `invoke(channel)` on the result: a page can only call the
 * channels the contract names.
 */
import type { ChannelInput, ChannelOutput, EventPayload, Result } from './contract';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './contract-names';

export type EventSubscriptionName<E extends EventName> = `on${Capitalize<E>}`;

export type TokenkeeperApi = {
  readonly [K in ChannelName]: (
    ...input: undefined extends ChannelInput<K> ? [input?: ChannelInput<K>] : [input: ChannelInput<K>]
  ) => Promise<Result<ChannelOutput<K>>>;
} & {
  readonly [E in EventName as EventSubscriptionName<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export interface Transport {
  invoke(channel: ChannelName, payload: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function subscriptionName<E extends EventName>(event: E): EventSubscriptionName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as EventSubscriptionName<E>;
}

export function buildApi(transport: Transport): TokenkeeperApi {
  const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of CHANNEL_NAMES) {
    api[name] = (input?: unknown) => transport.invoke(name, input);
  }
  for (const event of EVENT_NAMES) {
    api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
      return transport.subscribe(event, listener);
    };
  }
  return Object.freeze(api) as TokenkeeperApi;
}
