/**
 * Vercel through the real handlers against its simulator: what the conformance suite does not
 * cover. Last use from `activeAt`, scopes in words, the leaked token flagged as the provider's
 * reported problem (badge, filter, details); a team- or project-scoped token connecting
 * read-only and saying why a create is refused; a team-scoped token not replaced by a
 * full-account one; the secret shape scrubbed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactString, registerSecretShapes } from '../../../src-main/core/log/redact';
import { vercel } from '../../../src-main/core/providers/vercel';
import type { Connection, TokenDetail, TokenPage } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import { seedVercel, startVercel, type VercelSeed, type VercelSimulator } from '../../simulators/vercel';
import { connectVercel } from './conformance/subjects/vercel';
import { ok, providerCore, refusal, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: VercelSimulator;
let seed: VercelSeed;

beforeEach(async () => {
  t = providerCore();
  sim = await startVercel({ now: () => t.clock.now() });
  t.sims.push(sim);
  seed = seedVercel(sim);
});
afterEach(() => t.shutdown());

const page = (query: Record<string, unknown> = {}) =>
  ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 100, ...query });
const rowNamed = async (name: string) => (await page()).rows.find((r) => r.name === name);

describe('connect and list', () => {
  it('lists every token with last use from activeAt, scopes in words, and its own token marked', async () => {
    const connection = await connectVercel(t, sim, seed.credential);
    expect(connection.identity).toBe('ada@example.com');
    expect(connection.accounts).toEqual([{ id: sim.user.id, name: 'ada', access: 'full account' }]);
    const { rows } = await page();
    expect(rows).toHaveLength(seed.listed);
    const ci = rows.find((r) => r.name === 'CI deploy');
    expect(ci).toMatchObject({
      lastUsedAt: t.clock.now() - 2 * 3_600_000,
      expiresAt: t.clock.now() + 5 * DAY,
    });
    expect(ci?.scopeSummary).toBe('Full account');
    expect(ci?.badges).toContain('broad_scope');
    expect(rows.find((r) => r.name === 'Acme preview bot')?.scopeSummary).toBe(
      `Team ${seed.teamId} (or a project in it)`,
    );
    expect(rows.find((r) => r.name === 'Vercel CLI login')?.scopeSummary).toBe(
      'Full account · sign-in session',
    );
    expect(rows.filter((r) => r.isConnectionCredential).map((r) => r.name)).toEqual(['Tokenkeeper']);
  });

  it('flags the token Vercel reports leaked: its badge, the filter, and the details with when', async () => {
    await connectVercel(t, sim, seed.credential);
    const leaked = await rowNamed('Old laptop');
    expect(leaked?.badges).toContain('reported_problem');
    expect((await rowNamed('CI deploy'))?.badges).not.toContain('reported_problem');
    const filtered = await page({ badges: ['reported_problem'] });
    expect(filtered.rows.map((r) => r.name)).toEqual(['Old laptop']);
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: leaked?.id });
    expect(detail.scope.problem).toEqual({ reportedAt: t.clock.now() - 3 * DAY });
    // The words are the module's, for the renderer to draw.
    expect(vercel.descriptor.reportedProblem).toMatchObject({
      label: 'Leaked',
      description: 'Vercel reports this token leaked',
    });
    // The URL it was found at is not kept anywhere the renderer sees.
    expect(JSON.stringify(detail)).not.toContain('dotfiles');
  });
});

describe('create', () => {
  it('makes a token on behalf of a team named by its slug or id; an unknown team is said next to the field', async () => {
    const connection = await connectVercel(t, sim, seed.credential);
    const input = (name: string, team: string) => ({
      connectionId: connection.id,
      accountId: null,
      name,
      expiresAt: null,
      resource: { kind: 'team', name: team },
    });
    await ok(t, 'createToken', input('Team deploy', 'acme'));
    expect(sim.requests.at(-1)?.query).toBe('?slug=acme');
    await ok(t, 'createToken', input('Team deploy 2', seed.teamId));
    expect(sim.requests.at(-1)?.query).toBe(`?teamId=${seed.teamId}`);
    expect((await rowNamed('Team deploy'))?.scopeSummary).toBe(`Team ${seed.teamId} (or a project in it)`);
    const before = sim.tokens.size;
    const unknown = await refusal(t, 'createToken', input('Nope', 'nowhere'));
    expect(unknown).toMatchObject({
      code: 'invalid_input',
      field: 'resource',
      message: 'Vercel knows no team “nowhere” that this token may act for.',
    });
    const bad = await refusal(t, 'createToken', input('Nope', 'a b'));
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'resource' });
    expect(sim.tokens.size).toBe(before);
  });
});

describe('read-only connections', () => {
  async function connectLimited(token: string): Promise<{ connection: Connection; summary: string }> {
    const draft = await t.core.handlers.beginConnection({
      provider: 'vercel',
      mode: 'api',
      label: 'Vercel (team)',
      baseUrl: sim.url,
      fields: { apiToken: token },
    });
    const connection = await t.core.handlers.completeConnection({
      draftId: draft.draftId,
      label: 'Vercel (team)',
      accountIds: draft.accounts.map((a) => a.id),
    });
    await t.idle();
    return { connection, summary: draft.summary };
  }

  it.each([
    ['team-scoped', () => seed.teamCredential],
    ['project-scoped', () => seed.projectCredential],
  ])('a %s token connects, lists and says why it cannot create; nothing is sent', async (_kind, token) => {
    const { connection, summary } = await connectLimited(token());
    expect(summary).toBe(
      'Signed in as ada · read-only: This token is scoped to a team or a project: Vercel lets only a full-account token create tokens. Connect a full-account token to create tokens.',
    );
    expect(connection.accounts[0]?.access).toBe('read-only');
    expect((await page()).rows).toHaveLength(seed.listed);
    const before = sim.count('POST /v3/user/tokens');
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'New',
    });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('This connection is read-only');
    expect(error.message).toContain('Vercel lets only a full-account token create tokens');
    expect(sim.count('POST /v3/user/tokens')).toBe(before);
    // Testing the connection says it too.
    const tested = await ok<{ ok: boolean; message: string }>(t, 'testConnection', {
      connectionId: connection.id,
    });
    expect(tested.message).toBe(
      'Vercel accepted the token (read-only). This token is scoped to a team or a project: Vercel lets only a full-account token create tokens.',
    );
  });

  it('a team-scoped token is not replaced by a full-account one: the plan says why', async () => {
    await connectVercel(t, sim, seed.credential);
    const team = await rowNamed('Acme preview bot');
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: team?.id });
    expect(detail.rotation.allowed).toBe(false);
    expect(detail.rotation.reason).toContain('Tokenkeeper creates only full-account tokens');
    const full = await ok<TokenDetail>(t, 'getToken', { tokenId: (await rowNamed('CI deploy'))?.id });
    expect(full.rotation).toMatchObject({
      allowed: true,
      successorName: { proposed: 'CI deploy', editable: false },
    });
  });
});

describe('secrets', () => {
  it('a Vercel token in a message is scrubbed', () => {
    registerSecretShapes(vercel.secretShapes);
    const secret = sim.mintSecret('vcp_', 56);
    expect(redactString(`token ${secret} here`)).not.toContain(secret);
  });
});
