/**
 * Contract test: `@gitbeaker/rest` 43.8.0 (the community GitLab client; GitLab publishes no
 * JavaScript SDK; a devDependency only) run against the GitLab simulator for every endpoint
 * Tokenkeeper's adapter uses: the current user, the token itself (`self`), the list with
 * gitbeaker's own auto-pagination (it follows `Link: rel="next"`), create for a user (admin) and
 * for yourself, rotate by id and `self`, revoke; the projects and groups to choose from
 * (`Projects.all` / `Groups.all` with `minAccessLevel`, auto-paginated); project and group access
 * tokens (list with auto-pagination, create, rotate, show, revoke); and the error answers (401
 * texts, 403, 400 validation, 429). Nobody here wrote gitbeaker: if the simulator drifts from what a real GitLab
 * client sends and reads, this fails.
 *
 * `POST /user/personal_access_tokens` has no gitbeaker method (43.8.0); it is sent through
 * gitbeaker's own requester (its headers, JSON encoding and error handling), like its methods do.
 */
import { Gitlab, GitbeakerRequestError, GitbeakerRetryError } from '@gitbeaker/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import { seedGitLab, startGitLab, type GitLabSeed, type GitLabSimulator } from '../../../simulators/gitlab';
import type { GitLabOptions } from '../../../simulators/gitlab/simulator';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
const date = (days: number) => new Date(T0 + days * DAY).toISOString().slice(0, 10);

let sim: GitLabSimulator;
let seed: GitLabSeed;

async function start(options: GitLabOptions = {}) {
  sim = await startGitLab({ now: () => T0, ...options });
  seed = seedGitLab(sim);
}

beforeEach(() => start());
afterEach(() => sim.close());

const client = (token = seed.credential) => new Gitlab({ host: sim.url, token });

/** What a failed gitbeaker call gives its caller: its error class, message and the HTTP status. */
async function failure(call: Promise<unknown>): Promise<{ error: Error; message: string; status: number }> {
  try {
    await call;
  } catch (error) {
    const cause = (error as { cause?: { response?: { status: number } } }).cause;
    return { error: error as Error, message: (error as Error).message, status: cause?.response?.status ?? 0 };
  }
  throw new Error('expected the gitbeaker call to fail');
}

/** An administrator with a token of its own. */
function admin(): { token: string; userId: number } {
  const root = sim.addUser({ id: 1, username: 'root', admin: true });
  return { token: sim.addToken({ userId: root.id, name: 'admin', scopes: ['api'] }).secret, userId: root.id };
}

describe('identity', () => {
  it('Users.showCurrentUser reads who the token belongs to; an admin is marked', async () => {
    expect(await client().Users.showCurrentUser()).toMatchObject({
      id: 41,
      username: 'jane',
      name: 'Jane Doe',
    });
    expect(await client().Users.showCurrentUser()).not.toHaveProperty('is_admin');
    expect(await client(admin().token).Users.showCurrentUser()).toMatchObject({
      username: 'root',
      is_admin: true,
    });
  });

  it('PersonalAccessTokens.show() without an id reads the token itself (self)', async () => {
    const self = await client().PersonalAccessTokens.show();
    expect(self).toMatchObject({
      id: seed.credentialId,
      name: 'Tokenkeeper',
      scopes: ['api'],
      revoked: false,
      active: true,
      user_id: 41,
    });
    expect(self).not.toHaveProperty('token');
  });

  it('another user’s token is 401 for a non-admin', async () => {
    const sams = [...sim.tokens.values()].find((t) => t.userId === 42);
    const { error, status } = await failure(client().PersonalAccessTokens.show({ tokenId: sams?.id }));
    expect(error).toBeInstanceOf(GitbeakerRequestError);
    expect(status).toBe(401);
  });
});

