/**
 * The create form's conditions as the window checks them before any call: the IP allow list
 * accepts exactly what the core accepts (the core's check is node:net, the window's its own),
 * and the start date must come before the expiry.
 */
import { describe, expect, it } from 'vitest';
import { cidrOf } from '../../../src-main/core/providers/cloudflare/conditions';
import {
  allowListEntries,
  isIpOrCidr,
  validateAllowList,
  validateNotBefore,
} from '../../../src-renderer/src/lib/create-conditions';

const ENTRIES = [
  '203.0.113.7',
  '203.0.113.0/24',
  '0.0.0.0/0',
  '10.0.0.1/32',
  '2001:db8::/32',
  '::1',
  '2001:db8:0:0:0:0:0:1/128',
  '::ffff:192.0.2.1',
  '203.0.113.300',
  '203.0.113.0/33',
  '203.0.113',
  '2001:db8::/129',
  '2001:db8:::1',
  'example.com',
  '1.2.3.4/24/1',
  '01.2.3.4',
  '',
  '1.2.3.4/',
];

describe('the IP allow list', () => {
  it('accepts exactly the entries the core accepts', () => {
    for (const entry of ENTRIES) expect([entry, isIpOrCidr(entry)]).toEqual([entry, cidrOf(entry) !== null]);
  });

  it('splits lines, commas and spaces, and names the first bad entry', () => {
    expect(allowListEntries(' 203.0.113.7\n2001:db8::/32, 10.0.0.0/8 \n\n')).toEqual([
      '203.0.113.7',
      '2001:db8::/32',
      '10.0.0.0/8',
    ]);
    expect(validateAllowList('203.0.113.7\n203.0.113.300', 100)).toBe(
      '“203.0.113.300” is not an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24).',
    );
    expect(validateAllowList('1.1.1.1 2.2.2.2', 1)).toBe('Enter at most 1 addresses.');
    expect(validateAllowList('', 100)).toBeUndefined();
  });
});

describe('the start date', () => {
  const now = new Date(2026, 5, 10, 12, 0).getTime();
  it('must be a valid day, not in the past, and before the expiry', () => {
    expect(validateNotBefore('', null, now)).toBeUndefined();
    expect(validateNotBefore('2026-06-12', new Date(2026, 6, 1).getTime(), now)).toBeUndefined();
    expect(validateNotBefore('2026-06-09', null, now)).toBe('Choose today or a later day.');
    expect(validateNotBefore('2026-07-02', new Date(2026, 6, 1).getTime(), now)).toBe(
      'The start date must be before the expiry date.',
    );
    expect(validateNotBefore('next week', null, now)).toBe('Enter a valid date.');
  });
});
