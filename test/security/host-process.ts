/**
 * The test host in a process of its own, so crash tests can SIGKILL it. Started by
 * test/security/child-host.ts as `node --import tsx test/security/host-process.ts` with its
 * settings in TK_HOST_CONFIG (JSON). It prints one JSON line on stdout:
 *   {"type":"ready","pageUrl":...}                 the core is up and the renderer is served;
 *   {"type":"refused","title":...,"message":...}    the data is from a newer Tokenkeeper (what the
 *                                                   shell shows in its error box), then exits 1.
 * Credentials persist across restarts like the OS keychain's: the shell's
 * SafeStorageCredentialStore over a JSON file in the data folder, encrypted under a key the test
 * passes to every process it starts.
 */
import path from 'node:path';
import { DatabaseTooNewError } from '../../src-main/core/db/database';
import type { HttpSettings } from '../../src-main/core/http/client';
import { SafeStorageCredentialStore } from '../../src-main/shell/credential-store';
import { startHost, type TestHost } from '../host/server';
import { EncryptingSafeStorage } from './fake-safe-storage';
import { JsonFileStore } from './file-key-value';

export interface HostProcessConfig {
  dataDir: string;
  /** 32 bytes, hex: the "keychain" key. */
  keyHex: string;
  http: Partial<HttpSettings>;
}

function say(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.TK_HOST_CONFIG ?? '') as HostProcessConfig;
  const store = new SafeStorageCredentialStore(
    new EncryptingSafeStorage(Buffer.from(config.keyHex, 'hex')),
    new JsonFileStore(path.join(config.dataDir, 'tokenkeeper.json')),
    'linux',
  );
  let host: TestHost;
  try {
    host = await startHost({
      dataDir: config.dataDir,
      configure: (deps) => ({ ...deps, credentials: store, http: config.http, proxyEnv: {} }),
    });
  } catch (error) {
    if (error instanceof DatabaseTooNewError) {
      // The shell: dialog.showErrorBox('Tokenkeeper cannot open its data', error.message), then exit.
      say({ type: 'refused', title: 'Tokenkeeper cannot open its data', message: error.message });
      process.exit(1);
    }
    throw error;
  }
  process.on('SIGTERM', () => {
    void host.close().finally(() => process.exit(0));
  });
  say({ type: 'ready', pageUrl: host.pageUrl });
}

void main();
