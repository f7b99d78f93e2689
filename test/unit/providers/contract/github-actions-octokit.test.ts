/**
 * Contract test: `@octokit/rest` (GitHub's own JavaScript client; a devDependency only) against
 * the GitHub Actions secrets simulator, for every call the `github_actions` delivery kind makes:
 * the public key, create-or-update (201 created, 204 updated) and the secret's times, for a
 * repository, an environment and an organization, the value sealed with libsodium-wrappers
 * exactly as GitHub's docs show; and the refusals (401, 403, 404, 422). Nobody here wrote
 * Octokit: if the simulator drifts from the paths, bodies and answers GitHub's client uses, this
 * fails.
 */
import { Octokit } from '@octokit/rest';
import sodium from 'libsodium-wrappers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  seedGitHubActions,
  startGitHubActions,
  type GitHubActionsSeed,
  type GitHubActionsSimulator,
} from '../../../simulators/github-actions';

let sim: GitHubActionsSimulator;
let seed: GitHubActionsSeed;

beforeEach(async () => {
  sim = await startGitHubActions();
  seed = seedGitHubActions(sim);
});
afterEach(() => sim.close());

/** Octokit's request log would print every refusal the tests provoke. */
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const client = (auth = seed.writer) => new Octokit({ auth, baseUrl: sim.apiUrl, log: quiet });

/** GitHub's documented recipe: base64 key → crypto_box_seal → base64. */
async function seal(value: string, key: string): Promise<string> {
  await sodium.ready;
  const binkey = sodium.from_base64(key, sodium.base64_variants.ORIGINAL);
  const binsec = sodium.from_string(value);
  return sodium.to_base64(sodium.crypto_box_seal(binsec, binkey), sodium.base64_variants.ORIGINAL);
}

async function statusOf(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; message?: string };
    return { status: e.status ?? 0, message: e.message ?? '' };
  }
  throw new Error('expected the Octokit call to fail');
}

