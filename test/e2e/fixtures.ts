/**
 * Playwright fixtures: each test gets its own test host (fresh data folder, real core, fakes)
 * and a page opened on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import type { ConnectionRecord } from '../../src-main/core/db/repositories/connections';
import type { TokenRecord } from '../../src-main/core/db/repositories/tokens';
import { EMPTY_SCOPE, newTokenState } from '../../src-main/core/db/repositories/tokens';
import type { Connection, ProviderId, TrackedTokenInput } from '../../src-preload/contract';
import { ManualClock } from '../host/clock';
import { startHost, type HostOptions, type TestHost } from '../host/server';
import {
  type GitHubActionsSeed,
  type GitHubActionsSimulator,
  seedGitHubActions,
  startGitHubActions,
} from '../simulators/github-actions';
import {
  type MailtrapOptions,
  type MailtrapSeed,
  type MailtrapSimulator,
  seedMailtrap,
  startMailtrap,
} from '../simulators/mailtrap';
import { type MiroxSeed, type MiroxSimulator, seedMirox, startMirox } from '../simulators/mirox';
import { type SmoxySeed, type SmoxySimulator, seedSmoxy, startSmoxy } from '../simulators/smoxy';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/**
 * A tap on the page's line to the core: records every call the renderer makes and can hold
 * back chosen answers (to prove a slow, stale answer never overwrites a newer one).
 */
export interface Wire {
  calls: { channel: string; payload: unknown }[];
  /** Hold answers to calls matching `predicate` until `release()`. */
  hold(predicate: (channel: string, payload: unknown) => boolean): void;
  release(): void;
  /** Never answer calls matching `predicate` (e.g. keep the window's index from loading). */
  block(predicate: (channel: string, payload: unknown) => boolean): void;
  callsTo(channel: string): unknown[];
}

/** Provider simulators on the host's clock, seeded with realistic data, closed after the test. */
export interface Simulators {
  /** The GitHub Actions secrets API a GitHub delivery connection points at (remote delivery targets). */
  githubActions(): Promise<{ sim: GitHubActionsSimulator; seed: GitHubActionsSeed }>;
  mailtrap(options?: MailtrapOptions): Promise<{ sim: MailtrapSimulator; seed: MailtrapSeed }>;
  smoxy(): Promise<{ sim: SmoxySimulator; seed: SmoxySeed }>;
  /** Also makes the fake sign-in window log into this simulator (as the user would). */
  mirox(): Promise<{ sim: MiroxSimulator; seed: MiroxSeed }>;
}

/** Short timeouts so fault tests take milliseconds; no proxy from the environment. */
export const FAST_HTTP = {
  connectTimeoutMs: 1_000,
  totalTimeoutMs: 1_500,
  maxAttempts: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterWaitMs: 300,
  maxResponseBytes: 2 * 1024 * 1024,
};

interface Fixtures {
  hostOptions: Partial<HostOptions>;
  /** Run the core on a ManualClock (starting now) the test advances by hand. */
  manualClock: boolean;
  host: TestHost;
  sims: Simulators;
  wire: Wire;
  app: Page;
}

