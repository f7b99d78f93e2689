/**
 * Mailtrap simulator, strict to the API reference (shared/providers/mailtrap-api-tokens-reference.txt)
 * and, where the API has moved past it, to the official SDK (`mailtrap` on npm, 4.10.x, which the
 * contract test runs against this simulator):
 * - auth: `Api-Token: <token>` (the reference) or `Authorization: Bearer <token>` (the SDK);
 *   anything else is 401;
 * - GET /api/accounts: the accounts the token reaches, with access_levels (1000 owner, 100 admin,
 *   10 viewer);
 * - per account: list, get, create, delete (204), reset; `account_id` and `id` are integers
 *   (min 1): anything else is not a route (404);
 * - create `{ name, expires_at?, resources? }` and reset `{ expires_at? }`, checked in rules.ts
 *   (422 with a field-keyed body); `token` once; every token carries `resources`;
 * - reset is refused (422) only for a token already reset or already expired; the old token keeps
 *   authenticating until its grace period ends, then is gone;
 * - a body must be JSON (a form-encoded one gets 415);
 * - managing tokens needs admin or owner access to the account (viewer: 403);
 * - 150 requests per 10 s per token, then 429 with Retry-After.
 * Modeled (no source says): the grace period (default 24 h), the error bodies and the 415, that a
 * token created without `resources` gets viewer access to the account, that an expired token is
 * no longer listed or readable, and the server default for an omitted `expires_at` ("a 1-year
 * default is being rolled out": `defaultExpiry` here, 'none' unless a test asks for 'one_year').
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
import { jsonObjectBody, positiveIntegerId } from '../strict';
import {
  CREATE_FIELDS,
  RESET_FIELDS,
  bodyProblemErrors,
  checkExpiry,
  checkName,
  checkResources,
  type DefaultExpiry,
  type FieldErrors,
  type MailtrapResource,
  type ResourceDirectory,
  type ResourceType,
} from './rules';

export type { DefaultExpiry, MailtrapResource } from './rules';

export interface MailtrapAccount {
  id: number;
  name: string;
}

/** A project, inbox or sending domain: something a token's resources can name. */
export interface MailtrapAccountResource {
  type: Exclude<ResourceType, 'account'>;
  id: number;
  accountId: number;
  name: string;
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
  /** The expiry of a token created or reset without `expires_at` (default: none). */
  defaultExpiry?: DefaultExpiry;
}

const NOT_FOUND: SimResponse = { status: 404, json: { error: 'Not Found' } };
const invalid = (errors: FieldErrors): SimResponse => ({ status: 422, json: { errors } });

export class MailtrapSimulator extends SimServer {
  readonly accounts = new Map<number, MailtrapAccount>();
  /** Projects, inboxes and sending domains, by "type:id". */
  readonly resources = new Map<string, MailtrapAccountResource>();
  readonly tokens = new Map<number, MailtrapTokenState>();
  /** Which header authenticated each request, in order ('api-token' or 'bearer'). */
  readonly authSchemes: ('api-token' | 'bearer')[] = [];
  defaultExpiry: DefaultExpiry;
  private nextId = 100_000;
  readonly graceMs: number;
  private readonly rate: { limit: number; windowMs: number };
  private readonly hits = new Map<number, number[]>();

