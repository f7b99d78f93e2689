/**
 * The core's SpawnPort: Node's child_process.spawn with `shell: false` (arguments reach the
 * program as they are, nothing is interpreted), the environment given and nothing else, the
 * secret written to standard input and closed, and the child killed at the timeout. Output is
 * capped, so a chatty command cannot fill memory.
 */
import { spawn } from 'node:child_process';
import type { SpawnPort, SpawnRequest, SpawnResult } from './target-kind';

// Large enough for what a program answers on purpose (`op item get` prints a whole item as JSON,
// which a cut would make unreadable), small enough that a chatty command cannot fill memory.
const MAX_OUTPUT = 1024 * 1024;

export const nodeSpawnPort: SpawnPort = {
  run(request: SpawnRequest): Promise<SpawnResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(request.file, [...request.args], {
        shell: false,
        env: request.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        ...(request.cwd === undefined ? {} : { cwd: request.cwd }),
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, request.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8').slice(0, MAX_OUTPUT - stdout.length);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8').slice(0, MAX_OUTPUT - stderr.length);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code, timedOut, stdout, stderr });
      });
      // A command that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(request.stdin);
    });
  },
};
