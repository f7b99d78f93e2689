/**
 * Contract test: `@gitbeaker/rest` 43.8.0 against the GitLab simulator's service-account
 * endpoints (shared/providers/gitlab.md §3d [SA]). gitbeaker has one method for them that is
 * right, `GroupServiceAccounts.rotatePersonalAccessToken`; its `createPersonalAccessToken` POSTs
 * to `groups/:id/service_accounts/:user_id` without `/personal_access_tokens` (a gitbeaker bug:
 * GitLab has no such route, the simulator answers 404), and it has no list or revoke for these
 * tokens nor a list of a group's service accounts. Those calls go through gitbeaker's own
 * requester (its headers, JSON encoding and error classes), as its methods would send them.
 */
import { Gitlab } from '@gitbeaker/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import {
  seedGitLab,
  seedServiceAccounts,
  startGitLab,
  type GitLabSeed,
  type GitLabSimulator,
} from '../../../simulators/gitlab';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
const date = (days: number) => new Date(T0 + days * DAY).toISOString().slice(0, 10);

let sim: GitLabSimulator;
let seed: GitLabSeed;
let accounts: ReturnType<typeof seedServiceAccounts>;

beforeEach(async () => {
  sim = await startGitLab({ now: () => T0 });
  seed = seedGitLab(sim);
  accounts = seedServiceAccounts(sim);
});
afterEach(() => sim.close());

const client = (token = seed.credential) => new Gitlab({ host: sim.url, token });

interface Requester {
  get(endpoint: string, options?: { searchParams?: Record<string, string> }): Promise<Answer>;
  post(endpoint: string, options: { body: unknown }): Promise<Answer>;
  delete(endpoint: string, options?: { body?: unknown }): Promise<Answer>;
}
interface Answer {
  body: unknown;
  status: number;
  headers: Record<string, string>;
}
const requester = (token?: string) =>
  (client(token).GroupServiceAccounts as unknown as { requester: Requester }).requester;

async function failure(call: Promise<unknown>): Promise<{ message: string; status: number }> {
  try {
    await call;
  } catch (error) {
    const cause = (error as { cause?: { response?: { status: number } } }).cause;
    return { message: (error as Error).message, status: cause?.response?.status ?? 0 };
  }
  throw new Error('expected the gitbeaker call to fail');
}

const tokensOf = (user: number) => `groups/7/service_accounts/${user}/personal_access_tokens`;

describe('service accounts of a top-level group', () => {
  it('lists the group’s service accounts, page by page through Link rel="next"', async () => {
    const acme = sim.resources.groups.get(7);
    if (acme === undefined) throw new Error('no acme');
    for (let i = 0; i < 3; i++) sim.serviceAccounts.add(acme, { id: 400 + i, username: `svc-${i}` });
    const first = await requester().get('groups/7/service_accounts', { searchParams: { per_page: '2' } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      { id: 300, username: 'deploy-bot', name: 'Deploy bot' },
      { id: 301, username: 'backup-bot', name: 'Backup bot' },
    ]);
    expect(first.headers['x-next-page']).toBe('2');
    expect(first.headers.link).toContain('rel="next"');
    const last = await requester().get('groups/7/service_accounts', {
      searchParams: { per_page: '2', page: '3' },
    });
    expect((last.body as { username: string }[]).map((a) => a.username)).toEqual(['svc-2']);
    expect(last.headers.link).not.toContain('rel="next"');
  });

  it('a subgroup has none (400), a group the caller does not own is refused', async () => {
    sim.resources.add({ kind: 'group', id: 9, name: 'Ops', path: 'acme/ops', parentGroupId: 7 });
    const sub = await failure(requester().get('groups/9/service_accounts'));
    expect(sub).toEqual({ status: 400, message: '400 Bad request - Group must be a top-level group' });
    const notOwned = await failure(requester().get('groups/8/service_accounts'));
    expect(notOwned.status).toBe(403);
  });
});

describe('service-account personal access tokens', () => {
  it('lists a service account’s tokens (revoked ones too) with the PAT shape', async () => {
    const listed = await requester().get(tokensOf(accounts.deployBot));
    const rows = listed.body as { name: string; revoked: boolean; user_id: number }[];
    expect(rows.map((r) => [r.name, r.revoked]).sort()).toEqual([
      ['Deploy old', true],
      ['Deploy pipeline', false],
      ['Deploy read', false],
    ]);
    expect(rows.every((r) => r.user_id === accounts.deployBot)).toBe(true);
    expect(rows[0]).not.toHaveProperty('token');
    const live = await requester().get(tokensOf(accounts.deployBot), { searchParams: { revoked: 'false' } });
    expect(live.body).toHaveLength(2);
  });

  it('creates one (201, the secret once); gitbeaker’s createPersonalAccessToken hits a path GitLab lacks', async () => {
    const made = await requester().post(tokensOf(accounts.backupBot), {
      body: { name: 'Nightly', scopes: ['read_api'], expires_at: date(30) },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: 'Nightly',
      scopes: ['read_api'],
      user_id: accounts.backupBot,
      expires_at: date(30),
      revoked: false,
    });
    expect((made.body as { token: string }).token).toMatch(/^glpat-/);
    const past = await failure(
      requester().post(tokensOf(accounts.backupBot), {
        body: { name: 'Too long', scopes: ['read_api'], expires_at: date(400) },
      }),
    );
    expect(past.status).toBe(400);
    const buggy = await failure(
      client().GroupServiceAccounts.createPersonalAccessToken(7, accounts.backupBot),
    );
    expect(buggy.status).toBe(404);
  });

  it('GroupServiceAccounts.rotatePersonalAccessToken rotates in one step (200); the old token stops', async () => {
    const old = [...sim.tokens.values()].find((t) => t.name === 'Deploy pipeline');
    if (old === undefined) throw new Error('no token');
    const next = await client().GroupServiceAccounts.rotatePersonalAccessToken(7, accounts.deployBot, old.id);
    expect(next).toMatchObject({ name: 'Deploy pipeline', scopes: ['api'], user_id: accounts.deployBot });
    expect(next.id).not.toBe(old.id);
    expect(typeof (next as { token?: unknown }).token).toBe('string');
    expect(sim.authenticates(old.secret)).toBe(false);
    const again = await failure(
      client().GroupServiceAccounts.rotatePersonalAccessToken(7, accounts.deployBot, old.id),
    );
    expect(again).toEqual({ status: 400, message: '400 Bad request - Token already revoked' });
  });

  it('revokes with DELETE (204); another account’s token id is 404', async () => {
    const read = [...sim.tokens.values()].find((t) => t.name === 'Deploy read');
    if (read === undefined) throw new Error('no token');
    const wrong = await failure(requester().delete(`${tokensOf(accounts.backupBot)}/${read.id}`));
    expect(wrong.status).toBe(404);
    const done = await requester().delete(`${tokensOf(accounts.deployBot)}/${read.id}`);
    expect(done.status).toBe(204);
    expect(read.revoked).toBe(true);
  });
});