describe('the list', () => {
  it('PersonalAccessTokens.all pages through Link rel="next" to the end, with the adapter’s filters', async () => {
    for (let i = 0; i < 245; i++)
      sim.addToken({ userId: seed.userId, name: `Bulk ${i}`, scopes: ['read_api'] });
    sim.resetLog();
    const all = await client().PersonalAccessTokens.all({
      userId: seed.userId,
      revoked: false,
      perPage: 100,
    });
    expect(all).toHaveLength(250);
    expect(all.every((t) => t.user_id === 41 && !t.revoked)).toBe(true);
    expect(sim.count('GET /api/v4/personal_access_tokens')).toBe(3);
  });

  it('shows the pagination headers, and leaves out the totals above 10,000 records', async () => {
    const first = await client().PersonalAccessTokens.all({ perPage: 2, page: 1, showExpanded: true });
    expect(first.paginationInfo).toMatchObject({ total: 6, totalPages: 3, current: 1, next: 2, perPage: 2 });
    for (let i = 0; i < 10_001; i++)
      sim.addToken({ userId: seed.userId, name: `Many ${i}`, scopes: ['read_api'] });
    const big = await client().PersonalAccessTokens.all({ perPage: 100, page: 1, showExpanded: true });
    expect(big.data).toHaveLength(100);
    expect(big.paginationInfo.next).toBe(2);
    expect(Number.isNaN(big.paginationInfo.total)).toBe(true);
    expect(Number.isNaN(big.paginationInfo.totalPages)).toBe(true);
    // Auto-pagination still works without them: it only follows rel="next".
    expect(await client().PersonalAccessTokens.all({ perPage: 100, maxPages: 3 })).toHaveLength(300);
  });
});

describe('create', () => {
  it('an admin creates a token for a user (201, the secret once), within the maximum lifetime', async () => {
    const { token } = admin();
    const made = await client(token).PersonalAccessTokens.create(
      seed.userId,
      'deploy',
      ['api', 'read_repository'],
      {
        expiresAt: date(30),
      },
    );
    expect(made).toMatchObject({
      name: 'deploy',
      scopes: ['api', 'read_repository'],
      expires_at: date(30),
      user_id: 41,
    });
    expect(sim.authenticates((made as unknown as { token: string }).token)).toBe(true);
    const late = await failure(
      client(token).PersonalAccessTokens.create(seed.userId, 'late', ['api'], { expiresAt: date(400) }),
    );
    expect(late.status).toBe(400);
    expect(late.message).toContain('must be before');
    // Omitted: the maximum lifetime when expiry is enforced.
    const plain = await client(token).PersonalAccessTokens.create(seed.userId, 'plain', ['read_api']);
    expect(plain.expires_at).toBe(date(365));
  });

  it('a non-admin may not create through the admin route (403)', async () => {
    const refused = await failure(
      client().PersonalAccessTokens.create(seed.userId, 'x', ['api'], { expiresAt: date(30) }),
    );
    expect(refused.status).toBe(403);
    expect(refused.message).toBe('403 Forbidden');
  });

  it('POST /user/personal_access_tokens creates only k8s_proxy or self_rotate tokens for yourself', async () => {
    const { requester } = client().PersonalAccessTokens as unknown as {
      requester: {
        post(endpoint: string, options: { body: unknown }): Promise<{ body: unknown; status: number }>;
      };
    };
    const made = await requester.post('user/personal_access_tokens', {
      body: { name: 'rotator', scopes: ['self_rotate'], expires_at: date(10) },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'rotator', scopes: ['self_rotate'], user_id: 41 });
    const wide = await failure(
      requester.post('user/personal_access_tokens', {
        body: { name: 'wide', scopes: ['api'], expires_at: date(10) },
      }),
    );
    expect(wide.status).toBe(400);
    expect(wide.message).toBe('scopes does not have a valid value');
  });

  it('GitLab.com creates no personal access token through the API', async () => {
    await sim.close();
    await start({ dotCom: true });
    const { token } = admin();
    expect((await failure(client(token).PersonalAccessTokens.create(41, 'x', ['api']))).status).toBe(404);
  });
});

