/**
 * Mailtrap simulator, strict to the API reference (shared/providers/mailtrap-api-tokens-reference.txt
 * and the Mailtrap section of shared/providers/README.md):
 * - auth: `Api-Token: <token>` or `Authorization: Bearer <token>`; anything else is 401;
 * - GET /api/accounts: the accounts the token reaches, with access_levels (1000 owner, 100 admin,
 *   10 viewer);
 * - per account: list, get, create ({name}; `token` once), delete (204), reset (only a token with
 *   no expiry; the old one keeps authenticating until its grace period ends, then is gone);
 * - managing tokens needs admin or owner access to the account (viewer: 403);
 * - 150 requests per 10 s per token, then 429 with Retry-After.
 * Modeled (the pages do not say): the grace period (default 24 h), error bodies, that a created
 * token gets viewer access to the account unless `resources` are sent, and that an expired token
 * is no longer listed.
 */
import {
  DAY,
  SimServer,
  bearer,
  iso,
  type SimRequest,
  type SimResponse,
  type SimulatorOptions,
} from '../base';

export interface MailtrapAccount {
  id: number;
  name: string;
}

export interface MailtrapResource {
  resource_type: string;
  resource_id: number;
  access_level: number;
}

export interface MailtrapTokenState {
  id: number;
  /** The account the token was created in (its list); its resources may reach others. */
  accountId: number;
  name: string;
  secret: string;
  createdBy: string;
  expiresAt: number | null;
  resources: MailtrapResource[];
  /** Set when the token was reset: it is in its grace period until expiresAt. */
  resetAt: number | null;
  deleted: boolean;
}

export interface MailtrapOptions extends SimulatorOptions {
  graceMs?: number;
  rateLimit?: { limit: number; windowMs: number };
}

export class MailtrapSimulator extends SimServer {
  readonly accounts = new Map<number, MailtrapAccount>();
  readonly tokens = new Map<number, MailtrapTokenState>();
  private nextId = 100_000;
  readonly graceMs: number;
  private readonly rate: { limit: number; windowMs: number };
  private readonly hits = new Map<number, number[]>();

