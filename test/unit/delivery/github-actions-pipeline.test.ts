/**
 * A rotation that delivers to a GitHub Actions secret, through the real core: the delivery
 * pipeline reaches the saved delivery connection's token through the real
 * DeliveryConnectionManager (no test resolver), seals the new Mailtrap token for the repository
 * and puts it in the GitHub Actions simulator, which decrypts it for the check. A token without
 * Secrets: write (403) or a removed repository (404) stops the rotation with the old token alive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRun, TokenPage } from '../../../src-preload/contract';
import {
  seedGitHubActions,
  startGitHubActions,
  type GitHubActionsSeed,
} from '../../simulators/github-actions';
import { connectMailtrap, ok, providerCore, withMailtrap, type ProviderTest } from '../providers/harness';

const REPO = { owner: 'jane', repo: 'app' };

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function setUp(token: (seed: GitHubActionsSeed) => string = (seed) => seed.writer) {
  t = providerCore({ allowLoopbackAddresses: true });
  const { sim, seed } = await withMailtrap(t);
  await connectMailtrap(t, sim, seed);
  const github = await startGitHubActions();
  t.sims.push(github);
  const githubSeed = seedGitHubActions(github);
  const connection = await ok<{ id: string }>(t, 'addDeliveryConnection', {
    kind: 'github',
    label: 'CI secrets',
    baseUrl: github.apiUrl,
    token: token(githubSeed),
  });
  const rows = (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500 })).rows;
  const row = rows.find((r) => r.name === 'Production SMTP')!;
  const old = sim.findByName('Production SMTP')[0]!;
  await ok(t, 'setDeliveryTargets', {
    tokenId: row.id,
    targets: [
      {
        kind: 'github_actions',
        config: { connectionId: connection.id, scope: 'repository', ...REPO, secretName: 'MAILTRAP_TOKEN' },
      },
    ],
  });
  return { t, sim, github, githubSeed, row, old };
}

describe('rotation delivering to a GitHub Actions secret', () => {
  it('puts the new token in the repository secret through the saved delivery connection, then retires the old one', async () => {
    const { t, sim, github, githubSeed, row, old } = await setUp();
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: row.id });
    expect(run.steps.map((s) => s.state)).toEqual(['verified']);
    expect(run.state).toBe('done');
    const secret = sim.findByName('Production SMTP').find((x) => x.id !== old.id)!.secret;
    expect(github.secretValue(REPO, 'MAILTRAP_TOKEN')).toBe(secret);
    expect(sim.tokens.get(old.id)?.deleted).toBe(true);
    // The connection's token and the new secret stay out of the logs.
    const logs = t.logLines.join('\n');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(githubSeed.writer);
  });

  it('a token that may only read secrets (403) stops the rotation with the old token alive, and says why', async () => {
    const { t, sim, github, row, old } = await setUp((seed) => seed.reader);
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: row.id });
    expect(run.state).toBe('stopped');
    expect(run.steps.map((s) => s.state)).toEqual(['failed']);
    expect(run.steps[0]!.error).toContain('(403): the token needs Secrets: write on jane/app');
    expect(run.message).toContain('The old token “Production SMTP” was kept and still works.');
    expect(github.secretValue(REPO, 'MAILTRAP_TOKEN')).toBeNull();
    expect(sim.authenticates(old.secret)).toBe(true);
  });

  it('a repository the token cannot see (404) stops the rotation with the old token alive', async () => {
    const { t, sim, row, old } = await setUp((seed) => seed.elsewhere);
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: row.id });
    expect(run.state).toBe('stopped');
    expect(run.steps[0]!.error).toContain('(404)');
    expect(sim.authenticates(old.secret)).toBe(true);
    expect(sim.tokens.get(old.id)?.deleted).toBe(false);
  });
});
