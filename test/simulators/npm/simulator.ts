/**
 * npm registry simulator for the token routes, strict to shared/providers/npm.md and judged by
 * the npm CLI itself and npm-profile (test/unit/providers/contract/npm-cli.test.ts):
 * - `Authorization: Bearer` with a session or granular token; `/-/whoami`, `/-/npm/v1/user`;
 * - `GET /-/npm/v1/tokens?perPage=&page=` (perPage 1–9999, default 10; page ≥ 0; 400 otherwise)
 *   with `{total, objects, urls: {next, prev}}`, next an absolute URL, always an `urls` object;
 * - `POST /-/npm/v1/tokens`: the password checked (401), then under 2FA the one-time code:
 *   401 `www-authenticate: OTP` without `npm-otp`, or, for an account that confirms on the web,
 *   with `{authUrl, doneUrl}` (the browser page approves; `doneUrl` answers 202 + retry-after,
 *   then 200 `{token}` once); then the body's rules (rules.ts); 200 with the full token once;
 * - `DELETE /-/npm/v1/tokens/token/{key or token}`: 204; a one-time code needed in
 *   auth-and-writes mode; 404 for a token that is not the user's.
 * Modeled (UNDOC §7): codes in 30-second steps (the current and previous step accepted; a code
 * of the last 10 minutes is "expired"), the wording of the 401 bodies, the list item's fields
 * (I9443's shape; all packages as the package `*`), the create answer (the list item plus
 * `token`, `expires`, `cidr_whitelist`), newest first, a bypass-2FA token refused (403) for token
 * management [DOC-AT Aug 2026], `GET /npm` (the CLI's version check) answered 404.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DAY,
  SimServer,
  bearer,
  iso,
  type SimRequest,
  type SimResponse,
  type SimulatorOptions,
} from '../base';
import { jsonObjectBody } from '../strict';
import { CREATE_FIELDS, readCreate, type CreateSpec } from './rules';

export interface NpmUser {
  username: string;
  password: string;
  email: string;
  tfa: 'disabled' | 'auth-only' | 'auth-and-writes';
  /** Confirms a challenge in the browser (authUrl/doneUrl) instead of a typed code. */
  web: boolean;
  salt: number;
}

export interface NpmTokenState {
  key: string;
  secret: string;
  user: string;
  /** A login session authenticates but is not listed [CL-1209]. */
  session: boolean;
  spec: CreateSpec;
  created: number;
  updated: number;
  accessed: number | null;
  expires: number;
  revoked: number | null;
}

const STEP = 30_000;
const err = (status: number, error: string, headers?: Record<string, string>): SimResponse => ({
  status,
  json: { error },
  ...(headers === undefined ? {} : { headers }),
});
const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');
const masked = (secret: string) => `${secret.slice(0, 8)}...${secret.slice(-4)}`;

export class NpmSimulator extends SimServer {
  readonly users = new Map<string, NpmUser>();
  readonly tokens = new Map<string, NpmTokenState>();
  readonly webAuths = new Map<string, { user: string; approved: boolean; token: string | null }>();
  /** The OTP values a done web confirmation handed out, each good for one request. */
  private readonly webCodes = new Set<string>();
  /** The value the next done web confirmation hands out (a canary test sets it), else a fresh one. */
  nextWebCode: string | null = null;

  constructor(options: SimulatorOptions = {}) {
    super(options);
    this.route('GET', '/-/whoami', (req) =>
      this.guard(req, (u) => ({ status: 200, json: { username: u.username } })),
    );
    this.route('GET', '/-/npm/v1/user', (req) =>
      this.guard(req, (u) => ({ status: 200, json: this.profile(u) })),
    );
    this.route('GET', '/-/npm/v1/tokens', (req) => this.guard(req, (u) => this.list(req, u)));
    this.route('POST', '/-/npm/v1/tokens', (req) => this.guard(req, (u) => this.create(req, u)));
    this.route('DELETE', '/-/npm/v1/tokens/token/:id', (req) => this.guard(req, (u) => this.remove(req, u)));
    this.route('GET', '/-/web/auth/:id', (req) => this.approve(req));
    this.route('GET', '/-/web/done/:id', (req) => this.guard(req, () => this.done(req)));
  }

  addUser(user: Omit<NpmUser, 'salt'>): NpmUser {
    const full = { ...user, salt: this.users.size * 7919 + 104_729 };
    this.users.set(user.username, full);
    return full;
  }

