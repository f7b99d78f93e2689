/**
 * The `onepassword` delivery kind against a fake `op` on PATH (test/fixtures/fake-op/op) that
 * fails if a secret ever reaches its arguments or environment: the new value travels on
 * standard input as the item's JSON template, the field is updated and read back (hash
 * compared), and a signed-out CLI, a missing item or field, a failing CLI and a missing CLI each
 * give a clear sentence. The canary is never in argv, env, a message or a receipt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onePasswordKind as kind } from '../../../../src-main/core/services/delivery/kinds/onepassword';
import type { DeliveryContext } from '../../../../src-main/core/services/delivery/target-kind';
import { ManualClock } from '../../../host/clock';
import { tempDir } from '../../helpers';
import { failureOf } from './remote-harness';
import { TestSpawn } from './test-spawn';

const CANARY = 'op_canary_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const OLD = 'old-secret-value-123456';
const FAKE_DIR = path.resolve('test/fixtures/fake-op');

let dir: string;
let storePath: string;
let spawner: TestSpawn;
const saved = {
  PATH: process.env.PATH,
  FAKE_OP_STORE: process.env.FAKE_OP_STORE,
  FAKE_OP_MODE: process.env.FAKE_OP_MODE,
};

interface Store {
  items: {
    id: string;
    title: string;
    vault: { id: string; name: string };
    fields: { id: string; label: string; value?: string }[];
  }[];
  forbidden: string[];
  violations?: string[];
  calls?: { args: string[]; envNames: string[] }[];
}
const readStore = () => JSON.parse(fs.readFileSync(storePath, 'utf8')) as Store;

beforeEach(() => {
  dir = tempDir('tk-fake-op-');
  storePath = path.join(dir, 'store.json');
  const store: Store = {
    items: [
      {
        id: 'itm1',
        title: 'Deploy token',
        vault: { id: 'vlt1', name: 'Engineering' },
        fields: [
          { id: 'username', label: 'username', value: 'deploy-bot' },
          { id: 'credential', label: 'credential', value: OLD },
        ],
      },
    ],
    forbidden: [CANARY],
  };
  fs.writeFileSync(storePath, JSON.stringify(store));
  // The fake first on PATH; how it finds its store is the test's business, not the kind's.
  process.env.PATH = `${FAKE_DIR}${path.delimiter}${saved.PATH ?? ''}`;
  process.env.FAKE_OP_STORE = storePath;
  delete process.env.FAKE_OP_MODE;
  spawner = new TestSpawn();
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The kind passes on PATH and OP_* only; the fake also needs its store, so the test spawner adds it. */
const ctx = (): DeliveryContext => ({
  clock: new ManualClock(),
  spawn: {
    run: (request) =>
      spawner.run({
        ...request,
        env: {
          ...request.env,
          FAKE_OP_STORE: storePath,
          ...(process.env.FAKE_OP_MODE === undefined ? {} : { FAKE_OP_MODE: process.env.FAKE_OP_MODE }),
        },
      }),
  },
});
const target = (extra: Record<string, unknown> = {}) =>
  kind.parse({ vault: 'Engineering', item: 'Deploy token', field: 'credential', ...extra });

function expectNoLeak() {
  const store = readStore();
  expect(store.violations ?? []).toEqual([]);
  for (const request of spawner.requests) {
    expect(request.args.join(' ')).not.toContain(CANARY);
    expect(JSON.stringify(request.env)).not.toContain(CANARY);
  }
}

describe('onepassword kind', () => {
  it('writes the field through standard input only, and verify reads back the same hash', async () => {
    const receipt = await kind.deliver(target(), CANARY, ctx());
    expect(receipt).toEqual({ itemId: 'itm1', fieldId: 'credential' });
    const fields = readStore().items[0]?.fields ?? [];
    expect(fields).toEqual([
      { id: 'username', label: 'username', value: 'deploy-bot' },
      { id: 'credential', label: 'credential', value: CANARY },
    ]);
    expect(await kind.verify(target(), CANARY, receipt, ctx())).toEqual({ verified: true });
    expect(spawner.requests.map((r) => r.args.slice(0, 2).join(' '))).toEqual([
      'item get',
      'item edit',
      'item get',
    ]);
    expect(spawner.requests[1]?.stdin).toContain(CANARY);
    expect(spawner.requests.every((r) => r.file === 'op')).toBe(true);
    expect(
      Object.keys(spawner.requests[0]?.env ?? {}).filter(
        (k) => !['PATH', 'HOME', 'TMPDIR', 'FAKE_OP_STORE'].includes(k),
      ),
    ).toEqual([]);
    expectNoLeak();
    expect(JSON.stringify(receipt)).not.toContain(CANARY);
  });

  it('the fake really fails when a secret reaches argv (so the no-leak checks mean something)', async () => {
    const leaked = await spawner.run({
      file: 'op',
      args: ['item', 'get', CANARY],
      stdin: '',
      env: { PATH: process.env.PATH ?? '', FAKE_OP_STORE: storePath },
      timeoutMs: 10_000,
    });
    expect(leaked.exitCode).toBe(97);
    expect(readStore().violations).toEqual(['argv']);
  });

  it('verify says so when the field holds another value', async () => {
    const receipt = await kind.deliver(target(), CANARY, ctx());
    expect(await kind.verify(target(), 'something-else-entirely', receipt, ctx())).toEqual({
      verified: false,
      reason:
        '1Password holds another value in “credential” of the 1Password item “Deploy token” in vault “Engineering”.',
    });
  });

  it('a missing item or field is not_found; nothing is written', async () => {
    const noItem = await failureOf(kind.deliver(target({ item: 'Nope' }), CANARY, ctx()));
    expect(noItem.code).toBe('not_found');
    expect(noItem.message).toContain('“Nope”');
    const noField = await failureOf(kind.deliver(target({ field: 'token' }), CANARY, ctx()));
    expect(noField.code).toBe('not_found');
    expect(noField.message).toContain('has no field “token”');
    expect(readStore().items[0]?.fields[1]?.value).toBe(OLD);
    expectNoLeak();
  });

  it('a signed-out CLI says how to sign in; a failing one gives its exit status; neither message holds the secret', async () => {
    process.env.FAKE_OP_MODE = 'signed_out';
    const signedOut = await failureOf(kind.deliver(target(), CANARY, ctx()));
    expect(signedOut.code).toBe('unauthorized');
    expect(signedOut.message).toContain('The 1Password CLI is not signed in.');
    process.env.FAKE_OP_MODE = 'crash';
    const crashed = await failureOf(kind.deliver(target(), CANARY, ctx()));
    expect(crashed.code).toBe('provider_error');
    expect(crashed.message).toContain('exit 3');
    for (const m of [signedOut.message, crashed.message]) expect(m).not.toContain(CANARY);
    expect(readStore().items[0]?.fields[1]?.value).toBe(OLD);
  });

  it('a CLI that cannot be started says to install it', async () => {
    process.env.PATH = dir;
    const error = await failureOf(kind.deliver(target(), CANARY, ctx()));
    expect(error.code).toBe('not_supported');
    expect(error.message).toContain('Install it from 1Password');
  });

  it('refuses names that the CLI would read as options', () => {
    expect(() => target({ item: '--reveal' })).toThrow('may not start with “-”');
    expect(() => target({ field: '' })).toThrow('Enter the field’s label.');
  });
});
