/**
 * A SpawnPort for tests: node's spawn without a shell, the request's environment only, standard
 * input written then closed, a timeout that kills the child. Records every request so a test can
 * scan argv and env for the canary.
 */
import { spawn } from 'node:child_process';
import type {
  SpawnPort,
  SpawnRequest,
  SpawnResult,
} from '../../../../src-main/core/services/delivery/target-kind';

export class TestSpawn implements SpawnPort {
  readonly requests: SpawnRequest[] = [];

  async run(request: SpawnRequest): Promise<SpawnResult> {
    this.requests.push(request);
    return new Promise((resolve, reject) => {
      const child = spawn(request.file, [...request.args], {
        env: request.env,
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
        ...(request.cwd === undefined ? {} : { cwd: request.cwd }),
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, request.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code, timedOut, stdout, stderr });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(request.stdin);
    });
  }
}
