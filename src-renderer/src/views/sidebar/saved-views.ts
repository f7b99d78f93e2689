/**
 * The sidebar's saved views, as data: each is a name, an icon and the list filters it starts
 * from, with a count worked out from the index. Views by tag or owner (annotations, later) are
 * more entries of the same shape.
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

export { CalendarRange as UpcomingIcon };
