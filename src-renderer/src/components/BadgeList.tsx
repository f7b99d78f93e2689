/** Status badges: icon, label and colour together; the full list is always readable. */
import { memo } from 'react';
import type { Badge } from '../types';
import { badgeLook, sortBadges } from '../lib/badges';

/** The provider's words for a problem it reports (its descriptor's `reportedProblem`). */
type ProblemWords = { label: string; description: string };

/** Memoized: a list row that shows another token after a key redraws a badge only if it differs. */
export const StatusBadge = memo(function StatusBadge({
  badge,
  problem,
}: {
  badge: Badge;
  problem?: ProblemWords;
}) {
  const look = badgeLook(badge, problem);
  const Icon = look.icon;
  return (
    <span className={`badge tone-${look.tone}`} title={look.description}>
      <Icon size={13} aria-hidden="true" />
      {look.label}
      {/* The provider's sentence is the short label's meaning: said to readers, shown on hover. */}
      {problem !== undefined && badge === 'reported_problem' && (
        <span className="visually-hidden">: {look.description}</span>
      )}
    </span>
  );
});

/** At most `max` badges, then "+N" naming the rest (visually short, complete for readers). */
export function BadgeList({
  badges,
  max,
  problem,
}: {
  badges: readonly Badge[];
  max?: number;
  problem?: ProblemWords | undefined;
}) {
  const sorted = sortBadges(badges);
  const shown = max === undefined ? sorted : sorted.slice(0, max);
  const rest = sorted.slice(shown.length);
  return (
    <span className="badge-list">
      {shown.map((badge) => (
        <StatusBadge key={badge} badge={badge} {...(problem === undefined ? {} : { problem })} />
      ))}
      {rest.length > 0 && (
        <span
          className="badge tone-neutral badge-more"
          title={rest.map((b) => badgeLook(b, problem).label).join(', ')}
        >
          <span aria-hidden="true">+{rest.length}</span>
          <span className="visually-hidden">{rest.map((b) => badgeLook(b, problem).label).join(', ')}</span>
        </span>
      )}
    </span>
  );
}
