/**
 * The common part of the provider simulators: a small HTTP server on 127.0.0.1 (random port)
 * with a router, a request log (to count calls per endpoint, e.g. to prove a create was sent
 * once), a controllable clock, and per-test fault injection:
 *   latency, a status (429 with Retry-After, 500/502/503, ...), a timeout (no answer at all),
 *   a connection reset, malformed JSON, and a huge body (50 MB by default).
 * A fault can strike before the simulator handles the request (nothing happens at the
 * "provider") or `afterHandling` (the provider did the work, then the answer was lost): the
 * second is what makes a create or a reset ambiguous.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown; headers?: Record<string, string> }
  | { kind: 'timeout'; afterHandling?: boolean }
  | { kind: 'reset'; afterHandling?: boolean }
  | { kind: 'malformed'; afterHandling?: boolean }
  | { kind: 'huge'; bytes?: number; afterHandling?: boolean; declareLength?: boolean };

export interface FaultRule {
  /** "METHOD /pattern", e.g. "POST /api/accounts/:accountId/api_tokens"; omitted: every route. */
  route?: string;
  /** How many requests it strikes (default 1). */
  times?: number;
  fault: Fault;
}

export interface RecordedRequest {
  method: string;
  /** The route key ("POST /api/api-tokens"), or "unmatched". */
  route: string;
  path: string;
  at: number;
  /** Which credential authenticated it (simulator's own token id), when the simulator knows. */
  authenticatedAs: string | null;
  /** Whether a secret-looking value appeared in the URL (must never happen). */
  query: string;
}

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  ip: string;
  /** Set by a handler so the request log can say who made the call. */
  authenticatedAs: string | null;
}

export interface SimResponse {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string | string[]>;
}

type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export interface SimulatorOptions {
  /** The simulator's clock (tests pass the core's ManualClock so times line up). */
  now?: () => number;
  /** Counts requests in progress (several simulators may share one, to observe concurrency). */
  tracker?: ConcurrencyTracker;
}

export interface ConcurrencyTracker {
  current: number;
  max: number;
}

export const FIFTY_MB = 50 * 1024 * 1024;

/** Crash tests: called around the answer to a request on a route. */
export interface AnswerWatcher {
  route: string;
  /** The provider did the work; the answer is about to be written. */
  beforeAnswer?: (request: RecordedRequest) => void;
  /** The answer was handed to the network in full. */
  afterAnswer?: (request: RecordedRequest) => void;
}

