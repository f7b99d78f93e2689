/**
 * IPC fuzzing: every contract channel is fed malformed, oversized, wrong-type and `__proto__`
 * payloads, and calls from frames that are not the app's page. Each must get a clear error,
 * nothing may crash, and nothing may be written to the cache.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../src-preload/contract';
import { handle } from '../../../src-main/shell/ipc-handle';
import { DAY, addTrackedConnection, makeCore, type TestCore } from '../helpers';

let t: TestCore;

/** Every row of every table, as text: "nothing was written" means this does not change. */
function snapshot(): string {
  const db = t.core.context.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  );
}

beforeAll(async () => {
  t = makeCore();
  const connection = await addTrackedConnection(t.core);
  await t.core.handlers.addTrackedToken({
    connectionId: connection.id,
    name: 'Existing token',
    accountName: 'Acme',
    last4: 'abcd',
    createdAt: t.clock.now() - DAY,
    expiresAt: t.clock.now() + 100 * DAY,
    note: null,
  });
});
afterAll(() => t.close());

const invalidFor = (name: ChannelName) => (payload: unknown) =>
  !channels[name].input.safeParse(payload).success;

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 4 }),
  fc.constantFrom<unknown>(
    JSON.parse('{"__proto__":{"isAdmin":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
    { offset: -1, limit: 10 },
    { offset: 0, limit: 1e9 },
    { connectionId: 'c_x'.repeat(100) },
    { tokenId: 42 },
    { url: 'javascript:alert(1)' },
    'x'.repeat(2_000_000),
    ['an', 'array'],
    Number.NaN,
    true,
  ),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ minLength: 100_000, maxLength: 100_001 }), {
    minKeys: 1,
    maxKeys: 2,
  }),
);

describe('IPC fuzzing', () => {
  it.each(channelNames)(
    '%s rejects malformed payloads with a clear error and writes nothing',
    async (name) => {
      const before = snapshot();
      await fc.assert(
        fc.asyncProperty(hostile.filter(invalidFor(name)), async (payload) => {
          const result = await t.core.call(name, payload);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message.length).toBeGreaterThan(10);
          expect(result.error.message.length).toBeLessThan(300);
          expect(result.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        }),
        { numRuns: 40 },
      );
      expect(snapshot()).toBe(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses every channel from a frame that is not the app page, before reading its payload', async () => {
    const before = snapshot();
    const foreignFrames = fc.oneof(
      fc.webUrl().map((url) => ({ url, parent: null })),
      fc.constantFrom(
        { url: 'file:///etc/passwd', parent: null },
        { url: 'app://tokenkeeper.evil.example/index.html', parent: null },
        { url: 'app://tokenkeeper/index.html', parent: { url: 'app://tokenkeeper/' } },
        { url: '', parent: null },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channelNames),
        foreignFrames,
        fc.anything(),
        async (name, frame, payload) => {
          const result = await handle(t.core, name, { senderFrame: frame as never }, payload, null);
          expect(result).toEqual({
            ok: false,
            error: {
              code: 'untrusted_sender',
              message: 'This request did not come from Tokenkeeper’s own window and was refused.',
            },
          });
        },
      ),
      { numRuns: 300 },
    );
    expect(snapshot()).toBe(before);
  });

  it('refuses names that are not channels, including prototype keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'),
        ),
        fc.anything(),
        async (name, payload) => {
          fc.pre(!(channelNames as string[]).includes(name));
          const result = await t.core.call(name, payload);
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        },
      ),
      { numRuns: 200 },
    );
  });
});
