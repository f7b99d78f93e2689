/**
 * Mirox simulator, strict to shared/providers/mirox-api-tokens.txt:
 * - API tokens authenticate with `Authorization: Bearer <token>` (GET /api/v1/park); a Full
 *   Access token reaches it, a Reporting or Timeseries Database token gets 403; an invalid,
 *   revoked, rotated or expired token gets 401;
 * - tokens are managed only from a logged-in web session (cookie); a Bearer token cannot manage
 *   tokens;
 * - three permission groups; expiry default one year, at most five years; at most 64 tokens;
 * - rotate keeps name, group and list place, issues a new secret, resets the expiry window,
 *   clears usage history, and the old secret stops working at once; revoke is immediate;
 * - usage history records last-used time, source IP, location, browser and OS.
 * Modeled (the docs name the features, not the endpoints): every management path (see
 * src-main/core/providers/mirox.ts), the login page and its `mirox_session` cookie, JSON shapes and
 * error bodies, a 12-hour session, and the anti-forgery check that browser-session APIs make: the
 * sign-in also sets a script-readable `XSRF-TOKEN` cookie, and every state-changing call (create,
 * rotate, revoke) must echo it in an `X-XSRF-TOKEN` header (double submit; missing or different:
 * 403). Strict: management bodies are JSON objects with only the fields the endpoint takes (415 for
 * anything else, 422 for an unknown or mistyped field), ids are UUIDs (anything else: 404), names
 * at most 255 characters, and "at most five years" is five calendar years.
 */
import { randomUUID } from 'node:crypto';
import {
  DAY,
  SimServer,
  bearer,
  cookie,
  iso,
  type SimRequest,
  type SimResponse,
  type SimulatorOptions,
} from '../base';
import { addYears, isUuid, isoDateTime, jsonObjectBody, type BodyProblem } from '../strict';

export const SESSION_COOKIE = 'mirox_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'x-xsrf-token';
export const MAX_TOKENS = 64;
const SESSION_TTL_MS = 12 * 60 * 60_000;
const GROUPS = ['full_access', 'reporting', 'timeseries_database'] as const;

export interface MiroxUsage {
  at: number;
  ip: string;
  location: string;
  browser: string;
  os: string;
}

export interface MiroxTokenState {
  id: string;
  owner: string;
  name: string;
  permissionGroup: string;
  secret: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  rotatedAt: number | null;
  usage: MiroxUsage[];
  position: number;
  revoked: boolean;
}

export interface MiroxOptions extends SimulatorOptions {
  /** Demo: GET /login signs this user in at once (the Electron demo's sign-in window closes by itself). */
  autoLoginEmail?: string;
}

export class MiroxSimulator extends SimServer {
  readonly users: { email: string; password: string; name: string }[] = [];
  readonly sessions = new Map<string, { email: string; expiresAt: number; xsrf: string }>();
  readonly tokens = new Map<string, MiroxTokenState>();
  private position = 0;
  private readonly autoLoginEmail: string | null;

  constructor(options: MiroxOptions = {}) {
    super(options);
    this.autoLoginEmail = options.autoLoginEmail ?? null;
    this.route('GET', '/login', () => this.loginPage());
    this.route('POST', '/login', (req) => this.loginSubmit(req));
    this.route('GET', '/profile', (req) => this.profilePage(req));
    this.route('GET', '/api/v1/me', (req) => this.withSession(req, (email) => this.me(email)));
    this.route('GET', '/api/v1/profile/api-tokens', (req) =>
      this.withSession(req, (email) => this.list(email)),
    );
    this.route('POST', '/api/v1/profile/api-tokens', (req) =>
      this.withSession(req, (email) => this.create(req, email), { changes: true }),
    );
    this.route('POST', '/api/v1/profile/api-tokens/:id/rotate', (req) =>
      this.withSession(req, (email) => this.rotate(req, email), { changes: true }),
    );
    this.route('DELETE', '/api/v1/profile/api-tokens/:id', (req) =>
      this.withSession(req, (email) => this.revoke(req, email), { changes: true }),
    );
    this.route('GET', '/api/v1/park', (req) => this.park(req));
  }

  addUser(email: string, password: string, name = 'Mirox user'): void {
    this.users.push({ email, password, name });
  }

