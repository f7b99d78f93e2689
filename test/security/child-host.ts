/**
 * Starts the test host in a child process (test/security/host-process.ts) and waits for its first
 * line. Crash tests kill it with SIGKILL (no shutdown, no cleanup: what a crash or a power cut
 * leaves) and start another on the same data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PROJECT_ROOT } from '../host/server';
import type { HostProcessConfig } from './host-process';

export interface ChildHost {
  process: ChildProcess;
  /** The first line it printed. */
  first: { type: 'ready'; pageUrl: string } | { type: 'refused'; title: string; message: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stderr (for failure messages). */
  stderr(): string;
}

/** A "keychain" key shared by every process of one test. */
export const newKeychainKey = (): string => randomBytes(32).toString('hex');

export async function startChildHost(config: HostProcessConfig, timeoutMs = 30_000): Promise<ChildHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/security/host-process.ts')],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TK_HOST_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const first = await new Promise<ChildHost['first']>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`the host process did not start within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(buffered.slice(0, newline)) as ChildHost['first']);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`the host process exited (${code ?? signal ?? '?'}) before saying anything:\n${stderr}`),
      );
    });
  });
  return { process: child, first, exited, stderr: () => stderr };
}

/** SIGKILL: no shutdown handler runs, no file is closed cleanly. */
export async function killHard(host: ChildHost): Promise<void> {
  host.process.kill('SIGKILL');
  const { signal } = await host.exited;
  if (signal !== 'SIGKILL')
    throw new Error(`the host process ended with ${signal ?? 'an exit code'}, not SIGKILL`);
}

/** SIGTERM: the host closes the core as the app does on quit. */
export async function stopGently(host: ChildHost): Promise<void> {
  host.process.kill('SIGTERM');
  await host.exited;
}
