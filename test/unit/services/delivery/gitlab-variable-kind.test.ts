/**
 * The `gitlab_variable` delivery kind against the GitLab simulator's variables (judged by
 * gitbeaker in its contract test): an existing variable gets the new value with its masked,
 * protected and scope kept; a missing one is created masked; verify compares a hash of what
 * GitLab reads back; every refusal is a sentence about the target; and the canary never shows
 * in a URL, a log line, an error message or a receipt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpError } from '../../../../src-main/core/http/errors';
import { gitlabVariableKind as kind } from '../../../../src-main/core/services/delivery/kinds/gitlab-variable';
import { seedGitLab, startGitLab, type GitLabSeed, type GitLabSimulator } from '../../../simulators/gitlab';
import { failureOf, remoteHarness, type RemoteHarness } from './remote-harness';

const CANARY = 'glcanary9f8e7d6c5b4a39281706f5e4d3c2b1a0';

let sim: GitLabSimulator;
let seed: GitLabSeed;
let harness: RemoteHarness;

beforeEach(async () => {
  sim = await startGitLab();
  seed = seedGitLab(sim);
  harness = remoteHarness();
});
afterEach(async () => {
  await sim.close();
  await harness.http.close();
});

const target = (extra: Record<string, unknown> = {}) =>
  kind.parse({ connectionId: 'dc_2', scope: 'project', path: 'acme/web', key: 'API_TOKEN', ...extra });
const ctx = (credential = seed.credential) => harness.context(sim.url, credential);
const variable = (key = 'API_TOKEN', scope: 'project' | 'group' = 'project', id = seed.project.id) =>
  sim.variables.of(scope, id).find((v) => v.key === key);

describe('form', () => {
  it('normalises a target and refuses keys and paths GitLab would refuse', () => {
    expect(target()).toEqual({
      connectionId: 'dc_2',
      scope: 'project',
      path: 'acme/web',
      key: 'API_TOKEN',
      environmentScope: '*',
      protectNew: false,
    });
    expect(kind.describe(target({ environmentScope: 'production' }))).toBe(
      'API_TOKEN in GitLab CI/CD (project acme/web (environment production))',
    );
    expect(() => target({ key: 'BAD-KEY' })).toThrow('A variable key has only letters');
    expect(() => target({ path: 'a b' })).toThrow('numeric id or its full path');
    expect(() => target({ scope: 'instance' })).toThrow('Choose a project or a group.');
  });
});

describe('delivery', () => {
  it('updates an existing variable’s value only: masked, protected and scope stay; verify compares hashes', async () => {
    sim.variables.add('project', seed.project.id, {
      key: 'API_TOKEN',
      value: 'old-value-123',
      masked: true,
      protected: true,
    });
    const receipt = await kind.deliver(target(), CANARY, ctx());
    expect(receipt).toEqual({ created: false, hidden: false });
    expect(variable()).toMatchObject({
      value: CANARY,
      masked: true,
      protected: true,
      environment_scope: '*',
    });
    expect(await kind.verify(target(), CANARY, receipt, ctx())).toEqual({ verified: true });
    expect(sim.count('POST /api/v4/projects/:resource/variables')).toBe(0);
    for (const text of [
      JSON.stringify(receipt),
      ...harness.logLines,
      ...sim.requests.map((r) => r.path + r.query),
    ])
      expect(text).not.toContain(CANARY);
  });

  it('creates a missing variable masked (protected when asked), in the environment scope given', async () => {
    const t = target({ environmentScope: 'production', protectNew: true });
    const receipt = await kind.deliver(t, CANARY, ctx());
    expect(receipt).toEqual({ created: true, hidden: false });
    expect(variable()).toMatchObject({
      value: CANARY,
      masked: true,
      protected: true,
      environment_scope: 'production',
    });
    expect(await kind.verify(t, CANARY, receipt, ctx())).toEqual({ verified: true });
  });

  it('only the variable of the chosen environment scope changes', async () => {
    sim.variables.add('project', seed.project.id, {
      key: 'API_TOKEN',
      value: 'prod-value-1',
      environment_scope: 'production',
    });
    sim.variables.add('project', seed.project.id, {
      key: 'API_TOKEN',
      value: 'stage-value-1',
      environment_scope: 'staging',
    });
    await kind.deliver(target({ environmentScope: 'staging' }), CANARY, ctx());
    const values = sim.variables.of('project', seed.project.id).map((v) => [v.environment_scope, v.value]);
    expect(values).toEqual([
      ['production', 'prod-value-1'],
      ['staging', CANARY],
    ]);
  });

  it('a group variable by numeric id', async () => {
    const t = kind.parse({
      connectionId: 'dc_2',
      scope: 'group',
      path: String(seed.group.id),
      key: 'GROUP_TOKEN',
    });
    const receipt = await kind.deliver(t, CANARY, ctx());
    expect(variable('GROUP_TOKEN', 'group', seed.group.id)?.value).toBe(CANARY);
    expect(await kind.verify(t, CANARY, receipt, ctx())).toEqual({ verified: true });
  });

  it('verify says so when the value read back is not the one delivered; a hidden variable rests on the write', async () => {
    const receipt = await kind.deliver(target(), CANARY, ctx());
    const held = variable();
    if (held === undefined) throw new Error('variable expected');
    held.value = 'someone-else-1';
    expect(await kind.verify(target(), CANARY, receipt, ctx())).toEqual({
      verified: false,
      reason:
        'GitLab holds another value in API_TOKEN of project acme/web: it was changed after this delivery.',
    });
    sim.variables.add('project', seed.project.id, {
      key: 'HIDDEN',
      value: 'hidden-old-1',
      masked: true,
      hidden: true,
    });
    const hidden = target({ key: 'HIDDEN' });
    const hiddenReceipt = await kind.deliver(hidden, CANARY, ctx());
    expect(hiddenReceipt).toEqual({ created: false, hidden: true });
    expect(variable('HIDDEN')?.value).toBe(CANARY);
    expect(await kind.verify(hidden, CANARY, hiddenReceipt, ctx())).toEqual({ verified: true });
  });
});

describe('refusals', () => {
  it('a value GitLab cannot mask, on create: the sentence says why; nothing is written', async () => {
    const error = await failureOf(kind.deliver(target(), 'short', ctx()));
    expect(error.code).toBe('validation');
    expect(error.message).toContain('GitLab refused the variable API_TOKEN for project acme/web');
    expect(variable()).toBeUndefined();
  });

  it.each([
    [
      '401',
      () => ctx('glpat-not-known'),
      () => target(),
      'unauthorized',
      "Re-enter the delivery connection's token",
    ],
    [
      '403: a Developer',
      () => ctx(),
      () => target({ path: 'sam/notes' }),
      'forbidden',
      'the Maintainer role',
    ],
    [
      '404: a project it cannot see',
      () => ctx(),
      () => target({ path: 'nobody/secret' }),
      'not_found',
      'project nobody/secret',
    ],
  ] as const)('%s', async (_name, context, t, code, sentence) => {
    const error = await failureOf(kind.deliver(t(), CANARY, context()));
    expect(error.code).toBe(code);
    expect(error.message).toContain(sentence);
    expect(error.message).not.toContain(CANARY);
  });

  it('5xx or a lost answer on the write: effect unknown, so the pipeline verifies instead of retrying', async () => {
    sim.variables.add('project', seed.project.id, { key: 'API_TOKEN', value: 'old-value-123' });
    sim.inject({
      route: 'PUT /api/v4/projects/:resource/variables/:key',
      fault: { kind: 'timeout', afterHandling: true },
    });
    const error = await failureOf(kind.deliver(target(), CANARY, ctx()));
    expect(error.code).toBe('timeout');
    expect((error as HttpError).effect).toBe('unknown');
    expect(await kind.verify(target(), CANARY, { created: false, hidden: false }, ctx())).toEqual({
      verified: true,
    });
    sim.inject({
      route: 'PUT /api/v4/projects/:resource/variables/:key',
      fault: { kind: 'status', status: 503 },
    });
    const server = await failureOf(kind.deliver(target(), 'another-value-1', ctx()));
    expect(server.code).toBe('provider_error');
    expect((server as HttpError).effect).toBe('unknown');
    for (const text of [error.message, server.message, ...harness.logLines])
      expect(text).not.toContain(CANARY);
  });
});
