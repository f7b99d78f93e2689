/**
 * Vercel simulator, strict to shared/providers/vercel.md (§ numbers are its sections) and judged
 * by the official `@vercel/sdk` in test/unit/providers/contract/vercel-sdk.test.ts:
 * - `Authorization: Bearer`; JSON answers, errors as `{error: {code, message}}` (§2, §5);
 * - `GET /v2/user` (AuthUser; AuthUserLimited for a team- or project-scoped token, modeled),
 *   `GET /v6/user/tokens` with the CLI's `limit`/`until` paging and `pagination {count, next,
 *   prev}` (numbers: the shared Pagination shape), `POST /v3/user/tokens?teamId=&slug=` (200 with
 *   `bearerToken` once), `GET /v5/user/tokens/{id}` and `DELETE /v3/user/tokens/{id}`, both with
 *   `current` for the calling token (§3);
 * - AuthToken fields as the SDK types them (§4): `activeAt` moves when a token is used; `leakedAt`
 *   and `leakedUrl` where a leak was reported; scopes of type `user` (full account) or `team`;
 * - only a classic full-account token creates: an OAuth session and a team- or project-scoped
 *   token get the CLI's 403 messages (§1);
 * - per-endpoint rate limits (VD-ERR): 429 `rate_limited` with `error.limit`.
 * Modeled (UNDOC, §7): the limits of `limit` (1–100, default 20), name length, `expiresAt` in the
 * future, the rate numbers (100 per minute per endpoint), `X-RateLimit-*` headers, ids (64 hex
 * as the docs example), secrets `vcp_` + 56 characters, a team create making a `team` scope, an
 * unknown team being 404, expired and revoked tokens not authenticating and revoked ones unlisted.
 */
