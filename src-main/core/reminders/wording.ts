/**
 * How reminders read: "Mailtrap · CI deploy token expires in 7 days (Dec 2)". Which token (the
 * provider and its name), where (account and connection) and when (relative and absolute). Only
 * metadata goes in; the cache holds no secret, so none can come out.
 */
import { DAY_MS } from '../tokens/status';
import { HOUR_MS, type Deadline, type DueReminder, type ReminderCandidate } from './planner';

const MINUTE_MS = 60_000;

export interface WordingOptions {
  /** IANA time zone for absolute dates; the system's own when omitted. */
  timeZone?: string;
}

type Named = Pick<ReminderCandidate, 'providerName' | 'name'>;

/** "Mailtrap · CI deploy" */
export function tokenTitle(token: Named): string {
  return `${token.providerName} · ${token.name}`;
}

/** "in 7 days", "3 hours ago", "now". */
export function relativeTime(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  if (abs >= DAY_MS) return rtf.format(Math.round(delta / DAY_MS), 'day');
  if (abs >= HOUR_MS) return rtf.format(Math.round(delta / HOUR_MS), 'hour');
  if (abs >= MINUTE_MS) return rtf.format(Math.round(delta / MINUTE_MS), 'minute');
  return 'now';
}

/** "Dec 2"; with the time when it is within two days; with the year when it is not this year's. */
export function absoluteDate(at: number, now: number, options: WordingOptions = {}): string {
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const yearOf = (ms: number) => new Intl.DateTimeFormat('en-US', { year: 'numeric', ...zone }).format(ms);
  const format = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    ...(yearOf(at) === yearOf(now) ? {} : { year: 'numeric' }),
    ...(Math.abs(at - now) < 2 * DAY_MS ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    ...zone,
  });
  return format.format(at);
}

/** "token expires in 7 days (Dec 2)", "token expired 3 days ago (Nov 22)", "old token stops working in 1 hour (Nov 26, 14:05)". */
export function whenPhrase(deadline: Deadline, now: number, options: WordingOptions = {}): string {
  const date = absoluteDate(deadline.at, now, options);
  const relative = relativeTime(deadline.at, now);
  if (deadline.kind === 'grace') {
    return deadline.at > now
      ? `old token stops working ${relative} (${date})`
      : `old token stopped working (${date})`;
  }
  if (deadline.at > now) return `token expires ${relative} (${date})`;
  return relative === 'now' ? `token has expired (${date})` : `token expired ${relative} (${date})`;
}

/** "Mailtrap · CI deploy token expires in 7 days (Dec 2)", "Mailtrap · CI deploy: old token stops working in 1 hour (14:05)" */
export function reminderLine(
  token: Named,
  deadline: Deadline,
  now: number,
  options: WordingOptions = {},
): string {
  return `${tokenTitle(token)}${deadline.kind === 'grace' ? ':' : ''} ${whenPhrase(deadline, now, options)}`;
}

/** "Account Acme · connection “Mailtrap prod”" */
export function whereLine(token: Pick<ReminderCandidate, 'accountName' | 'connectionLabel'>): string {
  const parts: string[] = [];
  if (token.accountName !== null && token.accountName !== '') parts.push(`Account ${token.accountName}`);
  parts.push(`connection “${token.connectionLabel}”`);
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stable reason for the attention list: absolute, so it does not go stale while shown. */
export function attentionReason(deadline: Deadline, now: number, options: WordingOptions = {}): string {
  const date = absoluteDate(deadline.at, now, options);
  if (deadline.kind === 'grace')
    return deadline.at > now ? `Old token stops working ${date}` : `Grace period ended ${date}`;
  return deadline.at > now ? `Expires ${date}` : `Expired ${date}`;
}

export interface NotificationText {
  title: string;
  body: string;
}

const MAX_LISTED = 3;

/** One notification for everything due at once: the token itself when one, a summary when many. */
export function notificationText(
  due: readonly DueReminder[],
  now: number,
  options: WordingOptions = {},
): NotificationText {
  if (due.length === 1) {
    const [only] = due as [DueReminder];
    const { deadline, token } = only;
    const title =
      deadline.kind === 'grace'
        ? 'Old token stops working soon'
        : deadline.at > now
          ? 'Token expires soon'
          : 'Token expired';
    return { title, body: `${reminderLine(token, deadline, now, options)}\n${whereLine(token)}` };
  }
  const listed = due.slice(0, MAX_LISTED).map((d) => reminderLine(d.token, d.deadline, now, options));
  const more = due.length - listed.length;
  const title = `${due.length} tokens need attention`;
  return { title, body: `${title}: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}` };
}
