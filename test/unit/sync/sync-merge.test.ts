/** How a provider's list replaces a connection's cached set (pure function). */
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../../../src-main/core/db/repositories/tokens';
import type { RemoteToken } from '../../../src-main/core/providers/types';
import { planMerge } from '../../../src-main/core/services/sync-merge';
import { NOW, token } from '../builders';

function remote(overrides: Partial<RemoteToken> = {}): RemoteToken {
  return {
    remoteId: '12345',
    accountId: '3229',
    accountName: 'Acme',
    name: 'CI deploy',
    last4: 'wxyz',
    createdAt: null,
    createdBy: 'Jane',
    lastUsedAt: null,
    expiresAt: null,
    scopeKind: 'resources',
    scopeSummary: 'Account admin',
    scope: EMPTY_SCOPE,
    broadScope: false,
    legacy: false,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
    ...overrides,
  };
}

describe('planMerge', () => {
  it('updates a known token from the provider and keeps what the user added', () => {
    const cached = token({ snoozedUntil: NOW + 5, createdAt: NOW - 50, replacesId: 't_0' });
    const plan = planMerge(
      'c_1',
      [cached],
      [remote({ name: 'CI deploy (renamed)', expiresAt: NOW + 100, last4: null, createdAt: null })],
      NOW + 10,
      null,
    );
    expect(plan.inserts).toEqual([]);
    expect(plan.updates).toEqual([
      {
        ...cached,
        name: 'CI deploy (renamed)',
        expiresAt: NOW + 100,
        last4: 'wxyz',
        createdAt: NOW - 50,
        updatedAt: NOW + 10,
      },
    ]);
    // What is stored now, so only the changed columns are written.
    expect(plan.previous.get(cached.id)).toBe(cached);
  });

  it('leaves a listed token that did not change out of the updates', () => {
    const first = planMerge('c_1', [token()], [remote()], NOW + 10, null);
    const stored = first.updates[0] ?? token();
    const again = planMerge('c_1', [stored], [remote()], NOW + 20, null);
    expect(again.updates).toEqual([]);
    expect(again.previous.size).toBe(0);
    const renamed = planMerge('c_1', [stored], [remote({ name: 'Other name' })], NOW + 20, null);
    expect(renamed.updates.map((u) => u.name)).toEqual(['Other name']);
  });

  it('adds a new token as active, first seen now', () => {
    const plan = planMerge('c_1', [], [remote({ remoteId: '777', name: 'New one' })], NOW, null);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]).toMatchObject({
      connectionId: 'c_1',
      remoteId: '777',
      name: 'New one',
      state: 'active',
      origin: 'synced',
      firstSeenAt: NOW,
    });
  });

  it('marks tokens gone remotely as removed (or retired when rotated out) instead of deleting them', () => {
    const active = token({ id: 't_a', remoteId: '1' });
    const inGrace = token({
      id: 't_b',
      remoteId: '2',
      state: 'grace',
      graceEndsAt: NOW - 1,
      replacedById: 't_c',
    });
    const revoked = token({ id: 't_d', remoteId: '3', state: 'revoked' });
    const plan = planMerge('c_1', [active, inGrace, revoked], [], NOW, null);
    expect(plan.inserts).toEqual([]);
    expect(plan.updates.map((t) => [t.id, t.state])).toEqual([
      ['t_a', 'removed'],
      ['t_b', 'retired'],
    ]);
    expect(plan.gone.map((t) => t.id)).toEqual(['t_a', 't_b']);
  });

  it('never touches tokens recorded by hand', () => {
    const tracked = token({ id: 't_tracked', remoteId: null, origin: 'tracked' });
    const plan = planMerge('c_1', [tracked], [], NOW, null);
    expect(plan).toEqual({ inserts: [], updates: [], gone: [], previous: new Map() });
  });

  it('keeps a token in grace while the provider still lists it', () => {
    const inGrace = token({ state: 'grace', graceEndsAt: NOW + 1000, expiresAt: NOW + 1000 });
    const plan = planMerge('c_1', [inGrace], [remote({ expiresAt: NOW + 1000 })], NOW, null);
    expect(plan.updates).toEqual([]);
    const later = planMerge('c_1', [inGrace], [remote({ expiresAt: NOW + 2000 })], NOW, null);
    expect(later.updates[0]).toMatchObject({ state: 'grace', graceEndsAt: NOW + 2000 });
  });

  it('reads a listed reset pair as grace and links the two', () => {
    const plan = planMerge(
      'c_1',
      [],
      [
        remote({ remoteId: '10', expiresAt: NOW + 3600, successorRemoteId: '11' }),
        remote({ remoteId: '11' }),
      ],
      NOW,
      null,
    );
    const [old, successor] = plan.inserts;
    expect(old).toMatchObject({ state: 'grace', graceEndsAt: NOW + 3600, replacedById: successor?.id });
    expect(successor).toMatchObject({ state: 'active', replacesId: old?.id });
  });

  it('moves the credential mark to the token identified this time', () => {
    const before = token({ id: 't_a', remoteId: '1', isConnectionCredential: true });
    const other = token({ id: 't_b', remoteId: '2' });
    const plan = planMerge(
      'c_1',
      [before, other],
      [remote({ remoteId: '1' }), remote({ remoteId: '2' })],
      NOW,
      '3229|2',
    );
    expect(plan.updates.map((t) => [t.id, t.isConnectionCredential])).toEqual([
      ['t_a', false],
      ['t_b', true],
    ]);
  });

  it('brings back a removed token that is listed again', () => {
    const removed = token({ state: 'removed' });
    const plan = planMerge('c_1', [removed], [remote()], NOW, null);
    expect(plan.updates[0]?.state).toBe('active');
  });
});
