/**
 * The measured "add a provider": Orbitly, a provider that exists only in test/fixtures, is added
 * by its folder, its simulator and one registry line (test/fixtures/providers/registry.ts), and
 * works end to end through the contract: the connection form's fields, connecting, the list, the
 * provider filter, its badges, the header counts, exports, create, rotate and revoke, reminders,
 * redaction. Nothing in src-main, src-preload or src-renderer names it (provider-names.test.ts).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { redactString } from '../../../src-main/core/log/redact';
import type { ProviderDescriptor, TokenPage } from '../../../src-preload/contract';
import { orbitly } from '../../fixtures/providers/orbitly';
import { seedOrbitly, startOrbitly, type OrbitlySimulator } from '../../fixtures/providers/orbitly/simulator';
import { WITH_ORBITLY } from '../../fixtures/providers/registry';
import { FAST_HTTP } from '../providers/harness';
import { makeCore, type TestCore } from '../helpers';

let t: TestCore | null = null;
let sim: OrbitlySimulator | null = null;

afterEach(async () => {
  if (t !== null) {
    await t.core.services.sync.whenIdle();
    await t.close();
  }
  await sim?.close();
  t = null;
  sim = null;
});

async function call<T>(core: TestCore, channel: string, payload: unknown): Promise<T> {
  const result = await core.core.call(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function withOrbitly(): Promise<{ t: TestCore; sim: OrbitlySimulator; connectionId: string }> {
  t = makeCore({
    configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {}, providers: WITH_ORBITLY }),
  });
  sim = await startOrbitly({ now: () => t!.clock.now() });
  const { adminKey } = seedOrbitly(sim);
  const draft = await call<{ draftId: string; summary: string }>(t, 'beginConnection', {
    provider: 'orbitly',
    mode: 'api',
    label: 'Launchpad keys',
    baseUrl: sim.url,
    fields: { adminKey },
  });
  expect(draft.summary).toBe('Project Launchpad');
  const connection = await call<{ id: string }>(t, 'completeConnection', {
    draftId: draft.draftId,
    label: 'Launchpad keys',
    accountIds: [],
  });
  await t.core.services.sync.whenIdle();
  return { t, sim, connectionId: connection.id };
}

const page = (core: TestCore, query: Record<string, unknown> = {}) =>
  call<TokenPage>(core, 'listTokens', { offset: 0, limit: 100, ...query });

describe('adding a provider by its folder, its simulator and one registry line', () => {
  it('shows it among the providers, with its own form, colour, noun and rules', async () => {
    t = makeCore({ configure: (deps) => ({ ...deps, providers: WITH_ORBITLY }) });
    const providers = await call<ProviderDescriptor[]>(t, 'listProviders', undefined);
    const listed = providers.find((p) => p.id === 'orbitly');
    expect(listed).toEqual(orbitly.descriptor);
    expect(listed?.connectionFields.map((f) => f.label)).toEqual(['Admin key']);
    expect(listed).toMatchObject({
      colour: '#2f5d8a',
      accountNoun: { one: 'Project' },
      reportsLastUse: true,
    });
    // Derived from its rotation spec, not written twice.
    expect(listed?.capabilities).toMatchObject({ rotate: true, rotation: 'in_place_immediate' });
    expect(providers.map((p) => p.name)).toEqual([
      'Cloudflare',
      'Datadog',
      'GitHub',
      'GitLab',
      'Mailtrap',
      'Mirox',
      'npm',
      'Orbitly',
      'smenso',
      'smoxy',
      'Vercel',
    ]);
  });

  it('connects, lists its keys, filters by it and gives them their badges and counts', async () => {
    const { t } = await withOrbitly();
    const all = await page(t);
    const mine = await page(t, { providers: ['orbitly'] });
    expect(mine.matched).toBe(3);
    expect(all.matched).toBe(3);
    const byName = Object.fromEntries(mine.rows.map((r) => [r.name, r]));
    expect(byName['Nightly export']).toMatchObject({ provider: 'orbitly', accountName: 'Launchpad' });
    // Orbitly reports last use, so "never used" is claimed for it, in TypeScript and in SQL.
    expect(byName['Nightly export']?.badges).toEqual(expect.arrayContaining(['expires_7', 'never_used']));
    expect(byName['Old importer']?.badges).toEqual(expect.arrayContaining(['never_expires', 'unused_90']));
    expect(byName['Deploy bot']?.badges).not.toContain('never_used');
    const neverUsed = await page(t, { badges: ['never_used'] });
    expect(neverUsed.rows.map((r) => r.name)).toEqual(['Nightly export']);
    expect(all.counts).toMatchObject({ total: 3, neverUsed: 1, expiringSoon: 1 });
    const grouped = await page(t, { groupBy: 'provider', providers: ['orbitly', 'mailtrap'] });
    expect(grouped.matched).toBe(3);
  });

  it('exports its keys as CSV and JSON', async () => {
    const { t } = await withOrbitly();
    await call(t, 'exportMetadata', { format: 'csv' });
    await call(t, 'exportMetadata', { format: 'json' });
    const [csv, json] = t.fakes.system.saved.map((s) => fs.readFileSync(s.path, 'utf8'));
    expect(
      csv?.split('\r\n').filter((line) => line.startsWith('orbitly,Launchpad keys,Launchpad,')),
    ).toHaveLength(3);
    const exported = JSON.parse(json ?? '{}') as { tokens: { provider: string; name: string }[] };
    expect(
      exported.tokens
        .filter((k) => k.provider === 'orbitly')
        .map((k) => k.name)
        .sort(),
    ).toEqual(['Deploy bot', 'Nightly export', 'Old importer']);
  });

  it('creates, rotates in place and revokes through its adapter, and keeps its secrets out of the logs', async () => {
    const { t, sim, connectionId } = await withOrbitly();
    const created = await call<{ secretId: string; token: { id: string; name: string } }>(t, 'createToken', {
      connectionId,
      accountId: null,
      name: 'CI runner',
    });
    const revealed = await call<{ value: string; provider: string }>(t, 'revealSecret', {
      secretId: created.secretId,
    });
    expect(revealed.provider).toBe('orbitly');
    expect(revealed.value).toMatch(/^orb_[A-Za-z0-9]{32}$/);
    expect(sim.keys.map((k) => k.name)).toContain('CI runner');
    await call(t, 'discardSecret', { secretId: created.secretId });

    const plan = await call<{ kind: string; allowed: boolean; steps: string[]; summary: string }>(
      t,
      'planRotation',
      { tokenId: created.token.id },
    );
    expect(plan).toMatchObject({
      kind: 'in_place_immediate',
      allowed: true,
      summary: orbitly.rotation.explanation,
    });
    expect(plan.steps).toEqual(orbitly.rotation.steps);
    const before = sim.keys.find((k) => k.name === 'CI runner')?.secret;
    const rotation = await call<{ secretId: string | null }>(t, 'startRotation', {
      tokenId: created.token.id,
    });
    const rotated = await call<{ value: string }>(t, 'revealSecret', { secretId: rotation.secretId });
    expect(rotated.value).not.toBe(before);
    expect(sim.keys.find((k) => k.name === 'CI runner')?.secret).toBe(rotated.value);

    await call(t, 'revokeToken', { tokenId: created.token.id });
    expect(sim.keys.map((k) => k.name)).not.toContain('CI runner');
    expect(sim.count('DELETE /v1/keys/:id')).toBe(1);

    // Its secret shape is scrubbed wherever it shows up, and no secret reached the log.
    expect(redactString(`key ${revealed.value} leaked`)).not.toContain(revealed.value);
    const log = t.logLines.join('\n');
    for (const secret of [revealed.value, rotated.value, sim.adminKey]) expect(log).not.toContain(secret);
  });

  it('names it in reminders and the tray', async () => {
    const { t } = await withOrbitly();
    t.core.reminders.replanNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const labels = t.fakes.tray.model?.upcoming.map((u) => u.label) ?? [];
    expect(labels.some((l) => l.startsWith('Orbitly · Nightly export'))).toBe(true);
  });

  it('is unknown to a core that does not register it: a clear refusal, nothing written', async () => {
    t = makeCore();
    const result = await t.core.call('beginConnection', {
      provider: 'orbitly',
      mode: 'tracked',
      label: 'Launchpad keys',
      baseUrl: null,
      fields: {},
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown provider “orbitly”.', field: 'provider' },
    });
    const filtered = await t.core.call('listTokens', { offset: 0, limit: 10, providers: ['orbitly'] });
    expect(filtered.ok ? null : filtered.error.message).toBe('Unknown provider “orbitly”.');
    expect(t.core.context.repos.connections.list()).toEqual([]);
  });
});
