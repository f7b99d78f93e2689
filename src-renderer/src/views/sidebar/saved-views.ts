/**
 * The sidebar's saved views, as data: each is a name, an icon and the list filters it starts
 * from, with a count worked out from the index; and the views by tag and by owner, one per tag
 * or owner the live tokens' annotations name.
 */
import {
  CalendarClock,
  CalendarRange,
  BellRing,
  Infinity as InfinityIcon,
  KeySquare,
  PenLine,
  type LucideIcon,
} from 'lucide-react';
import type { Attention } from '../../types';
import { coreNow } from '../../lib/clock';
import type { IndexedToken } from '../../lib/token-index/rows';
import type { TokenFilters } from '../../stores/tokens';

export interface SavedView {
  id: string;
  label: string;
  icon: LucideIcon;
  filters: Partial<TokenFilters>;
  /** How many tokens the view holds; null while it cannot be known yet. */
  count: (tokens: readonly IndexedToken[], attention: Attention | null, ready: boolean) => number | null;
}

const DAY_MS = 86_400_000;
const live = (t: IndexedToken) => t.row.state === 'active' || t.row.state === 'grace';
const countWhere =
  (test: (t: IndexedToken) => boolean) =>
  (tokens: readonly IndexedToken[], _attention: Attention | null, ready: boolean): number | null => {
    if (!ready) return null;
    let n = 0;
    for (const t of tokens) if (live(t) && test(t)) n += 1;
    return n;
  };

export const SAVED_VIEWS: SavedView[] = [
  { id: 'all', label: 'All tokens', icon: KeySquare, filters: {}, count: countWhere(() => true) },
  {
    id: 'attention',
    label: 'Needs attention',
    icon: BellRing,
    filters: { attention: true },
    count: (_tokens, attention) => attention?.count ?? null,
  },
  {
    id: 'expiring',
    label: 'Expiring in 30 days',
    icon: CalendarClock,
    filters: { expiringWithinDays: 30 },
    // The list's own rule: expiring within 30 days from now, expired included.
    count: (tokens, attention, ready) =>
      countWhere((t) => t.row.expiresAt !== null && t.row.expiresAt <= coreNow() + 30 * DAY_MS)(
        tokens,
        attention,
        ready,
      ),
  },
  {
    id: 'never',
    label: 'Never expires',
    icon: InfinityIcon,
    filters: { badges: ['never_expires'] },
    count: countWhere((t) => t.row.badges.includes('never_expires')),
  },
  {
    id: 'tracked',
    label: 'Tracked by hand',
    icon: PenLine,
    filters: { badges: ['tracked'] },
    count: countWhere((t) => t.row.badges.includes('tracked')),
  },
];

/** Each tag and owner the live tokens carry, with how many carry it, in name order. */
export function annotationViews(tokens: readonly IndexedToken[]): {
  tags: [string, number][];
  owners: [string, number][];
} {
  const tags = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const t of tokens) {
    if (!live(t)) continue;
    for (const tag of t.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    if (t.owner !== null) owners.set(t.owner, (owners.get(t.owner) ?? 0) + 1);
  }
  const byName = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]);
  return { tags: [...tags].sort(byName), owners: [...owners].sort(byName) };
}

export { CalendarRange as UpcomingIcon };
