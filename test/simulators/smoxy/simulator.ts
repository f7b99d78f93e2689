/**
 * smoxy simulator, strict to shared/providers/smoxy-api-tokens.txt and the smoxy section of
 * shared/providers/README.md:
 * - `X-API-TOKEN` authenticates the API (GET /api/zones), never token management;
 * - token management needs a session JWT from POST /api/auth/login, sent as
 *   `Authorization: Bearer <jwt>`; an API token there is refused (401);
 * - POST /api/api-tokens {name, expiresAt?, organizations: [IRI...]}: unique name per user, an
 *   empty list means all organizations, `plainToken` once (JSON-LD: @id, @type);
 * - DELETE /api/api-tokens/{id}: owner only, immediate; ids are UUIDs (anything else: 404).
 * Strict the way API Platform is when it refuses: a body that is not JSON (415), extra attributes
 * and mistyped ones (400, API Platform's own wording), an organization that is not an IRI (400),
 * a page that is not a positive integer (400).
 * Modeled: the login body and answer ({email, password} → {token}; JSON only, no other keys), the
 * list (GET /api/api-tokens, a Hydra collection of 30 per page), GET /api/organizations, error
 * bodies in API Platform's style (violations), a one-hour JWT, `tokenType` personal|legacy, that
 * `organizations` must be sent (the docs show it in every create; `[]` is "all"), that names are
 * unique ignoring case and surrounding spaces, and that some answers carry no `organizations` key
 * at all (a token whose `organizations` is null here): what that means is not documented, so it
 * must never be read as "all organizations".
 */
import { randomUUID } from 'node:crypto';
import { SimServer, bearer, iso, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';
import { isUuid, isoDateTime, jsonObjectBody, positiveIntegerId, type BodyProblem } from '../strict';

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
  /** IRIs; [] = all organizations; null = the answer carries no `organizations` key (modeled). */
  organizations: string[] | null;
  tokenType: 'personal' | 'legacy';
  active: boolean;
  deleted: boolean;
}

const PAGE_SIZE = 30;
const JWT_TTL_MS = 60 * 60_000;
const ORGANIZATION_IRI = /^\/api\/organizations\/([1-9]\d*)$/;

/** The key smoxy's unique-name rule compares (modeled: case and surrounding spaces ignored). */
export const smoxyNameKey = (name: string): string => name.trim().toLowerCase();

const hydraError = (status: number, description: string): SimResponse => ({
  status,
  json: { '@type': 'hydra:Error', 'hydra:title': 'An error occurred', 'hydra:description': description },
});

/** API Platform's answers to a body it cannot deserialize. */
function bodyRefusal(problem: BodyProblem): SimResponse {
  switch (problem.kind) {
    case 'media_type':
      return hydraError(
        415,
        `The content-type "${problem.contentType}" is not supported. Supported MIME types are "application/ld+json", "application/json".`,
      );
    case 'not_object':
      return hydraError(400, 'The input data is misformatted.');
    case 'unknown_fields':
      return hydraError(
        400,
        `Extra attributes are not allowed (${problem.fields.map((f) => `"${f}"`).join(', ')} ${problem.fields.length === 1 ? 'is' : 'are'} unknown).`,
      );
  }
}

const typeName = (value: unknown) =>
  value === null
    ? 'NULL'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'int'
          : 'float'
        : typeof value === 'boolean'
          ? 'bool'
          : typeof value;

const wrongType = (attribute: string, expected: string, value: unknown): SimResponse =>
  hydraError(
    400,
    `The type of the "${attribute}" attribute must be "${expected}", "${typeName(value)}" given.`,
  );

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
      organizations: spec.organizations === undefined ? [] : spec.organizations,
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
    const check = jsonObjectBody(req, ['email', 'password']);
    if (!check.ok) {
      return check.problem.kind === 'media_type'
        ? { status: 415, json: { code: 415, message: 'Send the e-mail address and password as JSON.' } }
        : { status: 400, json: { code: 400, message: 'The keys "email" and "password" must be provided.' } };
    }
    const body = check.body;
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
      ...(t.organizations === null ? {} : { organizations: t.organizations }),
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
    const page = positiveIntegerId(req.query.get('page') ?? '1');
    if (page === null) return hydraError(400, 'Page should not be less than 1');
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
    const check = jsonObjectBody(req, ['name', 'expiresAt', 'organizations']);
    if (!check.ok) return bodyRefusal(check.problem);
    const body = check.body;
    if (body.name !== undefined && typeof body.name !== 'string')
      return wrongType('name', 'string', body.name);
    if (body.expiresAt !== undefined && body.expiresAt !== null && typeof body.expiresAt !== 'string')
      return wrongType('expiresAt', 'string', body.expiresAt);
    if (body.organizations !== undefined && !Array.isArray(body.organizations))
      return wrongType('organizations', 'array', body.organizations);
    const organizations = (body.organizations ?? null) as unknown[] | null;
    for (const iri of organizations ?? []) {
      if (typeof iri !== 'string' || !ORGANIZATION_IRI.test(iri))
        return hydraError(400, `Invalid IRI "${String(iri)}".`);
    }
    const name = body.name;
    if (name === undefined || name.trim() === '')
      return this.violation('name', 'This value should not be blank.');
    if (name.length > 255)
      return this.violation('name', 'This value is too long. It should have 255 characters or less.');
    const key = smoxyNameKey(name);
    if (
      [...this.tokens.values()].some(
        (t) => t.userId === user.id && !t.deleted && smoxyNameKey(t.name) === key,
      )
    ) {
      return this.violation('name', 'You already have a token with this name.');
    }
    let expiresAt: number | null = null;
    if (typeof body.expiresAt === 'string') {
      expiresAt = isoDateTime(body.expiresAt);
      if (expiresAt === null) return this.violation('expiresAt', 'This value is not a valid datetime.');
      if (expiresAt <= this.now()) return this.violation('expiresAt', 'The expiry must be in the future.');
    }
    if (organizations === null) return this.violation('organizations', 'This value should not be null.');
    for (const iri of organizations as string[]) {
      const id = Number(ORGANIZATION_IRI.exec(iri)?.[1]);
      if (!user.organizations.includes(id))
        return this.violation('organizations', `You are not a member of ${iri}.`);
    }
    const token = this.addToken(user, {
      name,
      expiresAt,
      organizations: [...new Set(organizations as string[])],
    });
    return { status: 201, json: { '@context': '/api/contexts/ApiToken', ...this.view(token, true) } };
  }

  private remove(req: SimRequest, user: SmoxyUser): SimResponse {
    const token = isUuid(req.params.id) ? this.tokens.get(req.params.id ?? '') : undefined;
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