  addToken(
    owner: string,
    spec: Partial<Omit<MiroxTokenState, 'id' | 'owner' | 'position'>> & {
      name: string;
      permissionGroup: string;
    },
  ): MiroxTokenState {
    const now = this.now();
    const token: MiroxTokenState = {
      id: randomUUID(),
      owner,
      secret: spec.secret ?? this.mintSecret('mrx_', 48),
      createdAt: spec.createdAt ?? now,
      expiresAt: spec.expiresAt ?? addYears(now, 1),
      lastUsedAt: spec.lastUsedAt ?? null,
      rotatedAt: spec.rotatedAt ?? null,
      usage: spec.usage ?? [],
      position: this.position++,
      revoked: false,
      name: spec.name,
      permissionGroup: spec.permissionGroup,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /**
   * Signs in over HTTP like a browser would; returns the Cookie header a browser would then send
   * (the session and the anti-forgery cookie), as the tests' FakeSessions hand it to the core.
   */
  async login(email: string, password: string): Promise<string> {
    const response = await fetch(`${this.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: 'manual',
    });
    const cookies = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .filter((pair) => pair.startsWith(`${SESSION_COOKIE}=`) || pair.startsWith(`${XSRF_COOKIE}=`));
    if (response.status !== 303 || !cookies.some((pair) => pair.startsWith(`${SESSION_COOKIE}=`)))
      throw new Error(`Mirox simulator refused the sign-in (${response.status})`);
    return cookies.join('; ');
  }

  /** Whether a token secret would authenticate GET /api/v1/park now. */
  authenticates(secret: string): boolean {
    return this.findBySecret(secret) !== null;
  }

  liveTokens(owner?: string): MiroxTokenState[] {
    return [...this.tokens.values()]
      .filter((t) => !t.revoked && (owner === undefined || t.owner === owner))
      .sort((a, b) => a.position - b.position);
  }

  // ---------------------------------------------------------------------------------------------

  private findBySecret(secret: string): MiroxTokenState | null {
    for (const t of this.tokens.values())
      if (t.secret === secret && !t.revoked && this.now() < t.expiresAt) return t;
    return null;
  }

  /** A new session: the Set-Cookie headers for its session cookie and its anti-forgery cookie. */
  private newSession(email: string): string[] {
    const sid = this.mintSecret('', 48);
    const xsrf = this.mintSecret('', 40);
    this.sessions.set(sid, { email, expiresAt: this.now() + SESSION_TTL_MS, xsrf });
    const age = `Path=/; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`;
    // The anti-forgery cookie is readable by the page's scripts (no HttpOnly): that is how a
    // browser client learns the value it must echo.
    return [`${SESSION_COOKIE}=${sid}; ${age}; HttpOnly`, `${XSRF_COOKIE}=${xsrf}; ${age}`];
  }

  private loginPage(): SimResponse {
    if (this.autoLoginEmail !== null) {
      return {
        status: 303,
        headers: {
          location: '/profile',
          'set-cookie': this.newSession(this.autoLoginEmail),
        },
      };
    }
    return {
      status: 200,
      html: `<!doctype html><html><head><title>Mirox sign in (simulator)</title></head><body>
<h1>Sign in to Mirox</h1>
<form method="post" action="/login">
<label>E-mail <input name="email" type="email" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form></body></html>`,
    };
  }

  private loginSubmit(req: SimRequest): SimResponse {
    const body = (req.body ?? {}) as { email?: unknown; password?: unknown };
    const user = this.users.find((u) => u.email === body.email && u.password === body.password);
    if (user === undefined)
      return {
        status: 401,
        html: '<!doctype html><p>Wrong e-mail address or password.</p><a href="/login">Try again</a>',
      };
    return {
      status: 303,
      headers: { location: '/profile', 'set-cookie': this.newSession(user.email) },
    };
  }

  private sessionOf(req: SimRequest): { email: string; xsrf: string } | null {
    const sid = cookie(req.headers, SESSION_COOKIE);
    const session = sid === null ? undefined : this.sessions.get(sid);
    if (session === undefined || session.expiresAt <= this.now()) return null;
    return session;
  }

  private profilePage(req: SimRequest): SimResponse {
    const email = this.sessionOf(req)?.email ?? null;
    if (email === null) return { status: 303, headers: { location: '/login' } };
    return {
      status: 200,
      html: `<!doctype html><h1>Profile</h1><p>Signed in as ${email}. API Tokens tab.</p>`,
    };
  }

  private withSession(
    req: SimRequest,
    next: (email: string) => SimResponse,
    options: { changes?: boolean } = {},
  ): SimResponse {
    const session = this.sessionOf(req);
    if (session === null) {
      const message =
        bearer(req.headers) !== null
          ? 'API tokens cannot manage tokens. Sign in on the web.'
          : 'Sign in to continue.';
      return { status: 401, json: { error: 'unauthenticated', message } };
    }
    req.authenticatedAs = `session:${session.email}`;
    if (options.changes === true) {
      // Double submit: the header must carry the session's anti-forgery cookie.
      const echoed = req.headers[XSRF_HEADER];
      if (echoed !== session.xsrf || cookie(req.headers, XSRF_COOKIE) !== session.xsrf) {
        return {
          status: 403,
          json: {
            error: 'csrf_mismatch',
            message: 'The anti-forgery token is missing or does not match. Reload the page and try again.',
          },
        };
      }
    }
    return next(session.email);
  }

  private view(t: MiroxTokenState) {
    return {
      id: t.id,
      name: t.name,
      permissionGroup: t.permissionGroup,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
      lastUsedAt: iso(t.lastUsedAt),
      rotatedAt: iso(t.rotatedAt),
      usage: t.usage.map((u) => ({
        at: iso(u.at),
        ip: u.ip,
        location: u.location,
        browser: u.browser,
        os: u.os,
      })),
    };
  }

  private me(email: string): SimResponse {
    const user = this.users.find((u) => u.email === email);
    return { status: 200, json: { email, name: user?.name ?? null } };
  }

  private list(email: string): SimResponse {
    return {
      status: 200,
      json: { tokens: this.liveTokens(email).map((t) => this.view(t)), maxTokens: MAX_TOKENS },
    };
  }

  private invalid(field: string, message: string): SimResponse {
    return { status: 422, json: { error: 'validation_failed', message, field } };
  }

  private bodyRefusal(problem: BodyProblem): SimResponse {
    if (problem.kind === 'media_type')
      return {
        status: 415,
        json: { error: 'unsupported_media_type', message: 'Send the request body as JSON.' },
      };
    if (problem.kind === 'not_object') return this.invalid('body', 'The request body must be a JSON object.');
    return this.invalid(problem.fields[0] ?? 'body', `Unknown field “${problem.fields.join('”, “')}”.`);
  }

  private create(req: SimRequest, email: string): SimResponse {
    const check = jsonObjectBody(req, ['name', 'permissionGroup', 'expiresAt']);
    if (!check.ok) return this.bodyRefusal(check.problem);
    const body = check.body;
    if (this.liveTokens(email).length >= MAX_TOKENS) {
      return {
        status: 409,
        json: { error: 'token_limit', message: `You can hold up to ${MAX_TOKENS} tokens.` },
      };
    }
    if (typeof body.name !== 'string' || body.name.trim() === '')
      return this.invalid('name', 'A name is required.');
    if (body.name.length > 255) return this.invalid('name', 'A name can have at most 255 characters.');
    if (
      typeof body.permissionGroup !== 'string' ||
      !(GROUPS as readonly string[]).includes(body.permissionGroup)
    ) {
      return this.invalid('permissionGroup', 'Unknown permission group.');
    }
    const now = this.now();
    let expiresAt = addYears(now, 1);
    if (body.expiresAt !== undefined && body.expiresAt !== null) {
      const at = isoDateTime(body.expiresAt);
      if (at === null || at <= now) return this.invalid('expiresAt', 'The expiry must be a future date.');
      if (at > addYears(now, 5))
        return this.invalid('expiresAt', 'Tokens can be valid for at most five years.');
      expiresAt = at;
    }
    const token = this.addToken(email, { name: body.name, permissionGroup: body.permissionGroup, expiresAt });
    return { status: 201, json: { token: this.view(token), secret: token.secret } };
  }

  private target(req: SimRequest, email: string): MiroxTokenState | null {
    const token = isUuid(req.params.id) ? this.tokens.get(req.params.id ?? '') : undefined;
    return token !== undefined && !token.revoked && token.owner === email ? token : null;
  }

  private rotate(req: SimRequest, email: string): SimResponse {
    const check = jsonObjectBody(req, []);
    if (!check.ok) return this.bodyRefusal(check.problem);
    const token = this.target(req, email);
    if (token === null) return { status: 404, json: { error: 'not_found', message: 'No such token.' } };
    const now = this.now();
    const window = Math.max(DAY, token.expiresAt - (token.rotatedAt ?? token.createdAt));
    token.secret = this.mintSecret('mrx_', 48);
    token.expiresAt = now + window;
    token.rotatedAt = now;
    token.usage = [];
    token.lastUsedAt = null;
    return { status: 200, json: { token: this.view(token), secret: token.secret } };
  }

  private revoke(req: SimRequest, email: string): SimResponse {
    const token = this.target(req, email);
    if (token === null) return { status: 404, json: { error: 'not_found', message: 'No such token.' } };
    token.revoked = true;
    return { status: 204 };
  }

  private park(req: SimRequest): SimResponse {
    const secret = bearer(req.headers);
    const token = secret === null ? null : this.findBySecret(secret);
    if (token === null)
      return {
        status: 401,
        json: { error: 'unauthorized', message: 'Invalid, revoked, rotated or expired token.' },
      };
    req.authenticatedAs = token.id;
    if (token.permissionGroup !== 'full_access') {
      return {
        status: 403,
        json: { error: 'forbidden', message: 'The token’s permission group does not cover this endpoint.' },
      };
    }
    const now = this.now();
    const agent = String(req.headers['user-agent'] ?? 'unknown');
    token.lastUsedAt = now;
    token.usage.unshift({
      at: now,
      ip: req.ip,
      location: 'Local network',
      browser: agent.split('/')[0] ?? 'unknown',
      os: process.platform,
    });
    return { status: 200, json: { parks: [{ id: 1, name: 'Solar park North' }] } };
  }
}

export async function startMirox(options: MiroxOptions = {}): Promise<MiroxSimulator> {
  return new MiroxSimulator(options).start();
}