  /** The one-time code an authenticator shows at `at` (modeled 30-second steps). */
  otp(username: string, at = this.now()): string {
    const user = this.users.get(username);
    const step = Math.floor(at / STEP);
    return String(((step * 48_271 + (user?.salt ?? 0)) % 900_000) + 100_000);
  }

  addToken(
    username: string,
    spec: Partial<CreateSpec> & { name: string },
    times: { created?: number; accessed?: number | null; expires?: number; session?: boolean } = {},
  ): NpmTokenState {
    const secret = this.mintSecret('npm_', 36);
    const created = times.created ?? this.now();
    const full: CreateSpec = {
      description: null,
      packages: [],
      packagesAll: false,
      scopes: [],
      orgs: [],
      permission: 'read-only',
      orgsPermission: null,
      days: 7,
      cidr: [],
      bypass2fa: false,
      ...spec,
    };
    const token: NpmTokenState = {
      key: sha512(secret),
      secret,
      user: username,
      session: times.session === true,
      spec: full,
      created,
      updated: created,
      accessed: times.accessed ?? null,
      expires: times.expires ?? created + full.days * DAY,
      revoked: null,
    };
    this.tokens.set(token.key, token);
    return token;
  }

  live(username?: string): NpmTokenState[] {
    return [...this.tokens.values()].filter(
      (t) =>
        !t.session &&
        t.revoked === null &&
        t.expires > this.now() &&
        (username === undefined || t.user === username),
    );
  }

  authenticates(secret: string): boolean {
    const t = this.tokens.get(sha512(secret));
    return t !== undefined && t.revoked === null && t.expires > this.now();
  }

  private guard(req: SimRequest, next: (user: NpmUser, token: NpmTokenState) => SimResponse): SimResponse {
    const secret = bearer(req.headers);
    const token = secret === null ? undefined : this.tokens.get(sha512(secret));
    const user = token === undefined ? undefined : this.users.get(token.user);
    if (token === undefined || user === undefined || token.revoked !== null || token.expires <= this.now())
      return err(401, 'Unauthorized');
    token.accessed = this.now();
    req.authenticatedAs = token.key.slice(0, 12);
    if (req.path.startsWith('/-/npm/v1/tokens') && token.spec.bypass2fa)
      return err(403, 'Tokens that bypass 2FA cannot manage tokens');
    return next(user, token);
  }

  private profile(u: NpmUser) {
    return {
      name: u.username,
      email: u.email,
      email_verified: true,
      tfa: u.tfa === 'disabled' ? false : { mode: u.tfa, pending: false },
      created: iso(this.now() - 900 * DAY),
      updated: iso(this.now() - 30 * DAY),
      cidr_whitelist: null,
    };
  }

  private item(t: NpmTokenState) {
    const s = t.spec;
    const scopes = [
      ...(s.packagesAll ? [{ name: '*', type: 'package' }] : []),
      ...s.packages.map((name) => ({ name, type: 'package' })),
      ...s.scopes.map((name) => ({ name, type: 'scope' })),
      ...s.orgs.map((name) => ({ name, type: 'org' })),
    ];
    const action = (p: string | null) => (p === 'read-write' ? 'write' : p === 'read-only' ? 'read' : 'none');
    const permissions = [
      ...(s.permission === null ? [] : [{ name: 'package', action: action(s.permission) }]),
      ...(s.orgsPermission === null ? [] : [{ name: 'org', action: action(s.orgsPermission) }]),
    ];
    return {
      name: s.name,
      description: s.description,
      key: t.key,
      token: masked(t.secret),
      expiry: iso(t.expires),
      cidr: s.cidr,
      bypass_2fa: s.bypass2fa,
      revoked: iso(t.revoked),
      created: iso(t.created),
      updated: iso(t.updated),
      accessed: iso(t.accessed),
      permissions,
      scopes,
    };
  }

  private list(req: SimRequest, u: NpmUser): SimResponse {
    for (const key of req.query.keys())
      if (key !== 'perPage' && key !== 'page') return err(400, `Unknown query parameter: ${key}`);
    const perPage = req.query.get('perPage') ?? '10';
    const page = req.query.get('page') ?? '0';
    if (!/^\d{1,4}$/.test(perPage) || Number(perPage) < 1)
      return err(400, 'perPage must be between 1 and 9999');
    if (!/^\d{1,6}$/.test(page)) return err(400, 'page must be a whole number');
    const size = Number(perPage);
    const n = Number(page);
    const all = this.live(u.username).sort((a, b) => b.created - a.created || a.key.localeCompare(b.key));
    const objects = all.slice(n * size, (n + 1) * size).map((t) => this.item(t));
    const link = (p: number) => `${this.url}/-/npm/v1/tokens?perPage=${size}&page=${p}`;
    return {
      status: 200,
      json: {
        total: all.length,
        objects,
        urls: { next: (n + 1) * size < all.length ? link(n + 1) : null, prev: n > 0 ? link(n - 1) : null },
      },
    };
  }

