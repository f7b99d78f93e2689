/**
 * smoxy simulator, strict to shared/providers/smoxy-api-tokens.txt and the smoxy section of
 * shared/providers/README.md:
 * - `X-API-TOKEN` authenticates the API (GET /api/zones), never token management;
 * - token management needs a session JWT from POST /api/auth/login, sent as
 *   `Authorization: Bearer <jwt>`; an API token there is refused (401);
 * - POST /api/api-tokens {name, expiresAt?, organizations: [IRI...]}: unique name per user, an
 *   empty list means all organizations, `plainToken` once (JSON-LD: @id, @type);
 * - DELETE /api/api-tokens/{id}: owner only, immediate.
 * Modeled: the login body and answer ({email, password} → {token}), the list
 * (GET /api/api-tokens, a Hydra collection of 30 per page), GET /api/organizations, error bodies
 * in API Platform's style (violations), a one-hour JWT, and `tokenType` personal|legacy.
 */
import { randomUUID } from 'node:crypto';
import { SimServer, bearer, iso, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';

export interface SmoxyUser {
  id: number;
  email: string;
  password: string;
  organizations: number[];
}

export interface SmoxyTokenState {
  id: string;
  userId: number;
  name: string;
  secret: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  organizations: string[];
  tokenType: 'personal' | 'legacy';
  active: boolean;
  deleted: boolean;
}

const PAGE_SIZE = 30;
const JWT_TTL_MS = 60 * 60_000;

export class SmoxySimulator extends SimServer {
  readonly users: SmoxyUser[] = [];
  readonly organizations = new Map<number, string>();
  readonly tokens = new Map<string, SmoxyTokenState>();
  readonly jwts = new Map<string, { userId: number; expiresAt: number }>();
  private nextUser = 1;

  constructor(options: SimulatorOptions = {}) {
    super(options);
    this.route('POST', '/api/auth/login', (req) => this.login(req));
    this.route('GET', '/api/zones', (req) => this.zones(req));
    this.route('GET', '/api/organizations', (req) =>
      this.withJwt(req, (user) => this.listOrganizations(user)),
    );
    this.route('GET', '/api/api-tokens', (req) => this.withJwt(req, (user) => this.list(req, user)));
    this.route('POST', '/api/api-tokens', (req) => this.withJwt(req, (user) => this.create(req, user)));
    this.route('DELETE', '/api/api-tokens/:id', (req) => this.withJwt(req, (user) => this.remove(req, user)));
  }

  addOrganization(id: number, name: string): void {
    this.organizations.set(id, name);
  }

  addUser(email: string, password: string, organizations: number[]): SmoxyUser {
    const user = { id: this.nextUser++, email, password, organizations };
    this.users.push(user);
    return user;
  }

  addToken(
    user: SmoxyUser,
    spec: Partial<Omit<SmoxyTokenState, 'id' | 'userId'>> & { name: string },
  ): SmoxyTokenState {
    const token: SmoxyTokenState = {
      id: randomUUID(),
      userId: user.id,
      secret: spec.secret ?? this.mintSecret('smx_', 40),
      createdAt: spec.createdAt ?? this.now(),
      expiresAt: spec.expiresAt ?? null,
      lastUsedAt: spec.lastUsedAt ?? null,
      organizations: spec.organizations ?? [],
      tokenType: spec.tokenType ?? 'personal',
      active: spec.active ?? true,
      deleted: false,
      name: spec.name,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /** Whether an API token would authenticate GET /api/zones now. */
  authenticates(secret: string): boolean {
    return this.findApiToken(secret) !== null;
  }

  liveTokens(): SmoxyTokenState[] {
    return [...this.tokens.values()].filter((t) => !t.deleted);
  }

  // ---------------------------------------------------------------------------------------------

  private findApiToken(secret: string): SmoxyTokenState | null {
    for (const t of this.tokens.values()) {
      if (t.secret === secret && !t.deleted && t.active && (t.expiresAt === null || this.now() < t.expiresAt))
        return t;
    }
    return null;
  }

  private makeJwt(userId: number): string {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const expiresAt = this.now() + JWT_TTL_MS;
    const jwt = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ sub: userId, exp: Math.floor(expiresAt / 1000), iat: Math.floor(this.now() / 1000) })}.${this.mintSecret('', 43)}`;
    this.jwts.set(jwt, { userId, expiresAt });
    return jwt;
  }

  private login(req: SimRequest): SimResponse {
    const body = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof body.email !== 'string' || typeof body.password !== 'string') {
      return {
        status: 400,
        json: { code: 400, message: 'The keys "email" and "password" must be provided.' },
      };
    }
    const user = this.users.find((u) => u.email === body.email && u.password === body.password);
    if (user === undefined) return { status: 401, json: { code: 401, message: 'Invalid credentials.' } };
    return { status: 200, json: { token: this.makeJwt(user.id) } };
  }

  private zones(req: SimRequest): SimResponse {
    const given = req.headers['x-api-token'];
    const token = typeof given === 'string' ? this.findApiToken(given) : null;
    if (token === null) return { status: 401, json: { code: 401, message: 'Invalid API token.' } };
    req.authenticatedAs = token.id;
    token.lastUsedAt = this.now();
    const zones = [{ '@id': '/api/zones/1', '@type': 'Zone', id: 1, name: 'www.acme.test' }];
    return {
      status: 200,
      json: {
        '@context': '/api/contexts/Zone',
        '@id': '/api/zones',
        '@type': 'hydra:Collection',
        'hydra:member': zones,
        'hydra:totalItems': zones.length,
      },
    };
  }

  private withJwt(req: SimRequest, next: (user: SmoxyUser) => SimResponse): SimResponse {
    const jwt = bearer(req.headers);
    if (jwt === null) return { status: 401, json: { code: 401, message: 'JWT Token not found' } };
    const session = this.jwts.get(jwt);
    if (session === undefined) return { status: 401, json: { code: 401, message: 'Invalid JWT Token' } };
    if (session.expiresAt <= this.now())
      return { status: 401, json: { code: 401, message: 'Expired JWT Token' } };
    const user = this.users.find((u) => u.id === session.userId);
    if (user === undefined) return { status: 401, json: { code: 401, message: 'Invalid JWT Token' } };
    req.authenticatedAs = `user:${user.id}`;
    return next(user);
  }

  private view(t: SmoxyTokenState, plain: boolean) {
    return {
      '@id': `/api/api-tokens/${t.id}`,
      '@type': 'ApiToken',
      id: t.id,
      name: t.name,
      lastUsedAt: iso(t.lastUsedAt),
      expiresAt: iso(t.expiresAt),
      active: t.active,
      createdAt: iso(t.createdAt),
      organizations: t.organizations,
      tokenType: t.tokenType,
      ...(plain ? { plainToken: t.secret } : {}),
    };
  }

  private listOrganizations(user: SmoxyUser): SimResponse {
    const members = user.organizations.map((id) => ({
      '@id': `/api/organizations/${id}`,
      '@type': 'Organization',
      id,
      name: this.organizations.get(id) ?? `Org ${id}`,
    }));
    return {
      status: 200,
      json: {
        '@context': '/api/contexts/Organization',
        '@id': '/api/organizations',
        '@type': 'hydra:Collection',
        'hydra:member': members,
        'hydra:totalItems': members.length,
      },
    };
  }

  private list(req: SimRequest, user: SmoxyUser): SimResponse {
    const all = [...this.tokens.values()]
      .filter((t) => t.userId === user.id && !t.deleted)
      .sort((a, b) => a.createdAt - b.createdAt);
    const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
    const members = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((t) => this.view(t, false));
    const view: Record<string, string> = {
      '@id': `/api/api-tokens?page=${page}`,
      '@type': 'hydra:PartialCollectionView',
    };
    if (page * PAGE_SIZE < all.length) view['hydra:next'] = `/api/api-tokens?page=${page + 1}`;
    return {
      status: 200,
      json: {
        '@context': '/api/contexts/ApiToken',
        '@id': '/api/api-tokens',
        '@type': 'hydra:Collection',
        'hydra:member': members,
        'hydra:totalItems': all.length,
        'hydra:view': view,
      },
    };
  }

  private violation(propertyPath: string, message: string): SimResponse {
    return {
      status: 422,
      json: {
        '@type': 'ConstraintViolationList',
        'hydra:title': 'An error occurred',
        'hydra:description': `${propertyPath}: ${message}`,
        violations: [{ propertyPath, message }],
      },
    };
  }

  private create(req: SimRequest, user: SmoxyUser): SimResponse {
    const body = (req.body ?? {}) as { name?: unknown; expiresAt?: unknown; organizations?: unknown };
    if (typeof body.name !== 'string' || body.name.trim() === '')
      return this.violation('name', 'This value should not be blank.');
    if (body.name.length > 255)
      return this.violation('name', 'This value is too long. It should have 255 characters or less.');
    if ([...this.tokens.values()].some((t) => t.userId === user.id && !t.deleted && t.name === body.name)) {
      return this.violation('name', 'You already have a token with this name.');
    }
    let expiresAt: number | null = null;
    if (body.expiresAt !== undefined && body.expiresAt !== null) {
      expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : Number.NaN;
      if (Number.isNaN(expiresAt)) return this.violation('expiresAt', 'This value is not a valid datetime.');
      if (expiresAt <= this.now()) return this.violation('expiresAt', 'The expiry must be in the future.');
    }
    const organizations = body.organizations ?? [];
    if (!Array.isArray(organizations) || organizations.some((o) => typeof o !== 'string'))
      return this.violation('organizations', 'This value should be a list of IRIs.');
    for (const iri of organizations as string[]) {
      const id = Number(/^\/api\/organizations\/(\d+)$/.exec(iri)?.[1] ?? Number.NaN);
      if (!user.organizations.includes(id))
        return this.violation('organizations', `You are not a member of ${iri}.`);
    }
    const token = this.addToken(user, {
      name: body.name,
      expiresAt,
      organizations: organizations as string[],
    });
    return { status: 201, json: { '@context': '/api/contexts/ApiToken', ...this.view(token, true) } };
  }

  private remove(req: SimRequest, user: SmoxyUser): SimResponse {
    const token = this.tokens.get(req.params.id ?? '');
    if (token === undefined || token.deleted)
      return { status: 404, json: { '@type': 'hydra:Error', 'hydra:description': 'Not Found' } };
    if (token.userId !== user.id)
      return {
        status: 403,
        json: { '@type': 'hydra:Error', 'hydra:description': 'Only the owner can delete this token.' },
      };
    token.deleted = true;
    return { status: 204 };
  }
}

export async function startSmoxy(options: SimulatorOptions = {}): Promise<SmoxySimulator> {
  return new SmoxySimulator(options).start();
}
