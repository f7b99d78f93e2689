/**
 * The credential-origin rule through the contract: a connection's address can only be one where
 * its provider's module says the provider is; moving it to another origin is confirmed in main's
 * own dialog and deletes the stored credential and session; nothing the app sends afterwards
 * reaches the new address with the old credential; and loopback addresses need the developer
 * setting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '../../../src-main/core/ports';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { Connection } from '../../../src-preload/contract';
import {
  connectMailtrap,
  connectMirox,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  withMirox,
  type ProviderTest,
} from './harness';
import { startListener, type Listener } from '../../simulators/listener';

let t: ProviderTest;
let listener: Listener;
let listenerUrl: string;
let seen: Listener['seen'];

beforeEach(async () => {
  listener = await startListener();
  listenerUrl = listener.url;
  seen = listener.seen;
});

afterEach(async () => {
  await t.shutdown();
  await listener.close();
});

const view = async (id: string) =>
  (await ok<Connection[]>(t, 'listConnections', undefined)).find((c) => c.id === id)!;

describe('changing a connection’s address', () => {
  it('refuses another https host for a provider that is in one place, and keeps everything', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const refused = await refusal(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: 'https://attacker.example.net/x',
    });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'baseUrl' });
    expect(refused.message).toBe(
      'Mailtrap is only at https://mailtrap.io. Tokenkeeper sends your Mailtrap credential nowhere else, so attacker.example.net is refused.',
    );
    expect(t.fakes.confirm.asked).toEqual([]);
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
    expect(await view(connection.id)).toMatchObject({ effectiveBaseUrl: sim.url, credential: 'stored' });
  });

  it('refuses plain http anywhere but this computer', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const refused = await refusal(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: 'http://mailtrap.io',
    });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'baseUrl' });
    expect(t.fakes.credentials.values.has(credentialKey(connection.id))).toBe(true);
  });

  it('asks main before moving to another origin, then deletes the credential; the listener gets nothing', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const moved = await ok<Connection>(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: listenerUrl,
    });
    expect(t.fakes.confirm.asked).toHaveLength(1);
    expect(t.fakes.confirm.asked[0]).toMatchObject({
      title: 'Send “Mailtrap” to another address?',
      message: `Tokenkeeper will call Mailtrap at ${listenerUrl} instead of ${new URL(sim.url).origin}.`,
      confirmLabel: 'Change address and delete credential',
    });
    expect(moved).toMatchObject({
      effectiveBaseUrl: listenerUrl,
      status: 'needs_credential',
      credential: 'missing',
      lastError: { code: 'credential_missing' },
    });
    expect(moved.lastError?.message).toContain('Enter the credential again for the new address.');
    expect(t.fakes.credentials.values.has(credentialKey(connection.id))).toBe(false);

    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const tested = await ok<{ ok: boolean; message: string }>(t, 'testConnection', {
      connectionId: connection.id,
    });
    expect(tested.ok).toBe(false);
    expect(seen).toEqual([]);
    expect(JSON.stringify(t.logLines)).not.toContain(seed.credential);
  });

  it('changes nothing when the user declines main’s question', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    t.fakes.confirm.answer = false;
    const declined = await refusal(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: listenerUrl,
    });
    expect(declined).toEqual({
      code: 'cancelled',
      message: 'The address was not changed, and the stored credential was kept.',
      field: 'baseUrl',
    });
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
    expect(await view(connection.id)).toMatchObject({ effectiveBaseUrl: sim.url, status: 'ok' });
  });

  it('signs a web session out when it moves, and the next sign-in is for the new origin only', async () => {
    t = providerCore();
    const { sim } = await withMirox(t);
    const connection = await connectMirox(t, sim);
    const moved = await ok<Connection>(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: listenerUrl,
    });
    expect(moved).toMatchObject({ status: 'needs_sign_in', signedIn: false });
    expect(await t.fakes.sessions.current({ connectionId: connection.id })).toBeNull();
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(seen).toEqual([]);
    // The next sign-in window is for the new origin, and only for it.
    const requests: SessionRequest[] = [];
    t.fakes.sessions.login = (request) => {
      requests.push(request);
      return Promise.reject(new Error('closed'));
    };
    await refusal(t, 'signIn', { connectionId: connection.id });
    expect(requests.map((r) => r.origin)).toEqual([listenerUrl]);
  });
});

describe('the developer setting for loopback addresses', () => {
  it('off: a connection cannot be pointed at this computer, and says why', async () => {
    t = providerCore({ allowLoopbackAddresses: false });
    const { sim, seed } = await withMailtrap(t);
    const refused = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mailtrap',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'baseUrl' });
    expect(refused.message).toContain('the developer setting that allows loopback addresses is off');
    expect(sim.requests).toEqual([]);
  });
});

describe('the HTTP layer behind it', () => {
  it('sends nothing when a row’s address no longer matches the origin its credential was saved for', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    // As if the check above were bypassed: the address changed in the database itself.
    t.core.context.db
      .prepare('UPDATE connections SET base_url = ? WHERE id = ?')
      .run(listenerUrl, connection.id);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const tested = await ok<{ ok: boolean; message: string }>(t, 'testConnection', {
      connectionId: connection.id,
    });
    expect(tested).toEqual({
      ok: false,
      message: `The Mailtrap credential was saved for ${new URL(sim.url).origin}, and this connection now points at ${listenerUrl}: nothing was sent there. Re-enter the credential for the new address.`,
    });
    expect(seen).toEqual([]);
    expect(await view(connection.id)).toMatchObject({ status: 'needs_credential' });
  });
});
