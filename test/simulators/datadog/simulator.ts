/**
 * Datadog simulator, strict to shared/providers/datadog.md and judged by
 * `@datadog/datadog-api-client` (KeyManagementApi v2) in
 * test/unit/providers/contract/datadog-sdk.test.ts:
 * - auth: `DD-API-KEY` (a live API key) and `DD-APPLICATION-KEY` (a live application key) on
 *   every call; missing or unknown: 403 `{"errors":["Forbidden"]}`; the caller is the
 *   application key's owner, with the owner's permissions narrowed by the key's scopes (DD-KEYS);
 * - `GET /api/v2/validate_keys` → `{status:"ok"}` (401 for a bad pair);
 * - API keys: list (page[size] ≤ 100, page[number], include=created_by, `meta.max_allowed` 50,
 *   `meta.page.total_filtered_count`), create (201 with `key`; unique names, at most 50), delete (204);
 * - application keys: the org list (org_app_keys_read), the caller's own list and create
 *   (user_app_keys), delete from either (org_app_keys_write for anyone's); the secret only at
 *   creation (One-Time Read);
 * - `X-RateLimit-Limit/Period/Remaining/Reset/Name` on every answer, 429 past the limit.
 * Modeled (§7): pages from 0 with a default size of 10, 401 on validate_keys, the permission
 * create needs (api_keys_write), last use set when a key authenticates, the limit's figure.
 */
