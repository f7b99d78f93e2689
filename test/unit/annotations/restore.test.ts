/**
 * Restore of API tokens' annotations from the app's own JSON export, into a fresh core: the
 * export carries each token's provider, connection label and remote id (never a secret); a token
 * already in the cache gets its annotation at once; the others wait until a sync brings the token,
 * then get it; the commit says how many were attached and how many wait.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, ImportPreview, ImportResult, TokenPage } from '../../../src-preload/contract';
import type { MailtrapSeed, MailtrapSimulator } from '../../simulators/mailtrap';
import { addTrackedConnection } from '../helpers';
import { connectMailtrap, ok, providerCore, withMailtrap, type ProviderTest } from '../providers/harness';

let t: ProviderTest;
let sim: MailtrapSimulator;
let seed: MailtrapSeed;
const others: ProviderTest[] = [];

beforeEach(async () => {
  t = providerCore({ allowLoopbackAddresses: true });
  ({ sim, seed } = await withMailtrap(t));
  await connectMailtrap(t, sim, seed);
});
afterEach(async () => {
  for (const o of others.splice(0)) await o.shutdown();
  await t.shutdown();
});

const idOf = async (core: ProviderTest, name: string) => {
  const rows = (await ok<TokenPage>(core, 'listTokens', { offset: 0, limit: 500 })).rows;
  const row = rows.find((r) => r.name === name);
  if (row === undefined) throw new Error(`no token ${name}`);
  return row.id;
};

const CI: Annotation = {
  note: 'Deploys the mail templates.',
  tags: ['ci', 'billing'],
  owner: 'platform@acme.test',
  usedBy: ['GitHub Actions: deploy.yml', 'vault/kv/mail'],
};
const PROD: Annotation = { note: null, tags: ['prod'], owner: null, usedBy: ['smtp relay on mx-1'] };

/** The JSON export of the first core, with two API tokens annotated. */
async function exported(): Promise<string> {
  await ok(t, 'setAnnotation', { tokenId: await idOf(t, 'CI deploy'), annotation: CI });
  await ok(t, 'setAnnotation', { tokenId: await idOf(t, 'Production SMTP'), annotation: PROD });
  await ok(t, 'exportMetadata', { format: 'json' });
  return t.fakes.system.saved.at(-1)!.request.content;
}

async function restoreInto(core: ProviderTest, content: string): Promise<ImportResult> {
  const target = await addTrackedConnection(core.core, 'mailtrap', 'Hand-tracked');
  core.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content };
  const preview = await ok<ImportPreview>(core, 'chooseImportFile', undefined);
  expect(preview.restore).toBe(true);
  return ok<ImportResult>(core, 'commitImport', {
    importId: preview.importId,
    connectionId: target.id,
    mapping: preview.mapping,
  });
}

async function freshCore(): Promise<ProviderTest> {
  const core = providerCore({ allowLoopbackAddresses: true });
  others.push(core);
  return core;
}

describe('restore of API tokens’ annotations', () => {
  it('the JSON export carries provider, connection label and remote id, and no secret', async () => {
    const content = await exported();
    const json = JSON.parse(content) as { tokens: Record<string, unknown>[] };
    const ci = json.tokens.find((row) => row.name === 'CI deploy')!;
    const remote = sim.findByName('CI deploy')[0]!;
    expect(ci).toMatchObject({ provider: 'mailtrap', connection: 'Mailtrap', remote_id: String(remote.id) });
    expect(content).not.toContain(seed.credential);
  });

  it('attaches at once to tokens already in the cache, by provider and remote id', async () => {
    const content = await exported();
    const fresh = await freshCore();
    await connectMailtrap(fresh, sim, seed, 'Mailtrap again');
    const result = await restoreInto(fresh, content);
    expect(result).toEqual({
      imported: 0,
      errors: [],
      alreadyHere: 0,
      restoredAnnotations: { attached: 2, waiting: 0 },
    });
    expect(await ok(fresh, 'getAnnotation', { tokenId: await idOf(fresh, 'CI deploy') })).toEqual(CI);
    expect(await ok(fresh, 'getAnnotation', { tokenId: await idOf(fresh, 'Production SMTP') })).toEqual(PROD);
    expect(fresh.core.context.repos.waitingAnnotations.listAll()).toEqual([]);
  });

  it('keeps the rest waiting until a sync brings their token, then attaches them', async () => {
    const content = await exported();
    const fresh = await freshCore();
    const result = await restoreInto(fresh, content);
    expect(result).toEqual({
      imported: 0,
      errors: [],
      alreadyHere: 0,
      restoredAnnotations: { attached: 0, waiting: 2 },
    });
    const waiting = fresh.core.context.repos.waitingAnnotations.listAll();
    expect(waiting.map((w) => [w.provider, w.remoteId, w.connectionLabel, w.tags]).sort()).toEqual(
      [
        ['mailtrap', String(sim.findByName('CI deploy')[0]!.id), 'Mailtrap', ['ci', 'billing']],
        ['mailtrap', String(sim.findByName('Production SMTP')[0]!.id), 'Mailtrap', ['prod']],
      ].sort(),
    );
    // The connection's first sync brings the tokens: each gets its annotation, nothing waits.
    await connectMailtrap(fresh, sim, seed);
    expect(await ok(fresh, 'getAnnotation', { tokenId: await idOf(fresh, 'CI deploy') })).toEqual(CI);
    expect(await ok(fresh, 'getAnnotation', { tokenId: await idOf(fresh, 'Production SMTP') })).toEqual(PROD);
    expect(fresh.core.context.repos.waitingAnnotations.listAll()).toEqual([]);
    // The list's filters see them too.
    const tagged = (await ok<TokenPage>(fresh, 'listTokens', { offset: 0, limit: 50, tags: ['prod'] })).rows;
    expect(tagged.map((r) => r.name)).toEqual(['Production SMTP']);
  });
});