describe('rotate', () => {
  it('rotate(id) revokes the old token and returns its successor (200) with the same name and scopes', async () => {
    const ci = [...sim.tokens.values()].find((t) => t.name === 'CI deploy');
    const next = await client().PersonalAccessTokens.rotate(ci?.id ?? 0, { expiresAt: date(60) });
    expect(next).toMatchObject({
      name: 'CI deploy',
      scopes: ['api', 'write_repository'],
      expires_at: date(60),
    });
    expect(next.id).not.toBe(ci?.id);
    expect(sim.authenticates(ci?.secret ?? '')).toBe(false);
    expect(await client().PersonalAccessTokens.show({ tokenId: ci?.id })).toMatchObject({
      revoked: true,
      active: false,
    });
    const again = await failure(client().PersonalAccessTokens.rotate(ci?.id ?? 0));
    expect(again.status).toBe(400);
    expect(again.message).toBe('400 Bad request - Token already revoked');
  });

  it('rotate("self") with the api scope rotates the calling token; without expiresAt it gets one week', async () => {
    const next = (await client().PersonalAccessTokens.rotate('self')) as unknown as {
      token: string;
      expires_at: string;
    };
    expect(next.expires_at).toBe(date(7));
    expect(sim.authenticates(next.token)).toBe(true);
    expect(sim.authenticates(seed.credential)).toBe(false);
  });

  it('the family rule: the revoked token rotating itself again revokes every token of its family', async () => {
    const next = (await client().PersonalAccessTokens.rotate('self')) as unknown as { token: string };
    const reuse = await failure(client(seed.credential).PersonalAccessTokens.rotate('self'));
    expect(reuse.status).toBe(401);
    expect(reuse.message).toBe('invalid_token');
    expect(sim.authenticates(next.token)).toBe(false);
  });

  it('a read_api token may not rotate itself (403 insufficient_scope)', async () => {
    const docs = [...sim.tokens.values()].find((t) => t.name === 'Docs bot');
    const refused = await failure(client(docs?.secret).PersonalAccessTokens.rotate('self'));
    expect(refused.status).toBe(403);
    expect(refused.message).toBe('insufficient_scope');
  });
});

describe('revoke', () => {
  it('remove({tokenId}) revokes (204, null); a second time is 400', async () => {
    const docs = [...sim.tokens.values()].find((t) => t.name === 'Docs bot');
    expect(await client().PersonalAccessTokens.remove({ tokenId: docs?.id })).toBeNull();
    expect(sim.authenticates(docs?.secret ?? '')).toBe(false);
    expect((await failure(client().PersonalAccessTokens.remove({ tokenId: docs?.id }))).status).toBe(400);
  });
});

describe('projects and groups to choose from', () => {
  it('Projects.all and Groups.all with minAccessLevel page through Link rel="next" to the end', async () => {
    for (let i = 0; i < 150; i++)
      sim.resources.add({
        kind: 'project',
        id: 500 + i,
        name: `P${i}`,
        path: `many/p${i}`,
        members: { 41: 40 },
      });
    sim.resetLog();
    const maintained = await client().Projects.all({
      minAccessLevel: 40,
      orderBy: 'id',
      sort: 'asc',
      perPage: 100,
    });
    expect(maintained).toHaveLength(152);
    expect(maintained.slice(0, 2).map((p) => p.path_with_namespace)).toEqual(['acme/web', 'acme/api']);
    expect(sim.count('GET /api/v4/projects')).toBe(2);
    const owned = await client().Projects.all({
      minAccessLevel: 50,
      orderBy: 'id',
      sort: 'asc',
      perPage: 100,
    });
    expect(owned.map((p) => p.path_with_namespace)).toEqual(['acme/api']);
    const groups = await client().Groups.all({
      minAccessLevel: 50,
      orderBy: 'id',
      sort: 'asc',
      perPage: 100,
    });
    expect(groups.map((g) => g.full_path)).toEqual(['acme']);
  });
});

