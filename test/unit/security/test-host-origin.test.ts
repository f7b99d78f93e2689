/**
 * The test host serves the real core to whatever can reach 127.0.0.1, so it must not serve a page
 * from elsewhere. DNS rebinding: a page on attacker.example whose name is re-pointed at
 * 127.0.0.1 sends requests with `Host: attacker.example:<port>` and, for a WebSocket,
 * `Origin: http://attacker.example:<port>`. Before, the host compared the Origin with the Host
 * the request itself named, so that pair was accepted. Now the Host must be the fixed
 * `127.0.0.1:<port>` and the Origin exactly `http://127.0.0.1:<port>`.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../src-main/core/log/logger';
import { startHost, type TestHost } from '../../host/server';
import { tempDir } from '../helpers';

let host: TestHost;
let port: number;

beforeAll(async () => {
  const rendererDir = tempDir('tk-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module"></script>');
  host = await startHost({ dataDir: tempDir(), rendererDir, log: silentLogger });
  port = Number(new URL(host.origin).port);
});
afterAll(() => host.close());

function get(hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Opens the contract's WebSocket with the given headers and says whether the core answered. */
function connect(headers: { host?: string; origin: string }): Promise<'ready' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__tk/ws`, {
      origin: headers.origin,
      ...(headers.host === undefined ? {} : { headers: { Host: headers.host } }),
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', secret: host.secret })));
    ws.on('message', (raw) => {
      const message = JSON.parse(Buffer.from(raw as Buffer).toString('utf8')) as { type: string };
      if (message.type === 'ready') {
        ws.close();
        resolve('ready');
      }
    });
    ws.on('error', () => resolve('refused'));
    ws.on('close', () => resolve('refused'));
  });
}

describe('the test host refuses other origins and hosts', () => {
  it('serves the page only to requests naming its own address', async () => {
    expect(await get(`127.0.0.1:${port}`)).toBe(200);
    expect(await get(`attacker.example:${port}`)).toBe(421);
    expect(await get(`localhost:${port}`)).toBe(421);
    expect(await get('127.0.0.1')).toBe(421);
  });

  it('opens the contract only for its own origin, even with the secret', async () => {
    expect(await connect({ origin: host.origin })).toBe('ready');
    expect(await connect({ origin: 'http://attacker.example' })).toBe('refused');
    expect(await connect({ origin: `http://localhost:${port}` })).toBe('refused');
    // The rebinding pair: Host and Origin agree with each other, not with the host's address.
    expect(
      await connect({ host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` }),
    ).toBe('refused');
  });
});
