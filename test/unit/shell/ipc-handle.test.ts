import { describe, expect, it } from 'vitest';
import { handle } from '../../../src-main/shell/ipc-handle';
import { isTrustedSenderUrl } from '../../../src-main/core/ipc/sender';
import { makeCore } from '../helpers';

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } as never });

describe('the sender check in handle()', () => {
  it('lets the app page through', async () => {
    const { core } = makeCore();
    const result = await handle(core, 'getSettings', frame('app://tokenkeeper/index.html'), undefined, null);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['a remote page', 'https://evil.example/index.html'],
    ['a file URL', 'file:///tmp/index.html'],
    ['another app:// host', 'app://other/index.html'],
    ['an empty URL', ''],
    ['a look-alike host', 'app://tokenkeeper.evil/index.html'],
  ])('refuses %s before parsing the payload', async (_what, url) => {
    const { core, logLines } = makeCore();
    const result = await handle(core, 'updateSettings', frame(url), { theme: 'dark' }, null);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'untrusted_sender',
        message: 'This request did not come from Tokenkeeper’s own window and was refused.',
      },
    });
    expect(core.handlers.getSettings(undefined)).toMatchObject({ theme: 'system' });
    expect(logLines.join('')).toContain('refused IPC from an untrusted frame');
  });

  it('refuses a subframe even when it is on the app origin', async () => {
    const { core } = makeCore();
    const result = await handle(
      core,
      'getSettings',
      frame('app://tokenkeeper/index.html', { url: 'app://tokenkeeper/' }),
      undefined,
      null,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('refuses a call with no sender frame (the frame navigated away or was destroyed)', async () => {
    const { core } = makeCore();
    expect(await handle(core, 'getSettings', { senderFrame: null }, undefined, null)).toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });
  });

  it('accepts the local dev server only in development, and only on loopback', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSenderUrl('http://192.168.1.5:5173/', 'http://192.168.1.5:5173')).toBe(false);
  });
});
