/**
 * The list, worked out in the window from the index: search, filters, order and groups, as the
 * core's listTokens would answer them. What a key can reuse is kept between keys (sorting
 * 50,000 tokens takes tens of milliseconds, filtering them several): see ListEngine.
 */
import type { Badge, ProviderId, SortColumn, TokenCounts } from '../../types';
import { comparator, type GroupBy } from './order';
import type { IndexedToken } from './rows';

const DAY_MS = 86_400_000;

export interface ListQuery {
  search: string;
  providers: ProviderId[];
  connectionIds: string[];
  badges: Badge[];
  /** Only tokens with one of these tags / owners (their annotation's), as the core's TokenQuery. */
  tags: string[];
  owners: string[];
  expiringWithinDays: number | null;
  includeInactive: boolean;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  groupBy: GroupBy;
  /** Only these tokens (the "Needs attention" view: the reminders' own list). */
  onlyIds: ReadonlySet<string> | null;
}

export interface TokenGroup {
  key: string;
  label: string;
  count: number;
  /** Offset of the group's first row in the list's order. */
  start: number;
}

export interface ListResult {
  tokens: readonly IndexedToken[];
  groups: TokenGroup[] | null;
}

const INACTIVE_BADGES: readonly Badge[] = ['revoked', 'removed', 'retired'];
const isLive = (t: IndexedToken) => t.row.state === 'active' || t.row.state === 'grace';

/** Every test of the query but its text (views, filters, inactive tokens left out). */
function filterTest(query: ListQuery, now: number): ((t: IndexedToken) => boolean) | null {
  const tests: ((t: IndexedToken) => boolean)[] = [];
  if (!query.includeInactive && !query.badges.some((b) => INACTIVE_BADGES.includes(b))) tests.push(isLive);
  if (query.onlyIds !== null) {
    const ids = query.onlyIds;
    tests.push((t) => ids.has(t.row.id));
  }
  if (query.providers.length > 0) {
    const providers = new Set<string>(query.providers);
    tests.push((t) => providers.has(t.row.provider));
  }
  if (query.connectionIds.length > 0) {
    const ids = new Set(query.connectionIds);
    tests.push((t) => ids.has(t.row.connectionId));
  }
  if (query.badges.length > 0) {
    const wanted = query.badges;
    tests.push((t) => t.row.badges.some((b) => wanted.includes(b)));
  }
  if (query.tags.length > 0) {
    const wanted = new Set(query.tags);
    tests.push((t) => t.tags.some((tag) => wanted.has(tag)));
  }
  if (query.owners.length > 0) {
    const wanted = new Set(query.owners);
    tests.push((t) => t.owner !== null && wanted.has(t.owner));
  }
  if (query.expiringWithinDays !== null) {
    const horizon = now + query.expiringWithinDays * DAY_MS;
    tests.push((t) => t.row.expiresAt !== null && t.row.expiresAt <= horizon);
  }
  if (tests.length === 0) return null;
  return (t) => {
    for (const test of tests) if (!test(t)) return false;
    return true;
  };
}

/**
 * What a search looks into, one string per token: its search text, its connection's label and its
 * annotation's text,
 * apart by a character no search can hold (the box trims and keeps no control characters), so
 * a match never spans two. Kept in a flat array beside the tokens: a key then reads one
 * string per token instead of following each token's objects around the heap.
 */
const haystackOf = (t: IndexedToken) => `${t.searchText}\u0000${t.labelText}\u0000${t.annotationText}`;

/** What the core's search compares: the trimmed text, lower-cased. */
export const searchKey = (search: string): string => search.trim().toLowerCase();

/** Header counts over every live token, as the core's TokenCounts. */
export function countTokens(tokens: readonly IndexedToken[], now: number): TokenCounts {
  const counts: TokenCounts = {
    total: 0,
    expired: 0,
    expiringSoon: 0,
    grace: 0,
    neverUsed: 0,
    needsAttention: 0,
  };
  for (const t of tokens) {
    if (!isLive(t)) continue;
    const b = t.row.badges;
    counts.total += 1;
    const expired = b.includes('expired');
    const soon = b.includes('expires_7') || b.includes('expires_30');
    const grace = b.includes('grace');
    if (expired) counts.expired += 1;
    if (soon) counts.expiringSoon += 1;
    if (grace) counts.grace += 1;
    if (b.includes('never_used')) counts.neverUsed += 1;
    if ((expired || soon || grace) && (t.row.snoozedUntil === null || t.row.snoozedUntil <= now))
      counts.needsAttention += 1;
  }
  return counts;
}

export interface GroupNames {
  provider: (id: ProviderId) => string;
}

