/**
 * Annotations through the contract, as the window uses them: set on a synced token, kept by every
 * re-sync, searched and filtered by the core's list, carried to a rotation's successor only with
 * the user's consent, in the JSON and CSV exports and the .ics, and never a secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, RotationStart, TokenDetail, TokenPage } from '../../../src-preload/contract';
import type { MailtrapSeed, MailtrapSimulator } from '../../simulators/mailtrap';
import {
  connectMailtrap,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest;
let sim: MailtrapSimulator;
let seed: MailtrapSeed;

beforeEach(async () => {
  t = providerCore({ allowLoopbackAddresses: true });
  ({ sim, seed } = await withMailtrap(t));
  await connectMailtrap(t, sim, seed);
});
afterEach(() => t.shutdown());

const list = (query: Record<string, unknown> = {}) =>
  ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500, ...query }).then((p) => p.rows);
const idOf = async (name: string) => {
  const row = (await list()).find((r) => r.name === name);
  if (row === undefined) throw new Error(`no token ${name}`);
  return row.id;
};

const ANNOTATION: Annotation = {
  note: 'Rotated by the platform team every quarter.',
  tags: [' CI ', 'billing', 'ci'],
  owner: 'platform@acme.test',
  usedBy: ['GitHub Actions: deploy.yml', ' vault/kv/mail '],
};

describe('annotations', () => {
  it('are kept as the user wrote them (tags trimmed, lower-cased, once) and survive every re-sync', async () => {
    const id = await idOf('CI deploy');
    const saved = await ok<Annotation>(t, 'setAnnotation', { tokenId: id, annotation: ANNOTATION });
    expect(saved).toEqual({
      note: 'Rotated by the platform team every quarter.',
      tags: ['ci', 'billing'],
      owner: 'platform@acme.test',
      usedBy: ['GitHub Actions: deploy.yml', 'vault/kv/mail'],
    });
    // The provider renames the token; two syncs later the annotation is still on it.
    sim.findByName('CI deploy')[0]!.name = 'CI deploy (renamed)';
    for (let i = 0; i < 2; i++) {
      await ok(t, 'syncNow', {});
      await t.idle();
    }
    expect(await idOf('CI deploy (renamed)')).toBe(id);
    expect((await ok<TokenDetail>(t, 'getToken', { tokenId: id })).annotation).toEqual(saved);
    expect(await ok<Annotation>(t, 'getAnnotation', { tokenId: id })).toEqual(saved);
  });

  it('are searched and filtered by tag and owner in the core’s list', async () => {
    const id = await idOf('CI deploy');
    await ok(t, 'setAnnotation', { tokenId: id, annotation: ANNOTATION });
    for (const search of ['platform team', 'vault/kv', 'PLATFORM@', 'quarter'])
      expect(
        (await list({ search })).map((r) => r.id),
        search,
      ).toEqual([id]);
    expect((await list({ tags: ['billing'] })).map((r) => r.id)).toEqual([id]);
    expect((await list({ tags: ['nothing'] })).map((r) => r.id)).toEqual([]);
    expect((await list({ owners: ['platform@acme.test'] })).map((r) => r.id)).toEqual([id]);
    // An emptied annotation leaves no trace in search or filters.
    await ok(t, 'setAnnotation', { tokenId: id, annotation: { note: '', tags: [], owner: ' ', usedBy: [] } });
    expect(await list({ search: 'platform team' })).toEqual([]);
    expect(await list({ tags: ['ci'] })).toEqual([]);
    expect(t.core.context.db.prepare('SELECT count(*) AS n FROM token_annotations').get()).toEqual({ n: 0 });
  });

  it('refuse a value shaped like a secret, naming the field and never echoing it; nothing is stored', async () => {
    const id = await idOf('CI deploy');
    await ok(t, 'setAnnotation', { tokenId: id, annotation: ANNOTATION });
    const before = t.core.context.db.prepare('SELECT * FROM token_annotations').all();
    const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    for (const [field, annotation] of [
      ['note', { ...ANNOTATION, note: `The key is ${secret}` }],
      ['usedBy', { ...ANNOTATION, usedBy: [`Authorization: Bearer ${secret}`] }],
      ['owner', { ...ANNOTATION, owner: seed.credential }],
      ['note', { ...ANNOTATION, note: `gitlab glpat-${'x'.repeat(20)}` }],
    ] as const) {
      const error = await refusal(t, 'setAnnotation', { tokenId: id, annotation });
      expect(error.code).toBe('invalid_input');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/looks like it contains a token secret/);
      expect(error.message).not.toContain(secret);
    }
    expect(t.core.context.db.prepare('SELECT * FROM token_annotations').all()).toEqual(before);
    // Canary scan of the database file and its WAL (the annotations table included): not one copy.
    for (const file of ['tokenkeeper.db', 'tokenkeeper.db-wal'].map((f) => path.join(t.dataDir, f)))
      if (fs.existsSync(file)) expect(fs.readFileSync(file).toString('latin1')).not.toContain(secret);
  });

  it('refuse bad input with the contract’s messages', async () => {
    const id = await idOf('CI deploy');
    const error = await refusal(t, 'setAnnotation', {
      tokenId: id,
      annotation: { ...ANNOTATION, tags: ['a,b'] },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('A tag cannot contain a comma.');
    const long = await refusal(t, 'setAnnotation', {
      tokenId: id,
      annotation: { ...ANNOTATION, owner: 'x'.repeat(201) },
    });
    expect(long.message).toContain('Use at most 200 characters for the owner.');
    expect((await refusal(t, 'setAnnotation', { tokenId: 't_nope', annotation: ANNOTATION })).code).toBe(
      'not_found',
    );
  });

  it('go to a rotation’s successor when the user consents, and not otherwise', async () => {
    const ci = await idOf('CI deploy');
    await ok(t, 'setAnnotation', { tokenId: ci, annotation: ANNOTATION });
    const carried = await ok<RotationStart>(t, 'startRotation', { tokenId: ci, carryOverAnnotation: true });
    expect(carried.newToken!.id).not.toBe(ci);
    const successor = await ok<Annotation>(t, 'getAnnotation', { tokenId: carried.newToken!.id });
    expect(successor.owner).toBe('platform@acme.test');
    expect(successor.tags).toEqual(['ci', 'billing']);

    const production = await idOf('Production SMTP');
    await ok(t, 'setAnnotation', { tokenId: production, annotation: ANNOTATION });
    const kept = await ok<RotationStart>(t, 'startRotation', {
      tokenId: production,
      carryOverAnnotation: false,
    });
    expect(await ok<Annotation>(t, 'getAnnotation', { tokenId: kept.newToken!.id })).toEqual({
      note: null,
      tags: [],
      owner: null,
      usedBy: [],
    });
    // The old token keeps its own either way.
    expect((await ok<Annotation>(t, 'getAnnotation', { tokenId: production })).owner).toBe(
      'platform@acme.test',
    );
  });

  it('are in the JSON and CSV exports and in the calendar’s descriptions', async () => {
    const id = await idOf('CI deploy');
    await ok(t, 'setAnnotation', { tokenId: id, annotation: ANNOTATION });
    const saved: string[] = [];
    t.fakes.system.saveFile = async ({ content }: { content: string }) => {
      saved.push(content);
      return '/tmp/export';
    };
    await ok(t, 'exportMetadata', { format: 'json' });
    await ok(t, 'exportMetadata', { format: 'csv' });
    const json = JSON.parse(saved[0]!) as { tokens: Record<string, unknown>[] };
    expect(json.tokens.find((r) => r.name === 'CI deploy')).toMatchObject({
      tags: ['ci', 'billing'],
      owner: 'platform@acme.test',
      used_by: ['GitHub Actions: deploy.yml', 'vault/kv/mail'],
      note: 'Rotated by the platform team every quarter.',
    });
    const [header, ...lines] = saved[1]!.trim().split('\r\n');
    expect(header).toMatch(/,tags,owner,used_by,note$/);
    expect(lines.find((l) => l.includes('CI deploy'))).toMatch(
      /,ci; billing,platform@acme\.test,GitHub Actions: deploy\.yml; vault\/kv\/mail,Rotated by the platform team every quarter\.$/,
    );
    // The token expires (seeded with a date): its event says who owns it and what uses it.
    const expiring = (await list()).find((r) => r.expiresAt !== null)!;
    await ok(t, 'setAnnotation', { tokenId: expiring.id, annotation: ANNOTATION });
    await ok(t, 'exportCalendar', undefined);
    const ics = saved[2]!.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('Owner: platform@acme.test');
    expect(ics).toContain('Used by: GitHub Actions: deploy.yml\\, vault/kv/mail');
  });
});
