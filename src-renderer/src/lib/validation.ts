/**
 * Form checks done before any call, with the same limits the core and providers enforce, so a
 * bad value gets its message at once and nothing is sent. The core checks again.
 */
import type { ProviderDescriptor } from '../types';
import { DAY_MS } from './format';

export type Errors<K extends string> = Partial<Record<K, string>>;

export function validateName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name.';
  if (trimmed.length > 200) return 'Use at most 200 characters.';
  return undefined;
}

export function maxValidityText(days: number): string {
  if (days % 365 === 0) return `${days / 365} year${days === 365 ? '' : 's'}`;
  return `${days} days`;
}

/**
 * The latest expiry a new token may have. A limit in whole years is calendar years (five years
 * from today can be 1,826 days), as the core checks it.
 */
export function latestExpiry(maxValidityDays: number | null, now: number): number | null {
  if (maxValidityDays === null) return null;
  if (maxValidityDays % 365 !== 0) return now + maxValidityDays * DAY_MS;
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() + maxValidityDays / 365);
  return date.getTime();
}

/** Expiry of a new token created now. */
export function validateNewExpiry(
  descriptor: ProviderDescriptor,
  expiresAt: number | null,
  now: number,
): string | undefined {
  const caps = descriptor.capabilities;
  if (expiresAt === null) {
    return caps.expiry === 'required' ? `${descriptor.name} tokens must have an expiry date.` : undefined;
  }
  if (Number.isNaN(expiresAt)) return 'Enter a valid date.';
  if (expiresAt <= now) return 'The expiry date must be in the future.';
  const latest = latestExpiry(caps.maxValidityDays, now);
  if (caps.maxValidityDays !== null && latest !== null && expiresAt > latest) {
    return `${descriptor.name} tokens are valid for at most ${maxValidityText(caps.maxValidityDays)}.`;
  }
  return undefined;
}

export function validateLast4(value: string): string | undefined {
  if (value === '') return undefined;
  return /^[A-Za-z0-9_-]{4}$/.test(value)
    ? undefined
    : 'Enter exactly the last 4 characters, or leave it empty.';
}

/** A token recorded by hand: created date and expiry as the provider allows them. */
export function validateTrackedDates(
  descriptor: ProviderDescriptor,
  createdAt: number | null,
  expiresAt: number | null,
  never: boolean,
  now: number,
): { createdAt?: string; expiresAt?: string } {
  const errors: { createdAt?: string; expiresAt?: string } = {};
  const caps = descriptor.capabilities;
  if (createdAt === null) errors.createdAt = 'Enter the date the token was created.';
  else if (createdAt > now + DAY_MS) errors.createdAt = 'The created date cannot be in the future.';
  if (never) {
    if (caps.expiry === 'required')
      errors.expiresAt = `${descriptor.name} tokens always have an expiry date. Enter it.`;
  } else if (expiresAt === null) {
    errors.expiresAt = 'Enter the expiry date, or choose “Never expires”.';
  } else if (createdAt !== null) {
    if (expiresAt <= createdAt) errors.expiresAt = 'The expiry must be after the created date.';
    else if (
      caps.maxValidityDays !== null &&
      expiresAt - createdAt > caps.maxValidityDays * DAY_MS + DAY_MS
    ) {
      errors.expiresAt = `${descriptor.name} tokens are valid for at most ${maxValidityText(caps.maxValidityDays)} after they are created.`;
    }
  }
  return errors;
}
