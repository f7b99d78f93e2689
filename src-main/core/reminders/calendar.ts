/**
 * The calendar export: one event per upcoming expiry (or grace end), with a display alarm at each
 * reminder threshold still ahead (as the app's own reminders ring), not only the widest,
 * written by ical-generator so escaping, line folding and UTC stamps follow RFC 5545 without
 * hand-written text. Only metadata goes in; there is no secret in the cache to leak.
 */
import ical, { ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import type { AnnotationFields } from '../db/repositories/annotations';
import { DAY_MS } from '../tokens/status';
import { GRACE_LEAD_MS, HOUR_MS, deadlineOf, type Deadline, type ReminderCandidate } from './planner';
import { tokenTitle, whereLine } from './wording';

const EVENT_MINUTES = 30;

/**
 * The alarms' leads, widest first: every configured threshold that still lies ahead (a 0-day
 * threshold rings at the deadline itself); with none ahead, an hour before, else at the deadline.
 * A grace end rings an hour before, as its reminder does.
 */
export function alarmLeadsMs(deadline: Deadline, thresholdsDays: readonly number[], now: number): number[] {
  if (deadline.kind === 'grace') return [deadline.at - GRACE_LEAD_MS > now ? GRACE_LEAD_MS : 0];
  const ahead = [...new Set(thresholdsDays)]
    .map((d) => d * DAY_MS)
    .filter((lead) => lead > 0 && deadline.at - lead > now)
    .sort((a, b) => b - a);
  if (ahead.length === 0) ahead.push(deadline.at - HOUR_MS > now ? HOUR_MS : 0);
  if (thresholdsDays.includes(0) && !ahead.includes(0)) ahead.push(0);
  return ahead;
}

/** The annotation lines of an event's description: who owns the token, what uses it, the note. */
function annotationLines(a: AnnotationFields | undefined): string[] {
  if (a === undefined) return [];
  const lines: string[] = [];
  if (a.owner !== null) lines.push(`Owner: ${a.owner}`);
  if (a.usedBy.length > 0) lines.push(`Used by: ${a.usedBy.join(', ')}`);
  if (a.tags.length > 0) lines.push(`Tags: ${a.tags.join(', ')}`);
  if (a.note !== null) lines.push(`Note: ${a.note}`);
  return lines;
}

export function buildExpiryCalendar(input: {
  tokens: readonly ReminderCandidate[];
  thresholdsDays: readonly number[];
  now: number;
  /** Each token's annotation by token id, put into its event's description. */
  annotations?: ReadonlyMap<string, AnnotationFields>;
}): { content: string; count: number } {
  const calendar = ical({
    name: 'Tokenkeeper: token expiries',
    prodId: { company: 'Tokenkeeper', product: 'Tokenkeeper', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  const upcoming = input.tokens
    .map((token) => ({ token, deadline: deadlineOf(token) }))
    .filter(
      (t): t is { token: ReminderCandidate; deadline: Deadline } =>
        t.deadline !== null && t.deadline.at > input.now,
    )
    .sort((a, b) => a.deadline.at - b.deadline.at);

  for (const { token, deadline } of upcoming) {
    const summary =
      deadline.kind === 'grace'
        ? `${tokenTitle(token)}: old token stops working`
        : `${tokenTitle(token)} token expires`;
    calendar.createEvent({
      // Stable per token and deadline, so importing again updates rather than duplicates.
      id: `${token.id}-${deadline.at}@tokenkeeper`,
      stamp: new Date(input.now),
      start: new Date(deadline.at),
      end: new Date(deadline.at + EVENT_MINUTES * 60_000),
      summary,
      description: [
        `${whereLine(token)}. Rotate or replace it in Tokenkeeper before then.`,
        ...annotationLines(input.annotations?.get(token.id)),
      ].join('\n'),
      alarms: alarmLeadsMs(deadline, input.thresholdsDays, input.now).map((lead) => ({
        type: ICalAlarmType.display,
        triggerBefore: Math.round(lead / 1000),
        description: summary,
      })),
    });
  }
  // RFC 5545 ends every content line, the last one included, with CRLF; the library omits the final one.
  const text = calendar.toString();
  return { content: text.endsWith('\r\n') ? text : `${text}\r\n`, count: upcoming.length };
}
