/** What the tray shows: the attention count in the tooltip and the next tokens to expire in the menu. */
import type { TrayModel } from '../ports';
import { deadlineOf, type AttentionEntry, type ReminderCandidate } from './planner';
import { attentionReason, tokenTitle, type WordingOptions } from './wording';

export const TRAY_UPCOMING_LIMIT = 5;
/** Native menus do not wrap: a long token name would make the whole menu as wide as the screen. */
export const TRAY_NAME_MAX = 40;

function shorten(name: string): string {
  const chars = [...name];
  return chars.length <= TRAY_NAME_MAX
    ? name
    : `${chars
        .slice(0, TRAY_NAME_MAX - 1)
        .join('')
        .trimEnd()}…`;
}

export function trayTooltip(attentionCount: number, paused: boolean): string {
  const count =
    attentionCount === 0
      ? 'nothing needs attention'
      : `${attentionCount} token${attentionCount === 1 ? ' needs' : 's need'} attention`;
  return `Tokenkeeper: ${count}${paused ? ' (reminders paused)' : ''}`;
}

/**
 * The menu lists what needs attention first (soonest deadline first), then fills up with the
 * next live tokens to expire, so the menu is useful even on a quiet day.
 */
export function buildTrayModel(input: {
  attention: readonly AttentionEntry[];
  candidates: readonly ReminderCandidate[];
  paused: boolean;
  now: number;
  wording?: WordingOptions;
}): TrayModel {
  const { attention, candidates, paused, now } = input;
  const picked = new Set<string>();
  const upcoming: TrayModel['upcoming'] = [];
  const add = (token: ReminderCandidate, at: number, kind: 'expiry' | 'grace') => {
    if (upcoming.length >= TRAY_UPCOMING_LIMIT || picked.has(token.id)) return;
    picked.add(token.id);
    const title = tokenTitle({ providerName: token.providerName, name: shorten(token.name) });
    upcoming.push({
      tokenId: token.id,
      label: `${title} — ${attentionReason({ kind, at }, now, input.wording)}`,
    });
  };
  for (const entry of attention) add(entry.token, entry.deadline.at, entry.deadline.kind);
  if (upcoming.length < TRAY_UPCOMING_LIMIT) {
    const rest = candidates
      .map((token) => ({ token, deadline: deadlineOf(token) }))
      .filter(
        (c): c is { token: ReminderCandidate; deadline: NonNullable<typeof c.deadline> } =>
          c.deadline !== null && c.deadline.at > now,
      )
      .sort((a, b) => a.deadline.at - b.deadline.at);
    for (const c of rest) add(c.token, c.deadline.at, c.deadline.kind);
  }
  return {
    attentionCount: attention.length,
    tooltip: trayTooltip(attention.length, paused),
    paused,
    upcoming,
  };
}
