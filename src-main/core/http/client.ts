/**
 * The one HTTP layer every provider adapter uses, on undici:
 * - connect and total timeouts per attempt;
 * - retries with exponential backoff and jitter for idempotent requests (GET) only; a create, a
 *   reset, a delete is sent once and its failure carries `effect` so the caller can reconcile;
 * - 429: Retry-After honoured (waited out when short, otherwise surfaced as `rate_limited` with
 *   `retryAt`), and the connection's limiter blocked until then;
 * - a per-connection sliding-window rate limiter (Mailtrap: 150 requests per 10 s per token);
 * - a response size cap, enforced while streaming;
 * - every body parsed with zod; anything else is `malformed_response`;
 * - proxies (environment and system) and an extra CA certificate (see proxy.ts, dispatchers.ts);
 * - the credential-origin rule, in depth: a target knows the origin its connection's credential
 *   and session were saved for, and a request to any other origin is not sent at all (so it
 *   carries neither), whatever the address says (see origin-guard.ts).
 * Headers and bodies are never logged: they carry credentials. The log gets the endpoint's name,
 * the method, the status, the time taken and the attempt number.
 */
import { request } from 'undici';
import type { z } from 'zod';
import type { Logger } from '../log/logger';
import { readCapped, readErrorBody } from './body';
import { CaFileError, DispatcherPool, readExtraCa } from './dispatchers';
import {
  HttpError,
  malformedResponse,
  networkError,
  statusError,
  timeoutError,
  tooLarge,
  type AuthKind,
  type RequestEffect,
} from './errors';
import { chooseProxy, describeProxy, type ProxyEnvironment } from './proxy';
import {
  RateLimiter,
  quotaExhaustedUntil,
  quotaResetAt,
  type LimiterTime,
  type RateLimit,
} from './rate-limiter';
import { mapTransportError } from './transport-errors';
import { refuseForeignOrigin } from './origin-guard';
import { joinUrl } from './url';

export interface HttpSettings {
  connectTimeoutMs: number;
  /** Per attempt: from sending to the last byte of the answer. */
  totalTimeoutMs: number;
  maxResponseBytes: number;
  /** Attempts for an idempotent request (1 = no retry). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller gets `rate_limited`. */
  maxRetryAfterWaitMs: number;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxResponseBytes: 8 * 1024 * 1024,
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterWaitMs: 10_000,
};

