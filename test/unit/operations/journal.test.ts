/**
 * The operations journal: the intent is on disk before the remote call, the outcome after, and an
 * operation cut off by a crash is reported at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../../src-preload/contract';
import { makeCore, tempDir } from '../helpers';
import {
  connectMailtrap,
  FAST_HTTP,
  ok,
  providerCore,
  withMailtrap,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest;
afterEach(async () => {
  await t.shutdown();
});

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('operations journal', () => {
  it('writes the intent before the create reaches the provider, and the outcome after', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    sim.inject({ route: 'POST /api/accounts/:accountId/api_tokens', fault: { kind: 'latency', ms: 150 } });
    const pending = t.core.call('createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Journaled',
      expiresAt: null,
    });
    await waitFor(() => sim.count('POST /api/accounts/:accountId/api_tokens') === 1);
    // The request is at the provider; the journal already holds the intent, with its details.
    const during = t.core.context.repos.operations.listOpen();
    expect(during).toEqual([
      expect.objectContaining({
        kind: 'create',
        state: 'pending',
        tokenName: 'Journaled',
        connectionId: connection.id,
      }),
    ]);
    expect(during[0]?.request).toEqual({
      name: 'Journaled',
      accountId: '3229',
      expiresAt: null,
      organizations: [],
      permissionGroup: null,
      permissions: [{ resourceType: 'account', resourceId: '3229', level: 'viewer' }],
    });
    const result = await pending;
    expect(result.ok).toBe(true);
    const [op] = await ok<Operation[]>(t, 'listOperations', { onlyOpen: false });
    expect(op).toMatchObject({ state: 'succeeded', finishedAt: t.clock.now() });
    expect(await ok(t, 'listOperations', { onlyOpen: true })).toEqual([]);
  });

  it('reports an operation cut off by a crash at the next start', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    // The provider never answers: the app "crashes" while the create is in flight.
    sim.inject({ route: 'POST /api/accounts/:accountId/api_tokens', fault: { kind: 'timeout' } });
    const pending = t.core.call('createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Cut off',
    });
    await waitFor(() => sim.count('POST /api/accounts/:accountId/api_tokens') === 1);
    const crashDir = tempDir('tk-crash-');
    for (const suffix of ['', '-wal', '-shm']) {
      const file = path.join(t.dataDir, `tokenkeeper.db${suffix}`);
      if (fs.existsSync(file)) fs.copyFileSync(file, path.join(crashDir, `tokenkeeper.db${suffix}`));
    }
    await pending;

    const next = makeCore({
      dataDir: crashDir,
      configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {} }),
    });
    try {
      const open = await next.core.handlers.listOperations({ onlyOpen: true });
      expect(open).toEqual([
        expect.objectContaining({
          kind: 'create',
          state: 'interrupted',
          tokenName: 'Cut off',
          advice:
            'Tokenkeeper stopped while creating “Cut off”. Sync to see whether it exists; if it does and you do not have its secret, revoke it and create a new one.',
        }),
      ]);
      const info = await next.core.handlers.getAppInfo(undefined);
      expect(info.notices.map((n) => n.title)).toContain('An operation on “Cut off” was interrupted');
    } finally {
      await next.close();
    }
  });
});