describe('project and group access tokens', () => {
  const web = () => seed.project.id;
  const acme = () => seed.group.id;

  it('ProjectAccessTokens.all pages to the end; revoked tokens stay listed; the role is access_level', async () => {
    for (let i = 0; i < 120; i++) {
      const project = sim.resources.projects.get(web());
      if (project !== undefined) sim.resources.addToken(project, { name: `Bot ${i}`, scopes: ['read_api'] });
    }
    sim.resetLog();
    const all = await client().ProjectAccessTokens.all(web(), { perPage: 100 });
    expect(all).toHaveLength(123);
    expect(sim.count('GET /api/v4/projects/:resource/access_tokens')).toBe(2);
    expect(all.find((t) => t.name === 'Deploy web')).toMatchObject({
      access_level: 40,
      scopes: ['api', 'write_repository'],
      revoked: false,
      active: true,
    });
    expect(all.find((t) => t.name === 'Web retired')).toMatchObject({ revoked: true, active: false });
    // By the URL-encoded path too [REST].
    expect(await client().ProjectAccessTokens.all('acme/web', { perPage: 100, maxPages: 1 })).toHaveLength(
      100,
    );
    const group = await client().GroupAccessTokens.all(acme());
    expect(group.map((t) => [t.name, t.access_level])).toEqual([['Acme release bot', 30]]);
  });

  it('create: a role up to the caller’s, several scopes, a description; 201 with the secret once', async () => {
    const made = (await client().ProjectAccessTokens.create(
      web(),
      'reader',
      ['read_api', 'read_repository'],
      date(30),
      {
        accessLevel: 20,
        description: 'reads the repo',
      } as never,
    )) as unknown as { token: string; access_level: number; description: string; expires_at: string };
    expect(made).toMatchObject({ access_level: 20, description: 'reads the repo', expires_at: date(30) });
    expect(sim.authenticates(made.token)).toBe(true);
    const owner = await failure(
      client().ProjectAccessTokens.create(web(), 'boss', ['api'], date(30), { accessLevel: 50 }),
    );
    expect(owner.status).toBe(400);
    expect(owner.message).toContain('greater than your access level');
    const grouped = await client().GroupAccessTokens.create(acme(), 'ci', ['api'], date(10), {
      accessLevel: 50,
    });
    expect(grouped).toMatchObject({ name: 'ci', access_level: 50 });
    // A project token may not create tokens: a personal one must.
    const bot = (made as { token: string }).token;
    expect(
      (await failure(client(bot).ProjectAccessTokens.create(web(), 'x', ['read_api'], date(3)))).status,
    ).toBe(403);
  });

  it('rotate (200) revokes the old token at once; the successor keeps name, scopes and role', async () => {
    const deploy = [...sim.tokens.values()].find((t) => t.name === 'Deploy web');
    const next = (await client().ProjectAccessTokens.rotate(web(), deploy?.id ?? 0, {
      expiresAt: date(60),
    })) as unknown as {
      id: number;
      token: string;
      access_level: number;
      expires_at: string;
    };
    expect(next).toMatchObject({ access_level: 40, expires_at: date(60) });
    expect(next.id).not.toBe(deploy?.id);
    expect(sim.authenticates(deploy?.secret ?? '')).toBe(false);
    expect(sim.authenticates(next.token)).toBe(true);
    expect((await failure(client().ProjectAccessTokens.rotate(web(), deploy?.id ?? 0))).message).toBe(
      '400 Bad request - Token already revoked',
    );
    const bot = [...sim.tokens.values()].find((t) => t.name === 'Acme release bot');
    const week = (await client().GroupAccessTokens.rotate(acme(), bot?.id ?? 0)) as unknown as {
      expires_at: string;
    };
    expect(week.expires_at).toBe(date(7));
  });

  it('show and revoke (204, null); a token of another project is 404', async () => {
    const registry = [...sim.tokens.values()].find((t) => t.name === 'Web registry');
    expect(await client().ProjectAccessTokens.show(web(), registry?.id ?? 0)).toMatchObject({
      name: 'Web registry',
    });
    expect(await client().ProjectAccessTokens.revoke(web(), registry?.id ?? 0)).toBeNull();
    expect(sim.authenticates(registry?.secret ?? '')).toBe(false);
    const bot = [...sim.tokens.values()].find((t) => t.name === 'Acme release bot');
    const elsewhere = await failure(client().ProjectAccessTokens.revoke(web(), bot?.id ?? 0));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.message).toBe('404 Project Access Token Not Found');
    expect(await client().GroupAccessTokens.revoke(acme(), bot?.id ?? 0)).toBeNull();
  });

  it('a Developer may not list a project’s tokens; a project the user is not in is 404', async () => {
    expect((await failure(client().ProjectAccessTokens.all(103))).status).toBe(401);
    expect((await failure(client().ProjectAccessTokens.all(999))).status).toBe(404);
  });
});

describe('refusals', () => {
  it('an expired token is 401 invalid_token; an unknown one 401 Unauthorized', async () => {
    const old = [...sim.tokens.values()].find((t) => t.name === 'Old laptop');
    expect((await failure(client(old?.secret).Users.showCurrentUser())).message).toBe('invalid_token');
    expect((await failure(client('glpat-nobodyknowsthis0000').Users.showCurrentUser())).message).toBe(
      '401 Unauthorized',
    );
  });

  it('past the rate limit: 429 with Retry-After and a plain-text body; gitbeaker retries, then gives up', async () => {
    await sim.close();
    await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    await client().Users.showCurrentUser();
    await client().Users.showCurrentUser();
    const limited = await failure(client().Users.showCurrentUser());
    expect(limited.error).toBeInstanceOf(GitbeakerRetryError);
    expect(sim.count('GET /api/v4/user')).toBe(12);
    const raw = await fetch(`${sim.url}/api/v4/user`, { headers: { 'PRIVATE-TOKEN': seed.credential } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('60');
    expect(raw.headers.get('ratelimit-name')).toBe('throttle_authenticated_api');
    expect(await raw.text()).toBe('Retry later');
  });
});
