/**
 * The create form's optional conditions, checked before any call: a start date ("not before")
 * that comes before the expiry, and an IP allow list of addresses or CIDR ranges. The core
 * checks the same again; these give the message next to the field while the user types.
 */
import { fromDateInput } from './format';

/** The entries of an allow list as typed: one per line (commas and spaces also separate). */
export function allowListEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether an entry is an IPv4/IPv6 address, optionally with a prefix length in range. */
export function isIpOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  let max: number;
  if (IPV4.test(address)) max = 32;
  else if (address.includes(':') && isIpv6(address)) max = 128;
  else return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
}

/** The URL parser knows IPv6 literals exactly, so no hand-written grammar is needed here. */
function isIpv6(address: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(address)) return false;
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export function validateAllowList(text: string, max: number): string | undefined {
  const entries = allowListEntries(text);
  if (entries.length > max) return `Enter at most ${max} addresses.`;
  const bad = entries.find((e) => !isIpOrCidr(e));
  if (bad !== undefined)
    return `“${bad}” is not an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24).`;
  return undefined;
}

/** The start as a time: the chosen day's start, or now when that day is today. */
export function notBeforeFromValue(value: string, now: number): number | null {
  const start = fromDateInput(value, 'start');
  return start === null ? null : Math.max(start, now);
}

export function validateNotBefore(value: string, expiresAt: number | null, now: number): string | undefined {
  if (value === '') return undefined;
  const start = fromDateInput(value, 'start');
  if (start === null) return 'Enter a valid date.';
  if ((fromDateInput(value, 'end') ?? 0) < now) return 'Choose today or a later day.';
  if (expiresAt !== null && !Number.isNaN(expiresAt) && Math.max(start, now) >= expiresAt)
    return 'The start date must be before the expiry date.';
  return undefined;
}
