/**
 * The window's index of every token's list metadata (never a secret), from which the list, the
 * sidebar's counts and the timeline are worked out without asking the core. It is read once,
 * after the window has drawn its first rows, a page of 5,000 at a time; then each
 * `tokensChanged` event brings the changed connections' tokens again, and only theirs. The core
 * stays the source of truth: nothing here is ever written back.
 */
import { create } from 'zustand';
import type { Connection, TokenCounts, TokenIndexPage } from '../types';
import { api, unwrap } from '../api';
import { coreNow, learnCoreTime } from '../lib/clock';
import { countTokens } from '../lib/token-index/query';
import { atTime, decodeRow, relabel, type ConnectionFacts, type IndexedToken } from '../lib/token-index/rows';
import { useConnections } from './connections';

export const INDEX_PAGE_SIZE = 5000;
/** The time badges (expired, expiring within 7 or 30 days, unused) are moved this often. */
const TICK_MS = 60_000;

interface TokenIndexState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  tokens: readonly IndexedToken[];
  counts: TokenCounts | null;
  /** Core time of the last answer the index took in. */
  loadedAt: number | null;
  load: () => Promise<void>;
  refresh: (connectionIds: string[]) => Promise<void>;
  /** Labels and providers follow the connections; a removed connection's tokens go. */
  followConnections: (connections: Connection[]) => void;
  /** Moves the time badges to the core's current time. */
  tick: () => void;
  /** Learns the core's time first (its clock may have moved apart from the window's), then ticks. */
  retime: () => Promise<void>;
}

const factsOf = (connections: Connection[]) =>
  new Map<string, ConnectionFacts>(connections.map((c) => [c.id, { label: c.label, provider: c.provider }]));

/**
 * Every page of one query, decoded; the core's time of the last one. Each page is decoded as it
 * arrives, in a task of its own, so reading 50,000 tokens adds no long frame of its own while the
 * next page is on its way.
 */
async function fetchAll(
  connectionIds: string[] | undefined,
): Promise<{ tokens: IndexedToken[]; at: number }> {
  const tokens: IndexedToken[] = [];
  let after: string | null = null;
  let at = 0;
  do {
    const page: TokenIndexPage = await unwrap(
      api().listTokenIndex({
        after,
        limit: INDEX_PAGE_SIZE,
        ...(connectionIds === undefined ? {} : { connectionIds }),
      }),
    );
    // Labels as the window knows them now; a connection it has not heard of yet gets its label
    // when it has (followConnections).
    const facts = factsOf(useConnections.getState().connections);
    for (const tuple of page.rows) tokens.push(decodeRow(tuple, facts.get(tuple[1])?.label ?? ''));
    after = page.next;
    at = page.generatedAt;
  } while (after !== null);
  // A connection renamed while the pages came: the earlier pages carry its old label.
  const facts = factsOf(useConnections.getState().connections);
  return {
    tokens: tokens.map((t) => {
      const fact = facts.get(t.row.connectionId);
      return fact === undefined ? t : relabel(t, fact);
    }),
    at,
  };
}

/** Changes are applied one after another, in the order they were asked for. */
let queue: Promise<void> = Promise.resolve();
/** Connections that changed while the first load was under way. */
const changedDuringLoad = new Set<string>();
let ticker: number | undefined;

export const useTokenIndex = create<TokenIndexState>()((set, get) => {
  const accept = (tokens: readonly IndexedToken[], at: number) => {
    learnCoreTime(at);
    set({ tokens, counts: countTokens(tokens, at), loadedAt: at });
  };

  return {
    status: 'idle',
    tokens: [],
    counts: null,
    loadedAt: null,
    async load() {
      if (get().status === 'loading') return;
      set({ status: 'loading' });
      try {
        const { tokens, at } = await fetchAll(undefined);
        accept(tokens, at);
        set({ status: 'ready' });
        window.clearInterval(ticker);
        ticker = window.setInterval(() => get().tick(), TICK_MS);
        if (changedDuringLoad.size > 0) {
          const ids = [...changedDuringLoad];
          changedDuringLoad.clear();
          await get().refresh(ids);
        }
      } catch {
        // The list falls back to asking the core page by page; the next change tries again.
        set({ status: 'error' });
      }
    },
    refresh(connectionIds) {
      const status = get().status;
      if (status === 'loading') {
        for (const id of connectionIds) changedDuringLoad.add(id);
        return Promise.resolve();
      }
      if (status !== 'ready') return status === 'error' ? get().load() : Promise.resolve();
      const work = queue.then(async () => {
        try {
          const { tokens: fresh, at } = await fetchAll(connectionIds);
          const changed = new Set(connectionIds);
          accept([...get().tokens.filter((t) => !changed.has(t.row.connectionId)), ...fresh], at);
        } catch {
          set({ status: 'error' });
        }
      });
      queue = work;
      return work;
    },
    followConnections(connections) {
      const facts = factsOf(connections);
      const before = get().tokens;
      let changed = false;
      const tokens: IndexedToken[] = [];
      for (const token of before) {
        const fact = facts.get(token.row.connectionId);
        if (fact === undefined) {
          changed = true;
          continue;
        }
        const next = relabel(token, fact);
        if (next !== token) changed = true;
        tokens.push(next);
      }
      if (changed) set({ tokens, counts: countTokens(tokens, coreNow()) });
    },
    async retime() {
      try {
        // The smallest answer that carries the core's time (its counts are reused, not recounted).
        learnCoreTime((await unwrap(api().listTokens({ offset: 0, limit: 1 }))).generatedAt);
      } catch {
        // Keep the time the window knows.
      }
      get().tick();
    },
    tick() {
      const now = coreNow();
      const before = get().tokens;
      let changed = false;
      const tokens = before.map((token) => {
        const next = atTime(token, now);
        if (next !== token) changed = true;
        return next;
      });
      if (changed) set({ tokens });
      set({ counts: countTokens(changed ? tokens : before, now) });
    },
  };
});