describe('repository secrets', () => {
  it('creates (201) then updates (204) a secret the simulator can decrypt; GET shows only its times', async () => {
    const octokit = client();
    const { data: key } = await octokit.actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
    expect(key.key_id).toMatch(/^\d+$/);
    const created = await octokit.actions.createOrUpdateRepoSecret({
      owner: 'jane',
      repo: 'app',
      secret_name: 'api_token',
      encrypted_value: await seal('first-value', key.key),
      key_id: key.key_id,
    });
    expect(created.status).toBe(201);
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('first-value');
    const updated = await octokit.actions.createOrUpdateRepoSecret({
      owner: 'jane',
      repo: 'app',
      secret_name: 'API_TOKEN',
      encrypted_value: await seal('second-value', key.key),
      key_id: key.key_id,
    });
    expect(updated.status).toBe(204);
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('second-value');
    const { data: shown } = await octokit.actions.getRepoSecret({
      owner: 'jane',
      repo: 'app',
      secret_name: 'api_token',
    });
    expect(Object.keys(shown).sort()).toEqual(['created_at', 'name', 'updated_at']);
    expect(shown.name).toBe('API_TOKEN');
    expect(shown.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses a value sealed to a key it no longer holds (422) and keeps the old value', async () => {
    const octokit = client();
    const { data: key } = await octokit.actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
    await octokit.actions.createOrUpdateRepoSecret({
      owner: 'jane',
      repo: 'app',
      secret_name: 'API_TOKEN',
      encrypted_value: await seal('kept', key.key),
      key_id: key.key_id,
    });
    sim.scope({ owner: 'jane', repo: 'app' }).rotateKey();
    const refused = await statusOf(
      octokit.actions.createOrUpdateRepoSecret({
        owner: 'jane',
        repo: 'app',
        secret_name: 'API_TOKEN',
        encrypted_value: await seal('lost', key.key),
        key_id: key.key_id,
      }),
    );
    expect(refused.status).toBe(422);
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('kept');
  });

  it('refuses names GitHub refuses (422), an unknown secret (404), a bad token (401)', async () => {
    const octokit = client();
    const { data: key } = await octokit.actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
    for (const name of ['GITHUB_TOKEN', '1ST', 'WITH-DASH']) {
      const refused = await statusOf(
        octokit.actions.createOrUpdateRepoSecret({
          owner: 'jane',
          repo: 'app',
          secret_name: name,
          encrypted_value: await seal('x', key.key),
          key_id: key.key_id,
        }),
      );
      expect(refused.status, name).toBe(422);
    }
    expect(
      (await statusOf(octokit.actions.getRepoSecret({ owner: 'jane', repo: 'app', secret_name: 'NONE' })))
        .status,
    ).toBe(404);
    const bad = await statusOf(
      client('github_pat_wrong').actions.getRepoPublicKey({ owner: 'jane', repo: 'app' }),
    );
    expect(bad.status).toBe(401);
    expect(bad.message).toContain('Bad credentials');
  });

  it('a read-only token reads the key but may not write (403); an ungranted repository is 404', async () => {
    const { data: key } = await client(seed.reader).actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
    const write = await statusOf(
      client(seed.reader).actions.createOrUpdateRepoSecret({
        owner: 'jane',
        repo: 'app',
        secret_name: 'API_TOKEN',
        encrypted_value: await seal('x', key.key),
        key_id: key.key_id,
      }),
    );
    expect(write.status).toBe(403);
    expect(
      (await statusOf(client(seed.elsewhere).actions.getRepoPublicKey({ owner: 'jane', repo: 'app' })))
        .status,
    ).toBe(404);
    expect((await statusOf(client().actions.getRepoPublicKey({ owner: 'jane', repo: 'nope' }))).status).toBe(
      404,
    );
  });
});

describe('environment secrets', () => {
  it('has a key of its own: a value sealed to the repository key is refused there', async () => {
    const octokit = client();
    const where = { owner: 'jane', repo: 'app', environment_name: 'production' };
    const { data: key } = await octokit.actions.getEnvironmentPublicKey(where);
    const { data: repoKey } = await octokit.actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
    expect(key.key_id).not.toBe(repoKey.key_id);
    const created = await octokit.actions.createOrUpdateEnvironmentSecret({
      ...where,
      secret_name: 'DEPLOY_TOKEN',
      encrypted_value: await seal('env-value', key.key),
      key_id: key.key_id,
    });
    expect(created.status).toBe(201);
    expect(sim.secretValue({ owner: 'jane', repo: 'app', environment: 'production' }, 'DEPLOY_TOKEN')).toBe(
      'env-value',
    );
    const { data: shown } = await octokit.actions.getEnvironmentSecret({
      ...where,
      secret_name: 'DEPLOY_TOKEN',
    });
    expect(shown.name).toBe('DEPLOY_TOKEN');
    const wrongKey = await statusOf(
      octokit.actions.createOrUpdateEnvironmentSecret({
        ...where,
        secret_name: 'DEPLOY_TOKEN',
        encrypted_value: await seal('x', repoKey.key),
        key_id: repoKey.key_id,
      }),
    );
    expect(wrongKey.status).toBe(422);
    expect(
      (await statusOf(octokit.actions.getEnvironmentPublicKey({ ...where, environment_name: 'staging' })))
        .status,
    ).toBe(404);
  });
});

describe('organization secrets', () => {
  it('takes visibility (required) and selected repository ids; GET shows the visibility', async () => {
    const octokit = client();
    const { data: key } = await octokit.actions.getOrgPublicKey({ org: 'octo-org' });
    const repoId = sim.repositoryId('octo-org', 'other');
    const created = await octokit.actions.createOrUpdateOrgSecret({
      org: 'octo-org',
      secret_name: 'SHARED_TOKEN',
      encrypted_value: await seal('org-value', key.key),
      key_id: key.key_id,
      visibility: 'selected',
      selected_repository_ids: [repoId],
    });
    expect(created.status).toBe(201);
    expect(sim.secretValue({ org: 'octo-org' }, 'SHARED_TOKEN')).toBe('org-value');
    const { data: shown } = await octokit.actions.getOrgSecret({
      org: 'octo-org',
      secret_name: 'SHARED_TOKEN',
    });
    expect(shown).toMatchObject({ name: 'SHARED_TOKEN', visibility: 'selected' });
    const noVisibility = await statusOf(
      octokit.request('PUT /orgs/{org}/actions/secrets/{secret_name}', {
        org: 'octo-org',
        secret_name: 'SHARED_TOKEN',
        encrypted_value: await seal('x', key.key),
        key_id: key.key_id,
      } as never),
    );
    expect(noVisibility.status).toBe(422);
    expect(sim.secretValue({ org: 'octo-org' }, 'SHARED_TOKEN')).toBe('org-value');
  });
});

describe('identity and Enterprise Server', () => {
  it('GET /user names the token owner; a GHES base (/api/v3) answers the same calls', async () => {
    expect((await client().users.getAuthenticated()).data.login).toBe('jane');
    const ghes = await startGitHubActions({ pathPrefix: '/api/v3' });
    try {
      const ghesSeed = seedGitHubActions(ghes);
      const octokit = new Octokit({ auth: ghesSeed.writer, baseUrl: ghes.apiUrl, log: quiet });
      const { data: key } = await octokit.actions.getRepoPublicKey({ owner: 'jane', repo: 'app' });
      const put = await octokit.actions.createOrUpdateRepoSecret({
        owner: 'jane',
        repo: 'app',
        secret_name: 'API_TOKEN',
        encrypted_value: await seal('ghes-value', key.key),
        key_id: key.key_id,
      });
      expect(put.status).toBe(201);
      expect(ghes.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('ghes-value');
    } finally {
      await ghes.close();
    }
  });
});
