/**
 * The token list: the query the user built (search, filters, sort, grouping) and the pages of
 * rows loaded so far. Rows are fetched a page at a time as they scroll into view, never all at
 * once. Every load carries the generation it was made for; a response for an older generation
 * is dropped, so a slow answer to an old search never overwrites a newer one.
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
import { learnCoreTime } from '../lib/clock';
import { providerName } from '../lib/providers';
import { toApiError } from '../lib/errors';
import { useConnections } from './connections';

export const PAGE_SIZE = 100;

export type GroupBy = 'none' | 'provider' | 'connection';

export interface TokenFilters {
  search: string;
  providers: ProviderId[];
  connectionIds: string[];
  badges: Badge[];
  expiringWithinDays: number | null;
  includeInactive: boolean;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  groupBy: GroupBy;
}

export interface TokenGroup {
  key: string;
  label: string;
  count: number;
  /** Offset of the group's first row in the query's order. */
  start: number;
}

export const DEFAULT_FILTERS: TokenFilters = {
  search: '',
  providers: [],
  connectionIds: [],
  badges: [],
  expiringWithinDays: null,
  includeInactive: false,
  sort: { column: 'expiresAt', direction: 'asc' },
  groupBy: 'none',
};

interface TokensState {
  filters: TokenFilters;
  /** What is in the search box right now (the query follows it as soon as the core is free). */
  searchText: string;
  generation: number;
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
  setSearchText: (text: string) => void;
  setFilters: (patch: Partial<TokenFilters>) => void;
  toggleSort: (column: SortColumn) => void;
  clearFilters: () => void;
  reload: (options?: { keepRows?: boolean }) => Promise<void>;
  ensurePages: (pageIndices: number[]) => void;
  patchRow: (row: TokenRow) => void;
}

export function toQuery(filters: TokenFilters, offset: number, limit: number): TokenQuery {
  const query: TokenQuery = { offset, limit, sort: filters.sort, groupBy: filters.groupBy };
  const search = filters.search.trim();
  if (search !== '') query.search = search;
  if (filters.providers.length > 0) query.providers = filters.providers;
  if (filters.connectionIds.length > 0) query.connectionIds = filters.connectionIds;
  if (filters.badges.length > 0) query.badges = filters.badges;
  if (filters.expiringWithinDays !== null) query.expiringWithinDays = filters.expiringWithinDays;
  if (filters.includeInactive) query.includeInactive = true;
  return query;
}

export const activeFilterCount = (f: TokenFilters): number =>
  (f.providers.length > 0 ? 1 : 0) +
  (f.connectionIds.length > 0 ? 1 : 0) +
  (f.badges.length > 0 ? 1 : 0) +
  (f.expiringWithinDays !== null ? 1 : 0) +
  (f.includeInactive ? 1 : 0);

/** SQLite's NOCASE folds ASCII letters only; the group order must match the query's. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group boundaries: one count per group, in the order the query sorts groups. */
async function loadGroups(filters: TokenFilters): Promise<TokenGroup[] | null> {
  if (filters.groupBy === 'none') return null;
  let candidates: { key: string; label: string; query: Partial<TokenQuery> }[];
  if (filters.groupBy === 'provider') {
    const known = useConnections.getState().providers;
    const providers = filters.providers.length > 0 ? filters.providers : known.map((p) => p.id);
    // The query groups by provider id, so the headings follow the ids' order.
    candidates = [...providers]
      .sort(compare)
      .map((p) => ({ key: p, label: providerName(known, p), query: { providers: [p] } }));
  } else {
    const connections = useConnections
      .getState()
      .connections.filter((c) => filters.connectionIds.length === 0 || filters.connectionIds.includes(c.id))
      .filter((c) => filters.providers.length === 0 || filters.providers.includes(c.provider))
      .sort((a, b) => compare(foldAscii(a.label), foldAscii(b.label)) || compare(a.id, b.id));
    candidates = connections.map((c) => ({
      key: c.id,
      label: `${c.label} · ${providerName(useConnections.getState().providers, c.provider)}`,
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
 * A search is sent the moment a key is pressed, with no pause to wait out: while the core answers
 * one search (about 35 ms over 50,000 tokens, npm run bench), the keys pressed meanwhile only
 * change the box, and when the answer is in, the box's latest text goes as the next search. So
 * a key at rest costs one round trip, and a burst of fast keys never queues stale searches.
 */
let searching = false;
/** Page indices requested for the current generation and not answered yet. */
let inflight = new Set<number>();

export const useTokens = create<TokensState>()((set, get) => {
  const fetchPage = (index: number): Promise<TokenPage> =>
    unwrap(api().listTokens(toQuery(get().filters, index * PAGE_SIZE, PAGE_SIZE)));

  const accept = (page: TokenPage) => {
    learnCoreTime(page.generatedAt);
    return { matched: page.matched, counts: page.counts, loadedAt: page.generatedAt };
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
    searchText: '',
    generation: 0,
    pages: {},
    stale: {},
    matched: null,
    counts: null,
    groups: null,
    status: 'loading',
    error: null,
    loadedAt: null,

    setSearchText(text) {
      set({ searchText: text });
      if (!searching) searchLatest();
    },
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().reload();
    },
    toggleSort(column) {
      const current = get().filters.sort;
      const direction = current.column === column && current.direction === 'asc' ? 'desc' : 'asc';
      get().setFilters({ sort: { column, direction } });
    },
    clearFilters() {
      set({ searchText: '' });
      get().setFilters({ ...DEFAULT_FILTERS, sort: get().filters.sort, groupBy: get().filters.groupBy });
    },
    async reload(options = {}) {
      const generation = get().generation + 1;
      const { pages, stale } = get();
      inflight = new Set([0]);
      set({
        generation,
        pages: {},
        stale: Object.keys(pages).length > 0 ? pages : stale,
        status: get().matched === null || get().status === 'error' ? 'loading' : get().status,
      });
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
  };
});

export function rowAt(state: Pick<TokensState, 'pages' | 'stale'>, offset: number): TokenRow | undefined {
  const index = Math.floor(offset / PAGE_SIZE);
  return (state.pages[index] ?? state.stale[index])?.[offset % PAGE_SIZE];
}
