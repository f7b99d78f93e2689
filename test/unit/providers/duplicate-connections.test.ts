/**
 * One account, one connection: a second connection to an account already connected (the same
 * smoxy e-mail, the same Mailtrap account ids) is refused naming the first, with nothing written;
 * two such connections made before the check still show each remote token once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { Connection, ConnectionDraft, TokenPage } from '../../../src-preload/contract';
import {
  connectMailtrap,
  connectSmoxy,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  withSmoxy,
  type ProviderTest,
} from './harness';

let t: ProviderTest;

beforeEach(() => {
  t = providerCore();
});

afterEach(async () => {
  await t.shutdown();
});

const stored = () => ({
  connections: t.core.context.db.prepare('SELECT id FROM connections ORDER BY id').all(),
  tokens: t.snapshot(),
  keychain: [...t.fakes.credentials.values.keys()].sort(),
});

const rows = async () =>
  (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500, includeInactive: false })).rows;

describe('a smoxy account connected twice', () => {
  it('is refused at sign-in with the existing label and id; nothing is written', async () => {
    const { sim, seed } = await withSmoxy(t);
    const first = await connectSmoxy(t, sim, seed);
    const before = stored();
    const error = await refusal(t, 'beginConnection', {
      provider: 'smoxy',
      mode: 'api',
      label: 'smoxy again',
      baseUrl: sim.url,
      fields: { email: seed.email, password: seed.password, apiToken: seed.apiToken },
    });
    expect(error).toEqual({
      code: 'conflict',
      message: `Already connected as “smoxy”. Each account is connected once, so its tokens are not shown twice.`,
      connectionId: first.id,
    });
    expect(stored()).toEqual(before);
    expect(await ok<Connection[]>(t, 'listConnections', undefined)).toHaveLength(1);
  });
});

describe('Mailtrap accounts connected twice', () => {
  it('refuses a token whose every usable account is connected, before a draft exists', async () => {
    const { sim, seed } = await withMailtrap(t);
    const first = await connectMailtrap(t, sim, seed, 'Work mail');
    const before = stored();
    const error = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Again',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    expect(error).toMatchObject({ code: 'conflict', connectionId: first.id });
    expect(error.message).toMatch(/^Already connected as “Work mail”\./);
    expect(stored()).toEqual(before);
  });

  it('refuses at complete a pick that includes an account another connection holds', async () => {
    const { sim, seed } = await withMailtrap(t);
    // The first connection holds Acme only; the second may take Side Project, not Acme.
    const draft = await ok<ConnectionDraft>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Acme',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    const first = await ok<Connection>(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'Acme',
      accountIds: [String(seed.accounts.acme)],
    });
    await t.idle();
    const second = await ok<ConnectionDraft>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Side',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    const before = stored();
    const error = await refusal(t, 'completeConnection', {
      draftId: second.draftId,
      label: 'Side',
      accountIds: [String(seed.accounts.acme), String(seed.accounts.side)],
    });
    expect(error).toMatchObject({ code: 'conflict', connectionId: first.id });
    expect(stored()).toEqual(before);
    // The same draft still completes without the held account.
    const side = await ok<Connection>(t, 'completeConnection', {
      draftId: second.draftId,
      label: 'Side',
      accountIds: [String(seed.accounts.side)],
    });
    await t.idle();
    expect(side.accounts.map((a) => a.id)).toEqual([String(seed.accounts.side)]);
  });
});

describe('two connections of one account made before the check', () => {
  it('show each remote token once, and say why the second shows fewer', async () => {
    const { sim, seed } = await withMailtrap(t);
    const first = await connectMailtrap(t, sim, seed, 'Mail');
    const once = (await rows()).map((r) => r.name).sort();
    // As an older database may hold it: a copy of the connection, inserted past the check.
    const record = t.core.context.repos.connections.get(first.id);
    if (record === null) throw new Error('no connection');
    const twinId = 'c_twin';
    t.core.context.repos.connections.insert({
      ...record,
      id: twinId,
      label: 'Mail (copy)',
      status: 'never_synced',
      createdAt: record.createdAt + 1,
    });
    t.fakes.credentials.values.set(credentialKey(twinId), seed.credential);
    await ok(t, 'syncNow', { connectionIds: [first.id, twinId] });
    await t.idle();
    expect((await rows()).map((r) => r.name).sort()).toEqual(once);
    const info = await ok<{ notices: { title: string; message: string }[] }>(t, 'getAppInfo', undefined);
    const notice = info.notices.find((n) => n.title.includes('“Mail (copy)”'));
    expect(notice?.message).toContain('already shown under “Mail”, the same account');
  });
});
