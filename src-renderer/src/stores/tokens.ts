/**
 * The token list: the query the user built (view, search, filters, sort, grouping) and what it
 * shows. Two sources answer it:
 * - the index (stores/token-index.ts), once the window has read it: the list is worked out here,
 *   in the same task as the key that changed it, with no call to the core;
 * - before that (the first rows of a cold start, or if the index could not be read), the core,
 *   a page of 100 rows at a time as rows scroll into view. Every load carries the generation it
 *   was made for; an answer for an older generation is dropped.
 */
import { create } from 'zustand';
import type {
  ApiError,
  Badge,
  ProviderId,
  SortColumn,
  TokenCounts,
  TokenPage,
  TokenQuery,
  TokenRow,
} from '../types';
import { api, unwrap } from '../api';
import { coreNow, learnCoreTime } from '../lib/clock';
import { providerName } from '../lib/providers';
import { toApiError } from '../lib/errors';
import { foldAscii } from '../lib/token-index/rows';
import { ListEngine, type ListQuery, type ListResult, type TokenGroup } from '../lib/token-index/query';
import type { GroupBy } from '../lib/token-index/order';
import { useAttention } from './attention';
import { useConnections } from './connections';
import { useTokenIndex } from './token-index';

export type { GroupBy, TokenGroup };

export const PAGE_SIZE = 100;
/** How long a just-changed token's row stays highlighted. */
const HIGHLIGHT_MS = 4000;

export interface TokenFilters {
  search: string;
  providers: ProviderId[];
  connectionIds: string[];
  badges: Badge[];
  /** Only tokens with one of these tags, or one of these owners (their annotation's). */
  tags: string[];
  owners: string[];
  expiringWithinDays: number | null;
  includeInactive: boolean;
  /** Only what the reminders say needs attention (their own list, snoozes included). */
  attention: boolean;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  groupBy: GroupBy;
}

export const DEFAULT_FILTERS: TokenFilters = {
  search: '',
  providers: [],
  connectionIds: [],
  badges: [],
  tags: [],
  owners: [],
  expiringWithinDays: null,
  includeInactive: false,
  attention: false,
  sort: { column: 'expiresAt', direction: 'asc' },
  groupBy: 'none',
};

interface TokensState {
  filters: TokenFilters;
  /** The sidebar view the filters started from ("all", "attention", "connection:<id>", ...). */
  viewId: string;
  /** What is in the search box right now (the core path follows it as soon as the core is free). */
  searchText: string;
  /** Which source answers: the window's index, or the core page by page. */
  source: 'core' | 'index';
  /** The index's answer (source "index"). */
  list: ListResult | null;
  generation: number;
  /** The core's pages (source "core"). */
  pages: Record<number, TokenRow[]>;
  /** Rows of the previous load, shown until their page is replaced, so nothing flashes. */
  stale: Record<number, TokenRow[]>;
  matched: number | null;
  counts: TokenCounts | null;
  groups: TokenGroup[] | null;
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** Core time of the last successful load. */
  loadedAt: number | null;
  /** A token just created, rotated or revoked: its row is marked and scrolled to. */
  highlight: { tokenId: string; at: number } | null;
  setSearchText: (text: string) => void;
  setFilters: (patch: Partial<TokenFilters>) => void;
  /** Starts from a view's own filters (keeps the sort and grouping). */
  showView: (viewId: string, filters: Partial<TokenFilters>) => void;
  toggleSort: (column: SortColumn) => void;
  clearFilters: () => void;
  reload: (options?: { keepRows?: boolean }) => Promise<void>;
  ensurePages: (pageIndices: number[]) => void;
  patchRow: (row: TokenRow) => void;
  markChanged: (tokenId: string) => void;
}

export function toQuery(filters: TokenFilters, offset: number, limit: number): TokenQuery {
  const query: TokenQuery = { offset, limit, sort: filters.sort, groupBy: filters.groupBy };
  const search = filters.search.trim();
  if (search !== '') query.search = search;
  if (filters.providers.length > 0) query.providers = filters.providers;
  if (filters.connectionIds.length > 0) query.connectionIds = filters.connectionIds;
  if (filters.badges.length > 0) query.badges = filters.badges;
  if (filters.tags.length > 0) query.tags = filters.tags;
  if (filters.owners.length > 0) query.owners = filters.owners;
  if (filters.expiringWithinDays !== null) query.expiringWithinDays = filters.expiringWithinDays;
  if (filters.includeInactive) query.includeInactive = true;
  return query;
}