  constructor(options: MailtrapOptions = {}) {
    super(options);
    this.graceMs = options.graceMs ?? DAY;
    this.rate = options.rateLimit ?? { limit: 150, windowMs: 10_000 };
    this.route('GET', '/api/accounts', (req) => this.withAuth(req, (token) => this.listAccounts(token)));
    this.route('GET', '/api/accounts/:accountId/api_tokens', (req) =>
      this.withAccount(req, (_t, account) => this.listTokens(account)),
    );
    this.route('POST', '/api/accounts/:accountId/api_tokens', (req) =>
      this.withAccount(req, (t, account) => this.create(req, t, account)),
    );
    this.route('GET', '/api/accounts/:accountId/api_tokens/:id', (req) =>
      this.withAccount(req, (_t, account) => this.getOne(req, account)),
    );
    this.route('DELETE', '/api/accounts/:accountId/api_tokens/:id', (req) =>
      this.withAccount(req, (_t, account) => this.remove(req, account)),
    );
    this.route('POST', '/api/accounts/:accountId/api_tokens/:id/reset', (req) =>
      this.withAccount(req, (t, account) => this.reset(req, t, account)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and inspection (tests)

  addAccount(id: number, name: string): MailtrapAccount {
    const account = { id, name };
    this.accounts.set(id, account);
    return account;
  }

  addToken(spec: {
    name: string;
    account: number;
    secret?: string;
    createdBy?: string;
    expiresAt?: number | null;
    access: Record<number, number>;
    resetAt?: number | null;
  }): MailtrapTokenState {
    const token: MailtrapTokenState = {
      id: this.nextId++,
      accountId: spec.account,
      name: spec.name,
      secret: spec.secret ?? this.mintSecret('', 32, '0123456789abcdef'),
      createdBy: spec.createdBy ?? 'Jane Doe',
      expiresAt: spec.expiresAt ?? null,
      resources: Object.entries(spec.access).map(([accountId, level]) => ({
        resource_type: 'account',
        resource_id: Number(accountId),
        access_level: level,
      })),
      resetAt: spec.resetAt ?? null,
      deleted: false,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /** Whether a secret would authenticate right now. */
  authenticates(secret: string): boolean {
    return this.findBySecret(secret) !== null;
  }

  findByName(name: string): MailtrapTokenState[] {
    return [...this.tokens.values()].filter((t) => t.name === name && !t.deleted);
  }

  // ---------------------------------------------------------------------------------------------

  private live(t: MailtrapTokenState): boolean {
    return !t.deleted && (t.expiresAt === null || this.now() < t.expiresAt);
  }

  private findBySecret(secret: string): MailtrapTokenState | null {
    for (const t of this.tokens.values()) if (t.secret === secret && this.live(t)) return t;
    return null;
  }

  private async withAuth(
    req: SimRequest,
    next: (token: MailtrapTokenState) => SimResponse | Promise<SimResponse>,
  ): Promise<SimResponse> {
    const header = req.headers['api-token'];
    const given = typeof header === 'string' ? header : bearer(req.headers);
    const token = given === null ? null : this.findBySecret(given);
    if (token === null) return { status: 401, json: { error: 'Incorrect API token' } };
    req.authenticatedAs = String(token.id);
    const now = this.now();
    const hits = (this.hits.get(token.id) ?? []).filter((t) => t > now - this.rate.windowMs);
    if (hits.length >= this.rate.limit) {
      const retry = Math.ceil(((hits[0] ?? now) + this.rate.windowMs - now) / 1000);
      return {
        status: 429,
        json: { errors: 'Too many requests' },
        headers: { 'retry-after': String(Math.max(1, retry)) },
      };
    }
    hits.push(now);
    this.hits.set(token.id, hits);
    return next(token);
  }

  private accessTo(token: MailtrapTokenState, accountId: number): number {
    return Math.max(
      0,
      ...token.resources
        .filter((r) => r.resource_type === 'account' && r.resource_id === accountId)
        .map((r) => r.access_level),
    );
  }

  private withAccount(
    req: SimRequest,
    next: (token: MailtrapTokenState, account: MailtrapAccount) => SimResponse | Promise<SimResponse>,
  ): Promise<SimResponse> {
    return this.withAuth(req, (token) => {
      const account = this.accounts.get(Number(req.params.accountId));
      if (account === undefined || this.accessTo(token, account.id) === 0)
        return { status: 404, json: { error: 'Not Found' } };
      if (this.accessTo(token, account.id) < 100)
        return { status: 403, json: { errors: 'Access forbidden' } };
      return next(token, account);
    });
  }

  private view(t: MailtrapTokenState, withSecret: boolean) {
    return {
      id: t.id,
      name: t.name,
      last_4_digits: t.secret.slice(-4),
      created_by: t.createdBy,
      expires_at: iso(t.expiresAt),
      resources: t.resources,
      ...(withSecret ? { token: t.secret } : {}),
    };
  }

  private inAccount(t: MailtrapTokenState, accountId: number): boolean {
    return t.accountId === accountId;
  }

  private listAccounts(token: MailtrapTokenState): SimResponse {
    const reachable = [...this.accounts.values()].filter((a) => this.accessTo(token, a.id) > 0);
    return {
      status: 200,
      json: reachable.map((a) => ({ id: a.id, name: a.name, access_levels: [this.accessTo(token, a.id)] })),
    };
  }

  private listTokens(account: MailtrapAccount): SimResponse {
    const rows = [...this.tokens.values()]
      .filter((t) => this.live(t) && this.inAccount(t, account.id))
      .sort((a, b) => a.id - b.id);
    return { status: 200, json: rows.map((t) => this.view(t, false)) };
  }

  private target(req: SimRequest, account: MailtrapAccount): MailtrapTokenState | null {
    const token = this.tokens.get(Number(req.params.id));
    return token !== undefined && this.live(token) && this.inAccount(token, account.id) ? token : null;
  }

  private getOne(req: SimRequest, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    return token === null
      ? { status: 404, json: { error: 'Not Found' } }
      : { status: 200, json: this.view(token, false) };
  }

  private create(req: SimRequest, caller: MailtrapTokenState, account: MailtrapAccount): SimResponse {
    const body = (req.body ?? {}) as { name?: unknown; resources?: unknown };
    if (typeof body.name !== 'string' || body.name.trim() === '')
      return { status: 422, json: { errors: ["Name can't be blank"] } };
    if (body.name.length > 255)
      return { status: 422, json: { errors: ['Name is too long (maximum is 255 characters)'] } };
    const token = this.addToken({
      name: body.name,
      account: account.id,
      createdBy: caller.name,
      access: { [account.id]: 10 },
    });
    return { status: 200, json: this.view(token, true) };
  }

  private remove(req: SimRequest, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    if (token === null) return { status: 404, json: { error: 'Not Found' } };
    token.deleted = true;
    return { status: 204 };
  }

  private reset(req: SimRequest, caller: MailtrapTokenState, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    if (token === null) return { status: 404, json: { error: 'Not Found' } };
    if (token.expiresAt !== null)
      return { status: 422, json: { errors: ['Only tokens without an expiration date can be reset'] } };
    const now = this.now();
    token.expiresAt = now + this.graceMs;
    token.resetAt = now;
    const next = this.addToken({
      name: token.name,
      account: token.accountId,
      createdBy: caller.name,
      access: {},
    });
    next.resources = token.resources.map((r) => ({ ...r }));
    return { status: 200, json: this.view(next, true) };
  }
}

export async function startMailtrap(options: MailtrapOptions = {}): Promise<MailtrapSimulator> {
  return new MailtrapSimulator(options).start();
}
