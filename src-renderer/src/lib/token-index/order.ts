/**
 * The list's order, exactly as the core's SQL orders it (src-main/core/tokens/query.ts), so the
 * list the window works out itself is the list the core would answer: the group first, then the
 * sort column (missing values last where a column can lack one), then name and id. Text compares
 * as SQLite compares it: NOCASE folds ASCII letters only, then UTF-8 byte order.
 */
import type { SortColumn } from '../../types';
import { badgesAt, type IndexedToken } from './rows';

export type GroupBy = 'none' | 'provider' | 'connection';

/** UTF-8 byte order (SQLite's BINARY): code point order, which UTF-16 units break only at surrogates. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    // A surrogate starts a code point above U+FFFF: after every other UTF-16 unit.
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const compareNumber = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

/** Never-expiring tokens sort after every dated one when ascending (the core's COALESCE). */
const NEVER_EXPIRES = Number.MAX_SAFE_INTEGER;

/** The core's STATUS_RANK: what needs the user soonest first. */
export function statusRank(token: IndexedToken, now: number): number {
  const badges = badgesAt(token, now);
  if (badges.includes('expired')) return 0;
  if (badges.includes('grace')) return 1;
  if (badges.includes('expires_7')) return 2;
  if (badges.includes('expires_30')) return 3;
  return token.row.state === 'active' || token.row.state === 'grace' ? 4 : 5;
}

type Compare = (a: IndexedToken, b: IndexedToken) => number;

/** Nullable columns: missing values last in either direction, then the value in the direction. */
function nullableLast<T>(get: (t: IndexedToken) => T | null, compare: (a: T, b: T) => number): Compare {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return compare(x, y);
  };
}

function columnCompare(column: SortColumn, now: number): { compare: Compare; nullable: boolean } {
  switch (column) {
    case 'provider':
      return { compare: (a, b) => compareText(a.row.provider, b.row.provider), nullable: false };
    case 'account':
      return { compare: (a, b) => compareText(a.accountKey, b.accountKey), nullable: false };
    case 'name':
      return { compare: (a, b) => compareText(a.nameKey, b.nameKey), nullable: false };
    case 'last4':
      return { compare: nullableLast((t) => t.row.last4, compareText), nullable: true };
    case 'createdAt':
      return { compare: nullableLast((t) => t.row.createdAt, compareNumber), nullable: true };
    case 'lastUsedAt':
      return { compare: nullableLast((t) => t.row.lastUsedAt, compareNumber), nullable: true };
    case 'expiresAt':
      return {
        compare: (a, b) => compareNumber(a.row.expiresAt ?? NEVER_EXPIRES, b.row.expiresAt ?? NEVER_EXPIRES),
        nullable: false,
      };
    case 'scope':
      return { compare: (a, b) => compareText(a.scopeKey, b.scopeKey), nullable: false };
    case 'status':
      return { compare: (a, b) => statusRank(a, now) - statusRank(b, now), nullable: false };
  }
}

export function comparator(
  sort: { column: SortColumn; direction: 'asc' | 'desc' },
  groupBy: GroupBy,
  now: number,
): Compare {
  const { compare, nullable } = columnCompare(sort.column, now);
  const sign = sort.direction === 'desc' ? -1 : 1;
  const isNull = (t: IndexedToken) =>
    sort.column === 'last4'
      ? t.row.last4 === null
      : sort.column === 'createdAt'
        ? t.row.createdAt === null
        : t.row.lastUsedAt === null;
  const column: Compare = nullable
    ? (a, b) => {
        // Missing values last in either direction: only the values themselves flip.
        const an = isNull(a);
        const bn = isNull(b);
        if (an || bn) return an === bn ? 0 : an ? 1 : -1;
        return sign * compare(a, b);
      }
    : (a, b) => sign * compare(a, b);
  const group: Compare | null =
    groupBy === 'provider'
      ? (a, b) => compareText(a.row.provider, b.row.provider)
      : groupBy === 'connection'
        ? (a, b) =>
            compareText(a.labelText, b.labelText) || compareText(a.row.connectionId, b.row.connectionId)
        : null;
  return (a, b) =>
    (group === null ? 0 : group(a, b)) ||
    column(a, b) ||
    compareText(a.nameKey, b.nameKey) ||
    compareText(a.row.id, b.row.id);
}
