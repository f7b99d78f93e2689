/**
 * Delivery connections through the core's own channels (zod-checked, as the renderer calls
 * them): a GitHub or GitLab token is verified (`GET /user`) before it is kept, kept only in the
 * keychain (never in SQLite, never in what the renderer gets back), bound to its origin, handed
 * to a delivery kind by the resolver for one call, and gone with the connection.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubActionsKind } from '../../../../src-main/core/services/delivery/kinds/github-actions';
import { settingsRepo } from '../../../../src-main/core/db/repositories/settings';
import {
  seedGitHubActions,
  startGitHubActions,
  type GitHubActionsSeed,
  type GitHubActionsSimulator,
} from '../../../simulators/github-actions';
import { seedGitLab, startGitLab, type GitLabSimulator } from '../../../simulators/gitlab';
import { makeCore, type TestCore } from '../../helpers';

let sim: GitHubActionsSimulator;
let seed: GitHubActionsSeed;
let t: TestCore;

beforeEach(async () => {
  sim = await startGitHubActions();
  seed = seedGitHubActions(sim);
  t = makeCore();
});
afterEach(async () => {
  await t.close();
  await sim.close();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = (await t.core.call(channel, payload)) as {
    ok: boolean;
    value?: T;
    error?: { code: string; message: string };
  };
  if (!result.ok) throw Object.assign(new Error(result.error?.message), { code: result.error?.code });
  return result.value as T;
}
const addGitHub = (token = seed.writer) =>
  call<{ id: string; account: string; credentialOrigin: string; baseUrl: string }>('addDeliveryConnection', {
    kind: 'github',
    label: 'CI secrets',
    baseUrl: sim.apiUrl,
    token,
  });

/** The database file and its WAL, as bytes on disk. */
function databaseText(): string {
  const files = [t.core.context.databasePath, `${t.core.context.databasePath}-wal`].filter((f) =>
    fs.existsSync(f),
  );
  expect(files.length).toBeGreaterThan(0);
  return files.map((f) => fs.readFileSync(f).toString('latin1')).join('');
}

describe('adding', () => {
  it('verifies the token, keeps it in the keychain only, and lists the metadata with the service choices', async () => {
    const added = await addGitHub();
    expect(added).toMatchObject({
      account: 'jane',
      baseUrl: sim.apiUrl,
      credentialOrigin: new URL(sim.url).origin,
    });
    expect(sim.count('GET /user')).toBe(1);
    expect(t.fakes.credentials.values.get(`delivery:${added.id}`)).toBe(seed.writer);
    const listed = await call<{ connections: unknown[]; choices: { kind: string }[] }>(
      'listDeliveryConnections',
      undefined,
    );
    expect(listed.connections).toEqual([added]);
    expect(listed.choices.map((c) => c.kind)).toEqual(['github', 'gitlab']);
    expect(JSON.stringify(listed)).not.toContain(seed.writer);
    t.core.context.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(JSON.stringify(settingsRepo(t.core.context.db).readAll())).not.toContain(seed.writer);
    expect(databaseText()).not.toContain(seed.writer);
    expect(t.logLines.join('\n')).not.toContain(seed.writer);
  });

  it('a token GitHub refuses is not kept, and the message says why', async () => {
    await expect(addGitHub('github_pat_not_a_real_one')).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'GitHub refused this token (401). Check it was copied whole and has not expired.',
    });
    expect([...t.fakes.credentials.values.keys()].filter((k) => k.startsWith('delivery:'))).toEqual([]);
    expect(
      (await call<{ connections: unknown[] }>('listDeliveryConnections', undefined)).connections,
    ).toEqual([]);
  });

  it('a malformed payload is refused by the contract before anything is called', async () => {
    await expect(
      call('addDeliveryConnection', { kind: 'bitbucket', label: 'x', baseUrl: null, token: 'y' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      call('addDeliveryConnection', { kind: 'github', label: 'x', baseUrl: null, token: '' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(sim.requests).toHaveLength(0);
  });

  it('a GitLab token is verified at the GitLab address (GET /api/v4/user)', async () => {
    const gitlab: GitLabSimulator = await startGitLab();
    try {
      const gl = seedGitLab(gitlab);
      const added = await call<{ account: string; baseUrl: string }>('addDeliveryConnection', {
        kind: 'gitlab',
        label: 'GitLab CI',
        baseUrl: gitlab.url,
        token: gl.credential,
      });
      expect(added).toMatchObject({ account: 'jane', baseUrl: gitlab.url });
    } finally {
      await gitlab.close();
    }
  });
});

describe('resolving for a delivery, and removing', () => {
  it('hands the kind the token for the call; after removal the target says the connection is gone', async () => {
    const added = await addGitHub();
    const resolved = await t.core.services.deliveryConnections.resolve(added.id);
    const target = githubActionsKind.parse({
      connectionId: added.id,
      scope: 'repository',
      owner: 'jane',
      repo: 'app',
      secretName: 'API_TOKEN',
    });
    const receipt = await githubActionsKind.deliver(target, 'delivered-value', {
      clock: t.clock,
      ...resolved,
    });
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('delivered-value');
    expect(
      await githubActionsKind.verify(target, 'delivered-value', receipt, { clock: t.clock, ...resolved }),
    ).toEqual({
      verified: true,
    });

    await call('removeDeliveryConnection', { deliveryConnectionId: added.id });
    expect(t.fakes.credentials.values.has(`delivery:${added.id}`)).toBe(false);
    await expect(t.core.services.deliveryConnections.resolve(added.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(call('removeDeliveryConnection', { deliveryConnectionId: added.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a record whose address was moved to another origin is refused: the token is not handed out', async () => {
    const added = await addGitHub();
    const repo = settingsRepo(t.core.context.db);
    const stored = repo.readAll().deliveryConnections as { baseUrl: string }[];
    repo.writeMany({
      deliveryConnections: stored.map((c) => ({ ...c, baseUrl: 'https://attacker.example/api/v3' })),
    });
    await expect(t.core.services.deliveryConnections.resolve(added.id)).rejects.toMatchObject({
      code: 'credential_missing',
    });
  });

  it('updateSettings cannot touch delivery connections (they are not settings)', async () => {
    const added = await addGitHub();
    await expect(call('updateSettings', { deliveryConnections: [] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(
      (await call<{ connections: { id: string }[] }>('listDeliveryConnections', undefined)).connections.map(
        (c) => c.id,
      ),
    ).toEqual([added.id]);
  });
});
