/** Shared helpers for unit tests: a core on a temporary data folder with fakes for every port. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src-main/core/core';
import type { CoreDeps } from '../../src-main/core/context';
import { createMemoryLogger } from '../../src-main/core/log/logger';
import type { EventName, ProviderId } from '../../src-preload/contract';
import { ManualClock } from '../host/clock';
import { makeFakes, type Fakes } from '../host/fakes';

export function tempDir(prefix = 'tk-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  core: Core;
  clock: ManualClock;
  dataDir: string;
  logLines: string[];
  emitted: { event: EventName; payload: unknown }[];
  fakes: Fakes;
  close(): Promise<void>;
}

export function makeCore(
  options: { dataDir?: string; clock?: ManualClock; configure?: (deps: CoreDeps) => CoreDeps } = {},
): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const clock = options.clock ?? new ManualClock();
  const logger = createMemoryLogger();
  const emitted: TestCore['emitted'] = [];
  const fakes = makeFakes(dataDir);
  let deps: CoreDeps = {
    dataDir,
    appName: 'Tokenkeeper',
    appVersion: '0.0.0-test',
    platform: 'linux',
    ...fakes,
    clock,
    log: logger,
    emit: (event, payload) => emitted.push({ event, payload }),

    // The simulators listen on loopback: the developer setting that allows it.
    allowLoopbackAddresses: true,
  };
  if (options.configure) deps = options.configure(deps);
  const core = createCore(deps);
  return {
    core,
    clock,
    dataDir,
    logLines: logger.lines,
    emitted,
    fakes,
    close: () => core.shutdown(),
  };
}

/** Adds a tracked connection through the real handlers. */
export async function addTrackedConnection(
  core: Core,
  provider: ProviderId = 'smenso',
  label = 'Acme workspace',
) {
  const draft = await core.handlers.beginConnection({
    provider,
    mode: 'tracked',
    label,
    baseUrl: null,
    fields: {},
  });
  return core.handlers.completeConnection({ draftId: draft.draftId, label, accountIds: [] });
}

export const DAY = 86_400_000;