export interface HttpEnvironment {
  log: Logger;
  settings: HttpSettings;
  env: ProxyEnvironment;
  resolveProxy?: ((url: string) => Promise<string | null>) | undefined;
  /** The extra CA file from Settings, read at each request so a change applies at once. */
  caPath: () => string | null;
  time: LimiterTime;
  random: () => number;
  userAgent: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest<T> {
  /** The endpoint's key in the adapter's table (what the log shows instead of the path). */
  endpoint: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  /** May carry credentials: never logged. */
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  auth: AuthKind;
  /** null: no body expected (204); the answer is drained. */
  schema: z.ZodType<T> | null;
  /**
   * Reads a provider's own refusal before the generic one (e.g. a 401 that is a challenge for a
   * one-time code, told by its `www-authenticate` header): an error to throw, or null for the
   * generic one. The headers and body are never logged.
   */
  refusal?: (
    status: number,
    headers: Record<string, string | string[] | undefined>,
    body: unknown,
  ) => HttpError | null;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface TargetOptions {
  /** The provider's name as users know it, for messages. */
  provider: string;
  baseUrl: URL;
  /**
   * The origin the connection's credential and session were saved for (the connection's
   * `credentialOrigin`; while connecting, the draft address's own origin). Nothing is sent elsewhere.
   */
  credentialOrigin: string;
  /** One limiter per key (the connection id, or a draft id while connecting). */
  limiterKey: string;
  rateLimit: RateLimit | null;
}

const TIMED_OUT = Symbol('timed out');

export class HttpClient {
  private readonly pool = new DispatcherPool();
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly environment: HttpEnvironment) {}

  get settings(): HttpSettings {
    return this.environment.settings;
  }

  target(options: TargetOptions): ProviderHttp {
    let limiter: RateLimiter | null = null;
    if (options.rateLimit !== null) {
      limiter = this.limiters.get(options.limiterKey) ?? null;
      if (limiter === null) {
        limiter = new RateLimiter(options.rateLimit, this.environment.time);
        this.limiters.set(options.limiterKey, limiter);
      }
    }
    return new ProviderHttp(this.environment, this.pool, options, limiter);
  }

  /** Forgets a connection's limiter (the connection was removed). */
  forget(limiterKey: string): void {
    this.limiters.delete(limiterKey);
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}

export class ProviderHttp {
  constructor(
    private readonly environment: HttpEnvironment,
    private readonly pool: DispatcherPool,
    readonly target: TargetOptions,
    private readonly limiter: RateLimiter | null,
  ) {}

  get provider(): string {
    return this.target.provider;
  }

  async send<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const idempotent = req.method === 'GET';
    const { log, time } = this.environment;
    for (let attempt = 1; ; attempt++) {
      const answered = this.limiter === null ? null : await this.limiter.acquire();
      const started = time.now();
      try {
        const response = await this.once(req).finally(() => answered?.());
        log.debug('provider request', {
          provider: this.provider,
          endpoint: req.endpoint,
          method: req.method,
          status: response.status,
          ms: time.now() - started,
          attempt,
        });
        return response;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (error.code === 'rate_limited' && error.retryAt !== undefined)
          this.limiter?.blockUntil(error.retryAt);
        const wait = idempotent ? this.retryDelay(error, attempt) : null;
        log.info('provider request failed', {
          provider: this.provider,
          endpoint: req.endpoint,
          method: req.method,
          code: error.code,
          status: error.status,
          ms: time.now() - started,
          attempt,
          retryInMs: wait,
        });
        if (wait === null) throw error;
        await time.sleep(wait);
      }
    }
  }

  /** Milliseconds to wait before the next attempt of an idempotent request, or null to give up. */
  private retryDelay(error: HttpError, attempt: number): number | null {
    const { settings, time, random } = this.environment;
    if (attempt >= settings.maxAttempts) return null;
    if (error.code === 'rate_limited') {
      const wait = (error.retryAt ?? time.now()) - time.now();
      return wait <= settings.maxRetryAfterWaitMs ? Math.max(0, wait) : null;
    }
    const transient =
      error.code === 'network' ||
      error.code === 'timeout' ||
      (error.code === 'provider_error' && [500, 502, 503, 504].includes(error.status ?? 0));
    if (!transient || error.message.includes('CA certificate')) return null;
    const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the backoff, so retries never bunch up at zero.
    return Math.round(cap / 2 + random() * (cap / 2));
  }

  private async once<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const { settings } = this.environment;
    const provider = this.provider;
    const url = joinUrl(this.target.baseUrl, req.path, req.query);
    refuseForeignOrigin(url, this.target.credentialOrigin, provider);
    const host = url.host;
    const mutating = req.method !== 'GET';
    let extraCa: string | null;
    try {
      extraCa = readExtraCa(this.environment.caPath());
    } catch (error) {
      if (error instanceof CaFileError) throw networkError(provider, host, 'none', 'ca');
      throw error;
    }
    const choice = await chooseProxy(url, {
      env: this.environment.env,
      resolveProxy: this.environment.resolveProxy,
    });
    const dispatcher = this.pool.get(choice, { connectTimeoutMs: settings.connectTimeoutMs, extraCa });
    if (choice.kind !== 'direct')
      this.environment.log.debug('via proxy', {
        provider,
        endpoint: req.endpoint,
        proxy: describeProxy(choice),
      });

    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.environment.userAgent,
      ...req.headers,
    };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), settings.totalTimeoutMs);
    const seconds = Math.max(1, Math.round(settings.totalTimeoutMs / 1000));
    try {
      const response = await request(url, {
        method: req.method,
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher,
        signal: controller.signal,
        headersTimeout: settings.totalTimeoutMs,
        bodyTimeout: settings.totalTimeoutMs,
      });
      const status = response.statusCode;
      const exhausted = quotaExhaustedUntil(response.headers, this.environment.time.now());
      if (exhausted !== null) this.limiter?.blockUntil(exhausted);
      if (status < 200 || status >= 300) {
        const errorBody = await readErrorBody(response.body, response.headers);
        const retryAt = status === 429 ? this.retryAtFrom(response.headers) : undefined;
        const own = req.refusal?.(status, response.headers, errorBody) ?? null;
        if (own !== null) throw own;
        const limitName = status === 429 ? response.headers['x-ratelimit-name'] : undefined;
        throw statusError(provider, status, {
          auth: req.auth,
          body: errorBody,
          ...(retryAt === undefined ? {} : { retryAt }),
          ...(typeof limitName === 'string' ? { limitName } : {}),
        });
      }
      const effectIfUnusable: RequestEffect = mutating ? 'applied' : 'none';
      const text = await readCapped(response.body, response.headers, settings.maxResponseBytes, () =>
        tooLarge(provider, settings.maxResponseBytes, effectIfUnusable),
      );
      if (req.schema === null) {
        // No body is expected (204). One that claims to be JSON and is not, or one too large to
        // read, is a 2xx that could not be read: its outcome is unclear, so the caller checks.
        if (text.trim() !== '' && /json/i.test(String(response.headers['content-type'] ?? ''))) {
          try {
            JSON.parse(text);
          } catch {
            throw malformedResponse(provider, effectIfUnusable);
          }
        }
        return { status, data: undefined as T, headers: response.headers };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw malformedResponse(provider, effectIfUnusable);
      }
      const parsed = req.schema.safeParse(json);
      if (!parsed.success) {
        this.environment.log.warn('provider answer did not match its schema', {
          provider,
          endpoint: req.endpoint,
          issue: parsed.error.issues[0]?.path.map(String).join('.'),
        });
        throw malformedResponse(provider, effectIfUnusable);
      }
      return { status, data: parsed.data, headers: response.headers };
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (controller.signal.aborted && controller.signal.reason === TIMED_OUT)
        throw timeoutError(provider, seconds, 'unknown');
      throw mapTransportError(error, provider, host, seconds);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Retry-After as seconds or an HTTP date; without it, the quota's reset (`X-RateLimit-Reset`,
   * e.g. Datadog's, which sends no Retry-After); absent or unreadable: a backoff-sized guess.
   */
  private retryAtFrom(headers: Record<string, string | string[] | undefined>): number {
    const now = this.environment.time.now();
    const header = headers['retry-after'];
    const value = Array.isArray(header) ? header[0] : header;
    const reset = value === undefined ? quotaResetAt(headers, now) : null;
    if (reset !== null) return reset;
    if (value !== undefined) {
      const seconds = Number(value.trim());
      if (Number.isFinite(seconds) && seconds >= 0) return now + Math.ceil(seconds * 1000);
      const date = Date.parse(value);
      if (!Number.isNaN(date)) return Math.max(now, date);
    }
    return now + this.environment.settings.baseDelayMs * 4;
  }
}
