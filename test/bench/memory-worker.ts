/**
 * Memory: the core holding 50,000 tokens in 50 connections. `seed <dir>` fills a data folder;
 * `measure <dir>` starts the core on it, as the app starts on its cache, and does what a window
 * open on the token list asks of it: the header counts, the first pages of the list, a search, the
 * attention list and the connections. memory.ts bundles this file as the app bundles main and
 * runs it in plain Node with --expose-gc (no TypeScript loader in the process). Resident memory
 * is read after a full garbage collection, and the peak over the whole run as well. Prints one
 * JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TokenQuery } from '../../src-preload/contract';
import { benchCore, insertConnection, insertRecords } from './lib/core';
import { tokenRecords } from './lib/data';

const CONNECTIONS = 50;
const PER_CONNECTION = 1_000;

export interface MemoryResult {
  tokens: number;
  baselineRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  peakRssMb: number;
  databaseMb: number;
  steps: { step: string; rssMb: number }[];
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc');

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== 'seed' && mode !== 'measure') || dataDir === undefined)
  throw new Error('usage: memory-worker (seed|measure) <dataDir>');

if (mode === 'seed') {
  const bench = benchCore({ dataDir });
  const now = Date.now();
  for (let c = 0; c < CONNECTIONS; c++) {
    const id = `c_bench${String(c).padStart(4, '0')}`;
    insertConnection(bench.core, id, c % 2 === 0 ? 'mailtrap' : 'smoxy', `Connection ${c + 1}`);
    insertRecords(
      bench.core,
      tokenRecords(id, PER_CONNECTION, {
        now,
        seed: c + 1,
        accounts: c % 2 === 0 ? 5 : null,
        offset: c * PER_CONNECTION,
      }),
    );
  }
  await bench.core.shutdown();
  process.exit(0);
}

collect();
const baselineRssMb = mb(process.memoryUsage().rss);
const bench = benchCore({ dataDir });
const { core } = bench;
/** Resident memory after each step (after a collection), to say where it goes. */
const steps: { step: string; rssMb: number }[] = [];
const note = (step: string) => {
  collect();
  steps.push({ step, rssMb: mb(process.memoryUsage().rss) });
};
note('core started');
const call = async (channel: string, payload: unknown) => {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  note(channel);
};
const base: TokenQuery = {
  offset: 0,
  limit: 100,
  sort: { column: 'expiresAt', direction: 'asc' },
  groupBy: 'none',
};
await call('getAppInfo', undefined);
await call('listConnections', undefined);
await call('getAttention', undefined);
for (let page = 0; page < 5; page++) await call('listTokens', { ...base, offset: page * 100 });
await call('listTokens', { ...base, search: 'grafana' });
await call('listTokens', { ...base, offset: 49_900 });

// An app left open settles: V8 hands freed pages back after a while, not at the collection.
await new Promise((resolve) => setTimeout(resolve, 10_000));
note('10 s later');
const usage = process.memoryUsage();
const databaseMb = mb(
  fs
    .readdirSync(dataDir)
    .filter((name) => name.startsWith('tokenkeeper.db'))
    .reduce((sum, name) => sum + fs.statSync(path.join(dataDir, name)).size, 0),
);
const result: MemoryResult = {
  tokens: CONNECTIONS * PER_CONNECTION,
  baselineRssMb,
  rssMb: mb(usage.rss),
  heapUsedMb: mb(usage.heapUsed),
  externalMb: mb(usage.external),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  databaseMb,
  steps,
};
await bench.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