export const test = base.extend<Fixtures>({
  hostOptions: [{}, { option: true }],
  manualClock: [false, { option: true }],
  host: async ({ hostOptions, manualClock }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-'));
    const host = await startHost({
      dataDir,
      configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {} }),
      ...(manualClock ? { clock: new ManualClock(Date.now()) } : {}),
      ...hostOptions,
    });
    await use(host);
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  sims: async ({ host }, use) => {
    const started: { close(): Promise<void> }[] = [];
    const now = () => host.clock.now();
    await use({
      async githubActions() {
        const sim = await startGitHubActions({ now });
        started.push(sim);
        return { sim, seed: seedGitHubActions(sim) };
      },
      async mailtrap(options = {}) {
        const sim = await startMailtrap({ now, ...options });
        started.push(sim);
        return { sim, seed: seedMailtrap(sim) };
      },
      async smoxy() {
        const sim = await startSmoxy({ now });
        started.push(sim);
        return { sim, seed: seedSmoxy(sim) };
      },
      async mirox() {
        const sim = await startMirox({ now });
        started.push(sim);
        const seed = seedMirox(sim);
        host.fakes.sessions.login = async () => ({
          headers: { Cookie: await sim.login(seed.email, seed.password) },
        });
        return { sim, seed };
      },
    });
    await Promise.all(started.map((s) => s.close()));
  },
  wire: async ({ page }, use) => {
    const calls: Wire['calls'] = [];
    const channelsById = new Map<number, { channel: string; payload: unknown }>();
    let predicate: ((channel: string, payload: unknown) => boolean) | null = null;
    let blocked: ((channel: string, payload: unknown) => boolean) | null = null;
    const blockedIds = new Set<number>();
    const held: { send: () => void }[] = [];
    const heldIds = new Set<number>();
    await page.routeWebSocket(/\/__tk\/ws$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const data = JSON.parse(String(message)) as {
          type?: string;
          id?: number;
          channel?: string;
          payload?: unknown;
        };
        if (data.type === 'call' && typeof data.id === 'number' && typeof data.channel === 'string') {
          calls.push({ channel: data.channel, payload: data.payload });
          channelsById.set(data.id, { channel: data.channel, payload: data.payload });
          if (predicate?.(data.channel, data.payload) === true) heldIds.add(data.id);
          if (blocked?.(data.channel, data.payload) === true) blockedIds.add(data.id);
        }
        server.send(message);
      });
      server.onMessage((message) => {
        const data = JSON.parse(String(message)) as { type?: string; id?: number };
        if (data.type === 'result' && typeof data.id === 'number' && blockedIds.has(data.id)) return;
        if (data.type === 'result' && typeof data.id === 'number' && heldIds.has(data.id)) {
          held.push({ send: () => ws.send(message) });
          return;
        }
        ws.send(message);
      });
    });
    await use({
      calls,
      hold(p) {
        predicate = p;
      },
      release() {
        predicate = null;
        heldIds.clear();
        for (const h of held.splice(0)) h.send();
      },
      block(p) {
        blocked = p;
      },
      callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.payload),
    });
  },
  app: async ({ page, host, wire }, use) => {
    void wire;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(host.pageUrl);
    await use(page);
    if (errors.length > 0) throw new Error(`The page logged errors:\n${errors.join('\n')}`);
  },
});

/**
 * The core words dates in the host's time zone (this worker's): pins it for the calling spec file
 * and restores it afterwards. Call it at the top level of the file.
 */
export function pinTimeZone(timeZone: string): void {
  let saved: string | undefined;
  test.beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = timeZone;
  });
  test.afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export { expect } from '@playwright/test';

export const DAY = 86_400_000;

/** A tracked connection (no API), made through the core as the UI would. */
export async function addTrackedConnection(
  host: TestHost,
  label = 'Acme workspace',
  provider: ProviderId = 'smenso',
): Promise<Connection> {
  const core = host.core.handlers;
  const draft = await core.beginConnection({ provider, mode: 'tracked', label, baseUrl: null, fields: {} });
  return core.completeConnection({ draftId: draft.draftId, label, accountIds: [] });
}

/** A token recorded by hand through the core; dates are relative to the host's clock. */
export async function trackToken(
  host: TestHost,
  connectionId: string,
  token: Partial<Omit<TrackedTokenInput, 'connectionId'>> & { name: string },
): Promise<string> {
  const now = host.clock.now();
  const row = await host.core.handlers.addTrackedToken({
    connectionId,
    accountName: null,
    last4: null,
    createdAt: now - 30 * DAY,
    expiresAt: now + 200 * DAY,
    note: null,
    ...token,
  });
  return row.id;
}

/**
 * Many tokens straight into the cache through the core's repository, in one transaction and
 * without change events (a sync of this size would emit one burst at the end).
 */
export function insertTokens(
  host: TestHost,
  connectionId: string,
  count: number,
  make: (i: number) => Partial<TokenRecord> = () => ({}),
): void {
  const { db, repos } = host.core.context;
  const now = host.clock.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const record: TokenRecord = {
        id: `bulk-${connectionId}-${i}`,
        connectionId,
        remoteId: null,
        accountId: null,
        accountName: `Workspace ${i % 50}`,
        name: `Token ${String(i).padStart(5, '0')}`,
        last4: String(i % 10_000).padStart(4, '0'),
        createdAt: now - (i % 300) * DAY,
        createdBy: null,
        lastUsedAt: null,
        expiresAt: now + ((i % 400) - 20) * DAY,
        scopeKind: 'workspace',
        scopeSummary: `Workspace ${i % 50}`,
        scope: EMPTY_SCOPE,
        broadScope: false,
        legacy: false,
        usage: [],
        origin: 'tracked',
        ...newTokenState(now),
        ...make(i),
      };
      repos.tokens.insert(record);
    }
  })();
}

/**
 * An API connection written straight into the cache (as a past sync would have left it), for
 * screens that show a connection's state without calling a provider.
 */
