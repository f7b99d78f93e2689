/**
 * The `github_actions` delivery kind against the GitHub Actions simulator (itself judged by
 * Octokit in its contract test): the sealed value arrives and opens to the secret for a
 * repository, an environment and an organization (keeping an organization secret's visibility);
 * verify sees `updated_at` move; every refusal becomes a sentence about the target with the HTTP
 * layer's effect kept; the credential is never sent off its origin; and the canary (the secret)
 * is never in a URL, a log line, an error message, a receipt, or a request body in the clear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubActionsKind as kind } from '../../../../src-main/core/services/delivery/kinds/github-actions';
import type { GitHubActionsConfig } from '../../../../src-main/core/services/delivery/kinds/github-actions';
import { type HttpError } from '../../../../src-main/core/http/errors';
import {
  seedGitHubActions,
  startGitHubActions,
  type GitHubActionsSeed,
  type GitHubActionsSimulator,
} from '../../../simulators/github-actions';
import { failureOf, remoteHarness, type RemoteHarness } from './remote-harness';

const CANARY = 'mt_canary_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const T0 = Date.parse('2026-11-25T09:00:00Z');

let sim: GitHubActionsSimulator;
let seed: GitHubActionsSeed;
let harness: RemoteHarness;
let now = T0;

beforeEach(async () => {
  now = T0;
  sim = await startGitHubActions({ now: () => now });
  seed = seedGitHubActions(sim);
  harness = remoteHarness();
});
afterEach(async () => {
  await sim.close();
  await harness.http.close();
});

const repoTarget = (extra: Record<string, unknown> = {}): GitHubActionsConfig =>
  kind.parse({
    connectionId: 'dc_1',
    scope: 'repository',
    owner: 'jane',
    repo: 'app',
    secretName: 'api_token',
    ...extra,
  });
const ctx = (credential = seed.writer) => harness.context(sim.apiUrl, credential);

function expectNoCanary(texts: string[]) {
  for (const text of texts) expect(text).not.toContain(CANARY);
}

describe('form', () => {
  it('normalises a repository target and refuses what GitHub would refuse', () => {
    expect(repoTarget()).toEqual({
      connectionId: 'dc_1',
      scope: 'repository',
      owner: 'jane',
      repo: 'app',
      secretName: 'API_TOKEN',
    });
    expect(kind.describe(repoTarget())).toBe('API_TOKEN in GitHub Actions (jane/app)');
    for (const secretName of ['GITHUB_TOKEN', '1ABC', 'HAS-DASH', ''])
      expect(() => repoTarget({ secretName }), secretName).toThrow(/secret name/i);
    expect(() => repoTarget({ repo: '' })).toThrow('Enter the repository name.');
    expect(() =>
      kind.parse({ connectionId: 'dc_1', scope: 'environment', owner: 'jane', repo: 'app', secretName: 'X' }),
    ).toThrow('Enter the environment.');
    expect(() => kind.parse({ connectionId: 'dc_1', scope: 'galaxy', secretName: 'X' })).toThrow(
      /repository, environment or organization/,
    );
  });
});

describe('delivery', () => {
  it('seals the secret to the repository key; verify sees the secret appear, then its updated_at move', async () => {
    const target = repoTarget();
    const first = await kind.deliver(target, 'first-secret', ctx());
    expect(first).toMatchObject({ previousUpdatedAt: null, created: true });
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe('first-secret');
    expect(await kind.verify(target, 'first-secret', first, ctx())).toEqual({ verified: true });

    now += 60_000;
    const second = await kind.deliver(target, CANARY, ctx());
    expect(second).toMatchObject({ previousUpdatedAt: '2026-11-25T09:00:00Z', created: false });
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe(CANARY);
    expect(await kind.verify(target, CANARY, second, ctx())).toEqual({ verified: true });
    expectNoCanary([
      JSON.stringify(second),
      ...harness.logLines,
      ...sim.requests.map((r) => r.path + r.query),
    ]);
    expectNoCanary(sim.scope({ owner: 'jane', repo: 'app' }).receivedBodies);
  });

  it('verify fails, saying so, when updated_at did not move past the one before', async () => {
    const target = repoTarget();
    await kind.deliver(target, 'first-secret', ctx());
    const receipt = await kind.deliver(target, 'second', ctx());
    const outcome = await kind.verify(target, 'second', receipt, ctx());
    expect(outcome).toEqual({
      verified: false,
      reason:
        'GitHub still shows API_TOKEN in jane/app as last updated 2026-11-25T09:00:00Z, before this delivery.',
    });
  });

  it('writes an environment secret with the environment’s own key', async () => {
    const target = kind.parse({
      connectionId: 'dc_1',
      scope: 'environment',
      owner: 'jane',
      repo: 'app',
      environment: 'production',
      secretName: 'DEPLOY_TOKEN',
    });
    const receipt = await kind.deliver(target, 'env-secret', ctx());
    expect(sim.secretValue({ owner: 'jane', repo: 'app', environment: 'production' }, 'DEPLOY_TOKEN')).toBe(
      'env-secret',
    );
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'DEPLOY_TOKEN')).toBeNull();
    expect(await kind.verify(target, 'env-secret', receipt, ctx())).toEqual({ verified: true });
  });

  it('an organization secret keeps the visibility it had; a new one is private unless chosen', async () => {
    const fresh = kind.parse({
      connectionId: 'dc_1',
      scope: 'organization',
      org: 'octo-org',
      secretName: 'NEW_ONE',
    });
    await kind.deliver(fresh, 'v1', ctx());
    expect(sim.scope({ org: 'octo-org' }).secrets.get('NEW_ONE')?.visibility).toBe('private');

    const chosen = kind.parse({
      connectionId: 'dc_1',
      scope: 'organization',
      org: 'octo-org',
      secretName: 'SHARED',
      visibility: 'all',
    });
    await kind.deliver(chosen, 'v1', ctx());
    expect(sim.scope({ org: 'octo-org' }).secrets.get('SHARED')?.visibility).toBe('all');
    now += 5_000;
    const again = kind.parse({
      connectionId: 'dc_1',
      scope: 'organization',
      org: 'octo-org',
      secretName: 'SHARED',
      visibility: 'private',
    });
    const receipt = await kind.deliver(again, 'v2', ctx());
    expect(sim.scope({ org: 'octo-org' }).secrets.get('SHARED')).toMatchObject({
      visibility: 'all',
      value: 'v2',
    });
    expect(await kind.verify(again, 'v2', receipt, ctx())).toEqual({ verified: true });
  });
});

describe('refusals: a sentence about the target, nothing written', () => {
  it.each([
    [
      '401: a token GitHub does not know',
      () => ctx('github_pat_unknown'),
      repoTarget,
      'unauthorized',
      "Re-enter the delivery connection's token",
    ],
    [
      '403: Secrets read only',
      () => ctx(seed.reader),
      repoTarget,
      'forbidden',
      'the token needs Secrets: write on jane/app',
    ],
    [
      '404: a repository the token was not granted',
      () => ctx(seed.elsewhere),
      repoTarget,
      'not_found',
      'the repository was not found',
    ],
    [
      '404: no such environment',
      () => ctx(),
      () => repoTarget({ scope: 'environment', environment: 'staging' }),
      'not_found',
      'environment staging of jane/app',
    ],
  ] as const)('%s', async (_name, context, target, code, sentence) => {
    const error = await failureOf(kind.deliver(target(), CANARY, context()));
    expect(error.code).toBe(code);
    expect(error.message).toContain(sentence);
    expect(error.message).not.toContain(CANARY);
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBeNull();
  });

  it('422 from GitHub names the secret and the place; the effect is none', async () => {
    sim.inject({
      route: 'PUT /repos/:owner/:repo/actions/secrets/:name',
      fault: { kind: 'status', status: 422, body: { message: 'Bad request - bad key_id.' } },
    });
    const error = await failureOf(kind.deliver(repoTarget(), CANARY, ctx()));
    expect(error.code).toBe('validation');
    expect(error.message).toContain('GitHub refused the secret API_TOKEN for jane/app (422).');
    expect((error as HttpError).effect).toBe('none');
  });

  it('429 and 5xx keep the HTTP layer’s message; a 5xx or a timeout on the PUT leaves the effect unknown (check before retrying)', async () => {
    sim.inject({
      route: 'PUT /repos/:owner/:repo/actions/secrets/:name',
      fault: { kind: 'status', status: 429, retryAfter: '120' },
    });
    const limited = await failureOf(kind.deliver(repoTarget(), CANARY, ctx()));
    expect(limited.code).toBe('rate_limited');
    expect(limited.message).toContain('GitHub is limiting how often');

    sim.inject({
      route: 'PUT /repos/:owner/:repo/actions/secrets/:name',
      fault: { kind: 'status', status: 502 },
    });
    const server = await failureOf(kind.deliver(repoTarget(), CANARY, ctx()));
    expect(server.code).toBe('provider_error');
    expect((server as HttpError).effect).toBe('unknown');

    sim.inject({
      route: 'PUT /repos/:owner/:repo/actions/secrets/:name',
      fault: { kind: 'timeout', afterHandling: true },
    });
    const timedOut = await failureOf(kind.deliver(repoTarget(), CANARY, ctx()));
    expect(timedOut.code).toBe('timeout');
    expect((timedOut as HttpError).effect).toBe('unknown');
    // The write happened behind the lost answer; verify (not a blind retry) is how the pipeline finds out.
    expect(sim.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe(CANARY);
    expect(await kind.verify(repoTarget(), CANARY, { previousUpdatedAt: null }, ctx())).toEqual({
      verified: true,
    });
    expectNoCanary([limited.message, server.message, timedOut.message, ...harness.logLines]);
  });

  it('a malformed public key answer is refused before anything is sealed or sent', async () => {
    sim.inject({ route: 'GET /repos/:owner/:repo/actions/secrets/public-key', fault: { kind: 'malformed' } });
    const error = await failureOf(kind.deliver(repoTarget(), CANARY, ctx()));
    expect(error.code).toBe('malformed_response');
    expect(sim.count('PUT /repos/:owner/:repo/actions/secrets/:name')).toBe(0);
  });

  it('never sends the credential off the origin it was saved for', async () => {
    const context = harness.context(sim.apiUrl, seed.writer, 'https://api.github.com');
    const error = await failureOf(kind.deliver(repoTarget(), CANARY, context));
    expect(error.code).toBe('credential_missing');
    expect(sim.requests).toHaveLength(0);
  });

  it('without a credential in the context it says where to add one', async () => {
    const error = await failureOf(
      kind.deliver(repoTarget(), CANARY, { clock: harness.context('', '').clock }),
    );
    expect(error.code).toBe('credential_missing');
    expect(error.message).toContain('Settings → Delivery connections');
  });
});