export const activeFilterCount = (f: TokenFilters): number =>
  (f.providers.length > 0 ? 1 : 0) +
  (f.connectionIds.length > 0 ? 1 : 0) +
  (f.badges.length > 0 ? 1 : 0) +
  (f.tags.length > 0 ? 1 : 0) +
  (f.owners.length > 0 ? 1 : 0) +
  (f.expiringWithinDays !== null ? 1 : 0) +
  (f.includeInactive ? 1 : 0);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group boundaries from the core (source "core"): one count per group, in the query's group order. */
async function loadGroups(filters: TokenFilters): Promise<TokenGroup[] | null> {
  if (filters.groupBy === 'none') return null;
  const { providers, connections } = useConnections.getState();
  let candidates: { key: string; label: string; query: Partial<TokenQuery> }[];
  if (filters.groupBy === 'provider') {
    const ids = filters.providers.length > 0 ? filters.providers : providers.map((p) => p.id);
    candidates = [...ids]
      .sort(compare)
      .map((p) => ({ key: p, label: providerName(providers, p), query: { providers: [p] } }));
  } else {
    candidates = connections
      .filter((c) => filters.connectionIds.length === 0 || filters.connectionIds.includes(c.id))
      .filter((c) => filters.providers.length === 0 || filters.providers.includes(c.provider))
      .sort((a, b) => compare(foldAscii(a.label), foldAscii(b.label)) || compare(a.id, b.id))
      .map((c) => ({
        key: c.id,
        label: `${c.label} · ${providerName(providers, c.provider)}`,
        query: { connectionIds: [c.id] },
      }));
  }
  const counts = await Promise.all(
    candidates.map((c) =>
      unwrap(api().listTokens({ ...toQuery(filters, 0, 1), ...c.query })).then((page) => page.matched),
    ),
  );
  const groups: TokenGroup[] = [];
  let start = 0;
  candidates.forEach((candidate, i) => {
    const count = counts[i] ?? 0;
    if (count > 0) groups.push({ key: candidate.key, label: candidate.label, count, start });
    start += count;
  });
  return groups;
}

/**
 * Source "core": a search is sent the moment a key is pressed; while the core answers one, the
 * keys pressed meanwhile only change the box, and when the answer is in, the box's latest text
 * goes as the next search.
 */
let searching = false;
/** Page indices requested for the current generation and not answered yet. */
let inflight = new Set<number>();
const engine = new ListEngine();