import { randomBytes } from 'node:crypto';
import { SimServer, DAY, bearer, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';
import { jsonObjectBody } from '../strict';
import {
  CREATE_FIELDS,
  CREATE_QUERY,
  LIST_PARAMS,
  OAUTH_CREATE_REFUSAL,
  badRequest,
  checkCreateBody,
  fail,
  notAuthorized,
  notFound,
  scopeCreateRefusal,
  wholeNumber,
} from './rules';

export type VercelScope =
  | { type: 'user'; origin?: string; createdAt: number; expiresAt?: number }
  | { type: 'team'; teamId: string; origin?: string; createdAt: number; expiresAt?: number };

export interface VercelToken {
  id: string;
  name: string;
  /** Free text (§1); `oauth2-token` for a `vercel login` session. */
  type: string;
  origin: string | null;
  secret: string;
  createdAt: number;
  activeAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  leakedAt: number | null;
  leakedUrl: string | null;
  scopes: VercelScope[];
  /** Project-scoped tokens (VD-AT): kept here only; the AuthToken type has no field for it. */
  projectId: string | null;
}

export interface VercelUser {
  id: string;
  email: string;
  username: string;
  name: string | null;
  createdAt: number;
}

export interface VercelOptions extends SimulatorOptions {
  /** Requests per endpoint per window (modeled). */
  rateLimit?: { limit: number; windowMs: number };
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class VercelSimulator extends SimServer {
  readonly user: VercelUser;
  readonly teams = new Map<string, { id: string; slug: string; name: string }>();
  readonly tokens = new Map<string, VercelToken>();
  private readonly rate: { limit: number; windowMs: number };
  private readonly hits = new Map<string, number[]>();

  constructor(options: VercelOptions = {}) {
    super(options);
    this.rate = options.rateLimit ?? { limit: 100, windowMs: 60_000 };
    this.user = {
      id: this.hex(12),
      email: 'ada@example.com',
      username: 'ada',
      name: 'Ada Lovelace',
      createdAt: this.now() - 400 * DAY,
    };
    this.route('GET', '/v2/user', (req) => this.guard(req, 'user', (t) => this.getUser(req, t)));
    this.route('GET', '/v6/user/tokens', (req) => this.guard(req, 'list', () => this.list(req)));
    this.route('POST', '/v3/user/tokens', (req) => this.guard(req, 'create', (t) => this.create(req, t)));
    this.route('GET', '/v5/user/tokens/:id', (req) =>
      this.guard(req, 'get', (t) =>
        this.one(req, t, (x) => ({ status: 200, json: { token: this.entity(x) } })),
      ),
    );
    this.route('DELETE', '/v3/user/tokens/:id', (req) =>
      this.guard(req, 'delete', (t) =>
        this.one(req, t, (x) => {
          this.tokens.delete(x.id);
          return { status: 200, json: { tokenId: x.id } };
        }),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and inspection (tests)

  hex(bytes = 32): string {
    return randomBytes(bytes).toString('hex');
  }

  addTeam(slug: string, name: string) {
    const team = { id: `team_${this.hex(12)}`, slug, name };
    this.teams.set(team.id, team);
    return team;
  }

  /** A token; creation times are kept distinct so `until` paging never splits a tie. */
  addToken(spec: Partial<VercelToken> & { name: string }): VercelToken {
    let createdAt = spec.createdAt ?? this.now() - 30 * DAY;
    while ([...this.tokens.values()].some((t) => t.createdAt === createdAt)) createdAt -= 1;
    const token: VercelToken = {
      id: spec.id ?? this.hex(),
      name: spec.name,
      type: spec.type ?? 'token',
      origin: spec.origin ?? 'manual',
      secret: spec.secret ?? this.mintSecret('vcp_', 56, SECRET_ALPHABET),
      createdAt,
      activeAt: spec.activeAt ?? createdAt,
      expiresAt: spec.expiresAt ?? null,
      revokedAt: spec.revokedAt ?? null,
      leakedAt: spec.leakedAt ?? null,
      leakedUrl: spec.leakedUrl ?? null,
      scopes: spec.scopes ?? [{ type: 'user', origin: 'manual', createdAt }],
      projectId: spec.projectId ?? null,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  usable(t: VercelToken): boolean {
    return t.revokedAt === null && (t.expiresAt === null || this.now() < t.expiresAt);
  }

  authenticates(secret: string): boolean {
    const t = [...this.tokens.values()].find((x) => x.secret === secret);
    return t !== undefined && this.usable(t);
  }

  /** The tokens the list shows (not revoked), newest first. */
  listed(): VercelToken[] {
    return [...this.tokens.values()]
      .filter((t) => t.revokedAt === null)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Whether the token reaches the whole account (a `user` scope, not limited to a project). */
  fullAccount(t: VercelToken): boolean {
    return t.projectId === null && t.scopes.some((s) => s.type === 'user');
  }

  /** The AuthToken of the SDK (§4): optional fields absent, never null. */
  entity(t: VercelToken): Record<string, unknown> {
    return {
      id: t.id,
      name: t.name,
      type: t.type,
      ...(t.origin === null ? {} : { origin: t.origin }),
      scopes: t.scopes,
      ...(t.expiresAt === null ? {} : { expiresAt: t.expiresAt }),
      activeAt: t.activeAt,
      createdAt: t.createdAt,
      ...(t.leakedAt === null ? {} : { leakedAt: t.leakedAt }),
      ...(t.leakedUrl === null ? {} : { leakedUrl: t.leakedUrl }),
      prefix: t.secret.slice(0, 6),
      suffix: t.secret.slice(-4),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Endpoints

  private limited(endpoint: string): SimResponse | null {
    const now = this.now();
    const hits = (this.hits.get(endpoint) ?? []).filter((at) => at > now - this.rate.windowMs);
    this.hits.set(endpoint, hits);
    const reset = (hits[0] ?? now) + this.rate.windowMs;
    const headers = (remaining: number) => ({
      'X-RateLimit-Limit': String(this.rate.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.ceil(reset / 1000)),
    });
    if (hits.length >= this.rate.limit) {
      return {
        ...fail(429, 'rate_limited', 'Rate limit exceeded', {
          limit: { remaining: 0, reset: Math.ceil(reset / 1000), resetMs: reset, total: this.rate.limit },
        }),
        headers: headers(0),
      };
    }
    hits.push(now);
    return null;
  }

  private guard(req: SimRequest, endpoint: string, next: (token: VercelToken) => SimResponse): SimResponse {
    const given = bearer(req.headers);
    const token = given === null ? undefined : [...this.tokens.values()].find((t) => t.secret === given);
    if (token === undefined || !this.usable(token)) return notAuthorized();
    req.authenticatedAs = token.id;
    const limited = this.limited(endpoint);
    if (limited !== null) return limited;
    token.activeAt = this.now();
    return next(token);
  }

  private noQuery(req: SimRequest, allowed: readonly string[]): SimResponse | null {
    const extra = [...req.query.keys()].find((k) => !allowed.includes(k));
    return extra === undefined ? null : badRequest(`Invalid request: unknown query parameter \`${extra}\`.`);
  }

  private getUser(req: SimRequest, t: VercelToken): SimResponse {
    const refused = this.noQuery(req, []);
    if (refused !== null) return refused;
    const u = this.user;
    const base = {
      avatar: null,
      defaultTeamId: null,
      email: u.email,
      id: u.id,
      name: u.name,
      username: u.username,
    };
    if (!this.fullAccount(t)) return { status: 200, json: { user: { ...base, limited: true } } };
    return {
      status: 200,
      json: {
        user: {
          ...base,
          billing: null,
          createdAt: u.createdAt,
          hasTrialAvailable: false,
          resourceConfig: {},
          softBlock: null,
          stagingPrefix: u.username,
        },
      },
    };
  }

  private list(req: SimRequest): SimResponse {
    const refused = this.noQuery(req, LIST_PARAMS);
    if (refused !== null) return refused;
    const rawLimit = req.query.get('limit');
    const limit = rawLimit === null ? 20 : wholeNumber(rawLimit);
    if (limit === null || limit < 1 || limit > 100)
      return badRequest('Invalid request: `limit` must be a number from 1 to 100.');
    const rawUntil = req.query.get('until');
    const until = rawUntil === null ? null : wholeNumber(rawUntil);
    if (rawUntil !== null && until === null)
      return badRequest('Invalid request: `until` must be a timestamp in milliseconds.');
    const older = this.listed().filter((t) => until === null || t.createdAt < until);
    const page = older.slice(0, limit);
    const last = page[page.length - 1];
    const first = page[0];
    return {
      status: 200,
      json: {
        tokens: page.map((t) => this.entity(t)),
        pagination: {
          count: page.length,
          next: older.length > limit && last !== undefined ? last.createdAt : null,
          prev: until !== null && first !== undefined ? first.createdAt : null,
        },
      },
    };
  }

  private create(req: SimRequest, caller: VercelToken): SimResponse {
    const refused = this.noQuery(req, CREATE_QUERY);
    if (refused !== null) return refused;
    const body = jsonObjectBody(req, CREATE_FIELDS);
    if (!body.ok) {
      const p = body.problem;
      return badRequest(
        p.kind === 'unknown_fields'
          ? `Invalid request: should NOT have additional property \`${p.fields[0] ?? ''}\`.`
          : 'Invalid request: the body must be a JSON object.',
      );
    }
    if (caller.type === 'oauth2-token') return fail(403, 'forbidden', OAUTH_CREATE_REFUSAL);
    if (!this.fullAccount(caller)) return fail(403, 'forbidden', scopeCreateRefusal(this.user.username));
    const checked = checkCreateBody(body.body, this.now());
    if (!checked.ok) return checked.response;
    const teamRef = req.query.get('teamId') ?? req.query.get('slug');
    const team =
      teamRef === null ? null : [...this.teams.values()].find((x) => x.id === teamRef || x.slug === teamRef);
    if (team === undefined) return notFound('The team was not found');
    const now = this.now();
    const { name, expiresAt, projectId } = checked.fields;
    const scope: VercelScope =
      team === null
        ? { type: 'user', origin: 'manual', createdAt: now }
        : { type: 'team', teamId: team.id, origin: 'manual', createdAt: now };
    const token = this.addToken({
      name,
      createdAt: now,
      activeAt: now,
      expiresAt,
      projectId,
      scopes: [expiresAt === null ? scope : { ...scope, expiresAt }],
    });
    return { status: 200, json: { token: this.entity(token), bearerToken: token.secret } };
  }

  private one(req: SimRequest, caller: VercelToken, next: (t: VercelToken) => SimResponse): SimResponse {
    const refused = this.noQuery(req, []);
    if (refused !== null) return refused;
    const id = req.params.id ?? '';
    const target = id === 'current' ? caller : this.tokens.get(id);
    if (target === undefined || target.revokedAt !== null) return notFound();
    return next(target);
  }
}

export async function startVercel(options: VercelOptions = {}): Promise<VercelSimulator> {
  return new VercelSimulator(options).start();
}