export class SimServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private rules: (FaultRule & { left: number })[] = [];
  private readonly watchers: AnswerWatcher[] = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly queuedSecrets: string[] = [];
  url = '';
  now: () => number;
  readonly tracker: ConcurrencyTracker;

  constructor(options: SimulatorOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.tracker = options.tracker ?? { current: 0, max: 0 };
  }

  route(method: string, pattern: string, handler: Handler): void {
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    this.routes.push({ method, pattern, regex, names, handler });
  }

  /** Injects a fault for the next matching request(s). */
  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.rules = [];
  }

  /** Calls back around the answers to a route (e.g. to kill the app right after the provider answered). */
  watchAnswers(watcher: AnswerWatcher): void {
    this.watchers.push(watcher);
  }

  /** How many requests reached a route ("POST /api/api-tokens"). */
  count(route: string): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  /** The next minted secrets (canaries); afterwards secrets are random again. */
  queueSecrets(...secrets: string[]): void {
    this.queuedSecrets.push(...secrets);
  }

  mintSecret(
    prefix: string,
    length = 40,
    alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ): string {
    const queued = this.queuedSecrets.shift();
    if (queued !== undefined) return queued;
    const bytes = randomBytes(length);
    let out = prefix;
    for (const byte of bytes) out += alphabet[byte % alphabet.length];
    return out;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.tracker.current += 1;
      this.tracker.max = Math.max(this.tracker.max, this.tracker.current);
      res.on('close', () => {
        this.tracker.current -= 1;
      });
      void this.handle(req, res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server === null ? resolve() : this.server.close(() => resolve()),
    );
  }

  private takeFault(routeKey: string): Fault | null {
    const rule = this.rules.find((r) => r.left > 0 && (r.route === undefined || r.route === routeKey));
    if (rule === undefined) return null;
    rule.left -= 1;
    return rule.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    let matched: { route: Route; params: Record<string, string> } | null = null;
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(url.pathname);
      if (m === null) continue;
      matched = {
        route,
        params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])),
      };
      break;
    }
    const routeKey = matched === null ? 'unmatched' : `${method} ${matched.route.pattern}`;
    const record: RecordedRequest = {
      method,
      route: routeKey,
      path: url.pathname,
      at: this.now(),
      authenticatedAs: null,
      query: url.search,
    };
    this.requests.push(record);

    let fault = this.takeFault(routeKey);
    if (fault?.kind === 'latency') {
      await sleep(fault.ms);
      fault = null;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      Object.assign(headers, fault.headers);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify(fault.body ?? { error: `Simulated ${fault.status}` }));
      return;
    }
    if (fault !== null && !('afterHandling' in fault && fault.afterHandling === true)) {
      this.misbehave(fault, req, res);
      return;
    }

    let response: SimResponse;
    if (matched === null) {
      response = { status: 404, json: { error: 'Not Found' } };
    } else {
      let body: unknown = null;
      const type = req.headers['content-type'] ?? '';
      if (rawBody !== '' && type.includes('json')) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          response = { status: 400, json: { error: 'Malformed JSON' } };
          this.respond(res, response);
          return;
        }
      } else if (rawBody !== '' && type.includes('x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(rawBody).entries());
      }
      const simReq: SimRequest = {
        method,
        path: url.pathname,
        params: matched.params,
        query: url.searchParams,
        headers: req.headers,
        body,
        rawBody,
        ip: req.socket.remoteAddress ?? '127.0.0.1',
        authenticatedAs: null,
      };
      response = await matched.route.handler(simReq);
      record.authenticatedAs = simReq.authenticatedAs;
    }
    if (fault !== null) {
      // The work was done; the answer is lost or garbled.
      this.misbehave(fault, req, res);
      return;
    }
    const watching = this.watchers.filter((w) => w.route === routeKey);
    for (const w of watching) w.beforeAnswer?.(record);
    if (watching.length > 0) res.on('finish', () => watching.forEach((w) => w.afterAnswer?.(record)));
    this.respond(res, response);
  }

  private respond(res: http.ServerResponse, response: SimResponse): void {
    if (response.html !== undefined) {
      res.writeHead(response.status, { 'content-type': 'text/html; charset=utf-8', ...response.headers });
      res.end(response.html);
      return;
    }
    if (response.json === undefined) {
      res.writeHead(response.status, { ...response.headers });
      res.end();
      return;
    }
    res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
    res.end(JSON.stringify(response.json));
  }

  private misbehave(
    fault: Exclude<Fault, { kind: 'latency' } | { kind: 'status' }>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void {
    switch (fault.kind) {
      case 'timeout':
        // Hold the socket open and never answer; close() destroys it.
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": 12, "name": "half an answer", "token": ');
        return;
      case 'huge': {
        const total = fault.bytes ?? FIFTY_MB;
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(fault.declareLength === true ? { 'content-length': String(total) } : {}),
        });
        streamFiller(res, total);
        return;
      }
    }
  }
}

/** Writes `total` bytes of valid-looking JSON, honouring backpressure, stopping if the client leaves. */
function streamFiller(res: http.ServerResponse, total: number): void {
  const chunk = Buffer.from(`{"id":1,"name":"${'x'.repeat(1000)}"},`);
  let written = 0;
  res.write('[');
  written += 1;
  const pump = () => {
    while (written < total - 2 && !res.destroyed) {
      const ok = res.write(chunk);
      written += chunk.length;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('{}]');
  };
  res.on('error', () => undefined);
  pump();
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1024 * 1024) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A bearer credential from `Authorization: Bearer x`, or null. */
export function bearer(headers: http.IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
}

export function cookie(headers: http.IncomingHttpHeaders, name: string): string | null {
  const raw = headers.cookie;
  if (typeof raw !== 'string') return null;
  for (const part of raw.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export const DAY = 86_400_000;
