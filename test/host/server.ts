/**
 * The test host: the real core in plain Node with in-memory fakes for the shell's ports, the
 * built renderer served on 127.0.0.1, and the contract carried over a loopback WebSocket that
 * requires a per-run secret and the host's own origin. Requests that name another Host (DNS
 * rebinding) are refused, and the WebSocket's Origin must be exactly `http://127.0.0.1:<port>`. Playwright drives the real UI through
 * it; `npm run preview:web` starts it for a person with a browser.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core } from '../../src-main/core/core';
import type { CoreDeps } from '../../src-main/core/context';
import { createFileLogger, type Logger } from '../../src-main/core/log/logger';
import { systemClock, type Clock, type EmitEvent } from '../../src-main/core/ports';
import { events, type EventName } from '../../src-preload/contract';
import { makeFakes, type Fakes } from './fakes';
import { ShellModel, type ShellMessage, type ShellModelOptions } from './shell-model';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(here, '../..');
export const DEFAULT_RENDERER_DIR = path.join(PROJECT_ROOT, 'out/renderer');

/** Same policy as the Electron shell's app:// protocol, plus the loopback WebSocket (same origin). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

let bridgeBundle: Promise<string> | null = null;
function bundleBridge(): Promise<string> {
  bridgeBundle ??= build({
    entryPoints: [path.join(here, 'bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeBundle;
}

export interface HostOptions {
  dataDir: string;
  rendererDir?: string;
  clock?: Clock;
  port?: number;
  demo?: boolean;
  log?: Logger;
  /** Adjust the core's dependencies before it is created (e.g. a test's proxy resolver). */
  configure?: (deps: CoreDeps) => CoreDeps;
  /** The shell being modelled: production (default) or development menu and input guard. */
  shell?: ShellModelOptions;
}

export interface TestHost {
  /** The renderer's address, without the secret. */
  origin: string;
  /** The address to open: origin plus `#tk=<secret>`. */
  pageUrl: string;
  secret: string;
  core: Core;
  fakes: Fakes;
  clock: Clock;
  /** The application menu, main's input guard and the lost-renderer rule, as the shell has them. */
  shell: ShellModel;
  /** Every event the core emitted, in order. */
  emitted: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

function safeJoin(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  const target = path.resolve(root, `.${decoded}`);
  return target.startsWith(root + path.sep) ? target : null;
}

export async function startHost(options: HostOptions): Promise<TestHost> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}. Run "npm run build" first.`);
  }
  const secret = randomBytes(24).toString('hex');
  const clock = options.clock ?? systemClock;
  const clients = new Set<WebSocket>();
  const emitted: TestHost['emitted'] = [];

  const emit: EmitEvent = (event, payload) => {
    const checked = events[event].safeParse(payload);
    if (!checked.success) throw new Error(`event ${event} payload outside the contract`);
    emitted.push({ event, payload: checked.data });
    const text = JSON.stringify({ type: 'event', event, payload: checked.data });
    for (const client of clients) client.send(text);
  };

  const fakes = makeFakes(options.dataDir);
  const log = options.log ?? createFileLogger({ dir: path.join(options.dataDir, 'logs') });
  let deps: CoreDeps = {
    dataDir: options.dataDir,
    appName: 'Tokenkeeper',
    appVersion: 'test-host',
    platform: process.platform,
    demo: options.demo ?? false,
    ...fakes,
    clock,
    emit,
    log,

    // The simulators listen on loopback: the developer setting that allows it.
    allowLoopbackAddresses: true,
  };
  if (options.configure) deps = options.configure(deps);
  const core = createCore(deps);
  const shell = new ShellModel(core, options.shell ?? {}, (message: ShellMessage) => {
    const text = JSON.stringify(message);
    for (const client of clients) client.send(text);
  });
  // The shell learns that a secret is held from the vault's content-protection call, as here.
  const setContentProtection = fakes.system.setContentProtection.bind(fakes.system);
  fakes.system.setContentProtection = (enabled) => {
    setContentProtection(enabled);
    shell.setSecretHeld(enabled);
  };

  const bridge = await bundleBridge();
  /** `127.0.0.1:<port>`, known once listening; every request must name exactly this host. */
  let ownHost = '';
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    // DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 sends its
    // own name as Host. Only our fixed address is served.
    if (request.headers.host !== ownHost) {
      response.writeHead(421, headers);
      response.end('Misdirected request');
      return;
    }
    if (url.pathname === '/__tk/bridge.js') {
      response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES['.js'] });
      response.end(bridge);
      return;
    }
    const file =
      url.pathname === '/' ? path.join(rendererDir, 'index.html') : safeJoin(rendererDir, url.pathname);
    if (file === null || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, headers);
      response.end('Not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (file.endsWith('index.html')) {
      // The bridge must define window.tokenkeeper before the app's module script runs.
      body = body.toString('utf8').replace('<script', '<script src="/__tk/bridge.js"></script>\n    <script');
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    response.end(body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    // The Origin is compared with our fixed address, never with the Host the request names.
    if (
      request.url !== '/__tk/ws' ||
      request.headers.host !== ownHost ||
      request.headers.origin !== `http://${ownHost}`
    ) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      let authenticated = false;
      ws.on('message', (raw) => {
        let message: { type?: unknown; secret?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
        try {
          message = JSON.parse(Buffer.from(raw as Buffer).toString('utf8')) as typeof message;
        } catch {
          ws.close(1003, 'bad message');
          return;
        }
        if (!authenticated) {
          const given = Buffer.from(typeof message.secret === 'string' ? message.secret : '');
          const expected = Buffer.from(secret);
          if (
            message.type === 'hello' &&
            given.length === expected.length &&
            timingSafeEqual(given, expected)
          ) {
            authenticated = true;
            clients.add(ws);
            ws.send(JSON.stringify({ type: 'ready', shell: shell.state }));
          } else {
            ws.close(1008, 'not allowed');
          }
          return;
        }
        // An accelerator of one of the app's own menu commands, pressed in the page.
        if (message.type === 'menu' && typeof message.id === 'string') {
          void shell.clickMenu(message.id).catch(() => undefined);
          return;
        }
        if (message.type !== 'call' || typeof message.id !== 'number') return;
        const id = message.id;
        void core.call(message.channel, message.payload).then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result }));
        });
      });
      ws.on('close', () => {
        clients.delete(ws);
        if (authenticated) shell.clientClosed(ws);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ownHost = `127.0.0.1:${port}`;
  const origin = `http://${ownHost}`;

  return {
    origin,
    pageUrl: `${origin}/#tk=${secret}`,
    secret,
    core,
    fakes,
    clock,
    shell,
    emitted,
    async close() {
      // Every socket, not only authenticated ones: one still saying hello would keep close() waiting.
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.shutdown();
    },
  };
}
