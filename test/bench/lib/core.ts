/**
 * A core for the benchmarks, built as the app builds it (file logger at the app's level, the
 * system clock, WAL database in a fresh data folder) with the test host's fakes for the ports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../src-main/core/core';
import type { CoreDeps } from '../../../src-main/core/context';
import type { ConnectionRecord } from '../../../src-main/core/db/repositories/connections';
import type { TokenRecord } from '../../../src-main/core/db/repositories/tokens';
import { createFileLogger } from '../../../src-main/core/log/logger';
import { systemClock } from '../../../src-main/core/ports';
import type { ProviderId } from '../../../src-preload/contract';
import { makeFakes, type FakeSessions, type MemoryCredentialStore } from '../../host/fakes';

export function benchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tk-bench-${prefix}-`));
}

export interface BenchCore {
  core: Core;
  dataDir: string;
  sessions: FakeSessions;
  credentials: MemoryCredentialStore;
  close(): Promise<void>;
}

export function benchCore(
  options: { dataDir?: string; configure?: (deps: CoreDeps) => CoreDeps } = {},
): BenchCore {
  const dataDir = options.dataDir ?? benchDir('core');
  const fakes = makeFakes(dataDir);
  let deps: CoreDeps = {
    dataDir,
    appName: 'Tokenkeeper',
    appVersion: '0.0.0-bench',
    platform: process.platform,
    ...fakes,
    clock: systemClock,
    log: createFileLogger({ dir: path.join(dataDir, 'logs') }),
    emit: () => undefined,
    proxyEnv: {},

    // The simulators listen on loopback: the developer setting that allows it.
    allowLoopbackAddresses: true,
  };
  if (options.configure) deps = options.configure(deps);
  const core = createCore(deps);
  return {
    core,
    dataDir,
    sessions: fakes.sessions,
    credentials: fakes.credentials,
    async close() {
      await core.shutdown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A connection row as a finished sync leaves it (no provider is called). */
export function insertConnection(core: Core, id: string, provider: ProviderId, label: string): void {
  const now = Date.now();
  const record: ConnectionRecord = {
    id,
    provider,
    label,
    mode: 'api',
    baseUrl: null,
    credentialOrigin: null,
    accounts: [],
    identity: null,
    status: 'ok',
    lastSyncAt: now,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
  core.context.repos.connections.insert(record);
}

/** Cache rows through the core's repository, one transaction per connection (as a sync writes). */
export function insertRecords(core: Core, records: readonly TokenRecord[]): void {
  const { db, repos } = core.context;
  db.transaction(() => {
    for (const record of records) repos.tokens.insert(record);
  })();
}