import { randomUUID } from 'node:crypto';
import { SimServer, iso, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';
import { isUuid } from '../strict';
import {
  LIST_PARAMS,
  RateLimits,
  badRequest,
  createBody,
  fail,
  forbidden,
  notFound,
  paging,
  type Paging,
} from './rules';

export interface DatadogUser {
  id: string;
  name: string;
  email: string;
  permissions: Set<string>;
}

export interface DatadogApiKey {
  id: string;
  name: string;
  key: string;
  createdBy: string;
  createdAt: number;
  modifiedAt: number;
  lastUsedAt: number | null;
  category: string | null;
  remoteConfig: boolean;
}

export interface DatadogAppKey {
  id: string;
  name: string;
  key: string;
  ownerId: string;
  scopes: string[] | null;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface DatadogOptions extends SimulatorOptions {
  /** Requests per endpoint per period (modeled: key management's figure is undocumented). */
  rateLimit?: { limit: number; periodSeconds: number };
}

const MAX_API_KEYS = 50;
const MAX_APP_KEYS_PER_USER = 1000;
const V2 = '/api/v2';

type Caller = { user: DatadogUser; may(permission: string): boolean };

export class DatadogSimulator extends SimServer {
  readonly users = new Map<string, DatadogUser>();
  readonly apiKeys = new Map<string, DatadogApiKey>();
  readonly appKeys = new Map<string, DatadogAppKey>();
  private readonly limits: RateLimits;

  constructor(options: DatadogOptions = {}) {
    super(options);
    const rate = options.rateLimit ?? { limit: 1000, periodSeconds: 60 };
    this.limits = new RateLimits(rate.limit, rate.periodSeconds, () => this.now());
    this.route('GET', `${V2}/validate_keys`, (req) =>
      this.answer(req, 'validate_keys', null, () => ({ status: 200, json: { status: 'ok' } })),
    );
    this.route('GET', `${V2}/api_keys`, (req) =>
      this.answer(req, 'api_keys_list', 'api_keys_read', () => this.listApiKeys(req)),
    );
    this.route('POST', `${V2}/api_keys`, (req) =>
      this.answer(req, 'api_keys_create', 'api_keys_write', (c) => this.createApiKey(req, c)),
    );
    this.route('DELETE', `${V2}/api_keys/:id`, (req) =>
      this.answer(req, 'api_keys_delete', 'api_keys_delete', () => this.deleteApiKey(req)),
    );
    this.route('GET', `${V2}/application_keys`, (req) =>
      this.answer(req, 'application_keys_list', 'org_app_keys_read', () => this.listAppKeys(req, null)),
    );
    this.route('DELETE', `${V2}/application_keys/:id`, (req) =>
      this.answer(req, 'application_keys_delete', 'org_app_keys_write', () => this.deleteAppKey(req, null)),
    );
    const mine = `${V2}/current_user/application_keys`;
    this.route('GET', mine, (req) =>
      this.answer(req, 'current_user_application_keys_list', 'user_app_keys', (c) =>
        this.listAppKeys(req, c.user),
      ),
    );
    this.route('POST', mine, (req) =>
      this.answer(req, 'current_user_application_keys_create', 'user_app_keys', (c) =>
        this.createAppKey(req, c),
      ),
    );
    this.route('DELETE', `${mine}/:id`, (req) =>
      this.answer(req, 'current_user_application_keys_delete', 'user_app_keys', (c) =>
        this.deleteAppKey(req, c.user),
      ),
    );
  }

  addUser(user: { name: string; email: string; permissions: string[] }): DatadogUser {
    const state = {
      id: randomUUID(),
      name: user.name,
      email: user.email,
      permissions: new Set(user.permissions),
    };
    this.users.set(state.id, state);
    return state;
  }

  addApiKey(input: {
    name: string;
    createdBy: string;
    ageDays?: number;
    lastUsedDaysAgo?: number | null;
    category?: string;
    key?: string;
  }): DatadogApiKey {
    const created = this.now() - (input.ageDays ?? 0) * 86_400_000;
    const key: DatadogApiKey = {
      id: randomUUID(),
      name: input.name,
      key: input.key ?? this.mintSecret('', 32, '0123456789abcdef'),
      createdBy: input.createdBy,
      createdAt: created,
      modifiedAt: created,
      lastUsedAt: input.lastUsedDaysAgo == null ? null : this.now() - input.lastUsedDaysAgo * 86_400_000,
      category: input.category ?? null,
      remoteConfig: false,
    };
    this.apiKeys.set(key.id, key);
    return key;
  }

  addAppKey(input: {
    name: string;
    ownerId: string;
    scopes?: string[] | null;
    ageDays?: number;
    lastUsedDaysAgo?: number | null;
    key?: string;
  }): DatadogAppKey {
    const key: DatadogAppKey = {
      id: randomUUID(),
      name: input.name,
      key: input.key ?? this.mintSecret('', 40, '0123456789abcdef'),
      ownerId: input.ownerId,
      scopes: input.scopes ?? null,
      createdAt: this.now() - (input.ageDays ?? 0) * 86_400_000,
      lastUsedAt: input.lastUsedDaysAgo == null ? null : this.now() - input.lastUsedDaysAgo * 86_400_000,
    };
    this.appKeys.set(key.id, key);
    return key;
  }

  /** Whether a secret is a live key (either kind). */
  authenticates(secret: string): boolean {
    return [...this.apiKeys.values(), ...this.appKeys.values()].some((k) => k.key === secret);
  }

  /** Rate limit, then the key pair, then the permission, then the handler; headers on every answer. */
  private answer(
    req: SimRequest,
    limitName: string,
    permission: string | null,
    handle: (caller: Caller) => SimResponse,
  ): SimResponse {
    const limit = this.limits.take(limitName);
    const withHeaders = (response: SimResponse): SimResponse => ({
      ...response,
      headers: { ...response.headers, ...limit.headers },
    });
    if (limit.over) return withHeaders(fail(429, 'Rate limit exceeded'));
    const caller = this.caller(req);
    if (caller === null)
      return withHeaders(limitName === 'validate_keys' ? fail(401, 'Unauthorized') : forbidden());
    if (permission !== null && !caller.may(permission)) return withHeaders(forbidden());
    return withHeaders(handle(caller));
  }

  private caller(req: SimRequest): Caller | null {
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    const apiKey = [...this.apiKeys.values()].find((k) => k.key === header('dd-api-key'));
    const appKey = [...this.appKeys.values()].find((k) => k.key === header('dd-application-key'));
    const user = appKey === undefined ? undefined : this.users.get(appKey.ownerId);
    if (apiKey === undefined || appKey === undefined || user === undefined) return null;
    apiKey.lastUsedAt = this.now();
    appKey.lastUsedAt = this.now();
    req.authenticatedAs = appKey.id;
    const scopes = appKey.scopes;
    return { user, may: (p) => user.permissions.has(p) && (scopes === null || scopes.includes(p)) };
  }

  private page<T>(items: T[], p: Paging): T[] {
    return items.slice(p.number * p.size, p.number * p.size + p.size);
  }

  private userIncluded(ids: string[]) {
    return [...new Set(ids)].flatMap((id) => {
      const user = this.users.get(id);
      return user === undefined
        ? []
        : [{ type: 'users', id, attributes: { name: user.name, email: user.email, handle: user.email } }];
    });
  }

  private apiKeyJson(k: DatadogApiKey, full: boolean) {
    const ref = { data: { type: 'users', id: k.createdBy } };
    return {
      type: 'api_keys',
      id: k.id,
      attributes: {
        name: k.name,
        last4: k.key.slice(-4),
        created_at: iso(k.createdAt),
        modified_at: iso(k.modifiedAt),
        date_last_used: iso(k.lastUsedAt),
        category: k.category ?? 'default',
        remote_config_read_enabled: k.remoteConfig,
        ...(full ? { key: k.key } : {}),
      },
      relationships: { created_by: ref, modified_by: ref },
    };
  }

  private appKeyJson(k: DatadogAppKey, withSecret: boolean) {
    return {
      type: 'application_keys',
      id: k.id,
      attributes: {
        name: k.name,
        last4: k.key.slice(-4),
        created_at: iso(k.createdAt),
        last_used_at: iso(k.lastUsedAt),
        scopes: k.scopes,
        // One-Time Read: the secret only in the answer to its creation (§1).
        ...(withSecret ? { key: k.key } : {}),
      },
      relationships: { owned_by: { data: { type: 'users', id: k.ownerId } } },
    };
  }

  private listApiKeys(req: SimRequest): SimResponse {
    const p = paging(
      req,
      LIST_PARAMS.apiKeys,
      ['created_by', 'modified_by'],
      ['created_at', 'last4', 'modified_at', 'name'],
    );
    if ('status' in p) return p;
    const all = [...this.apiKeys.values()].filter((k) => p.filter === null || k.name.includes(p.filter));
    const shown = this.page(all, p);
    return {
      status: 200,
      json: {
        data: shown.map((k) => this.apiKeyJson(k, false)),
        ...(p.include.length > 0 ? { included: this.userIncluded(shown.map((k) => k.createdBy)) } : {}),
        meta: { max_allowed: MAX_API_KEYS, page: { total_filtered_count: all.length } },
      },
    };
  }

  private listAppKeys(req: SimRequest, owner: DatadogUser | null): SimResponse {
    const p = paging(
      req,
      owner === null ? LIST_PARAMS.orgAppKeys : LIST_PARAMS.myAppKeys,
      ['owned_by'],
      ['created_at', 'last4', 'name'],
    );
    if ('status' in p) return p;
    const ownedBy = req.query.get('filter[owned_by]');
    const all = [...this.appKeys.values()].filter(
      (k) =>
        (owner === null || k.ownerId === owner.id) &&
        (ownedBy === null || k.ownerId === ownedBy) &&
        (p.filter === null || k.name.includes(p.filter)),
    );
    const shown = this.page(all, p);
    return {
      status: 200,
      json: {
        data: shown.map((k) => this.appKeyJson(k, false)),
        ...(p.include.length > 0 ? { included: this.userIncluded(shown.map((k) => k.ownerId)) } : {}),
        meta: { max_allowed_per_user: MAX_APP_KEYS_PER_USER, page: { total_filtered_count: all.length } },
      },
    };
  }

  private createApiKey(req: SimRequest, caller: Caller): SimResponse {
    const body = createBody(req, 'api_keys', ['name', 'category', 'remote_config_read_enabled']);
    if ('status' in body) return body;
    const { name, category, remote_config_read_enabled: remote } = body.attributes;
    if (category !== undefined && typeof category !== 'string')
      return badRequest('category must be a string');
    if (remote !== undefined && typeof remote !== 'boolean')
      return badRequest('remote_config_read_enabled must be a boolean');
    const trimmed = String(name).trim();
    if ([...this.apiKeys.values()].some((k) => k.name === trimmed))
      return badRequest('An API key with this name already exists');
    if (this.apiKeys.size >= MAX_API_KEYS)
      return badRequest(`Maximum number of API keys (${MAX_API_KEYS}) reached`);
    const key = this.addApiKey({
      name: trimmed,
      createdBy: caller.user.id,
      ...(typeof category === 'string' ? { category } : {}),
    });
    key.remoteConfig = remote === true;
    return {
      status: 201,
      json: { data: this.apiKeyJson(key, true), included: this.userIncluded([caller.user.id]) },
    };
  }

  private createAppKey(req: SimRequest, caller: Caller): SimResponse {
    const body = createBody(req, 'application_keys', ['name', 'scopes']);
    if ('status' in body) return body;
    const scopes = body.attributes.scopes;
    if (
      scopes !== undefined &&
      scopes !== null &&
      (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || s === ''))
    )
      return badRequest('scopes must be a list of permission names');
    const list = (scopes as string[] | null | undefined) ?? null;
    // A key cannot be given a scope its owner does not hold (DD-KEYS).
    const beyond = (list ?? []).find((s) => !caller.user.permissions.has(s));
    if (beyond !== undefined) return badRequest(`Scope ${beyond} is not a permission of the user`);
    const key = this.addAppKey({
      name: String(body.attributes.name).trim(),
      ownerId: caller.user.id,
      scopes: list === null || list.length === 0 ? null : list,
    });
    return {
      status: 201,
      json: { data: this.appKeyJson(key, true), included: this.userIncluded([caller.user.id]) },
    };
  }

  private deleteApiKey(req: SimRequest): SimResponse {
    const id = req.params.id;
    if (!isUuid(id) || !this.apiKeys.has(id ?? '')) return notFound();
    this.apiKeys.delete(id ?? '');
    return { status: 204 };
  }

  private deleteAppKey(req: SimRequest, owner: DatadogUser | null): SimResponse {
    const id = req.params.id ?? '';
    const key = isUuid(id) ? this.appKeys.get(id) : undefined;
    if (key === undefined || (owner !== null && key.ownerId !== owner.id)) return notFound();
    this.appKeys.delete(id);
    return { status: 204 };
  }
}

export async function startDatadog(options: DatadogOptions = {}): Promise<DatadogSimulator> {
  return new DatadogSimulator(options).start();
}
