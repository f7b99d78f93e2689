/**
 * Test harness for the provider features: a core (ManualClock + fakes) with short HTTP timeouts,
 * simulators on the same clock, and helpers that add connections through the real handlers.
 */
import type { HttpSettings } from '../../../src-main/core/http/client';
import type { Connection, TokenPage, TokenRow } from '../../../src-preload/contract';
import { type GitLabSeed, type GitLabSimulator, seedGitLab, startGitLab } from '../../simulators/gitlab';
import {
  type MailtrapOptions,
  type MailtrapSeed,
  type MailtrapSimulator,
  seedMailtrap,
  startMailtrap,
} from '../../simulators/mailtrap';
import { type MiroxSeed, type MiroxSimulator, seedMirox, startMirox } from '../../simulators/mirox';
import { type SmoxySeed, type SmoxySimulator, seedSmoxy, startSmoxy } from '../../simulators/smoxy';
import { makeCore, type TestCore } from '../helpers';

/** Short timeouts and backoffs so fault tests run in milliseconds, not minutes. */
export const FAST_HTTP: Partial<HttpSettings> = {
  connectTimeoutMs: 1_000,
  totalTimeoutMs: 700,
  maxAttempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterWaitMs: 300,
  maxResponseBytes: 2 * 1024 * 1024,
};

export interface ProviderTest extends TestCore {
  sims: { close(): Promise<void> }[];
  idle(): Promise<void>;
  /** Every token row, as stored (for before/after comparisons). */
  snapshot(): unknown[];
  connectionRow(id: string): unknown;
  shutdown(): Promise<void>;
}

export function providerCore(
  options: { http?: Partial<HttpSettings>; allowLoopbackAddresses?: boolean } = {},
): ProviderTest {
  const tc = makeCore({
    configure: (deps) => ({
      ...deps,
      http: { ...FAST_HTTP, ...options.http },
      proxyEnv: {},
      allowLoopbackAddresses: options.allowLoopbackAddresses ?? deps.allowLoopbackAddresses ?? false,
    }),
  });
  const sims: { close(): Promise<void> }[] = [];
  return {
    ...tc,
    sims,
    idle: () => tc.core.services.sync.whenIdle(),
    snapshot: () => tc.core.context.db.prepare('SELECT * FROM tokens ORDER BY id').all(),
    connectionRow: (id: string) =>
      tc.core.context.db.prepare('SELECT * FROM connections WHERE id = ?').get(id),
    async shutdown() {
      await tc.core.services.sync.whenIdle();
      await tc.close();
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}

export async function withMailtrap(
  t: ProviderTest,
  options: MailtrapOptions = {},
): Promise<{ sim: MailtrapSimulator; seed: MailtrapSeed }> {
  const sim = await startMailtrap({ now: () => t.clock.now(), ...options });
  t.sims.push(sim);
  return { sim, seed: seedMailtrap(sim) };
}

export async function withGitLab(t: ProviderTest): Promise<{ sim: GitLabSimulator; seed: GitLabSeed }> {
  const sim = await startGitLab({ now: () => t.clock.now() });
  t.sims.push(sim);
  return { sim, seed: seedGitLab(sim) };
}

export async function withSmoxy(t: ProviderTest): Promise<{ sim: SmoxySimulator; seed: SmoxySeed }> {
  const sim = await startSmoxy({ now: () => t.clock.now() });
  t.sims.push(sim);
  return { sim, seed: seedSmoxy(sim) };
}

export async function withMirox(t: ProviderTest): Promise<{ sim: MiroxSimulator; seed: MiroxSeed }> {
  const sim = await startMirox({ now: () => t.clock.now() });
  t.sims.push(sim);
  const seed = seedMirox(sim);
  // In the app the shell's sign-in window does this; here the fake logs into the simulator.
  t.fakes.sessions.login = async () => ({ headers: { Cookie: await sim.login(seed.email, seed.password) } });
  return { sim, seed };
}

export async function connectMailtrap(
  t: ProviderTest,
  sim: MailtrapSimulator,
  seed: MailtrapSeed,
  label = 'Mailtrap',
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'mailtrap',
    mode: 'api',
    label,
    baseUrl: sim.url,
    fields: { apiToken: seed.credential },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label,
    accountIds: [String(seed.accounts.acme), String(seed.accounts.side)],
  });
  await t.idle();
  return connection;
}

export async function connectSmoxy(
  t: ProviderTest,
  sim: SmoxySimulator,
  seed: SmoxySeed,
  withApiToken = true,
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'smoxy',
    mode: 'api',
    label: 'smoxy',
    baseUrl: sim.url,
    fields: {
      email: seed.email,
      password: seed.password,
      ...(withApiToken ? { apiToken: seed.apiToken } : {}),
    },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'smoxy',
    accountIds: [],
  });
  await t.idle();
  return connection;
}

export async function connectMirox(t: ProviderTest, sim: MiroxSimulator): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'mirox',
    mode: 'api',
    label: 'Mirox',
    baseUrl: sim.url,
    fields: {},
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'Mirox',
    accountIds: [],
  });
  await t.idle();
  return connection;
}

/** Runs a handler and returns the error it throws (as the renderer would see it via dispatch). */
export async function failure(
  call: Promise<unknown> | (() => unknown),
): Promise<{ code: string; message: string; retryAt?: number; field?: string }> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    const { toApiError } = await import('../../../src-main/core/errors');
    return toApiError(error);
  }
  throw new Error('expected the call to fail');
}

/** Calls a channel through dispatch, as the renderer does, and returns its error (failing if it succeeded). */
export async function refusal(
  t: ProviderTest,
  channel: string,
  payload: unknown,
): Promise<{ code: string; message: string; retryAt?: number; field?: string }> {
  const result = await t.core.call(channel, payload);
  if (result.ok) throw new Error(`expected ${channel} to fail, it returned ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Calls a channel through dispatch and returns its value (failing with the error otherwise). */
export async function ok<T = unknown>(t: ProviderTest, channel: string, payload: unknown): Promise<T> {
  const result = await t.core.call(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The token list's rows, the first 100, as the window would ask for them. */
export async function listedRows(t: ProviderTest): Promise<TokenRow[]> {
  return (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 100 })).rows;
}

/** The listed row named `name` (failing when there is none). */
export async function listedRow(t: ProviderTest, name: string): Promise<TokenRow> {
  const found = (await listedRows(t)).find((r) => r.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
}
