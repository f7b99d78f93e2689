/**
 * GitLab's service-account tokens through the real handlers against the simulator: the service
 * accounts of the top-level groups the user owns offered at connection time (none where the
 * feature is missing), their tokens in the list, a create (no role; refused before any call
 * above the maximum lifetime), a rotation through the service-account rotate endpoint with the
 * expiry chosen, an ambiguous one reconciled and never retried, a revoke by DELETE, and a canary
 * scan of the secrets it handled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDraft, RotationStart } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import { seedServiceAccounts, type GitLabSeed, type GitLabSimulator } from '../../simulators/gitlab';
import { makeCanary, scanPaths, scanText } from '../../security/canary';
import { connectGitLab } from './conformance/subjects/gitlab';
import { listedRow, listedRows, ok, providerCore, refusal, type ProviderTest, withGitLab } from './harness';

let t: ProviderTest;
let sim: GitLabSimulator;
let seed: GitLabSeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withGitLab(t));
  seedServiceAccounts(sim);
});
afterEach(() => t.shutdown());

const DEPLOY_BOT = 'serviceaccount:7:300';
const BASE = '/api/v4/groups/:resource/service_accounts/:userId/personal_access_tokens';
const rows = () => listedRows(t);
const row = (name: string) => listedRow(t, name);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const draft = () =>
  ok<ConnectionDraft>(t, 'beginConnection', {
    provider: 'gitlab',
    mode: 'api',
    label: 'GitLab',
    baseUrl: sim.url,
    fields: { accessToken: seed.credential },
  });

describe('choosing service accounts', () => {
  it('offers each service account of a top-level group the user owns, after the group', async () => {
    // A subgroup of acme, owned too: service accounts live only in top-level groups.
    sim.resources.add({ kind: 'group', id: 9, name: 'Ops', path: 'acme/ops', parentGroupId: 7 });
    const { accounts, summary } = await draft();
    expect(summary).toContain('4 projects and groups and 2 service accounts to manage');
    expect(accounts.map((a) => a.id)).toEqual([
      'personal',
      'group:7',
      'group:9',
      DEPLOY_BOT,
      'serviceaccount:7:301',
      'project:101',
      'project:102',
    ]);
    expect(accounts.find((a) => a.id === DEPLOY_BOT)).toEqual({
      id: DEPLOY_BOT,
      name: 'deploy-bot (service account of acme)',
      access: null,
    });
    expect(sim.requests.filter((r) => r.path.endsWith('/service_accounts')).map((r) => r.path)).toEqual([
      '/api/v4/groups/7/service_accounts',
    ]);
  });

  it('offers none where GitLab has no service accounts (404), and still connects', async () => {
    sim.serviceAccounts.available = false;
    const { accounts } = await draft();
    expect(accounts.some((a) => a.id.startsWith('serviceaccount:'))).toBe(false);
    expect(accounts.map((a) => a.id)).toContain('group:7');
  });
});

describe('service-account tokens', () => {
  it('lists the chosen service account’s live tokens with scopes, expiry and last use', async () => {
    await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    expect((await rows()).map((r) => r.name).sort()).toEqual(['Deploy pipeline', 'Deploy read']);
    expect(await row('Deploy pipeline')).toMatchObject({
      accountId: DEPLOY_BOT,
      accountName: 'deploy-bot (service account of acme)',
      scopeSummary: 'api',
      lastUsedAt: t.clock.now() - 4 * 3_600_000,
      expiresAt: Math.floor((t.clock.now() + 20 * DAY) / DAY) * DAY,
    });
  });

  it('creates a token for the service account (no role); past a year is refused before any call', async () => {
    const connection = await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    const tooLong = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: DEPLOY_BOT,
      name: 'Forever',
      permissionGroups: ['read_api'],
      expiresAt: t.clock.now() + 400 * DAY,
    });
    expect(tooLong.message).toContain('at most 1 year');
    expect(sim.count(`POST ${BASE}`)).toBe(0);
    await ok(t, 'createToken', {
      connectionId: connection.id,
      accountId: DEPLOY_BOT,
      name: 'Nightly backup',
      permissionGroups: ['read_api', 'read_user'],
      expiresAt: t.clock.now() + 30 * DAY,
    });
    const made = [...sim.tokens.values()].find((x) => x.name === 'Nightly backup');
    expect(made).toMatchObject({
      userId: 300,
      scopes: ['read_api', 'read_user'],
      expiresAt: day(t.clock.now() + 30 * DAY),
    });
    expect(await row('Nightly backup')).toMatchObject({
      accountId: DEPLOY_BOT,
      scopeSummary: 'read_api, read_user',
    });
  });

  it('rotates through the service-account rotate endpoint with the expiry chosen', async () => {
    await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    const pipeline = await row('Deploy pipeline');
    const oldSecret = [...sim.tokens.values()].find((x) => x.name === 'Deploy pipeline')?.secret ?? '';
    const chosen = t.clock.now() + 45 * DAY;
    await ok<RotationStart>(t, 'startRotation', { tokenId: pipeline.id, successorExpiresAt: chosen });
    expect(sim.count(`POST ${BASE}/:tokenId/rotate`)).toBe(1);
    expect(sim.authenticates(oldSecret)).toBe(false);
    const successor = [...sim.tokens.values()].find((x) => x.name === 'Deploy pipeline' && !x.revoked);
    expect(successor).toMatchObject({ userId: 300, expiresAt: day(chosen) });
    await ok(t, 'syncNow', {});
    await t.idle();
    const after = (await rows()).filter((r) => r.name === 'Deploy pipeline');
    expect(after.map((r) => [r.id, r.state, r.accountId])).toEqual([[pipeline.id, 'active', DEPLOY_BOT]]);
  });

  it('an ambiguous rotation is reconciled by listing, never retried', async () => {
    await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    const pipeline = await row('Deploy pipeline');
    sim.inject({ route: `POST ${BASE}/:tokenId/rotate`, fault: { kind: 'reset', afterHandling: true } });
    const error = await refusal(t, 'startRotation', { tokenId: pipeline.id });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toContain('Tokenkeeper did not retry');
    expect(sim.count(`POST ${BASE}/:tokenId/rotate`)).toBe(1);
    expect(sim.count(`GET ${BASE}`)).toBeGreaterThanOrEqual(2);
  });

  it('revokes with DELETE; the row leaves the active list', async () => {
    const connection = await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    const read = await row('Deploy read');
    await ok(t, 'revokeToken', { tokenId: read.id });
    expect(sim.count(`DELETE ${BASE}/:tokenId`)).toBe(1);
    expect([...sim.tokens.values()].find((x) => x.name === 'Deploy read')?.revoked).toBe(true);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect((await rows()).find((r) => r.name === 'Deploy read')?.state ?? 'gone').not.toBe('active');
  });
});

describe('secrets', () => {
  it('a service account’s created and rotated secrets reach no file, log line or event', async () => {
    const connection = await connectGitLab(t, sim, seed.credential, [DEPLOY_BOT]);
    const canaries = { created: makeCanary('GitLabSaCreate'), rotated: makeCanary('GitLabSaRotate') };
    sim.queueSecrets(canaries.created);
    const created = await ok<{ secretId: string }>(t, 'createToken', {
      connectionId: connection.id,
      accountId: DEPLOY_BOT,
      name: 'Canary',
      permissionGroups: ['read_api'],
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect((await ok<{ value: string }>(t, 'revealSecret', { secretId: created.secretId })).value).toBe(
      canaries.created,
    );
    await ok(t, 'discardSecret', { secretId: created.secretId });
    sim.queueSecrets(canaries.rotated);
    const rotation = await ok<RotationStart>(t, 'startRotation', {
      tokenId: (await row('Deploy pipeline')).id,
    });
    await ok(t, 'discardSecret', { secretId: rotation.secretId });
    await ok(t, 'syncNow', {});
    await t.idle();
    expect(sim.authenticates(canaries.rotated)).toBe(true);
    const known = { ...canaries, connection: seed.credential };
    const scan = scanPaths([t.dataDir], known);
    expect(scan.files).toBeGreaterThan(0);
    expect(scan.hits).toEqual([]);
    expect(scanText(t.logLines.join('\n'), known, 'log')).toEqual([]);
    expect(scanText(JSON.stringify(t.emitted), known, 'events')).toEqual([]);
  });
});
