/**
 * Sync benchmark (run in its own process by run.ts). The simulators run in a child process
 * (sync-sims.ts), one per connection; the core here connects to each through the real handlers,
 * then, for each iteration, empties the cache and times "Sync now" for every connection until
 * the sync service is idle, with 50 ms latency on every request. Afterwards the same work one
 * connection at a time, for comparison. Each figure comes with the lower bound that latency,
 * rate limits and the app's sync concurrency allow (lib/bound.ts). Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cloudflareAdapter } from '../../src-main/core/providers/cloudflare/adapter';
import { mailtrapAdapter } from '../../src-main/core/providers/mailtrap/adapter';
import { gitlabAdapter } from '../../src-main/core/providers/gitlab/adapter';
import { smoxyAdapter } from '../../src-main/core/providers/smoxy/adapter';
import { SYNC_CONCURRENCY } from '../../src-main/core/services/sync';
import { Agent, request } from 'undici';
import type { Connection } from '../../src-preload/contract';
import { benchCore } from './lib/core';
import { connectionBound, syncBound } from './lib/bound';
import { median } from './lib/stats';
import type { SimConnection, SimSpec, SimStats } from './sync-sims';

const here = path.dirname(fileURLToPath(import.meta.url));
export const LATENCY_MS = 50;
/** smoxy's list pages (modeled: 30 per page, as API Platform's default). */
const SMOXY_PAGE = 30;
/** GitLab's list pages (per_page=100, its maximum). */
const GITLAB_PAGE = 100;
/** Cloudflare's pages of 50 (the adapter asks for the maximum). */
const CLOUDFLARE_PAGE = 50;

/**
 * 50 connections of 1,000 tokens: agencies whose 200 client accounts outrun Mailtrap's rate limit,
 * smaller Mailtrap accounts, smoxy users with 34 pages each, and GitLab users whose tokens are a
 * third personal, a third one project's and a third one group's (pages of 100).
 */
export const SPEC: SimSpec = {
  mailtrap: [
    { count: 2, accounts: 200 },
    { count: 18, accounts: 4 },
  ],
  smoxy: 20,
  cloudflare: 5,
  gitlab: 5,
  tokensPerConnection: 1_000,
};

export interface SyncRun {
  wallMs: number;
  /** With the nominal latency. */
  boundMs: number;
  ratio: number;
  /** One request's round trip at that latency measured just before the run (median of 30). */
  roundTripMs: number;
  /** The bound again with that measured round trip as each request's latency. */
  measuredBoundMs: number;
  measuredRatio: number;
  cpuMs: number;
  requests: number;
  rateLimited: number;
}

export interface SyncResult {
  connections: number;
  tokens: number;
  concurrency: number;
  latencyMs: number;
  requestsNeeded: number;
  concurrent: SyncRun[];
  sequential: SyncRun | null;
}

function requestsNeeded(c: SimConnection): number {
  if (c.provider === 'mailtrap') return c.accountIds.length;
  // Verify, zones, the user's 49 tokens (one page), then each account's half of the rest in pages.
  if (c.provider === 'cloudflare') return 3 + 2 * Math.ceil((c.tokens - 49) / 2 / CLOUDFLARE_PAGE);
  // GitLab: the token itself, then each of the three lists in pages of 100 (about a third each).
  if (c.provider === 'gitlab') return 1 + 3 * Math.ceil(Math.ceil(c.tokens / 3) / GITLAB_PAGE);
  return Math.ceil(c.tokens / SMOXY_PAGE) + 1;
}

function durationBound(c: SimConnection, latencyMs: number): number {
  return connectionBound(requestsNeeded(c), latencyMs, rateLimitOf(c));
}

function rateLimitOf(c: SimConnection) {
  if (c.provider === 'mailtrap') return mailtrapAdapter.rateLimit;
  if (c.provider === 'cloudflare') return cloudflareAdapter.rateLimit;
  if (c.provider === 'gitlab') return gitlabAdapter.rateLimit;
  return smoxyAdapter.rateLimit;
}

/**
 * How long a run waits before it starts, so that every connection has its whole rate budget as
 * the bound assumes. Only a window the previous run could have narrowed counts: a connection
 * that needs at most half its limit starts the next run with more than it needs left (Cloudflare's
 * 5-minute window of 1,200 against some 50 requests would otherwise add 5 minutes to each run).
 */
function rateWindowMs(connections: SimConnection[]): number {
  return Math.max(
    0,
    ...connections.map((c) => {
      const rate = rateLimitOf(c);
      return rate !== null && rate !== undefined && 2 * requestsNeeded(c) > rate.limit ? rate.windowMs : 0;
    }),
  );
}

/**
 * What one request costs on this machine right now: the simulator's latency plus the loopback,
 * both processes' scheduling and the simulator's routing, with no parsing or storing on the
 * app's side (undici on a keep-alive connection, as the app's transport; a path no route knows,
 * so the simulator answers at once after the latency).
 */
