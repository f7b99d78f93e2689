/**
 * How each status badge looks and reads. Every badge has a label and an icon as well as a
 * colour, so colour is never the only signal.
 */
import {
  AlarmClock,
  Archive,
  Ban,
  CircleDashed,
  Clock,
  Hourglass,
  Infinity as InfinityIcon,
  KeyRound,
  type LucideIcon,
  MoonStar,
  PenLine,
  ShieldExclamationPoint,
  Trash,
  TriangleExclamationPoint,
  ClockArrowDown,
} from 'lucide-react';
import type { Badge } from '../../../src-preload/contract';

export type Tone = 'danger' | 'warning' | 'caution' | 'info' | 'neutral' | 'muted';

export interface BadgeLook {
  label: string;
  /** A longer explanation, for the filter list and screen readers. */
  description: string;
  tone: Tone;
  icon: LucideIcon;
}

export const BADGES: Record<Badge, BadgeLook> = {
  expired: {
    label: 'Expired',
    description: 'The expiry date has passed.',
    tone: 'danger',
    icon: TriangleExclamationPoint,
  },
  expires_7: {
    label: 'Expires ≤ 7 days',
    description: 'Expires within 7 days.',
    tone: 'danger',
    icon: AlarmClock,
  },
  expires_30: {
    label: 'Expires ≤ 30 days',
    description: 'Expires within 30 days.',
    tone: 'warning',
    icon: Clock,
  },
  grace: {
    label: 'Grace period',
    description: 'Rotated; the old token still works for a short grace period.',
    tone: 'warning',
    icon: Hourglass,
  },
  never_expires: {
    label: 'Never expires',
    description: 'Has no expiry date.',
    tone: 'neutral',
    icon: InfinityIcon,
  },
  never_used: {
    label: 'Never used',
    description: 'The provider reports that it was never used.',
    tone: 'neutral',
    icon: CircleDashed,
  },
  unused_90: {
    label: 'Unused 90+ days',
    description: 'Not used for 90 days or more.',
    tone: 'neutral',
    icon: MoonStar,
  },
  broad_scope: {
    label: 'Broad scope',
    description: 'Reaches all organizations or has full access.',
    tone: 'caution',
    icon: ShieldExclamationPoint,
  },
  legacy: {
    label: 'Legacy',
    description: 'A legacy token type that should be replaced.',
    tone: 'caution',
    icon: ClockArrowDown,
  },
  // The generic words; the provider's own (its descriptor's `reportedProblem`) replace them where it has some.
  reported_problem: {
    label: 'Reported by the provider',
    description: 'The provider reports a problem with this token (for example, that it leaked).',
    tone: 'danger',
    icon: TriangleExclamationPoint,
  },
  revoked: { label: 'Revoked', description: 'Revoked; it no longer works.', tone: 'muted', icon: Ban },
  removed: { label: 'Removed', description: 'No longer listed by the provider.', tone: 'muted', icon: Trash },
  retired: {
    label: 'Retired',
    description: 'Replaced or retired; Tokenkeeper no longer reminds you.',
    tone: 'muted',
    icon: Archive,
  },
  tracked: {
    label: 'Tracked',
    description: 'Recorded by hand (no API access).',
    tone: 'info',
    icon: PenLine,
  },
  credential: {
    label: 'Used by Tokenkeeper',
    description: 'Tokenkeeper itself uses this token to reach the provider.',
    tone: 'info',
    icon: KeyRound,
  },
};

/** Most urgent first: the order badges appear in a row. */
export const BADGE_PRIORITY: Badge[] = [
  'reported_problem',
  'expired',
  'revoked',
  'removed',
  'retired',
  'grace',
  'expires_7',
  'expires_30',
  'broad_scope',
  'legacy',
  'never_used',
  'unused_90',
  'credential',
  'never_expires',
  'tracked',
];

/** A badge's look, in the provider's own words where it says what its reported problem is. */
export function badgeLook(badge: Badge, problem?: { label: string; description: string }): BadgeLook {
  const look = BADGES[badge];
  return badge === 'reported_problem' && problem !== undefined
    ? { ...look, label: problem.label, description: problem.description }
    : look;
}

export function sortBadges(badges: readonly Badge[]): Badge[] {
  return [...badges].sort((a, b) => BADGE_PRIORITY.indexOf(a) - BADGE_PRIORITY.indexOf(b));
}

/** Badges offered in the status filter, in a sensible order. */
export const FILTER_BADGES: Badge[] = [
  'expired',
  'expires_7',
  'expires_30',
  'grace',
  'never_expires',
  'never_used',
  'unused_90',
  'broad_scope',
  'legacy',
  'reported_problem',
  'tracked',
  'credential',
  'revoked',
  'removed',
  'retired',
];
