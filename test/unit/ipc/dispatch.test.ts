import { describe, expect, it } from 'vitest';
import { channelNames, channels, eventNames, events } from '../../../src-preload/contract';
import { DAY, addTrackedConnection, makeCore } from '../helpers';

describe('contract validation in dispatch', () => {
  it('answers a valid call with { ok: true, value }', async () => {
    const { core } = makeCore();
    const result = await core.call('getSettings', undefined);
    expect(result).toMatchObject({ ok: true, value: { clipboardClearSeconds: 30, theme: 'system' } });
  });

  it('refuses an unknown channel by name, without running anything', async () => {
    const { core } = makeCore();
    expect(await core.call('deleteEverything', {})).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'That request is not part of Tokenkeeper.' },
    });
    expect(await core.call('toString', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await core.call('__proto__', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it.each([
    ['a wrong type', 'listTokens', { offset: 'zero', limit: 10 }, /wrong kind of value for offset/],
    ['a missing field', 'listTokens', { limit: 10 }, /missing or has the wrong kind of value for offset/],
    ['an unknown field', 'getSettings', { extra: 1 }, /missing or has the wrong kind of value/],
    ['an extra key', 'updateSettings', { theme: 'dark', isAdmin: true }, /fields that are not allowed/],
    ['an out-of-range number', 'updateSettings', { clipboardClearSeconds: 1 }, /clipboardClearSeconds/],
    ['an unknown enum value', 'updateSettings', { theme: 'neon' }, /theme/],
    ['an oversized string', 'listTokens', { offset: 0, limit: 10, search: 'x'.repeat(10_000) }, /search/],
  ])('rejects %s with a clear invalid_input error', async (_what, channel, payload, message) => {
    const { core } = makeCore();
    const result = await core.call(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
  });

  it('rejects a __proto__ key rather than letting it through', async () => {
    const { core } = makeCore();
    const payload = JSON.parse('{"theme":"dark","__proto__":{"polluted":true}}') as unknown;
    const result = await core.call('updateSettings', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await core.call('getSettings', undefined)) as unknown).toMatchObject({
      value: { theme: 'system' },
    });
  });

  it('turns an unexpected exception into a generic message, logging no details to the renderer', async () => {
    const { core } = makeCore();
    core.handlers.getSettings = () => {
      throw new Error('SQLITE_IOERR at /home/user/secret-path with token abc123');
    };
    const result = await core.call('getSettings', undefined);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Tokenkeeper. Nothing was changed; details are in the log.',
      },
    });
  });

  it('refuses a handler result that breaks the contract', async () => {
    const { core } = makeCore();
    (core.handlers as unknown as Record<string, () => unknown>).getSettings = () => ({ theme: 'dark' });
    expect(await core.call('getSettings', undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it("the schema-free name lists (what the preload uses) name exactly the contract's channels and events", () => {
    expect([...channelNames].sort()).toEqual(Object.keys(channels).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('has a handler for every channel of the contract', () => {
    const { core } = makeCore();
    for (const name of channelNames) expect(typeof core.handlers[name]).toBe('function');
  });

  it('validates domain rules after the schema: a smenso token valid for more than a year', async () => {
    const { core, clock } = makeCore();
    const connection = await addTrackedConnection(core);
    const now = clock.now();
    const result = await core.call('addTrackedToken', {
      connectionId: connection.id,
      name: 'CRM',
      accountName: null,
      last4: null,
      createdAt: now,
      expiresAt: now + 400 * DAY,
      note: null,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'smenso tokens are valid for at most 1 year after they are created.',
        field: 'expiresAt',
      },
    });
  });
});
