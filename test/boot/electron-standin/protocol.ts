/**
 * `protocol` and `net`. Schemes are made privileged before ready and handled after it (as
 * Electron requires); a page load through a handled scheme runs the app's handler (windows.ts).
 * `net.fetch` reads `file:` URLs from disk the way Chromium's file loader does (a missing file
 * fails with net::ERR_FILE_NOT_FOUND, a MIME type from the extension) and hands anything else
 * to Node's fetch.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomScheme, Net, Protocol } from 'electron';
import { requireNotReady, requireReady } from './recorder';

type Handler = Parameters<Protocol['handle']>[1];

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export class StandinProtocol implements Pick<
  Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, Handler>();

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    requireNotReady('protocol.registerSchemesAsPrivileged()');
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: Handler): void {
    requireReady('protocol.handle()');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** What a page asking for `url` gets from the app's handler (control.ts, windows.ts). */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`);
    return handler(new Request(url));
  }

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }
}

export class StandinNet implements Pick<Net, 'fetch' | 'isOnline'> {
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith('file:')) return fetch(input, init);
    const file = fileURLToPath(url);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await fs.readFile(file));
    } catch {
      throw new Error(`net::ERR_FILE_NOT_FOUND (${url})`);
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  }
  isOnline(): boolean {
    return true;
  }
}

export const protocolImpl = new StandinProtocol();
export const netImpl = new StandinNet();
