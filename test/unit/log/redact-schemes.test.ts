/**
 * The redactor's authorization-scheme pattern: "Bearer", "Basic" and "Token" followed by a
 * credential are redacted, but ordinary sentences that happen to use those words are not (they
 * were, while the pattern matched case-insensitively: "token expired before rotation" came out as
 * "token [redacted] before rotation", which made the logs useless exactly when a rotation failed).
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactString } from '../../../src-main/core/log/redact';

describe('the redactor and authorization schemes', () => {
  it.each([
    'token expired before rotation',
    'Token expired before rotation',
    'The token was revoked by another admin',
    'Basic plan accounts cannot create tokens',
    'the basic settings were kept',
    'Bearer of the token must rotate it',
    'bearer tokens are sent over https only',
    'Token rotation scheduled for tomorrow',
  ])('leaves an ordinary sentence alone: %s', (sentence) => {
    expect(redactString(sentence)).toBe(sentence);
  });

  it.each([
    ['Bearer abc123def456', 'Bearer'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic'],
    ['Token 0f3c9a8b7e6d5c4b', 'Token'],
    ['Bearer abcdefghijklmnopqrstuvwxyz', 'Bearer'],
  ])('redacts a credential after its scheme: %s', (text, scheme) => {
    expect(redactString(`request failed: ${text} (401)`)).toBe(`request failed: ${scheme} ${REDACTED} (401)`);
  });

  it('redacts an Authorization header whatever the case of its scheme', () => {
    for (const line of [
      'Authorization: bearer abcdefghij',
      'authorization: Basic dXNlcjpwYXNz',
      'Authorization: TOKEN 0f3c9a8b7e6d',
    ]) {
      const out = redactString(`sent ${line}`);
      expect(out).toContain(REDACTED);
      expect(out).not.toMatch(/abcdefghij|dXNlcjpwYXNz|0f3c9a8b7e6d/);
    }
  });
});