export function insertApiConnection(
  host: TestHost,
  fields: Partial<ConnectionRecord> & { provider: ProviderId; label: string },
): string {
  const now = host.clock.now();
  const id = `c-seeded-${fields.label.replace(/\W+/g, '-').toLowerCase()}`;
  host.core.context.repos.connections.insert({
    id,
    mode: 'api',
    baseUrl: null,
    credentialOrigin: null,
    accounts: [],
    identity: null,
    status: 'ok',
    lastSyncAt: now - 2 * 3_600_000,
    lastError: null,
    createdAt: now - 10 * DAY,
    updatedAt: now,
    ...fields,
  });
  host.core.context.emit('connectionsChanged', null);
  return id;
}

/** Adds an API connection through the core (as the dialog does) and waits for its first sync. */
export async function connectThroughCore(
  host: TestHost,
  provider: 'mailtrap' | 'smoxy' | 'mirox',
  baseUrl: string,
  fields: Record<string, string>,
  label: string,
  accountIds: string[] = [],
): Promise<Connection> {
  const draft = await host.core.handlers.beginConnection({ provider, mode: 'api', label, baseUrl, fields });
  const connection = await host.core.handlers.completeConnection({
    draftId: draft.draftId,
    label,
    accountIds,
  });
  await host.core.services.sync.whenIdle();
  return connection;
}

/** A Mailtrap simulator connected through the core with its "Acme" account, as the add dialog leaves it. */
export async function connectMailtrap(host: TestHost, sims: Simulators, label = 'Mailtrap') {
  const { sim, seed } = await sims.mailtrap();
  const connection = await connectThroughCore(
    host,
    'mailtrap',
    sim.url,
    { apiToken: seed.credential },
    label,
    [String(seed.accounts.acme)],
  );
  return { sim, seed, connection };
}

/** Everything the renderer keeps where a secret could linger, as one string to search. */
export async function rendererState(
  page: Page,
): Promise<{ dom: string; stores: string; localStorage: string; sessionStorage: string }> {
  return page.evaluate(() => {
    const snapshot = (window as unknown as { __tkStoreSnapshot: () => unknown }).__tkStoreSnapshot;
    const inputs = [...document.querySelectorAll('input, textarea')]
      .map((el) => (el as HTMLInputElement).value)
      .join('\n');
    const storage = (s: Storage) =>
      JSON.stringify(
        Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i) ?? '')])),
      );
    return {
      dom: `${document.documentElement.outerHTML}\n${inputs}`,
      stores: JSON.stringify(snapshot()),
      localStorage: storage(localStorage),
      sessionStorage: storage(sessionStorage),
    };
  });
}

/** axe-core over the whole page (best practices included): no violation allowed. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(violations, `axe violations on ${screen}`).toEqual([]);
}

/** Light and dark: the OS preference and the app's own theme setting, both applied. */
export async function setTheme(page: Page, host: TestHost, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await host.core.handlers.updateSettings({ theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Runs `show` at each size and in each theme, naming the look ("1280x800-dark"). */
export async function eachLook(
  app: Page,
  host: TestHost,
  show: (look: string) => Promise<void>,
): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [960, 640],
  ] as const) {
    await app.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(app, host, theme);
      await show(`${width}x${height}-${theme}`);
    }
  }
}

/** The token grid's rows showing a token of this exact name. */
export const tokenRows = (page: Page, name: string) =>
  page
    .getByRole('grid', { name: 'Tokens' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

/**
 * Opens a token's details by clicking its row and waits for its heading. A list that is still
 * settling (a sync or a finished rotation re-sorts it) can put another token under the click; the
 * click is repeated until the details are this token's, as a user would click again.
 */
export async function openToken(page: Page, name: string): Promise<void> {
  const heading = page.getByRole('heading', { name, exact: true });
  await expect(async () => {
    await tokenRows(page, name).first().click();
    await expect(heading).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** The copy-once dialog of a new secret: it shows one, copy it, close it. */
export async function copySecretAndClose(app: Page, tokenName: string | RegExp): Promise<void> {
  const secret = app.getByRole('dialog', {
    name: typeof tokenName === 'string' ? `Copy the secret for “${tokenName}”` : tokenName,
  });
  await expect(secret.getByLabel('New secret')).not.toHaveValue('');
  await secret.getByRole('button', { name: 'Copy secret' }).click();
  await secret.getByRole('button', { name: 'Done' }).click();
}

/** Waits until the window has read its index of every token (and answers the list itself). */
export async function indexReady(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as { __tkStoreSnapshot: () => { tokens: { source: string } } }
          ).__tkStoreSnapshot().tokens.source,
      ),
    )
    .toBe('index');
}
