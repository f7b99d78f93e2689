/** Connection upkeep: changing the address, an unreadable credential, drafts, removal. */
import { afterEach, describe, expect, it } from 'vitest';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import { DRAFT_TTL_MS } from '../../../src-main/core/services/connection-setup';
import type { Connection } from '../../../src-preload/contract';
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
afterEach(async () => {
  await t.shutdown();
});

const view = async () => (await ok<Connection[]>(t, 'listConnections', undefined))[0] as Connection;

describe('connections', () => {
  it('checks a new address, and ends a smoxy session when the address changes', async () => {
    t = providerCore();
    const { sim, seed } = await withSmoxy(t);
    const connection = await connectSmoxy(t, sim, seed);
    const bad = await refusal(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: 'http://api.smoxy.eu',
    });
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'baseUrl' });
    const renamed = await ok<Connection>(t, 'updateConnection', {
      connectionId: connection.id,
      label: 'smoxy prod',
    });
    expect(renamed).toMatchObject({ label: 'smoxy prod', signedIn: true });
    // smoxy is at one origin only: another https host is refused, and says why.
    const elsewhere = await refusal(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: 'https://api.smoxy.example/',
    });
    expect(elsewhere).toMatchObject({ code: 'invalid_input', field: 'baseUrl' });
    expect(elsewhere.message).toContain('smoxy is only at https://api.smoxy.eu');
    // A path prefix under the same origin keeps the credential but not the session.
    const moved = await ok<Connection>(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: `${sim.url}/v2/`,
    });
    expect(moved).toMatchObject({
      baseUrl: `${sim.url}/v2`,
      effectiveBaseUrl: `${sim.url}/v2`,
      signedIn: false,
      status: 'needs_sign_in',
    });
    expect(t.fakes.confirm.asked).toEqual([]);
    const reset = await ok<Connection>(t, 'updateConnection', { connectionId: connection.id, baseUrl: null });
    expect(reset).toMatchObject({ baseUrl: null, effectiveBaseUrl: 'https://api.smoxy.eu' });
  });

  it('reports a credential the keychain can no longer decrypt as needing re-entry, and keeps the tokens', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const before = t.snapshot();
    t.fakes.credentials.unreadable.add(credentialKey(connection.id));
    sim.resetLog();
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(await view()).toMatchObject({
      status: 'needs_credential',
      credential: 'unreadable',
      lastError: { code: 'credential_unreadable' },
    });
    expect(sim.requests).toHaveLength(0);
    expect(t.snapshot()).toEqual(before);
    await ok(t, 'updateCredential', { connectionId: connection.id, fields: { apiToken: seed.credential } });
    await t.idle();
    expect(await view()).toMatchObject({ status: 'ok', credential: 'stored' });
  });

  it('says what to do when the stored credential is missing', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    t.fakes.credentials.values.delete(credentialKey(connection.id));
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
    });
    expect(error).toEqual({
      code: 'credential_missing',
      message: 'No Mailtrap credential is stored for “Mailtrap”. Re-enter it in the connection’s settings.',
    });
    expect(await view()).toMatchObject({ status: 'needs_credential', credential: 'missing' });
  });

  it('forgets a draft (and its credential) after it expires or is cancelled', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const draft = await ok<{ draftId: string }>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    t.clock.advance(DRAFT_TTL_MS + 1);
    expect(
      await refusal(t, 'completeConnection', { draftId: draft.draftId, label: 'Mail', accountIds: ['3229'] }),
    ).toEqual({
      code: 'not_found',
      message: 'This connection setup has expired. Start adding the connection again.',
    });
    const second = await ok<{ draftId: string }>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    await ok(t, 'cancelConnection', { draftId: second.draftId });
    expect(
      (
        await refusal(t, 'completeConnection', {
          draftId: second.draftId,
          label: 'Mail',
          accountIds: ['3229'],
        })
      ).code,
    ).toBe('not_found');
    expect(t.fakes.credentials.values.size).toBe(0);
  });

  it('removing a connection deletes its credential and its cached tokens', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    await ok(t, 'removeConnection', { connectionId: connection.id });
    expect(t.fakes.credentials.values.size).toBe(0);
    expect(t.snapshot()).toEqual([]);
    expect(await ok(t, 'listConnections', undefined)).toEqual([]);
  });
});
