/**
 * Where the Mirox web session is kept (shell/web-session-storage.ts): on disk only when a keyring
 * protects Chromium's cookie encryption or the user accepted weaker storage; otherwise an
 * in-memory partition (no `persist:` prefix), gone at quit.
 */
import { describe, expect, it } from 'vitest';
import { keepsSessionOnDisk, sessionPartition } from '../../../src-main/shell/web-session-storage';

describe('the web session storage', () => {
  it('keeps the session on disk only under the same consent as any credential', () => {
    expect(keepsSessionOnDisk({ weak: false, available: true }, false)).toBe(true);
    expect(keepsSessionOnDisk({ weak: true, available: true }, false)).toBe(false);
    expect(keepsSessionOnDisk({ weak: true, available: true }, true)).toBe(true);
    expect(keepsSessionOnDisk({ weak: false, available: false }, true)).toBe(false);
  });

  it('names a persistent or an in-memory partition per connection', () => {
    expect(sessionPartition('mirox', 'c_0123abcd', true)).toBe('persist:mirox-c_0123abcd');
    expect(sessionPartition('mirox', 'c_0123abcd', false)).toBe('mirox-c_0123abcd');
    expect(() => sessionPartition('mirox', '../other', false)).toThrow();
  });
});
