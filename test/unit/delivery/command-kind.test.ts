/**
 * The command kind: the secret reaches the program on standard input only; its argv and its
 * (minimal) environment never hold it; exit 0 is success; a failure, a timeout or a missing
 * program is a clear message without the secret. A fake spawn port records what it was given;
 * one real run through the core's Node port shows the program gets the secret on stdin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandKind, minimalEnvironment } from '../../../src-main/core/services/delivery/kinds/command';
import { nodeSpawnPort } from '../../../src-main/core/services/delivery/node-spawn';
import type {
  SpawnPort,
  SpawnRequest,
  SpawnResult,
} from '../../../src-main/core/services/delivery/target-kind';
import { systemClock } from '../../../src-main/core/ports';
import { tempDir } from '../helpers';

const SECRET = 'mt_new_4b1f0e9d2c3a';

function fakeSpawn(result: Partial<SpawnResult>): SpawnPort & { calls: SpawnRequest[] } {
  const calls: SpawnRequest[] = [];
  return {
    calls,
    run: async (request) => {
      calls.push(request);
      return { exitCode: 0, timedOut: false, stdout: '', stderr: '', ...result };
    },
  };
}

const kind = commandKind({
  env: () =>
    minimalEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/u',
      LANG: 'C',
      MAILTRAP_TOKEN: 'x',
      AWS_SECRET: 'y',
    }),
});

describe('command delivery target', () => {
  it('passes the secret on stdin only, with a minimal environment, and counts exit 0 as verified', async () => {
    const spawn = fakeSpawn({});
    const config = kind.parse({
      file: '/usr/local/bin/reload-mail',
      args: '--service\nmail\n',
      timeoutSeconds: '20',
    });
    const receipt = await kind.deliver(config, SECRET, { clock: systemClock, spawn });
    expect(spawn.calls).toHaveLength(1);
    const call = spawn.calls[0]!;
    expect(call.file).toBe('/usr/local/bin/reload-mail');
    expect(call.args).toEqual(['--service', 'mail']);
    expect(call.env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', LANG: 'C' });
    expect(call.timeoutMs).toBe(20_000);
    expect(call.stdin).toBe(`${SECRET}\n`);
    expect(JSON.stringify([call.file, call.args, call.env])).not.toContain(SECRET);
    expect(await kind.verify(config, SECRET, receipt, { clock: systemClock })).toEqual({ verified: true });
    expect(kind.describe(config)).toBe('reload-mail --service mail');
  });

  it('a failing exit, a timeout and a missing program are clear messages that never quote the secret', async () => {
    const config = kind.parse({ file: '/opt/x/reload', args: [] });
    const failing = fakeSpawn({ exitCode: 1, stderr: `refused ${SECRET}\n` });
    const error = await kind
      .deliver(config, SECRET, { clock: systemClock, spawn: failing })
      .catch((e: unknown) => (e as Error).message);
    expect(error).toContain('failed (exit status 1): refused [secret]');
    expect(error).not.toContain(SECRET);
    await expect(
      kind.deliver(config, SECRET, {
        clock: systemClock,
        spawn: fakeSpawn({ exitCode: null, timedOut: true }),
      }),
    ).rejects.toThrow('did not finish within 30 s');
    const missing: SpawnPort = {
      run: () => Promise.reject(Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' })),
    };
    await expect(kind.deliver(config, SECRET, { clock: systemClock, spawn: missing })).rejects.toThrow(
      'the program is not there',
    );
  });

  it('refuses a command line that holds the secret itself, and bad forms', async () => {
    const spawn = fakeSpawn({});
    const config = kind.parse({ file: '/opt/x/reload', args: ['--token', SECRET] });
    await expect(kind.deliver(config, SECRET, { clock: systemClock, spawn })).rejects.toThrow(
      'standard input',
    );
    expect(spawn.calls).toEqual([]);
    expect(() => kind.parse({ file: 'reload' })).toThrow('full path');
    expect(() => kind.parse({ file: '/x', timeoutSeconds: 0 })).toThrow('timeout');
    expect(() => kind.parse({ file: '/x', args: 42 })).toThrow('one per line');
  });

  it('through the Node port, a real program reads the secret on stdin and sees only the minimal environment', async () => {
    const dir = tempDir('tk-command-');
    const out = path.join(dir, 'seen.json');
    const script = path.join(dir, 'record.js');
    fs.writeFileSync(
      script,
      `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{require('fs').writeFileSync(${JSON.stringify(out)},JSON.stringify({stdin:s,env:Object.keys(process.env).sort(),argv:process.argv.slice(2)}))})`,
    );
    const config = commandKind().parse({ file: process.execPath, args: [script, 'a b'] });
    await commandKind().deliver(config, SECRET, { clock: systemClock, spawn: nodeSpawnPort });
    const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as { stdin: string; env: string[]; argv: string[] };
    expect(seen.stdin).toBe(`${SECRET}\n`);
    expect(seen.argv).toEqual(['a b']);
    expect(seen.env.every((k) => ['PATH', 'HOME', 'USERPROFILE', 'LANG'].includes(k))).toBe(true);
  });
});
