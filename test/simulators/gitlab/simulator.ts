/**
 * GitLab simulator, strict to shared/providers/gitlab.md (tags from its §0) and judged by
 * `@gitbeaker/rest` in test/unit/providers/contract/gitlab-gitbeaker.test.ts:
 * - auth: `PRIVATE-TOKEN`, `Authorization: Bearer` or `?private_token=` [AUTH]; none or unknown:
 *   401 `{"message":"401 Unauthorized"}`; expired or revoked: 401 `{error:"invalid_token",…}`
 *   [GUARD]; a missing scope: 403 `insufficient_scope`;
 * - GET /user; personal access tokens: list (filters, offset pagination with `Link` and `X-*`
 *   headers, the totals and rel="last" left out above 10,000 records), get (`:id` or `self`),
 *   create for yourself (k8s_proxy/self_rotate only) or as admin for a user (not on GitLab.com),
 *   rotate (200, one step: old revoked, successor linked) and revoke (204) [PAT][UT][REST];
 * - expiry rules: required by default, at most 365 days (400 behind a flag), the maximum when
 *   omitted on create, one week when omitted on rotate [LIM][MOD][ROT];
 * - the token-family rule: a revoked token that authenticates a rotate call revokes every token
 *   of its family and gets 401 [FAM];
 * - service accounts of top-level groups and their tokens (service-accounts.ts) [SA];
 * - `RateLimit-*` headers on every answer; past the limit 429 with `Retry-After`,
 *   `RateLimit-ResetTime` and a plain-text body `Retry later` [RL].
 * Modeled (the sources do not say): which scope each read needs (api, read_api; read_user for
 * /user), that unknown parameters are refused (400), 415 for other media types, the text of
 * Grape's parameter errors, and that `last_used_at` refreshes on each use older than 10 minutes.
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
import { positiveIntegerId } from '../strict';
import {
  SCOPES,
  SELF_CREATE_SCOPES,
  badRequest,
  createExpiry,
  forbidden,
  insufficientScope,
  notFound,
  params,
  scopeList,
  tokenExpired,
  tokenRevoked,
  unauthorized,
  unknownParams,
  dateValue,
  type ExpiryPolicy,
  type Params,
} from './rules';
import { readNameAndDescription, rotateToken } from './token-writes';
import { listTokens } from './listing';
import { GitLabResources } from './resources';
import { GitLabServiceAccounts } from './service-accounts';
import { GitLabVariables } from './variables';

export interface GitLabUserState {
  id: number;
  username: string;
  name: string;
  admin: boolean;
  /** A project's or group's bot user (its one access token) [UPRJ]. */
  bot?: { kind: 'project' | 'group'; resourceId: number };
}

export interface GitLabTokenState {
  id: number;
  userId: number;
  name: string;
  description: string | null;
  scopes: string[];
  secret: string;
  createdAt: number;
  /** `YYYY-MM-DD`; the token stops at 00:00 UTC on it. */
  expiresAt: string | null;
  lastUsedAt: number | null;
  revoked: boolean;
  impersonation: boolean;
  previousId: number | null;
}

export interface GitLabOptions extends SimulatorOptions {
  /** GitLab.com: no personal access token can be created through the API [UT]. */
  dotCom?: boolean;
  expiry?: Partial<ExpiryPolicy>;
  rateLimit?: { limit: number; windowMs: number };
}

const READ = ['api', 'read_api'];
const WRITE = ['api'];

export class GitLabSimulator extends SimServer {
  readonly users = new Map<number, GitLabUserState>();
  readonly tokens = new Map<number, GitLabTokenState>();
  readonly dotCom: boolean;
  readonly policy: ExpiryPolicy;
  /** Projects, groups and their access tokens (resources.ts). */
  readonly resources: GitLabResources = new GitLabResources(this);
  /** Service accounts of top-level groups and their tokens (service-accounts.ts). */
  readonly serviceAccounts: GitLabServiceAccounts = new GitLabServiceAccounts(this);
  /** CI/CD variables of projects and groups (variables.ts). */
  readonly variables: GitLabVariables = new GitLabVariables(this.resources);
  private readonly rate: { limit: number; windowMs: number };
  private readonly hits = new Map<number, number[]>();
  private nextId = 9000;