  /** The one-time code check: null when it passes, else the 401 challenge. */
  private challenge(req: SimRequest, u: NpmUser): SimResponse | null {
    const code = req.headers['npm-otp'];
    if (typeof code === 'string' && code !== '') {
      if (this.webCodes.delete(code)) return null;
      const now = this.now();
      if (code === this.otp(u.username, now) || code === this.otp(u.username, now - STEP)) return null;
      for (let back = 2; back <= 20; back++)
        if (code === this.otp(u.username, now - back * STEP))
          return err(401, 'This one-time password has expired.', { 'www-authenticate': 'OTP' });
      return err(401, 'Invalid one-time password.', { 'www-authenticate': 'OTP' });
    }
    if (!u.web) return err(401, 'OTP required for authentication', { 'www-authenticate': 'OTP' });
    const id = randomUUID();
    this.webAuths.set(id, { user: u.username, approved: false, token: null });
    return {
      status: 401,
      headers: { 'www-authenticate': 'OTP' },
      json: {
        error: 'OTP required for authentication',
        authUrl: `${this.url}/-/web/auth/${id}`,
        doneUrl: `${this.url}/-/web/done/${id}`,
      },
    };
  }

  private create(req: SimRequest, u: NpmUser): SimResponse {
    const checked = jsonObjectBody(req, CREATE_FIELDS);
    if (!checked.ok)
      return err(
        400,
        checked.problem.kind === 'unknown_fields'
          ? `Unknown fields: ${checked.problem.fields.join(', ')}`
          : 'Body must be a JSON object',
      );
    const { password } = checked.body;
    if (typeof password !== 'string' || password === '') return err(400, 'password is required');
    if (password !== u.password) return err(401, 'Invalid password');
    if (u.tfa !== 'disabled') {
      const challenged = this.challenge(req, u);
      if (challenged !== null) return challenged;
    }
    const spec = readCreate(checked.body);
    if (typeof spec === 'string') return err(400, spec);
    if (this.live(u.username).length >= 1000) return err(400, 'You have reached the limit of 1000 tokens');
    const t = this.addToken(u.username, spec, { created: this.now(), expires: this.now() + spec.days * DAY });
    return {
      status: 200,
      json: {
        ...this.item(t),
        token: t.secret,
        expires: iso(t.expires),
        cidr_whitelist: spec.cidr,
        readonly: false,
      },
    };
  }

  private remove(req: SimRequest, u: NpmUser): SimResponse {
    if (u.tfa === 'auth-and-writes') {
      const challenged = this.challenge(req, u);
      if (challenged !== null) return challenged;
    }
    const id = req.params.id ?? '';
    const target = this.tokens.get(id) ?? this.tokens.get(sha512(id));
    if (target === undefined || target.user !== u.username || target.revoked !== null)
      return err(404, 'Token not found');
    target.revoked = this.now();
    return { status: 204 };
  }

  /** The browser page: signing in there approves the pending confirmation. */
  private approve(req: SimRequest): SimResponse {
    const pending = this.webAuths.get(req.params.id ?? '');
    if (pending === undefined) return { status: 404, html: '<p>Unknown or expired request.</p>' };
    pending.approved = true;
    return { status: 200, html: '<p>Confirmed. You can close this window.</p>' };
  }

  private done(req: SimRequest): SimResponse {
    const pending = this.webAuths.get(req.params.id ?? '');
    if (pending === undefined) return err(404, 'Unknown or expired request');
    if (!pending.approved) return { status: 202, headers: { 'retry-after': '0' }, json: {} };
    this.webAuths.delete(req.params.id ?? '');
    const code = this.nextWebCode ?? randomUUID();
    this.nextWebCode = null;
    this.webCodes.add(code);
    return { status: 200, json: { token: code } };
  }
}

export const startNpm = (options: SimulatorOptions = {}): Promise<NpmSimulator> =>
  new NpmSimulator(options).start();
