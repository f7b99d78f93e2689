/**
 * The list, worked out in the window from the index: search, filters, order and groups, as the
 * core's listTokens would answer them. The order of all tokens is kept between keys (sorting
 * 50,000 tokens takes tens of milliseconds, a search over them a few), so a key costs one pass
 * over the sorted tokens, or over the last matches when the new text contains the old one.
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

function predicate(query: ListQuery, now: number): (t: IndexedToken) => boolean {
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
  const text = searchKey(query.search);
  if (text !== '')
    tests.push(
      (t) => t.searchText.includes(text) || t.labelText.includes(text) || t.annotationText.includes(text),
    );
  return (t) => {
    for (const test of tests) if (!test(t)) return false;
    return true;
  };
}

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

/**
 * Runs queries over one index, remembering the sorted order and the last matches so the next key
 * does as little as it can. Call `run` with the same `tokens` array until the index changes.
 */
export class ListEngine {
  private sorted: { tokens: readonly IndexedToken[]; key: string; order: IndexedToken[] } | null = null;
  private last: { order: IndexedToken[]; key: string; text: string; matches: IndexedToken[] } | null = null;

  run(tokens: readonly IndexedToken[], query: ListQuery, now: number, names: GroupNames): ListResult {
    const order = this.order(tokens, query, now);
    const text = searchKey(query.search);
    // Everything but the text: when only the text grew, the new matches are among the last ones.
    const key = JSON.stringify({
      ...query,
      search: '',
      onlyIds: query.onlyIds === null ? null : [...query.onlyIds],
    });
    const narrowing =
      this.last !== null &&
      this.last.order === order &&
      this.last.key === key &&
      text.includes(this.last.text) &&
      query.expiringWithinDays === null;
    const source = narrowing && this.last !== null ? this.last.matches : order;
    const test = predicate(query, now);
    const matches = source.filter(test);
    this.last = { order, key, text, matches };
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
