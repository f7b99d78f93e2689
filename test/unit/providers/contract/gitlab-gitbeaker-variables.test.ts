/**
 * Contract test: `@gitbeaker/rest` (the community GitLab client) against the GitLab simulator's
 * CI/CD variables, for every call the `gitlab_variable` delivery kind makes: show (with the
 * environment-scope filter), create, edit (only the value: masked and protected stay), for a
 * project and a group, by id and by full path; and GitLab's refusals (a value that cannot be
 * masked, a key taken, a Developer's 403, an unseen project's 404, several scopes without a
 * filter). If the simulator drifts from what GitLab's client sends and reads, this fails.
 */
import { Gitlab } from '@gitbeaker/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedGitLab, startGitLab, type GitLabSeed, type GitLabSimulator } from '../../../simulators/gitlab';

let sim: GitLabSimulator;
let seed: GitLabSeed;

beforeEach(async () => {
  sim = await startGitLab();
  seed = seedGitLab(sim);
});
afterEach(() => sim.close());

const client = (token = seed.credential) => new Gitlab({ host: sim.url, token });

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    const cause = (error as { cause?: { response?: { status: number } } }).cause;
    return cause?.response?.status ?? 0;
  }
  throw new Error('expected the gitbeaker call to fail');
}

describe('project variables', () => {
  it('create, show, then edit only the value: masked and protected stay as they were', async () => {
    const gl = client();
    const created = await gl.ProjectVariables.create(seed.project.id, 'API_TOKEN', 'first-value-123', {
      masked: true,
      protected: true,
    });
    expect(created).toMatchObject({
      key: 'API_TOKEN',
      value: 'first-value-123',
      masked: true,
      protected: true,
    });
    await gl.ProjectVariables.edit(seed.project.path, 'API_TOKEN', 'second-value-456', {
      filter: { environment_scope: '*' },
    });
    const shown = await gl.ProjectVariables.show(seed.project.id, 'API_TOKEN');
    expect(shown).toMatchObject({
      value: 'second-value-456',
      masked: true,
      protected: true,
      environment_scope: '*',
    });
  });

  it('refuses a masked value GitLab cannot mask, a taken key, and keeps the old value', async () => {
    const gl = client();
    await gl.ProjectVariables.create(seed.project.id, 'API_TOKEN', 'kept-value-123', { masked: true });
    expect(
      await statusOf(
        gl.ProjectVariables.edit(seed.project.id, 'API_TOKEN', 'has space', {
          filter: { environment_scope: '*' },
        }),
      ),
    ).toBe(400);
    expect(await statusOf(gl.ProjectVariables.create(seed.project.id, 'API_TOKEN', 'x'))).toBe(400);
    expect(await statusOf(gl.ProjectVariables.create(seed.project.id, 'BAD-KEY', 'x'))).toBe(400);
    expect((await gl.ProjectVariables.show(seed.project.id, 'API_TOKEN')).value).toBe('kept-value-123');
  });

  it('several environment scopes need the filter (409 without); unknown is 404; a Developer is 403', async () => {
    const gl = client();
    await gl.ProjectVariables.create(seed.project.id, 'DEPLOY', 'prod-value', {
      environmentScope: 'production',
    });
    await gl.ProjectVariables.create(seed.project.id, 'DEPLOY', 'stage-value', {
      environmentScope: 'staging',
    });
    expect(await statusOf(gl.ProjectVariables.show(seed.project.id, 'DEPLOY'))).toBe(409);
    const staging = await gl.ProjectVariables.show(seed.project.id, 'DEPLOY', {
      filter: { environment_scope: 'staging' },
    });
    expect(staging.value).toBe('stage-value');
    expect(await statusOf(gl.ProjectVariables.show(seed.project.id, 'NONE'))).toBe(404);
    expect(await statusOf(gl.ProjectVariables.show('sam/notes', 'ANY'))).toBe(403);
    expect(await statusOf(gl.ProjectVariables.show(999, 'ANY'))).toBe(404);
    expect(await statusOf(client('glpat-unknown').ProjectVariables.show(seed.project.id, 'ANY'))).toBe(401);
  });
});

describe('group variables', () => {
  it('create, edit and show a group variable; a hidden one answers no value', async () => {
    const gl = client();
    await gl.GroupVariables.create(seed.group.id, 'GROUP_TOKEN', 'group-value-1', { protected: true });
    await gl.GroupVariables.edit(seed.group.path, 'GROUP_TOKEN', 'group-value-2', {
      filter: { environment_scope: '*' },
    });
    expect(await gl.GroupVariables.show(seed.group.id, 'GROUP_TOKEN')).toMatchObject({
      value: 'group-value-2',
      protected: true,
    });
    sim.variables.add('group', seed.group.id, {
      key: 'HIDDEN',
      value: 'hidden-value-1',
      masked: true,
      hidden: true,
    });
    expect((await gl.GroupVariables.show(seed.group.id, 'HIDDEN')).value).toBeNull();
  });
});
