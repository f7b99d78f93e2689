/**
 * Delivery faults, table-driven (the fault matrix's subjects are provider calls; a delivery
 * target is not one, so its faults live here): a target that cannot be reached, a command that
 * times out or refuses, a full disk, a file changed by someone else meanwhile. Every time the
 * rotation stops with a clear message naming the target, the old token still authenticates at
 * Mailtrap and is not deleted, the file keeps its old content with no temporary file beside it,
 * and the secret is in no message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRun, TokenPage } from '../../../src-preload/contract';
import type { AtomicWriteIo } from '../../../src-main/core/files/atomic-write';
import { commandKind } from '../../../src-main/core/services/delivery/kinds/command';
import { fileKind } from '../../../src-main/core/services/delivery/kinds/file';
import type { SpawnPort } from '../../../src-main/core/services/delivery/target-kind';
import { makeCore, tempDir } from '../helpers';
import { choosePaths } from './choose';
import { connectMailtrap, FAST_HTTP, ok, withMailtrap, type ProviderTest } from '../providers/harness';

interface Fault {
  name: string;
  target: 'file' | 'command';
  io?: Partial<AtomicWriteIo>;
  spawn?: SpawnPort;
  /** Breaks the target just before the rotation (the file's folder removed, the file edited). */
  arrange?: (file: string) => void;
  says: string;
}

const ok0: SpawnPort = { run: async () => ({ exitCode: 0, timedOut: false, stdout: '', stderr: '' }) };

const FAULTS: Fault[] = [
  {
    name: 'file unreachable (its folder is gone)',
    target: 'file',
    arrange: (file) => fs.rmSync(path.dirname(file), { recursive: true }),
    says: 'the file is not there any more',
  },
  {
    name: 'disk full',
    target: 'file',
    io: {
      writeSync: () => {
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    },
    says: 'the disk is full',
  },
  {
    name: 'file changed by someone else meanwhile',
    target: 'file',
    io: {
      readFileSync: (f) => {
        fs.writeFileSync(f, 'MAILTRAP_TOKEN=old\nEDITED=yes\n');
        return fs.readFileSync(f);
      },
    },
    says: 'file changed by someone else meanwhile',
  },
  {
    name: 'command unreachable (the program is gone)',
    target: 'command',
    spawn: { run: () => Promise.reject(Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' })) },
    says: 'the program is not there',
  },
  {
    name: 'command timeout',
    target: 'command',
    spawn: { run: async () => ({ exitCode: null, timedOut: true, stdout: '', stderr: '' }) },
    says: 'did not finish within 30 s',
  },
  {
    name: 'command refuses (exit 1)',
    target: 'command',
    spawn: { run: async () => ({ exitCode: 1, timedOut: false, stdout: '', stderr: 'denied' }) },
    says: 'failed (exit status 1): denied',
  },
];

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

describe('delivery faults keep the old token', () => {
  for (const fault of FAULTS) {
    it(fault.name, async () => {
      const base = makeCore({
        configure: (deps) => ({
          ...deps,
          http: FAST_HTTP,
          proxyEnv: {},
          spawn: fault.spawn ?? ok0,
          deliveryKinds: [fileKind(fault.io === undefined ? {} : { io: fault.io }), commandKind()],
        }),
      });
      const sims: { close(): Promise<void> }[] = [];
      t = {
        ...base,
        sims,
        idle: () => base.core.services.sync.whenIdle(),
        snapshot: () => [],
        connectionRow: () => null,
        shutdown: async () => {
          await base.core.services.sync.whenIdle();
          await base.close();
          await Promise.all(sims.map((s) => s.close()));
        },
      };
      const { sim, seed } = await withMailtrap(t);
      await connectMailtrap(t, sim, seed);
      const token = (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500 })).rows.find(
        (r) => r.name === 'Production SMTP',
      )!;
      const old = sim.findByName('Production SMTP')[0]!;
      const file = path.join(tempDir('tk-fault-'), '.env');
      fs.writeFileSync(file, 'MAILTRAP_TOKEN=old\n');
      await choosePaths(t, file, '/opt/app/reload');
      await ok(t, 'setDeliveryTargets', {
        tokenId: token.id,
        targets: [
          fault.target === 'file'
            ? { kind: 'file', config: { path: file, format: 'env', key: 'MAILTRAP_TOKEN' } }
            : { kind: 'command', config: { file: '/opt/app/reload' } },
        ],
      });
      fault.arrange?.(file);
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;

      const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: token.id });
      expect(run.state).toBe('stopped');
      expect(run.steps.map((s) => s.state)).toEqual(['failed']);
      expect(run.message).toContain(fault.says);
      expect(run.message).toContain('The old token “Production SMTP” was kept and still works.');
      expect(sim.authenticates(old.secret)).toBe(true);
      expect(sim.tokens.get(old.id)?.deleted).toBe(false);
      const secret = sim.findByName('Production SMTP').find((x) => x.id !== old.id)!.secret;
      expect(JSON.stringify(run)).not.toContain(secret);
      if (fault.target === 'file' && before !== null) {
        const now = fs.readFileSync(file, 'utf8');
        expect(now).not.toContain(secret);
        expect(fs.readdirSync(path.dirname(file))).toEqual(['.env']);
      }
    });
  }
});
