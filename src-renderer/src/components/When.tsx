/**
 * Dates as the OS locale writes them (Intl), with the exact UTC time on hover: one format
 * everywhere. `CoreText` does the same for dates inside sentences the core wrote, which carry
 * them as "2026-12-04 07:38 UTC" or "2026-12-04" (a UTC calendar date), so a sentence never shows
 * another format beside the locale's.
 */
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../lib/format';

const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-12-04 07:38 UTC", for the hover. */
export const utcText = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function When({ ms, time = true }: { ms: number; time?: boolean }) {
  return (
    <time dateTime={new Date(ms).toISOString()} title={utcText(ms)}>
      {time ? formatDateTime(ms) : formatDate(ms)}
    </time>
  );
}

// A core sentence's dates: a minute in UTC, or a bare calendar date (taken as UTC).
const CORE_DATE = /(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)? ?(?:UTC|Z))?/g;

export function CoreText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CORE_DATE)) {
    const [whole, y, mo, d, h, mi] = match;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    if (Number.isNaN(ms)) continue;
    const at = match.index;
    parts.push(text.slice(last, at));
    parts.push(
      h === undefined ? (
        <time key={at} dateTime={whole} title={`${whole} (UTC)`}>
          {utcDay.format(ms)}
        </time>
      ) : (
        <When key={at} ms={ms} />
      ),
    );
    last = at + whole.length;
  }
  if (parts.length === 0) return <>{text}</>;
  parts.push(text.slice(last));
  return <>{parts}</>;
}