export const useTokens = create<TokensState>()((set, get) => {
  const fetchPage = (index: number): Promise<TokenPage> =>
    unwrap(api().listTokens(toQuery(get().filters, index * PAGE_SIZE, PAGE_SIZE)));

  const accept = (page: TokenPage) => {
    learnCoreTime(page.generatedAt);
    return { matched: page.matched, counts: page.counts, loadedAt: page.generatedAt };
  };

  /** Works the list out from the index (source "index"); the same task as the change. */
  const compute = () => {
    const index = useTokenIndex.getState();
    const filters = get().filters;
    const attention = useAttention.getState().attention;
    if (filters.attention && attention === null) {
      set({ status: 'loading' });
      return;
    }
    const query: ListQuery = {
      ...filters,
      onlyIds: filters.attention ? new Set((attention?.items ?? []).map((i) => i.token.id)) : null,
    };
    const { providers } = useConnections.getState();
    const list = engine.run(index.tokens, query, coreNow(), {
      provider: (id) => providerName(providers, id),
    });
    set({
      list,
      matched: list.tokens.length,
      groups: list.groups,
      counts: index.counts,
      loadedAt: index.loadedAt,
      status: 'ready',
      error: null,
      generation: get().generation + 1,
    });
  };

  const searchLatest = () => {
    const text = get().searchText;
    searching = get().filters.search !== text;
    if (!searching) return;
    set({ filters: { ...get().filters, search: text } });
    void get().reload().finally(searchLatest);
  };

  return {
    filters: DEFAULT_FILTERS,
    viewId: 'all',
    searchText: '',
    source: 'core',
    list: null,
    generation: 0,
    pages: {},
    stale: {},
    matched: null,
    counts: null,
    groups: null,
    status: 'loading',
    error: null,
    loadedAt: null,
    highlight: null,

    setSearchText(text) {
      if (get().source === 'index') {
        set({ searchText: text, filters: { ...get().filters, search: text } });
        compute();
        return;
      }
      set({ searchText: text });
      if (!searching) searchLatest();
    },
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().reload();
    },
    showView(viewId, filters) {
      const { sort, groupBy } = get().filters;
      set({ viewId, searchText: '' });
      get().setFilters({ ...DEFAULT_FILTERS, sort, groupBy, ...filters });
    },
    toggleSort(column) {
      const current = get().filters.sort;
      const direction = current.column === column && current.direction === 'asc' ? 'desc' : 'asc';
      get().setFilters({ sort: { column, direction } });
    },
    clearFilters() {
      set({ searchText: '', viewId: 'all' });
      get().setFilters({ ...DEFAULT_FILTERS, sort: get().filters.sort, groupBy: get().filters.groupBy });
    },
    async reload(options = {}) {
      if (get().source === 'index') {
        compute();
        return;
      }
      const generation = get().generation + 1;
      const { pages, stale } = get();
      inflight = new Set([0]);
      set({
        generation,
        pages: {},
        stale: Object.keys(pages).length > 0 ? pages : stale,
        status: get().matched === null || get().status === 'error' ? 'loading' : get().status,
      });
      // The attention view needs the index (the reminders' list is not a query the core pages).
      if (get().filters.attention) return;
      try {
        const [page, groups] = await Promise.all([fetchPage(0), loadGroups(get().filters)]);
        if (get().generation !== generation) return;
        set({
          ...accept(page),
          pages: { ...get().pages, 0: page.rows },
          // After a new query the old rows no longer line up; after a refresh they still do.
          stale: options.keepRows === true ? get().stale : {},
          groups,
          status: 'ready',
          error: null,
        });
      } catch (error) {
        if (get().generation !== generation) return;
        set({ status: 'error', error: toApiError(error), stale: {} });
      } finally {
        if (get().generation === generation) inflight.delete(0);
      }
    },
    ensurePages(pageIndices) {
      if (get().source === 'index') return;
      const generation = get().generation;
      for (const index of pageIndices) {
        if (index < 0 || get().pages[index] !== undefined || inflight.has(index)) continue;
        inflight.add(index);
        fetchPage(index)
          .then((page) => {
            if (get().generation !== generation) return;
            const stale = { ...get().stale };
            delete stale[index];
            set({ ...accept(page), pages: { ...get().pages, [index]: page.rows }, stale });
          })
          .catch((error: unknown) => {
            if (get().generation !== generation) return;
            set({ status: 'error', error: toApiError(error) });
          })
          .finally(() => {
            if (get().generation === generation) inflight.delete(index);
          });
      }
    },
    patchRow(row) {
      const patch = (source: Record<number, TokenRow[]>) => {
        const next: Record<number, TokenRow[]> = {};
        for (const [key, rows] of Object.entries(source))
          next[Number(key)] = rows.map((r) => (r.id === row.id ? row : r));
        return next;
      };
      set({ pages: patch(get().pages), stale: patch(get().stale) });
    },
    markChanged(tokenId) {
      const highlight = { tokenId, at: Date.now() };
      set({ highlight });
      window.setTimeout(() => {
        if (get().highlight === highlight) set({ highlight: null });
      }, HIGHLIGHT_MS);
    },
  };
});

/** The row at `offset` in the list's order, if it is loaded. */
export function rowAt(
  state: Pick<TokensState, 'source' | 'list' | 'pages' | 'stale'>,
  offset: number,
): TokenRow | undefined {
  if (state.source === 'index') return state.list?.tokens[offset]?.row;
  const index = Math.floor(offset / PAGE_SIZE);
  return (state.pages[index] ?? state.stale[index])?.[offset % PAGE_SIZE];
}

/** Once the index is read, it answers; every change to it (or to the attention list) redraws. */
export function followIndex(): () => void {
  const useIndex = () => {
    if (useTokenIndex.getState().status !== 'ready') return;
    const tokens = useTokens.getState();
    if (tokens.source !== 'index') {
      // The same query stays the same object, so the list keeps its place.
      const filters =
        tokens.filters.search === tokens.searchText
          ? tokens.filters
          : { ...tokens.filters, search: tokens.searchText };
      useTokens.setState({ source: 'index', pages: {}, stale: {}, filters });
    }
    void useTokens.getState().reload();
  };
  const stopIndex = useTokenIndex.subscribe((state, previous) => {
    if (state.tokens !== previous.tokens || state.status !== previous.status) useIndex();
  });
  const stopAttention = useAttention.subscribe((state, previous) => {
    if (state.attention !== previous.attention && useTokens.getState().filters.attention) useIndex();
  });
  const stopConnections = useConnections.subscribe((state, previous) => {
    if (state.connections !== previous.connections)
      useTokenIndex.getState().followConnections(state.connections);
  });
  return () => {
    stopIndex();
    stopAttention();
    stopConnections();
  };
}
