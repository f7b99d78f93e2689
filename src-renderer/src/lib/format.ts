/** Dates, durations and numbers as people read them. */
import { coreNow } from './clock';

export const DAY_MS = 86_400_000;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const numberFormat = new Intl.NumberFormat();

export const formatDate = (ms: number): string => dateFormat.format(ms);
export const formatDateTime = (ms: number): string => dateTimeFormat.format(ms);
export const formatTime = (ms: number): string => timeFormat.format(ms);
export const formatCount = (n: number): string => numberFormat.format(n);

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['week', 7 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "in 3 days", "2 months ago", "now": relative to the core's clock. */
export function formatRelative(ms: number, now: number = coreNow()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') {
      const value = Math.round(diff / size);
      if (unit === 'second' && Math.abs(value) < 10) return 'just now';
      return relativeFormat.format(value, unit);
    }
  }
  return relativeFormat.format(0, 'second');
}

/** Whole seconds from now until `ms` (never negative). */
export function secondsUntil(ms: number, now: number = coreNow()): number {
  return Math.max(0, Math.round((ms - now) / 1000));
}

/** `yyyy-mm-dd` for a date input, in local time. */
export function toDateInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date input's value as the end of that local day (expiry) or its start (created). */
export function fromDateInput(value: string, edge: 'start' | 'end'): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, y, m, d] = match;
  const date =
    edge === 'start'
      ? new Date(Number(y), Number(m) - 1, Number(d), 0, 0, 0, 0)
      : new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 0, 0);
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return plural(seconds / 86_400, 'day', 'days');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour', 'hours');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute', 'minutes');
  return plural(seconds, 'second', 'seconds');
}