async function roundTrip(baseUrl: string): Promise<number> {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  try {
    const times: number[] = [];
    for (let i = 0; i < 31; i++) {
      const started = performance.now();
      const response = await request(`${baseUrl}/__bench/round-trip`, { dispatcher: agent });
      await response.body.dump();
      // The first request opens the connection, as a sync's first request does; it is not counted.
      if (i > 0) times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await agent.close();
  }
}

/** The simulators' process and its line protocol. */
async function startSimulators(spec: SimSpec) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'sync-sims.ts'), JSON.stringify(spec)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const ask = async <T>(command: string): Promise<T> => {
    const answer = next();
    child.stdin.write(`${command}\n`);
    return JSON.parse(await answer) as T;
  };
  const connections = JSON.parse(await next()) as SimConnection[];
  return {
    connections,
    ask,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

function countRateLimited(logDir: string): number {
  let n = 0;
  for (const file of fs.readdirSync(logDir)) {
    const text = fs.readFileSync(path.join(logDir, file), 'utf8');
    n += text.split('\n').filter((line) => line.includes('"code":"rate_limited"')).length;
  }
  return n;
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? '3');
  const withSequential = process.argv[3] !== 'no-sequential';
  // A smaller mix can be given while working on the benchmark itself.
  const spec =
    process.env.TK_BENCH_SYNC_SPEC === undefined
      ? SPEC
      : (JSON.parse(process.env.TK_BENCH_SYNC_SPEC) as SimSpec);
  const sims = await startSimulators(spec);
  // When each connection's sync finished (for the timeline in TK_BENCH_TRACE runs).
  const finished: { connectionId: string; at: number }[] = [];
  const bench = benchCore({
    configure: (deps) => ({
      ...deps,
      emit: (event, payload) => {
        if (event === 'syncProgress' && (payload as { state: string }).state !== 'syncing')
          finished.push({
            connectionId: (payload as { connectionId: string }).connectionId,
            at: performance.now(),
          });
      },
    }),
  });
  const { core } = bench;
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await core.call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  try {
    let connected = 0;
    for (const c of sims.connections) {
      const draft = await call<{ draftId: string }>('beginConnection', {
        provider: c.provider,
        mode: 'api',
        label: c.label,
        baseUrl: c.baseUrl,
        fields: c.fields,
      });
      await call<Connection>('completeConnection', {
        draftId: draft.draftId,
        label: c.label,
        accountIds: c.accountIds,
      });
      connected += 1;
      if (connected % 10 === 0) process.stderr.write(`  connected ${connected}/${sims.connections.length}\n`);
    }
    const service = core.services.sync;
    await service.whenIdle();

    const expectedTokens = sims.connections.reduce((sum, c) => sum + c.tokens, 0);
    const needed = sims.connections.map(requestsNeeded).reduce((a, b) => a + b, 0);
    const bounds = (latencyMs: number, concurrency: number) =>
      syncBound(
        sims.connections.map((c) => durationBound(c, latencyMs)),
        concurrency,
      );
    const logDir = path.join(bench.dataDir, 'logs');
    await sims.ask('latency ' + String(LATENCY_MS));

    const measure = async (concurrency: number, run: () => Promise<void>): Promise<SyncRun> => {
      // The bound assumes every connection starts with its whole rate budget: let the windows of
      // the previous sync (or of the connection setup) pass first.
      await new Promise((resolve) => setTimeout(resolve, rateWindowMs(sims.connections) + 500));
      // Only the bench empties the cache; without the checks of the self-references this is quick.
      core.context.db.pragma('foreign_keys = OFF');
      core.context.db.exec('DELETE FROM tokens');
      core.context.db.pragma('foreign_keys = ON');
      const roundTripMs = await roundTrip(sims.connections[0]?.baseUrl ?? '');
      await sims.ask('reset');
      const limitedBefore = countRateLimited(logDir);
      const cpu = process.cpuUsage();
      finished.length = 0;
      const started = performance.now();
      await run();
      const wallMs = performance.now() - started;
      if (process.env.TK_BENCH_TRACE !== undefined) {
        const labels = new Map(core.context.repos.connections.list().map((c) => [c.id, c.label]));
        process.stderr.write(
          `${finished.map((f) => `${((f.at - started) / 1000).toFixed(2)} ${labels.get(f.connectionId) ?? f.connectionId}`).join('\n')}\n`,
        );
      }
      const used = process.cpuUsage(cpu);
      const stats = await sims.ask<SimStats[]>('stats');
      const connections = await call<Connection[]>('listConnections', undefined);
      const failed = connections.filter((c) => c.status !== 'ok');
      if (failed.length > 0)
        throw new Error(
          `sync failed for ${failed.map((c) => `${c.label}: ${c.lastError?.message ?? c.status}`).join('; ')}`,
        );
      const stored = (
        core.context.db.prepare(`SELECT COUNT(*) AS n FROM tokens WHERE state = 'active'`).get() as {
          n: number;
        }
      ).n;
      if (stored !== expectedTokens)
        throw new Error(`expected ${expectedTokens} tokens after the sync, found ${stored}`);
      const bound = bounds(LATENCY_MS, concurrency);
      const measuredBound = bounds(roundTripMs, concurrency);
      return {
        wallMs,
        boundMs: bound,
        ratio: wallMs / bound,
        roundTripMs,
        measuredBoundMs: measuredBound,
        measuredRatio: wallMs / measuredBound,
        cpuMs: (used.user + used.system) / 1000,
        requests: stats.reduce((sum, s) => sum + s.requests, 0),
        rateLimited: countRateLimited(logDir) - limitedBefore,
      };
    };

    const concurrent: SyncRun[] = [];
    for (let i = 0; i < iterations; i++) {
      concurrent.push(
        await measure(SYNC_CONCURRENCY, async () => {
          await call('syncNow', {});
          await service.whenIdle();
        }),
      );
      process.stderr.write(
        `  sync run ${i + 1}/${iterations}: ${(concurrent[i]?.wallMs ?? 0).toFixed(0)} ms\n`,
      );
    }
    const sequential = withSequential
      ? await measure(1, async () => {
          for (const record of core.context.repos.connections.list()) await service.syncOne(record);
        })
      : null;

    const result: SyncResult = {
      connections: sims.connections.length,
      tokens: expectedTokens,
      concurrency: SYNC_CONCURRENCY,
      latencyMs: LATENCY_MS,
      requestsNeeded: needed,
      concurrent,
      sequential,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bench.close();
    await sims.stop();
  }
}

await main();
