/**
 * The demo: connections pre-created against the local provider simulators, through the same
 * contract calls the window makes (so the credentials go through the credential store, a web
 * sign-in through the session provider, and every check runs). Used by `npm run demo`
 * (the Electron shell reads the plan file named in TOKENKEEPER_DEMO_PLAN) and by
 * `npm run preview:web -- --demo` (the test host).
 */
import { z } from 'zod';
import { ProviderId } from '../../../src-preload/contract';
import type { Core } from '../core';
import type { Logger } from '../log/logger';

const Tracked = z.strictObject({
  name: z.string(),
  accountName: z.string().nullable(),
  last4: z.string().nullable(),
  createdDaysAgo: z.number(),
  expiresInDays: z.number().nullable(),
  note: z.string().nullable(),
});

/**
 * One connection of the demo, as the window would add it: the provider's connection fields, and
 * for a tracked connection the tokens to record by hand.
 */
const DemoConnection = z.strictObject({
  provider: ProviderId,
  mode: z.enum(['api', 'tracked']),
  label: z.string(),
  baseUrl: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  /** The accounts to include, for a provider that picks them; none elsewhere. */
  accountIds: z.array(z.string()),
  tracked: z.array(Tracked),
  /** Tokens to check once through the provider (a tracked provider with a token check), by value. */
  pasted: z.array(z.strictObject({ value: z.string(), name: z.string() })).optional(),
});

export const DemoPlan = z.strictObject({
  /** The demo's own data folder on Linux without a keyring: allow the weaker credential storage. */
  acceptWeakStorage: z.boolean(),
  connections: z.array(DemoConnection),
  /** Tokens to reset or rotate once synced, so the demo shows grace periods and open rotations. */
  rotate: z.array(z.strictObject({ connectionLabel: z.string(), tokenName: z.string() })),
});
export type DemoPlan = z.infer<typeof DemoPlan>;

const DAY_MS = 86_400_000;

async function call<T>(core: Core, channel: string, payload: unknown): Promise<T> {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new Error(`demo: ${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Creates the plan's connections unless the data folder already has some (a later demo start). */
export async function applyDemoPlan(core: Core, plan: DemoPlan, log: Logger): Promise<void> {
  const existing = await call<unknown[]>(core, 'listConnections', undefined);
  if (existing.length > 0) {
    log.info('demo: connections exist already; syncing them');
    await call(core, 'syncNow', {});
    return;
  }
  if (plan.acceptWeakStorage) await call(core, 'updateSettings', { weakStorageAccepted: true });
  const ids = new Map<string, string>();
  for (const c of plan.connections) {
    const draft = await call<{ draftId: string }>(core, 'beginConnection', {
      provider: c.provider,
      mode: c.mode,
      label: c.label,
      baseUrl: c.baseUrl,
      fields: c.mode === 'api' ? c.fields : {},
    });
    const connection = await call<{ id: string }>(core, 'completeConnection', {
      draftId: draft.draftId,
      label: c.label,
      accountIds: c.accountIds,
    });
    const now = core.context.now();
    for (const t of c.tracked) {
      await call(core, 'addTrackedToken', {
        connectionId: connection.id,
        name: t.name,
        accountName: t.accountName,
        last4: t.last4,
        createdAt: now - t.createdDaysAgo * DAY_MS,
        expiresAt: t.expiresInDays === null ? null : now + t.expiresInDays * DAY_MS,
        note: t.note,
      });
    }
    for (const p of c.pasted ?? [])
      await call(core, 'checkPastedToken', { connectionId: connection.id, value: p.value, name: p.name });
    ids.set(c.label, connection.id);
  }
  await waitForSync(core);
  for (const r of plan.rotate) {
    const connectionId = ids.get(r.connectionLabel);
    const page = await call<{ rows: { id: string; name: string; connectionId: string }[] }>(
      core,
      'listTokens',
      { offset: 0, limit: 1000, search: r.tokenName },
    );
    const token = page.rows.find((row) => row.connectionId === connectionId && row.name === r.tokenName);
    if (token === undefined) continue;
    const start = await call<{ secretId: string | null }>(core, 'startRotation', { tokenId: token.id });
    // The demo never shows these secrets; drop them from memory at once.
    if (start.secretId !== null) await call(core, 'discardSecret', { secretId: start.secretId });
  }
  log.info('demo: connections created', { count: plan.connections.length });
}

async function waitForSync(core: Core): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const connections = await call<{ status: string }[]>(core, 'listConnections', undefined);
    if (!connections.some((c) => c.status === 'syncing' || c.status === 'never_synced')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Electron demo: reads the plan file written by scripts/demo.ts, then applies it. */
export async function runDemoPlanFile(core: Core, file: string, log: Logger): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  try {
    const plan = DemoPlan.parse(JSON.parse(await readFile(file, 'utf8')));
    await applyDemoPlan(core, plan, log);
  } catch (error) {
    log.error('demo: the plan could not be applied', { error });
  }
}