/** Matches of each recent text over the same filtered tokens (Backspace goes back to one of them). */
const RECENT_TEXTS = 32;

interface Filtered {
  order: IndexedToken[];
  key: string;
  tokens: IndexedToken[];
  haystacks: string[];
  /** The positions (in `tokens`) matching each recent text, the newest last. */
  byText: Map<string, Int32Array>;
}

/**
 * Runs queries over one index, remembering what the next key can reuse: the sorted order (kept
 * while the index and the sort are the same), the tokens that pass the filters, with their
 * haystacks (kept while the filters are the same), and the matches of the recent texts. A key
 * then costs one pass over the filtered haystacks, or over the previous matches when the new
 * text contains the old one, or nothing when the text was searched a moment ago.
 */
export class ListEngine {
  private sorted: { tokens: readonly IndexedToken[]; key: string; order: IndexedToken[] } | null = null;
  private filtered: Filtered | null = null;
  private lastText = '';

  run(tokens: readonly IndexedToken[], query: ListQuery, now: number, names: GroupNames): ListResult {
    const filtered = this.filter(this.order(tokens, query, now), query, now);
    const text = searchKey(query.search);
    let positions = filtered.byText.get(text);
    if (positions === undefined) {
      const previous = text.includes(this.lastText) ? filtered.byText.get(this.lastText) : undefined;
      positions = search(filtered.haystacks, text, previous);
      if (filtered.byText.size >= RECENT_TEXTS) {
        const oldest = filtered.byText.keys().next().value;
        if (oldest !== undefined) filtered.byText.delete(oldest);
      }
    } else filtered.byText.delete(text);
    filtered.byText.set(text, positions);
    this.lastText = text;
    const matches =
      positions.length === filtered.tokens.length
        ? filtered.tokens
        : Array.from(positions, (i) => filtered.tokens[i] as IndexedToken);
    return { tokens: matches, groups: groupsOf(matches, query.groupBy, names) };
  }

  private order(tokens: readonly IndexedToken[], query: ListQuery, now: number): IndexedToken[] {
    // Only the status order moves with time; other orders are kept while the index is the same.
    const key = `${query.sort.column}:${query.sort.direction}:${query.groupBy}:${query.sort.column === 'status' ? Math.floor(now / 60_000) : ''}`;
    if (this.sorted !== null && this.sorted.tokens === tokens && this.sorted.key === key)
      return this.sorted.order;
    const order = [...tokens].sort(comparator(query.sort, query.groupBy, now));
    this.sorted = { tokens, key, order };
    return order;
  }

  private filter(order: IndexedToken[], query: ListQuery, now: number): Filtered {
    // Everything but the text (and the order). "Expiring within" moves with the clock, by the
    // minute as the time badges do (stores/token-index.ts ticks once a minute).
    const key = JSON.stringify({
      ...query,
      search: '',
      sort: null,
      groupBy: null,
      onlyIds: query.onlyIds === null ? null : [...query.onlyIds],
      at: query.expiringWithinDays === null ? null : Math.floor(now / 60_000),
    });
    if (this.filtered !== null && this.filtered.order === order && this.filtered.key === key)
      return this.filtered;
    const test = filterTest(query, now);
    const kept = test === null ? order : order.filter(test);
    this.filtered = { order, key, tokens: kept, haystacks: kept.map(haystackOf), byText: new Map() };
    return this.filtered;
  }
}

/** Positions of the haystacks holding `text`: among `within` (the matches of a shorter text) if given. */
function search(haystacks: readonly string[], text: string, within: Int32Array | undefined): Int32Array {
  if (text === '') return Int32Array.from(haystacks.keys());
  const found = new Int32Array(within?.length ?? haystacks.length);
  let n = 0;
  if (within !== undefined) {
    for (const i of within) if ((haystacks[i] as string).includes(text)) found[n++] = i;
  } else {
    for (let i = 0; i < haystacks.length; i++) if ((haystacks[i] as string).includes(text)) found[n++] = i;
  }
  return found.slice(0, n);
}

function groupsOf(tokens: readonly IndexedToken[], groupBy: GroupBy, names: GroupNames): TokenGroup[] | null {
  if (groupBy === 'none') return null;
  const groups: TokenGroup[] = [];
  let current: TokenGroup | null = null;
  tokens.forEach((t, i) => {
    const key = groupBy === 'provider' ? t.row.provider : t.row.connectionId;
    if (current === null || current.key !== key) {
      current = {
        key,
        label:
          groupBy === 'provider'
            ? names.provider(t.row.provider)
            : `${t.row.connectionLabel} · ${names.provider(t.row.provider)}`,
        count: 0,
        start: i,
      };
      groups.push(current);
    }
    current.count += 1;
  });
  return groups;
}
