/**
 * smenso and tracked tokens: no API, so rotation is guided (start → record the new token →
 * confirm → old one retired) and revoke marks the token retired.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RotationStart, TokenDetail, TokenRow } from '../../../src-preload/contract';
import { addTrackedConnection, DAY, makeCore, type TestCore } from '../helpers';

let t: TestCore;
beforeEach(() => {
  t = makeCore();
});
afterEach(async () => {
  await t.close();
});

async function call<T>(
  channel: string,
  payload: unknown,
): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }> {
  return (await t.core.call(channel, payload)) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };
}

async function trackedToken(provider: 'smenso' | 'mailtrap' = 'smenso') {
  const connection = await addTrackedConnection(
    t.core,
    provider,
    provider === 'smenso' ? 'Acme workspace' : 'Mailtrap by hand',
  );
  const now = t.clock.now();
  const token = await t.core.handlers.addTrackedToken({
    connectionId: connection.id,
    name: 'CRM Integration - Production',
    accountName: 'Sales',
    last4: 'ab12',
    createdAt: now - 300 * DAY,
    expiresAt: now + 65 * DAY,
    note: null,
  });
  return { connection, token };
}

describe('manual rotation', () => {
  it('guides the rotation and retires the old token once the new one is recorded and confirmed', async () => {
    const { token } = await trackedToken();
    const start = await call<RotationStart>('startRotation', { tokenId: token.id });
    if (!start.ok) throw new Error(start.error.message);
    expect(start.value).toMatchObject({
      kind: 'manual',
      newToken: null,
      secretId: null,
      needsConfirmation: true,
      credentialSwapped: false,
    });
    expect(start.value.afterword).toContain('Create a new token in the smenso console with the same access.');

    const early = await call('finishRotation', { operationId: start.value.operationId });
    expect(early).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Record the new token first (name, created, expiry), then confirm.',
      },
    });

    const now = t.clock.now();
    const tooLong = await call('recordManualRotation', {
      operationId: start.value.operationId,
      token: {
        name: 'CRM Integration - 2027',
        accountName: 'Sales',
        last4: 'cd34',
        createdAt: now,
        expiresAt: now + 400 * DAY,
        note: null,
      },
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'expiresAt',
        message: 'smenso tokens are valid for at most 1 year after they are created.',
      },
    });

    const recorded = await call<TokenRow>('recordManualRotation', {
      operationId: start.value.operationId,
      token: {
        name: 'CRM Integration - 2027',
        accountName: 'Sales',
        last4: 'cd34',
        createdAt: now,
        expiresAt: now + 360 * DAY,
        note: 'Rotated in the Admin Center',
      },
    });
    if (!recorded.ok) throw new Error(recorded.error.message);
    expect(recorded.value).toMatchObject({ origin: 'tracked', replacesId: token.id, state: 'active' });

    const finished = await call<TokenRow>('finishRotation', { operationId: start.value.operationId });
    expect(finished).toMatchObject({ ok: true, value: { id: recorded.value.id } });
    const old = await t.core.handlers.getToken({ tokenId: token.id });
    expect(old.token).toMatchObject({ state: 'retired', replacedById: recorded.value.id });
    expect(old.operations[0]).toMatchObject({
      kind: 'manual_rotate',
      state: 'succeeded',
      resultTokenId: recorded.value.id,
    });
    expect(old.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['token.rotate.start', 'token.rotate.record', 'token.rotate.finish']),
    );
    // The audit says which token is the old one and which the new one.
    expect(old.audit.find((a) => a.action === 'token.rotate.finish')?.detail).toBe(
      'Retired the old token “CRM Integration - Production”; the new token “CRM Integration - 2027” replaces it',
    );
  });

  it('the new token keeps the old token’s note unless the user wrote another', async () => {
    const connection = await addTrackedConnection(t.core, 'smenso', 'Acme workspace');
    const now = t.clock.now();
    const token = await t.core.handlers.addTrackedToken({
      connectionId: connection.id,
      name: 'Timesheet bot',
      accountName: null,
      last4: null,
      createdAt: now - 300 * DAY,
      expiresAt: now + 30 * DAY,
      note: 'Used by the payroll export; ask Dana before revoking.',
    });
    const start = await t.core.handlers.startRotation({ tokenId: token.id });
    const recorded = await t.core.handlers.recordManualRotation({
      operationId: start.operationId,
      token: {
        name: 'Timesheet bot',
        accountName: null,
        last4: null,
        createdAt: now,
        expiresAt: now + 300 * DAY,
        note: null,
      },
    });
    const successor = await t.core.handlers.getToken({ tokenId: recorded.id });
    expect(successor.annotation.note).toBe('Used by the payroll export; ask Dana before revoking.');
  });

  it('with consent the new token inherits tags and owner, and the note the user wrote wins', async () => {
    const connection = await addTrackedConnection(t.core, 'smenso', 'Acme workspace');
    const now = t.clock.now();
    const token = await t.core.handlers.addTrackedToken({
      connectionId: connection.id,
      name: 'Timesheet bot',
      accountName: null,
      last4: null,
      createdAt: now - 300 * DAY,
      expiresAt: now + 30 * DAY,
      note: 'Old note',
    });
    await t.core.handlers.setAnnotation({
      tokenId: token.id,
      annotation: {
        note: 'Old note',
        tags: ['payroll'],
        owner: 'dana@example.com',
        usedBy: ['Payroll export'],
      },
    });
    const start = await t.core.handlers.startRotation({ tokenId: token.id, carryOverAnnotation: true });
    const recorded = await t.core.handlers.recordManualRotation({
      operationId: start.operationId,
      token: {
        name: 'Timesheet bot',
        accountName: null,
        last4: null,
        createdAt: now,
        expiresAt: now + 300 * DAY,
        note: 'New note for the new token',
      },
    });
    const successor = await t.core.handlers.getToken({ tokenId: recorded.id });
    expect(successor.annotation).toMatchObject({
      note: 'New note for the new token',
      tags: ['payroll'],
      owner: 'dana@example.com',
      usedBy: ['Payroll export'],
    });
  });

  it('recording twice corrects the same successor instead of adding another', async () => {
    const { token } = await trackedToken();
    const start = await t.core.handlers.startRotation({ tokenId: token.id });
    const now = t.clock.now();
    const entry = {
      name: 'New',
      accountName: 'Sales',
      last4: null,
      createdAt: now,
      expiresAt: now + 100 * DAY,
      note: null,
    };
    const first = await t.core.handlers.recordManualRotation({
      operationId: start.operationId,
      token: entry,
    });
    const second = await t.core.handlers.recordManualRotation({
      operationId: start.operationId,
      token: { ...entry, name: 'New (fixed)' },
    });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('New (fixed)');
  });

  it('abandoning leaves the old token active and unlinked', async () => {
    const { token } = await trackedToken('mailtrap');
    const start = await t.core.handlers.startRotation({ tokenId: token.id });
    await t.core.handlers.abandonRotation({ operationId: start.operationId });
    const detail: TokenDetail = await t.core.handlers.getToken({ tokenId: token.id });
    expect(detail.token).toMatchObject({ state: 'active', replacedById: null });
    expect(detail.operations[0]?.state).toBe('abandoned');
  });

  it('refuses a second rotation of the same token while one is open', async () => {
    const { token } = await trackedToken();
    await t.core.handlers.startRotation({ tokenId: token.id });
    const again = await call('startRotation', { tokenId: token.id });
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'A rotation of “CRM Integration - Production” is already waiting for you. Finish or abandon it first.',
      },
    });
  });
});

describe('tracked tokens', () => {
  it('revoking a tracked token marks it retired (nothing to call)', async () => {
    const { token } = await trackedToken();
    const row = await t.core.handlers.revokeToken({ tokenId: token.id });
    expect(row.state).toBe('retired');
    expect(await call('revokeToken', { tokenId: token.id })).toEqual({
      ok: false,
      error: { code: 'conflict', message: '“CRM Integration - Production” is already retired.' },
    });
  });

  it('a tracked connection cannot create tokens through an API, and smenso cannot be added in API mode', async () => {
    const { connection } = await trackedToken();
    expect(await call('createToken', { connectionId: connection.id, accountId: null, name: 'X' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          '“Acme workspace” is a tracked connection: create the token in the smenso console, then record it here.',
      },
    });
    expect(
      await call('beginConnection', {
        provider: 'smenso',
        mode: 'api',
        label: 'x',
        baseUrl: null,
        fields: {},
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'mode',
        message: 'smenso has no token API. Add it as a tracked connection instead.',
      },
    });
    expect(await call('testConnection', { connectionId: connection.id })).toEqual({
      ok: true,
      value: {
        ok: true,
        message:
          '“Acme workspace” is tracked: Tokenkeeper does not call smenso for it, so there is nothing to test.',
      },
    });
  });
});
