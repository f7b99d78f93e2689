/**
 * What the expiry timeline draws, worked out from the index: for every live token, the day it
 * expires (or its grace period ends) and the day a snooze ends, inside the range shown; tokens
 * already past their date sit in an "overdue" column before today. Grouped by provider or
 * connection into lanes; marks on the same day of a lane are stacked.
 */
import type { ProviderId } from '../../types';
import type { IndexedToken } from '../../lib/token-index/rows';

const DAY_MS = 86_400_000;

export type MarkKind = 'expires' | 'grace' | 'snooze';
export type MarkTone = 'danger' | 'warning' | 'info' | 'neutral';

export interface Mark {
  key: string;
  tokenId: string;
  name: string;
  connectionLabel: string;
  provider: ProviderId;
  kind: MarkKind;
  at: number;
  /** Whole days from today (negative: overdue). */
  day: number;
  tone: MarkTone;
  /** Place in its day's stack within the lane (0 at the bottom). */
  stack: number;
}

export interface Lane {
  key: string;
  label: string;
  marks: Mark[];
  /** Marks that did not fit the stack, per day. */
  overflow: Map<number, number>;
  height: number;
}

export const MAX_STACK = 3;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function dayOf(ms: number, today: number): number {
  return Math.floor((startOfDay(ms) - today) / DAY_MS);
}

function toneFor(kind: MarkKind, day: number): MarkTone {
  if (kind === 'snooze') return 'neutral';
  if (kind === 'grace') return 'warning';
  if (day < 0 || day <= 7) return 'danger';
  if (day <= 30) return 'warning';
  return 'info';
}

export function buildLanes(
  tokens: readonly IndexedToken[],
  options: {
    now: number;
    days: number;
    groupBy: 'provider' | 'connection';
    providerName: (id: ProviderId) => string;
  },
): Lane[] {
  const today = startOfDay(options.now);
  const byLane = new Map<string, { label: string; marks: Mark[] }>();
  const add = (t: IndexedToken, kind: MarkKind, at: number) => {
    const day = dayOf(at, today);
    if (day > options.days) return;
    // Only what is still ahead, and what is already overdue (expired, grace over): not old snoozes.
    if (day < 0 && kind === 'snooze') return;
    const key = options.groupBy === 'provider' ? t.row.provider : t.row.connectionId;
    const label =
      options.groupBy === 'provider'
        ? options.providerName(t.row.provider)
        : `${t.row.connectionLabel} · ${options.providerName(t.row.provider)}`;
    let lane = byLane.get(key);
    if (lane === undefined) {
      lane = { label, marks: [] };
      byLane.set(key, lane);
    }
    lane.marks.push({
      key: `${t.row.id}:${kind}`,
      tokenId: t.row.id,
      name: t.row.name,
      connectionLabel: t.row.connectionLabel,
      provider: t.row.provider,
      kind,
      at,
      day: Math.max(-1, day),
      tone: toneFor(kind, day),
      stack: 0,
    });
  };
  for (const t of tokens) {
    const row = t.row;
    if (row.state === 'grace' && row.graceEndsAt !== null) add(t, 'grace', row.graceEndsAt);
    else if (row.state === 'active' && row.expiresAt !== null) add(t, 'expires', row.expiresAt);
    if (
      (row.state === 'active' || row.state === 'grace') &&
      row.snoozedUntil !== null &&
      row.snoozedUntil > options.now
    )
      add(t, 'snooze', row.snoozedUntil);
  }
  const lanes: Lane[] = [];
  for (const [key, lane] of byLane) {
    lane.marks.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
    const perDay = new Map<number, number>();
    const overflow = new Map<number, number>();
    const kept: Mark[] = [];
    for (const mark of lane.marks) {
      const n = perDay.get(mark.day) ?? 0;
      perDay.set(mark.day, n + 1);
      if (n < MAX_STACK) kept.push({ ...mark, stack: n });
      else overflow.set(mark.day, (overflow.get(mark.day) ?? 0) + 1);
    }
    const tallest = Math.min(MAX_STACK, Math.max(1, ...perDay.values()));
    lanes.push({ key, label: lane.label, marks: kept, overflow, height: 20 + tallest * 14 });
  }
  return lanes.sort((a, b) => a.label.localeCompare(b.label));
}
