/**
 * Proxy selection: environment (HTTPS_PROXY / NO_PROXY) first, then the system's answer from
 * Electron's resolveProxy (a PAC string), loopback always direct; and a request really going
 * through a CONNECT proxy.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../../src-main/core/http/client';
import { chooseProxy, envProxyFor, matchesNoProxy, parsePacResult } from '../../../src-main/core/http/proxy';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import { SimServer } from '../../simulators/base';

const url = (text: string) => new URL(text);

describe('PAC results', () => {
  it('reads PROXY, HTTPS and DIRECT entries in order and skips SOCKS', () => {
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toEqual([
      { kind: 'proxy', uri: 'http://proxy.corp:8080', source: 'system' },
      { kind: 'direct' },
    ]);
    expect(parsePacResult('SOCKS5 socks.corp:1080; HTTPS secure.corp:443')).toEqual([
      { kind: 'proxy', uri: 'https://secure.corp:443', source: 'system' },
    ]);
    expect(parsePacResult('DIRECT')).toEqual([{ kind: 'direct' }]);
    expect(parsePacResult('')).toEqual([]);
  });
});

describe('NO_PROXY', () => {
  it('matches hosts, domain suffixes, ports and *', () => {
    expect(matchesNoProxy(url('https://mailtrap.io/api'), 'mailtrap.io')).toBe(true);
    expect(matchesNoProxy(url('https://api.smoxy.eu'), '.smoxy.eu')).toBe(true);
    expect(matchesNoProxy(url('https://api.smoxy.eu'), 'smoxy.eu')).toBe(true);
    expect(matchesNoProxy(url('https://notsmoxy.eu'), 'smoxy.eu')).toBe(false);
    expect(matchesNoProxy(url('https://mailtrap.io'), 'mailtrap.io:8443')).toBe(false);
    expect(matchesNoProxy(url('https://mailtrap.io'), 'mailtrap.io:443')).toBe(true);
    expect(matchesNoProxy(url('https://anything.example'), '*')).toBe(true);
    expect(matchesNoProxy(url('https://mailtrap.io'), 'example.com, other.org')).toBe(false);
  });
});

describe('choosing a proxy', () => {
  const system = async () => 'PROXY system.corp:3128; DIRECT';

  it('takes HTTPS_PROXY from the environment over the system setting', async () => {
    const choice = await chooseProxy(url('https://mailtrap.io'), {
      env: { HTTPS_PROXY: 'http://env.corp:8080' },
      resolveProxy: system,
    });
    expect(choice).toEqual({ kind: 'proxy', uri: 'http://env.corp:8080', source: 'env' });
    expect(envProxyFor(url('https://mailtrap.io'), { https_proxy: 'env.corp:8080' })).toEqual({
      kind: 'proxy',
      uri: 'http://env.corp:8080',
      source: 'env',
    });
  });

  it('goes direct for hosts in NO_PROXY even when a system proxy exists', async () => {
    const choice = await chooseProxy(url('https://mailtrap.io'), {
      env: { HTTPS_PROXY: 'http://env.corp:8080', NO_PROXY: 'mailtrap.io' },
      resolveProxy: system,
    });
    expect(choice).toEqual({ kind: 'direct' });
  });

  it('uses the system proxy (Electron resolveProxy) when the environment sets none', async () => {
    const asked: string[] = [];
    const choice = await chooseProxy(url('https://api.smoxy.eu/api/zones'), {
      env: {},
      resolveProxy: async (u) => {
        asked.push(u);
        return 'PROXY system.corp:3128; DIRECT';
      },
    });
    expect(choice).toEqual({ kind: 'proxy', uri: 'http://system.corp:3128', source: 'system' });
    expect(asked).toEqual(['https://api.smoxy.eu/api/zones']);
  });

  it('goes direct when the system says DIRECT, has no answer, or fails', async () => {
    expect(
      await chooseProxy(url('https://mailtrap.io'), { env: {}, resolveProxy: async () => 'DIRECT' }),
    ).toEqual({ kind: 'direct' });
    expect(
      await chooseProxy(url('https://mailtrap.io'), { env: {}, resolveProxy: async () => null }),
    ).toEqual({ kind: 'direct' });
    expect(
      await chooseProxy(url('https://mailtrap.io'), {
        env: {},
        resolveProxy: () => Promise.reject(new Error('no PAC')),
      }),
    ).toEqual({ kind: 'direct' });
    expect(await chooseProxy(url('https://mailtrap.io'), { env: {} })).toEqual({ kind: 'direct' });
  });

  it('always reaches loopback hosts directly', async () => {
    const choice = await chooseProxy(url('http://127.0.0.1:9000'), {
      env: { HTTP_PROXY: 'http://env.corp:8080' },
      resolveProxy: system,
    });
    expect(choice).toEqual({ kind: 'direct' });
  });
});

describe('through a real proxy', () => {
  let proxy: http.Server | null = null;
  let sim: SimServer | null = null;
  let client: HttpClient | null = null;

  afterEach(async () => {
    await client?.close();
    await sim?.close();
    if (proxy !== null) {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy?.close(resolve));
    }
  });

  it('tunnels a request through the proxy the system names', async () => {
    sim = await new SimServer().start();
    sim.route('GET', '/api/zones', () => ({ status: 200, json: { ok: true } }));
    const simPort = Number(new URL(sim.url).port);
    const tunnels: string[] = [];
    // A CONNECT proxy that "resolves" every host to the simulator.
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const upstream = net.connect(simPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as AddressInfo).port;

    client = new HttpClient({
      log: createMemoryLogger(),
      settings: { ...DEFAULT_HTTP_SETTINGS, maxAttempts: 1, totalTimeoutMs: 2000 },
      env: {},
      resolveProxy: async () => `PROXY 127.0.0.1:${proxyPort}; DIRECT`,
      caPath: () => null,
      time: { now: () => Date.now(), sleep: async () => undefined },
      random: () => 0.5,
      userAgent: 'test',
    });
    const target = client.target({
      provider: 'smoxy',
      baseUrl: new URL('http://api.smoxy.example:4321'),
      credentialOrigin: new URL('http://api.smoxy.example:4321').origin,
      limiterKey: 'k',
      rateLimit: null,
    });
    const response = await target.send({
      endpoint: 'zones.list',
      method: 'GET',
      path: '/api/zones',
      auth: 'credential',
      schema: z.object({ ok: z.boolean() }),
    });
    expect(response.data).toEqual({ ok: true });
    expect(tunnels).toEqual(['api.smoxy.example:4321']);
    expect(sim.count('GET /api/zones')).toBe(1);
  });
});
