/**
 * A create or rotation is done at the provider and in the cache before the copy-once dialog shows
 * the new secret. If Tokenkeeper stops in that gap (killed, crashed, or quit with the dialog not
 * yet shown) the secret is lost: the next start must say so for that token, with what to do,
 * instead of a silent "succeeded". Once the dialog has the secret, a restart reports nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewSecret, Operation, RotationStart, TokenPage } from '../../../src-preload/contract';
import { makeCore, tempDir, type TestCore } from '../helpers';
import {
  connectMailtrap,
  connectMirox,
  connectSmoxy,
  FAST_HTTP,
  ok,
  providerCore,
  withMailtrap,
  withMirox,
  withSmoxy,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest | null = null;
let next: TestCore | null = null;
afterEach(async () => {
  await next?.close();
  next = null;
  await t?.shutdown();
  t = null;
});

/** What a SIGKILL leaves: the database files as they are on disk at this moment. */
function killedCopy(dataDir: string): string {
  const copy = tempDir('tk-killed-');
  for (const suffix of ['', '-wal', '-shm']) {
    const file = path.join(dataDir, `tokenkeeper.db${suffix}`);
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(copy, `tokenkeeper.db${suffix}`));
  }
  return copy;
}

async function restart(dataDir: string): Promise<{ open: Operation[]; notices: string[] }> {
  next = makeCore({ dataDir, configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {} }) });
  const open = await next.core.handlers.listOperations({ onlyOpen: true });
  const info = await next.core.handlers.getAppInfo(undefined);
  return { open, notices: info.notices.map((n) => `${n.title} ${n.message}`) };
}

const idOf = async (tc: ProviderTest, name: string) =>
  (await ok<TokenPage>(tc, 'listTokens', { offset: 0, limit: 500 })).rows.find((r) => r.name === name)?.id;

describe('a new secret lost between the provider and the dialog', () => {
  it('a create killed before the dialog: the next start reports it, with what to do', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Never shown',
    });
    // The journal already says "succeeded", yet the secret exists only in memory.
    expect((await ok<Operation[]>(t, 'listOperations', { onlyOpen: false }))[0]?.state).toBe('succeeded');
    const { open, notices } = await restart(killedCopy(t.dataDir));
    expect(open).toEqual([
      expect.objectContaining({
        kind: 'create',
        state: 'interrupted',
        tokenName: 'Never shown',
        resultTokenId: created.token.id,
        advice:
          'Tokenkeeper stopped after the provider created “Never shown”, before showing you its secret, which is now lost. Revoke that token and create a new one.',
      }),
    ]);
    expect(notices).toContain(
      'An operation on “Never shown” was interrupted Tokenkeeper stopped before showing you the new token’s secret, which is now lost. Revoke that token and create a new one.',
    );
  });

  it('a quit with the dialog not yet shown: the same (the vault wipes the secret on quit)', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    await ok(t, 'createToken', { connectionId: connection.id, accountId: '3229', name: 'Quit too soon' });
    const dataDir = t.dataDir;
    await t.shutdown();
    t = null;
    const { open } = await restart(dataDir);
    expect(open.map((o) => [o.kind, o.state, o.tokenName])).toEqual([
      ['create', 'interrupted', 'Quit too soon'],
    ]);
  });

  it('once the dialog has the secret, a kill reports nothing', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Shown',
    });
    await ok(t, 'revealSecret', { secretId: created.secretId });
    const { open, notices } = await restart(killedCopy(t.dataDir));
    expect(open).toEqual([]);
    expect(notices).toEqual([]);
  });

  it.each([
    {
      provider: 'Mailtrap (reset)',
      token: 'Production SMTP',
      setup: async (tc: ProviderTest) => {
        const { sim, seed } = await withMailtrap(tc);
        await connectMailtrap(tc, sim, seed);
      },
      advice:
        'Tokenkeeper stopped after the provider reset “Production SMTP”, before showing you the new secret, which is now lost. The old token works only until its grace period ends: reset the new token to get a secret you can use.',
    },
    {
      provider: 'Mirox (in place)',
      token: 'Report exporter',
      setup: async (tc: ProviderTest) => {
        const { sim } = await withMirox(tc);
        await connectMirox(tc, sim);
      },
      advice:
        'Tokenkeeper stopped after the provider rotated “Report exporter”, before showing you the new secret, which is now lost, and the old secret no longer works. Rotate “Report exporter” again to get a secret you can use.',
    },
    {
      provider: 'smoxy (create, then delete)',
      token: 'Monitoring',
      setup: async (tc: ProviderTest) => {
        const { sim, seed } = await withSmoxy(tc);
        await connectSmoxy(tc, sim, seed);
      },
      advice:
        'Tokenkeeper stopped after the provider created the new token for “Monitoring”, before showing you its secret, which is now lost. “Monitoring” still works: revoke the new token, then rotate again.',
    },
  ])(
    'a $provider rotation killed before the dialog: the next start shows it on that token',
    async ({ token, setup, advice }) => {
      t = providerCore();
      await setup(t);
      const tokenId = await idOf(t, token);
      const started = await ok<RotationStart>(t, 'startRotation', { tokenId });
      expect(started.secretId).not.toBeNull();
      const { open, notices } = await restart(killedCopy(t.dataDir));
      expect(open).toEqual([
        expect.objectContaining({ kind: 'rotate', state: 'interrupted', tokenId, advice }),
      ]);
      expect(notices).toContain(
        `An operation on “${token}” was interrupted Tokenkeeper stopped in the middle of a rotation. Open the token to see what to do.`,
      );
      // The token's own page lists it (what "Open the token" shows).
      const detail = await next!.core.handlers.getToken({ tokenId: tokenId! });
      expect(detail.operations.find((o) => o.kind === 'rotate')).toMatchObject({
        state: 'interrupted',
        advice,
      });
    },
  );
});
