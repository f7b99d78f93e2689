import { randomBytes } from 'node:crypto';

/**
 * Local identifiers: a short prefix that says what the thing is, then 16 random hex digits.
 * Kept short on purpose: the log redactor treats long opaque strings as possible secrets.
 */
export function newId(prefix: 'c' | 't' | 'op' | 'draft' | 'sec' | 'n'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
