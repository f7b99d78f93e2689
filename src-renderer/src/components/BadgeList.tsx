/** Status badges: icon, label and colour together; the full list is always readable. */
import { memo } from 'react';
import type { Badge } from '../types';
import { BADGES, sortBadges } from '../lib/badges';

/** Memoized: a list row that shows another token after a key redraws a badge only if it differs. */
export const StatusBadge = memo(function StatusBadge({ badge }: { badge: Badge }) {
  const look = BADGES[badge];
  const Icon = look.icon;
  return (
    <span className={`badge tone-${look.tone}`} title={look.description}>
      <Icon size={13} aria-hidden="true" />
      {look.label}
    </span>
  );
});

/** At most `max` badges, then "+N" naming the rest (visually short, complete for readers). */
export function BadgeList({ badges, max }: { badges: readonly Badge[]; max?: number }) {
  const sorted = sortBadges(badges);
  const shown = max === undefined ? sorted : sorted.slice(0, max);
  const rest = sorted.slice(shown.length);
  return (
    <span className="badge-list">
      {shown.map((badge) => (
        <StatusBadge key={badge} badge={badge} />
      ))}
      {rest.length > 0 && (
        <span className="badge tone-neutral badge-more" title={rest.map((b) => BADGES[b].label).join(', ')}>
          <span aria-hidden="true">+{rest.length}</span>
          <span className="visually-hidden">{rest.map((b) => BADGES[b].label).join(', ')}</span>
        </span>
      )}
    </span>
  );
}
