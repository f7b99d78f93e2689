/**
 * On POSIX the data folder is 0700 and the files the core writes into it are 0600: the database
 * with its -wal and -shm, the logs (also after rotation), the connections manifest. The folder is
 * made 0755 first, as Electron or a umask of 022 would leave it, and a database from an earlier
 * version created 0644 is tightened when the core opens it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/core';
import { createFileLogger } from '../../../src-main/core/log/logger';
import { ManualClock } from '../../host/clock';
import { makeFakes } from '../../host/fakes';
import { tempDir } from '../helpers';

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

function openCore(dataDir: string) {
  return createCore({
    dataDir,
    appName: 'Tokenkeeper',
    appVersion: '0.0.0-test',
    platform: 'linux',
    ...makeFakes(dataDir),
    clock: new ManualClock(),
    log: createFileLogger({ dir: path.join(dataDir, 'logs'), maxBytes: 400, maxFiles: 3 }),
    emit: () => undefined,
  });
}

describe.skipIf(process.platform === 'win32')('file modes of the data folder (POSIX)', () => {
  it('makes the data folder 0700 and the database, WAL, shared memory, logs and manifest 0600', async () => {
    const dataDir = path.join(tempDir(), 'Tokenkeeper');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const core = openCore(dataDir);
    await core.handlers.updateSettings({ clipboardClearSeconds: 45 });
    // Enough lines to rotate the 400-byte log at least once.
    for (let i = 0; i < 20; i++) core.context.log.info('a line that fills the log', { i });

    expect(mode(dataDir)).toBe('700');
    for (const file of ['tokenkeeper.db', 'tokenkeeper.db-wal', 'tokenkeeper.db-shm', 'connections.json']) {
      expect({ file, mode: mode(path.join(dataDir, file)) }).toEqual({ file, mode: '600' });
    }
    expect(mode(path.join(dataDir, 'logs'))).toBe('700');
    const logs = fs.readdirSync(path.join(dataDir, 'logs'));
    expect(logs.length).toBeGreaterThan(1);
    for (const file of logs) {
      expect({ file, mode: mode(path.join(dataDir, 'logs', file)) }).toEqual({ file, mode: '600' });
    }
    await core.shutdown();
  });

  it('tightens a database, WAL and log folder an earlier version left readable by others', async () => {
    const dataDir = tempDir();
    const first = openCore(dataDir);
    await first.handlers.updateSettings({ clipboardClearSeconds: 45 });
    await first.shutdown();
    fs.chmodSync(path.join(dataDir, 'tokenkeeper.db'), 0o644);
    fs.chmodSync(path.join(dataDir, 'logs'), 0o755);
    fs.chmodSync(dataDir, 0o755);

    const again = openCore(dataDir);
    expect(mode(dataDir)).toBe('700');
    expect(mode(path.join(dataDir, 'tokenkeeper.db'))).toBe('600');
    expect(mode(path.join(dataDir, 'logs'))).toBe('700');
    expect(again.context.settings.get().clipboardClearSeconds).toBe(45);
    await again.shutdown();
  });
});
