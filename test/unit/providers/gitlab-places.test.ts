/**
 * GitLab's project and group access tokens through the real handlers against the simulator: the
 * projects and groups offered at connection time (enumerated with `min_access_level`, paginated by
 * `Link`), their tokens in the list with role, scopes, expiry and last use, a create with a role
 * not above the caller's, a rotation through the project rotate endpoint with the expiry chosen
 * (GitLab's one-week default offered, never taken silently), a revoke by DELETE, and an ambiguous
 * project-token rotation reconciled, never retried.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDraft, RotationPlan, RotationStart } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import { type GitLabSeed, type GitLabSimulator } from '../../simulators/gitlab';
import { connectGitLab } from './conformance/subjects/gitlab';
import { listedRow, listedRows, ok, providerCore, refusal, type ProviderTest, withGitLab } from './harness';

let t: ProviderTest;
let sim: GitLabSimulator;
let seed: GitLabSeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withGitLab(t));
});
afterEach(() => t.shutdown());

const rows = () => listedRows(t);
const row = (name: string) => listedRow(t, name);
const PROJECT = 'project:101';
const GROUP = 'group:7';
const ROTATE = 'POST /api/v4/projects/:resource/access_tokens/:tokenId/rotate';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('choosing projects and groups', () => {
  it('offers personal tokens, the groups the user owns and the projects it maintains, with its role', async () => {
    const draft = await ok<ConnectionDraft>(t, 'beginConnection', {
      provider: 'gitlab',
      mode: 'api',
      label: 'GitLab',
      baseUrl: sim.url,
      fields: { accessToken: seed.credential },
    });
    expect(draft.accounts).toEqual([
      { id: 'personal', name: 'Personal access tokens (jane)', access: null },
      { id: GROUP, name: 'acme (group)', access: 'owner' },
      // acme/api through the group (Owner), acme/web as Maintainer; sam/notes (Developer) is not offered.
      { id: 'project:101', name: 'acme/web (project)', access: 'maintainer' },
      { id: 'project:102', name: 'acme/api (project)', access: 'owner' },
    ]);
    expect(draft.summary).toContain('3 projects and groups to manage');
    const asked = sim.requests.filter((r) => r.path === '/api/v4/projects');
    expect(asked.map((r) => new URLSearchParams(r.query).get('min_access_level'))).toEqual(['50', '40']);
  });

  it('follows Link rel="next" through many pages of projects', async () => {
    for (let i = 0; i < 230; i++)
      sim.resources.add({
        kind: 'project',
        id: 500 + i,
        name: `P${i}`,
        path: `many/p${i}`,
        members: { 41: 40 },
      });
    const draft = await ok<ConnectionDraft>(t, 'beginConnection', {
      provider: 'gitlab',
      mode: 'api',
      label: 'GitLab',
      baseUrl: sim.url,
      fields: { accessToken: seed.credential },
    });
    expect(draft.accounts.filter((a) => a.id.startsWith('project:'))).toHaveLength(232);
    expect(
      sim.requests.filter(
        (r) => r.path === '/api/v4/projects' && new URLSearchParams(r.query).get('min_access_level') === '40',
      ),
    ).toHaveLength(3);
  });

  it('lists only what was chosen: the project’s and group’s tokens with role, scopes, expiry and last use', async () => {
    await connectGitLab(t, sim, seed.credential, [PROJECT, GROUP]);
    const listed = await rows();
    expect(listed.map((r) => r.name).sort()).toEqual(['Acme release bot', 'Deploy web', 'Web registry']);
    const deploy = await row('Deploy web');
    expect(deploy).toMatchObject({
      accountId: PROJECT,
      accountName: 'acme/web (project)',
      scopeSummary: 'Maintainer · api, write_repository',
      lastUsedAt: t.clock.now() - 5 * 3_600_000,
      expiresAt: Math.floor((t.clock.now() + 12 * DAY) / DAY) * DAY,
    });
    expect(await row('Acme release bot')).toMatchObject({
      accountId: GROUP,
      scopeSummary: 'Developer · read_api, read_repository',
      lastUsedAt: null,
    });
    expect(sim.count('GET /api/v4/personal_access_tokens')).toBe(0);
  });
});

describe('project tokens: create, rotate, revoke', () => {
  it('creates a project token with the role chosen; a role above the caller’s is refused before any call', async () => {
    const connection = await connectGitLab(t, sim, seed.credential, [PROJECT]);
    const refused = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: PROJECT,
      name: 'Too strong',
      permissionGroup: 'read_api',
      permissions: [{ resourceType: 'gitlab_role', resourceId: PROJECT, level: 'owner' }],
    });
    expect(refused.message).toContain('cannot have a higher role than yours');
    expect(sim.count('POST /api/v4/projects/:resource/access_tokens')).toBe(0);
    await ok(t, 'createToken', {
      connectionId: connection.id,
      accountId: PROJECT,
      name: 'Reader',
      permissionGroups: ['read_api', 'read_repository'],
      expiresAt: t.clock.now() + 30 * DAY,
      permissions: [{ resourceType: 'gitlab_role', resourceId: PROJECT, level: 'reporter' }],
    });
    const made = [...sim.tokens.values()].find((x) => x.name === 'Reader');
    expect(made === undefined ? null : sim.resources.entity(made)).toMatchObject({
      access_level: 20,
      scopes: ['read_api', 'read_repository'],
      resource_type: 'project',
      resource_id: 101,
      expires_at: day(t.clock.now() + 30 * DAY),
    });
    expect(await row('Reader')).toMatchObject({
      accountId: PROJECT,
      scopeSummary: 'Reporter · read_api, read_repository',
    });
    // A bot cannot read a user's profile: read_user is refused for a project token, before any call.
    const profile = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: PROJECT,
      name: 'Profile',
      permissionGroups: ['read_user'],
      permissions: [{ resourceType: 'gitlab_role', resourceId: PROJECT, level: 'guest' }],
    });
    expect(profile.message).toContain('cannot have the read_user scope');
    expect(sim.count('POST /api/v4/projects/:resource/access_tokens')).toBe(1);
  });

  it('rotates through the project’s rotate endpoint with the expiry chosen; the one-week default is offered', async () => {
    await connectGitLab(t, sim, seed.credential, [PROJECT]);
    const deploy = await row('Deploy web');
    const plan = await ok<RotationPlan>(t, 'planRotation', { tokenId: deploy.id });
    expect(plan.successorExpiresAt).toBe(t.clock.now() + 7 * DAY);
    expect(plan.steps.join(' ')).toContain('GitLab’s own default is one week');
    const oldSecret = [...sim.tokens.values()].find((x) => x.name === 'Deploy web')?.secret ?? '';
    const chosen = t.clock.now() + 60 * DAY;
    await ok<RotationStart>(t, 'startRotation', { tokenId: deploy.id, successorExpiresAt: chosen });
    expect(sim.count(ROTATE)).toBe(1);
    expect(sim.authenticates(oldSecret)).toBe(false);
    const successor = [...sim.tokens.values()].find((x) => x.name === 'Deploy web' && !x.revoked);
    expect(successor?.expiresAt).toBe(day(chosen));
    await ok(t, 'syncNow', {});
    await t.idle();
    const after = (await rows()).filter((r) => r.name === 'Deploy web');
    expect(after.map((r) => [r.id, r.state, r.accountId])).toEqual([[deploy.id, 'active', PROJECT]]);
  });

  it('an ambiguous project-token rotation is reconciled by listing, never retried', async () => {
    await connectGitLab(t, sim, seed.credential, [PROJECT]);
    const deploy = await row('Deploy web');
    sim.inject({ route: ROTATE, fault: { kind: 'reset', afterHandling: true } });
    const error = await refusal(t, 'startRotation', { tokenId: deploy.id });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toContain('Tokenkeeper did not retry');
    expect(sim.count(ROTATE)).toBe(1);
    expect(sim.count('GET /api/v4/projects/:resource/access_tokens')).toBeGreaterThanOrEqual(2);
  });

  it('revokes a project token with DELETE', async () => {
    const connection = await connectGitLab(t, sim, seed.credential, [PROJECT]);
    const registry = await row('Web registry');
    await ok(t, 'revokeToken', { tokenId: registry.id });
    expect(sim.count('DELETE /api/v4/projects/:resource/access_tokens/:tokenId')).toBe(1);
    expect([...sim.tokens.values()].find((x) => x.name === 'Web registry')?.revoked).toBe(true);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect((await rows()).find((r) => r.name === 'Web registry')?.state ?? 'gone').not.toBe('active');
  });
});