  constructor(options: MailtrapOptions = {}) {
    super(options);
    this.graceMs = options.graceMs ?? DAY;
    this.rate = options.rateLimit ?? { limit: 150, windowMs: 10_000 };
    this.defaultExpiry = options.defaultExpiry ?? 'none';
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

  /** A project, inbox or sending domain in an account, for tokens' resources to name. */
  addResource(spec: MailtrapAccountResource): MailtrapAccountResource {
    this.resources.set(`${spec.type}:${spec.id}`, spec);
    return spec;
  }

  addToken(spec: {
    name: string;
    account: number;
    secret?: string;
    createdBy?: string;
    expiresAt?: number | null;
    /** Account-level access: account id → level. */
    access?: Record<number, number>;
    /** Further resources (projects, inboxes, sending domains). */
    resources?: MailtrapResource[];
    resetAt?: number | null;
  }): MailtrapTokenState {
    const accountWide: MailtrapResource[] = Object.entries(spec.access ?? {}).map(([accountId, level]) => ({
      resource_type: 'account',
      resource_id: Number(accountId),
      access_level: level,
    }));
    const token: MailtrapTokenState = {
      id: this.nextId++,
      accountId: spec.account,
      name: spec.name,
      secret: spec.secret ?? this.mintSecret('', 32, '0123456789abcdef'),
      createdBy: spec.createdBy ?? 'Jane Doe',
      expiresAt: spec.expiresAt ?? null,
      resources: [...accountWide, ...(spec.resources ?? [])],
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

  private expired(t: MailtrapTokenState): boolean {
    return t.expiresAt !== null && this.now() >= t.expiresAt;
  }

  private live(t: MailtrapTokenState): boolean {
    return !t.deleted && !this.expired(t);
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
    const scheme = typeof header === 'string' ? 'api-token' : 'bearer';
    const given = typeof header === 'string' ? header : bearer(req.headers);
    const token = given === null ? null : this.findBySecret(given);
    if (token === null) return { status: 401, json: { error: 'Incorrect API token' } };
    req.authenticatedAs = String(token.id);
    this.authSchemes.push(scheme);
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
      const accountId = positiveIntegerId(req.params.accountId);
      const account = accountId === null ? undefined : this.accounts.get(accountId);
      if (req.params.id !== undefined && positiveIntegerId(req.params.id) === null) return NOT_FOUND;
      if (account === undefined || this.accessTo(token, account.id) === 0) return NOT_FOUND;
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
      resources: t.resources.map((r) => ({ ...r })),
      ...(withSecret ? { token: t.secret } : {}),
    };
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
      .filter((t) => this.live(t) && t.accountId === account.id)
      .sort((a, b) => a.id - b.id);
    return { status: 200, json: rows.map((t) => this.view(t, false)) };
  }

  /** The token the path names in this account (deleted ones are gone; expired ones only for reset's 422). */
  private target(req: SimRequest, account: MailtrapAccount): MailtrapTokenState | null {
    const token = this.tokens.get(Number(req.params.id));
    return token !== undefined && !token.deleted && token.accountId === account.id ? token : null;
  }

  private getOne(req: SimRequest, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    return token === null || this.expired(token) ? NOT_FOUND : { status: 200, json: this.view(token, false) };
  }

  private directory(caller: MailtrapTokenState): ResourceDirectory {
    return {
      accountOf: (type, id) =>
        type === 'account'
          ? this.accounts.has(id)
            ? id
            : null
          : (this.resources.get(`${type}:${id}`)?.accountId ?? null),
      callerAccess: (accountId) => this.accessTo(caller, accountId),
    };
  }

  /** A JSON object body with only the given fields, or the refusal to send. */
  private body(
    req: SimRequest,
    fields: readonly string[],
  ): { body: Record<string, unknown> } | { refused: SimResponse } {
    const check = jsonObjectBody(req, fields);
    if (check.ok) return { body: check.body };
    if (check.problem.kind === 'media_type')
      return { refused: { status: 415, json: { errors: 'Content-Type must be application/json' } } };
    return { refused: invalid(bodyProblemErrors(check.problem)) };
  }

  private create(req: SimRequest, caller: MailtrapTokenState, account: MailtrapAccount): SimResponse {
    const checked = this.body(req, CREATE_FIELDS);
    if ('refused' in checked) return checked.refused;
    const { body } = checked;
    const errors: FieldErrors = {};
    const name = checkName(body.name, errors);
    const expiresAt = checkExpiry(body, this.now(), this.defaultExpiry, errors);
    const resources =
      body.resources === undefined
        ? [{ resource_type: 'account' as const, resource_id: account.id, access_level: 10 }]
        : checkResources(body.resources, this.directory(caller), errors);
    if (Object.keys(errors).length > 0 || name === null || expiresAt === undefined || resources === undefined)
      return invalid(errors);
    const token = this.addToken({
      name,
      account: account.id,
      createdBy: caller.name,
      expiresAt,
      resources,
    });
    return { status: 200, json: this.view(token, true) };
  }

  private remove(req: SimRequest, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    if (token === null || this.expired(token)) return NOT_FOUND;
    token.deleted = true;
    return { status: 204 };
  }

  private reset(req: SimRequest, caller: MailtrapTokenState, account: MailtrapAccount): SimResponse {
    const token = this.target(req, account);
    if (token === null) return NOT_FOUND;
    const checked = this.body(req, RESET_FIELDS);
    if ('refused' in checked) return checked.refused;
    const { body } = checked;
    if (token.resetAt !== null) return invalid({ base: ['Token has already been reset'] });
    if (this.expired(token)) return invalid({ base: ['Token has already expired'] });
    const errors: FieldErrors = {};
    const expiresAt = checkExpiry(body, this.now(), this.defaultExpiry, errors);
    if (expiresAt === undefined) return invalid(errors);
    const now = this.now();
    // The old token stops at the end of the grace period, or sooner if it was due to expire anyway.
    token.expiresAt = Math.min(token.expiresAt ?? Number.POSITIVE_INFINITY, now + this.graceMs);
    token.resetAt = now;
    const next = this.addToken({
      name: token.name,
      account: token.accountId,
      createdBy: caller.name,
      expiresAt,
      resources: token.resources.map((r) => ({ ...r })),
    });
    return { status: 200, json: this.view(next, true) };
  }
}

export async function startMailtrap(options: MailtrapOptions = {}): Promise<MailtrapSimulator> {
  return new MailtrapSimulator(options).start();
}