  constructor(options: GitLabOptions = {}) {
    super(options);
    this.dotCom = options.dotCom ?? false;
    this.policy = { enforced: true, maxDays: 365, ...options.expiry };
    this.rate = options.rateLimit ?? { limit: 2000, windowMs: 60_000 };
    const v4 = '/api/v4';
    this.route('GET', `${v4}/user`, (req) =>
      this.guard(req, ['api', 'read_api', 'read_user'], (t) => this.currentUser(t)),
    );
    this.route('GET', `${v4}/personal_access_tokens`, (req) =>
      this.guard(req, READ, (t) => this.list(req, t)),
    );
    this.route('GET', `${v4}/personal_access_tokens/:id`, (req) =>
      this.guard(req, READ, (t) => this.show(req, t)),
    );
    this.route('POST', `${v4}/user/personal_access_tokens`, (req) =>
      this.guard(req, WRITE, (t) => this.create(req, t, t.userId, SELF_CREATE_SCOPES)),
    );
    this.route('POST', `${v4}/users/:userId/personal_access_tokens`, (req) =>
      this.guard(req, WRITE, (t) => this.createForUser(req, t)),
    );
    this.route('POST', `${v4}/personal_access_tokens/:id/rotate`, (req) =>
      this.guard(req, req.params.id === 'self' ? ['api', 'self_rotate'] : WRITE, (t) => this.rotate(req, t)),
    );
    // `self` works with any token (15.4+) [PAT]; which scope revoking another needs is UNDOC,
    // modeled as `api` (read_api is GitLab's read-only scope).
    this.route('DELETE', `${v4}/personal_access_tokens/:id`, (req) =>
      this.guard(req, req.params.id === 'self' ? null : WRITE, (t) => this.revoke(req, t)),
    );
    const res = this.resources;
    this.route('GET', `${v4}/projects`, (req) =>
      this.guard(req, READ, (t) => res.listResources('project', req, t)),
    );
    this.route('GET', `${v4}/groups`, (req) =>
      this.guard(req, READ, (t) => res.listResources('group', req, t)),
    );
    this.variables.register(
      (m, p, h) => this.route(m, p, h),
      v4,
      (req, scopes, next) => this.guard(req, scopes, next),
    );
    const sa = this.serviceAccounts;
    const saBase = `${v4}/groups/:resource/service_accounts`;
    const saTokens = `${saBase}/:userId/personal_access_tokens`;
    this.route('GET', saBase, (req) => this.guard(req, READ, (t) => sa.listAccounts(req, t)));
    this.route('GET', saTokens, (req) => this.guard(req, READ, (t) => sa.list(req, t)));
    this.route('POST', saTokens, (req) => this.guard(req, WRITE, (t) => sa.create(req, t)));
    this.route('POST', `${saTokens}/:tokenId/rotate`, (req) =>
      this.guard(req, WRITE, (t) => sa.rotate(req, t)),
    );
    this.route('DELETE', `${saTokens}/:tokenId`, (req) => this.guard(req, WRITE, (t) => sa.revoke(req, t)));
    for (const kind of ['project', 'group'] as const) {
      const base = `${v4}/${kind}s/:resource/access_tokens`;
      this.route('GET', base, (req) => this.guard(req, READ, (t) => res.list(kind, req, t)));
      this.route('GET', `${base}/:tokenId`, (req) => this.guard(req, READ, (t) => res.show(kind, req, t)));
      this.route('POST', base, (req) => this.guard(req, WRITE, (t) => res.create(kind, req, t)));
      this.route('POST', `${base}/:tokenId/rotate`, (req) =>
        this.guard(req, req.params.tokenId === 'self' ? ['api', 'self_rotate'] : WRITE, (t) =>
          res.rotate(kind, req, t),
        ),
      );
      this.route('DELETE', `${base}/:tokenId`, (req) =>
        this.guard(req, WRITE, (t) => res.revoke(kind, req, t)),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and inspection (tests)

  addUser(spec: {
    id: number;
    username: string;
    name?: string;
    admin?: boolean;
    bot?: GitLabUserState['bot'];
  }): GitLabUserState {
    const user: GitLabUserState = {
      id: spec.id,
      username: spec.username,
      name: spec.name ?? spec.username,
      admin: spec.admin ?? false,
      ...(spec.bot === undefined ? {} : { bot: spec.bot }),
    };
    this.users.set(user.id, user);
    return user;
  }

  addToken(spec: {
    userId: number;
    name: string;
    scopes?: string[];
    description?: string | null;
    createdAt?: number;
    expiresAt?: string | null;
    lastUsedAt?: number | null;
    revoked?: boolean;
    impersonation?: boolean;
    previousId?: number | null;
    secret?: string;
  }): GitLabTokenState {
    const now = this.now();
    const token: GitLabTokenState = {
      id: this.nextId++,
      userId: spec.userId,
      name: spec.name,
      description: spec.description ?? null,
      scopes: spec.scopes ?? ['api'],
      secret: spec.secret ?? this.mintSecret('glpat-', 20),
      createdAt: spec.createdAt ?? now - 30 * DAY,
      expiresAt:
        spec.expiresAt === undefined ? new Date(now + 300 * DAY).toISOString().slice(0, 10) : spec.expiresAt,
      lastUsedAt: spec.lastUsedAt ?? null,
      revoked: spec.revoked ?? false,
      impersonation: spec.impersonation ?? false,
      previousId: spec.previousId ?? null,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  expired(t: GitLabTokenState): boolean {
    const ends = dateValue(t.expiresAt);
    return ends !== null && this.now() >= ends;
  }

  active(t: GitLabTokenState): boolean {
    return !t.revoked && !this.expired(t);
  }

  /** Whether a secret would authenticate right now. */
  authenticates(secret: string): boolean {
    const t = this.bySecret(secret);
    return t !== null && this.active(t);
  }

  bySecret(secret: string): GitLabTokenState | null {
    for (const t of this.tokens.values()) if (t.secret === secret) return t;
    return null;
  }

  /** Every token of a token's family: its predecessors and successors [FAM]. */
  family(t: GitLabTokenState): GitLabTokenState[] {
    const all = [...this.tokens.values()];
    const members = new Set<GitLabTokenState>([t]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const x of all) {
        if (members.has(x)) continue;
        const linked = [...members].some((m) => m.previousId === x.id || x.previousId === m.id);
        if (linked) {
          members.add(x);
          grew = true;
        }
      }
    }
    return [...members];
  }

  entity(t: GitLabTokenState) {
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      revoked: t.revoked,
      created_at: iso(t.createdAt),
      scopes: t.scopes,
      user_id: t.userId,
      last_used_at: iso(t.lastUsedAt),
      active: this.active(t),
      expires_at: t.expiresAt,
      last_used_ips: [],
    };
  }

  // ---------------------------------------------------------------------------------------------

  private rateHeaders(tokenId: number): { headers: Record<string, string>; limited: boolean } {
    const now = this.now();
    const hits = (this.hits.get(tokenId) ?? []).filter((at) => at > now - this.rate.windowMs);
    const limited = hits.length >= this.rate.limit;
    if (!limited) hits.push(now);
    this.hits.set(tokenId, hits);
    const resetAt = (hits[0] ?? now) + this.rate.windowMs;
    const headers: Record<string, string> = {
      'RateLimit-Name': 'throttle_authenticated_api',
      'RateLimit-Limit': String(this.rate.limit),
      'RateLimit-Observed': String(hits.length + (limited ? 1 : 0)),
      'RateLimit-Remaining': String(Math.max(0, this.rate.limit - hits.length)),
      'RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
    };
    if (limited) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
      headers['RateLimit-ResetTime'] = new Date(resetAt).toUTCString();
    }
    return { headers, limited };
  }

  private async guard(
    req: SimRequest,
    scopes: readonly string[] | null,
    next: (token: GitLabTokenState) => SimResponse | Promise<SimResponse>,
  ): Promise<SimResponse> {
    const given =
      (typeof req.headers['private-token'] === 'string' ? req.headers['private-token'] : null) ??
      bearer(req.headers) ??
      req.query.get('private_token');
    const token = given === null ? null : this.bySecret(given);
    if (token === null) return unauthorized();
    req.authenticatedAs = String(token.id);
    if (token.revoked) {
      // Reuse detection: a revoked token hitting a rotate path revokes its family [FAM].
      if (/access_tokens\/(?:\d+|self)\/rotate$/.test(req.path))
        for (const member of this.family(token)) member.revoked = true;
      return tokenRevoked();
    }
    if (this.expired(token)) return tokenExpired();
    const { headers, limited } = this.rateHeaders(token.id);
    if (limited)
      // Plain text, as GitLab's throttle answers (the body admins may change) [RL].
      return { status: 429, html: 'Retry later', headers: { ...headers, 'content-type': 'text/plain' } };
    if (scopes !== null && !token.scopes.some((s) => scopes.includes(s)))
      return { ...insufficientScope(scopes), headers };
    const now = this.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt > 10 * 60_000) token.lastUsedAt = now;
    const answer = await next(token);
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  private userOf(t: GitLabTokenState): GitLabUserState {
    const user = this.users.get(t.userId);
    if (user === undefined) throw new Error(`simulator: token ${t.id} has no user`);
    return user;
  }

  private currentUser(t: GitLabTokenState): SimResponse {
    const user = this.userOf(t);
    return {
      status: 200,
      json: {
        id: user.id,
        username: user.username,
        name: user.name,
        state: 'active',
        ...(user.admin ? { is_admin: true } : {}),
        ...(user.bot === undefined ? {} : { bot: true }),
      },
    };
  }

  /** `:id` as a token this caller may see: its own, or any for an admin [PAT]. */
  private target(req: SimRequest, caller: GitLabTokenState): GitLabTokenState | SimResponse {
    if (req.params.id === 'self') return caller;
    const id = positiveIntegerId(req.params.id);
    if (id === null) return notFound();
    const admin = this.userOf(caller).admin;
    const token = this.tokens.get(id);
    if (token === undefined || token.impersonation) return admin ? notFound() : unauthorized();
    if (token.userId !== caller.userId && !admin) return unauthorized();
    return token;
  }

  private list(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    return listTokens(this, req, parsed.values, this.userOf(caller));
  }

  private show(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const token = this.target(req, caller);
    if ('status' in token) return token;
    return { status: 200, json: this.entity(token) };
  }

  private createForUser(req: SimRequest, caller: GitLabTokenState): SimResponse {
    if (!this.userOf(caller).admin) return forbidden();
    const userId = positiveIntegerId(req.params.userId);
    if (userId === null || !this.users.has(userId)) return notFound('404 User Not Found');
    return this.create(req, caller, userId, SCOPES);
  }

  private create(
    req: SimRequest,
    _caller: GitLabTokenState,
    userId: number,
    allowed: readonly string[],
  ): SimResponse {
    if (this.dotCom) return notFound();
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const values: Params = parsed.values;
    const extra = unknownParams(values, ['name', 'description', 'scopes', 'expires_at', 'user_id']);
    if (extra !== null) return extra;
    const named = readNameAndDescription(values);
    if (!named.ok) return named.response;
    const scopes = scopeList(values.scopes, allowed);
    if (!scopes.ok) return scopes.response;
    const expiry = createExpiry(values.expires_at, this.policy, this.now());
    if (!expiry.ok) return expiry.response;
    const token = this.addToken({
      userId,
      name: named.name,
      description: named.description,
      scopes: scopes.scopes,
      createdAt: this.now(),
      expiresAt: expiry.date,
    });
    return { status: 201, json: { ...this.entity(token), token: token.secret } };
  }

  private rotate(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const old = this.target(req, caller);
    if ('status' in old) return old;
    return rotateToken(this, req, old, (t) => this.entity(t));
  }

  private revoke(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const token = this.target(req, caller);
    if ('status' in token) return token;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, []);
    if (extra !== null) return extra;
    if (token.revoked) return badRequest('Token already revoked');
    token.revoked = true;
    return { status: 204 };
  }
}

export async function startGitLab(options: GitLabOptions = {}): Promise<GitLabSimulator> {
  return new GitLabSimulator(options).start();
}
