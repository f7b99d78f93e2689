/**
 * A damaged database file is moved aside (kept byte for byte, never deleted), a fresh cache is
 * built, the connections come back from `connections.json` (their credentials are still in the
 * keychain) and their tokens are fetched from the providers again, with a notice that says so.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../host/fakes';
import { type MailtrapSimulator, seedMailtrap, startMailtrap } from '../../simulators/mailtrap';
import { addTrackedConnection, makeCore, tempDir, type TestCore } from '../helpers';
import { FAST_HTTP } from '../providers/harness';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let cores: TestCore[] = [];
let sim: MailtrapSimulator | null = null;
afterEach(async () => {
  for (const c of cores) await c.close();
  cores = [];
  await sim?.close();
  sim = null;
});

function coreOn(dataDir: string, credentials: MemoryCredentialStore): TestCore {
  const tc = makeCore({
    dataDir,
    configure: (deps) => ({ ...deps, credentials, http: FAST_HTTP, proxyEnv: {} }),
  });
  cores.push(tc);
  return tc;
}

const damages: [string, (file: string) => void][] = [
  [
    'its header overwritten',
    (file) => {
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
      fs.closeSync(fd);
    },
  ],
  [
    'pages in the middle garbled',
    (file) => {
      const size = fs.statSync(file).size;
      const fd = fs.openSync(file, 'r+');
      for (let at = 4096; at < size; at += 8192) fs.writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at);
      fs.closeSync(fd);
    },
  ],
];

describe('a damaged database', () => {
  it.each(damages)(
    'with %s is kept aside and the cache is rebuilt from the providers',
    async (_name, damage) => {
      const dataDir = tempDir('tk-damaged-');
      const credentials = new MemoryCredentialStore();
      sim = await startMailtrap();
      const seed = seedMailtrap(sim);

      const first = coreOn(dataDir, credentials);
      const draft = await first.core.handlers.beginConnection({
        provider: 'mailtrap',
        mode: 'api',
        label: 'Acme Mailtrap',
        baseUrl: sim.url,
        fields: { apiToken: seed.credential },
      });
      const mailtrap = await first.core.handlers.completeConnection({
        draftId: draft.draftId,
        label: 'Acme Mailtrap',
        accountIds: [String(seed.accounts.acme)],
      });
      const tracked = await addTrackedConnection(first.core, 'smenso', 'Acme workspace');
      await first.core.services.sync.whenIdle();
      const before = (await first.core.handlers.listTokens({ offset: 0, limit: 100 })).rows
        .map((r) => r.name)
        .sort();
      expect(before.length).toBeGreaterThan(3);
      await first.close();
      cores = [];

      const file = path.join(dataDir, 'tokenkeeper.db');
      damage(file);
      const damagedHash = sha(file);

      const second = coreOn(dataDir, credentials);
      const info = await second.core.handlers.getAppInfo(undefined);
      const notice = info.notices.find((n) => n.id === 'database-recovered');
      const kept = fs
        .readdirSync(dataDir)
        .find((f) => /^tokenkeeper\.db\.corrupt-/.test(f) && !f.endsWith('-wal') && !f.endsWith('-shm'));
      expect(kept).toBeDefined();
      expect(sha(path.join(dataDir, kept!))).toBe(damagedHash);
      expect(notice).toEqual({
        id: 'database-recovered',
        level: 'warning',
        title: 'The token cache was damaged and has been rebuilt',
        message: `The damaged file was kept at ${path.join(dataDir, kept!)}. Tokenkeeper restored your 2 connections and is fetching their tokens from the providers again; tokens you recorded by hand need to be added again.`,
      });
      // The connections are back under the same ids (so the keychain's credential still matches) and resynced.
      await second.core.services.sync.whenIdle();
      const connections = await second.core.handlers.listConnections(undefined);
      expect(connections.map((c) => [c.id, c.label, c.status, c.credential]).sort()).toEqual(
        [
          [mailtrap.id, 'Acme Mailtrap', 'ok', 'stored'],
          [tracked.id, 'Acme workspace', 'tracked', 'not_needed'],
        ].sort(),
      );
      const after = (await second.core.handlers.listTokens({ offset: 0, limit: 100 })).rows
        .map((r) => r.name)
        .sort();
      expect(after).toEqual(before);
    },
  );

  it('without connections.json it says to add the connections again', async () => {
    const dataDir = tempDir('tk-damaged-');
    fs.writeFileSync(path.join(dataDir, 'tokenkeeper.db'), 'not a database'.repeat(300));
    const tc = coreOn(dataDir, new MemoryCredentialStore());
    const info = await tc.core.handlers.getAppInfo(undefined);
    expect(info.notices.find((n) => n.id === 'database-recovered')?.message).toMatch(
      /^The damaged file was kept at .*tokenkeeper\.db\.corrupt-.*\. Add your connections again and Tokenkeeper fetches their tokens from the providers; tokens you recorded by hand need to be added again\.$/,
    );
    expect(await tc.core.handlers.listConnections(undefined)).toEqual([]);
  });
});
