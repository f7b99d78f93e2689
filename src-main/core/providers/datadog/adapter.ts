/**
 * Datadog: the organization's API keys and the application keys (org-wide where the pair may,
 * else the caller's own), on the connection's site, called with an API key plus an application
 * key (`DD-API-KEY`, `DD-APPLICATION-KEY`). Every fact is in shared/providers/datadog.md with its
 * source; the endpoint table (endpoints.ts) names them.
 *
 * There is no rotate endpoint: rotation is replace-and-revoke (a new key of the same kind, the
 * old one deleted once the user confirms). A create is sent once and never retried; an unclear
 * one is reconciled by listing (the token operations). Datadog publishes no limits for key
 * management (§7); its `X-RateLimit-*` headers are honoured by the HTTP layer, and a modest
 * limit of our own keeps a sync polite.
 */
import { invalidInput } from '../../errors';
import { mintedToken, refuseUnusedCreateOptions, tokenField } from '../common';
import type { AdapterContext, CreateRequest, ProviderAdapter, RemoteToken } from '../types';
import { KEY_KINDS, datadogDescriptor } from './descriptor';
import { DATADOG_ENDPOINTS } from './endpoints';
import {
  KIND_PATHS,
  canList,
  headersOf,
  isKeyKind,
  pairOf,
  readAll,
  storedPair,
  validatePair,
  type KeyKind,
  type KeyPair,
} from './keys';
import {
  ApiKeySchema,
  AppKeySchema,
  CreatedApiKeySchema,
  CreatedAppKeySchema,
  apiKeyToRemote,
  appKeyToRemote,
} from './wire';

// ENDPOINTS (documented / modeled): the table is endpoints.ts (DATADOG_ENDPOINTS).

/** A Datadog permission name, as scopes are written (e.g. `dashboards_read`). */
const SCOPE = /^[a-z][a-z0-9_]{1,99}$/;
/** Modeled: Datadog states no name limit; the web form's is generous. */
const MAX_NAME = 200;

function pairFrom(fields: Record<string, string>): KeyPair {
  return {
    apiKey: tokenField(fields, 'apiKey', 'API key', true) ?? '',
    applicationKey: tokenField(fields, 'applicationKey', 'application key', true) ?? '',
  };
}

/** What the pair may list: API keys (api_keys_read), and application keys org-wide or its own. */
async function reachableKinds(ctx: AdapterContext, pair: KeyPair) {
  const kinds = [];
  if (await canList(ctx, pair, KEY_KINDS.apiKeys))
    kinds.push({ id: KEY_KINDS.apiKeys, name: 'API keys (organization)', access: 'org' });
  if (await canList(ctx, pair, KEY_KINDS.orgAppKeys))
    kinds.push({ id: KEY_KINDS.orgAppKeys, name: 'Application keys (organization)', access: 'org' });
  else kinds.push({ id: KEY_KINDS.myAppKeys, name: 'Your application keys', access: 'user' });
  return kinds;
}

async function listKind(ctx: AdapterContext, pair: KeyPair, kind: KeyKind): Promise<RemoteToken[]> {
  if (kind === KEY_KINDS.apiKeys) {
    const { items, included } = await readAll(ctx, pair, kind, ApiKeySchema);
    return items.map((k) => apiKeyToRemote(k, included));
  }
  const { items, included } = await readAll(ctx, pair, kind, AppKeySchema);
  return items.map((k) => appKeyToRemote(k, kind, included));
}

/** The scopes asked for: several from the form, or one line of them from a replacement. */
function scopesOf(input: { permissionGroup?: string; permissionGroups?: string[] }): string[] {
  const raw = input.permissionGroups ?? (input.permissionGroup ?? '').split(',');
  const scopes = [...new Set(raw.map((s) => s.trim()).filter((s) => s !== ''))];
  const bad = scopes.find((s) => !SCOPE.test(s));
  if (bad !== undefined)
    throw invalidInput(
      `“${bad}” is not a Datadog scope (a permission name such as dashboards_read).`,
      'permissionGroup',
    );
  return scopes;
}

export const datadogAdapter: ProviderAdapter = {
  descriptor: datadogDescriptor,
  endpoints: DATADOG_ENDPOINTS,
  // Modeled: Datadog documents no figure for key management (§5); its headers override this.
  rateLimit: { limit: 100, windowMs: 60_000 },

  async connect(ctx, fields) {
    const pair = pairFrom(fields);
    await validatePair(ctx, pair);
    const accounts = await reachableKinds(ctx, pair);
    const site = ctx.http.target.baseUrl.host;
    const apiKeys = accounts.some((a) => a.id === KEY_KINDS.apiKeys);
    const orgWide = accounts.some((a) => a.id === KEY_KINDS.orgAppKeys);
    return {
      accounts,
      identity: null,
      summary: [
        `Keys accepted by ${site}`,
        apiKeys ? 'API keys listed' : 'no api_keys_read: API keys not listed',
        orgWide ? 'application keys of the whole organization' : 'only your own application keys',
      ].join(' · '),
      credential: storedPair(pair),
      passwordSession: null,
    };
  },

  async checkCredential(ctx, fields) {
    const pair = pairFrom(fields);
    await validatePair(ctx, pair);
    return {
      credential: storedPair(pair),
      accounts: null,
      summary: `Keys accepted by ${ctx.http.target.baseUrl.host}`,
    };
  },

  async test(ctx) {
    await validatePair(ctx, await pairOf(ctx));
    return `Datadog (${ctx.http.target.baseUrl.host}) accepted the API key and the application key.`;
  },

  async list(ctx) {
    const pair = await pairOf(ctx);
    const listed: RemoteToken[] = [];
    for (const account of ctx.accounts)
      if (isKeyKind(account.id)) listed.push(...(await listKind(ctx, pair, account.id)));
    return listed;
  },

  checkCreate(input, connection, live, _now): CreateRequest {
    refuseUnusedCreateOptions(input, datadogDescriptor);
    const kind = input.accountId;
    if (!isKeyKind(kind) || !connection.accounts.some((a) => a.id === kind))
      throw invalidInput('Pick the kind of key to create: an API key or an application key.', 'accountId');
    const name = input.name.trim();
    if (name.length > MAX_NAME)
      throw invalidInput(`Datadog key names can be at most ${MAX_NAME} characters here.`, 'name');
    const scopes = scopesOf(input);
    if (kind === KEY_KINDS.apiKeys) {
      if (scopes.length > 0)
        throw invalidInput(
          'API keys carry no scopes; scopes narrow application keys only.',
          'permissionGroup',
        );
      // API key names are unique in the organization (§1).
      const clash = live.find((t) => t.accountId === kind && t.origin === 'synced' && t.name === name);
      if (clash !== undefined)
        throw invalidInput(
          `The organization already has an API key named “${name}”; Datadog needs another name.`,
          'name',
        );
    }
    return {
      accountId: kind,
      name,
      expiresAt: null,
      organizations: [],
      permissionGroup: scopes.length === 0 ? null : scopes.join(', '),
    };
  },

  async create(ctx, request) {
    const pair = await pairOf(ctx);
    const kind = request.accountId;
    if (kind === KEY_KINDS.apiKeys) {
      const { data } = await ctx.http.send({
        endpoint: 'api_keys.create',
        method: 'POST',
        path: KIND_PATHS[kind].path,
        headers: headersOf(pair),
        json: { data: { type: 'api_keys', attributes: { name: request.name } } },
        auth: 'credential',
        schema: CreatedApiKeySchema,
      });
      return mintedToken(apiKeyToRemote(data.data, data.included ?? []), data.data.attributes.key, ctx.now());
    }
    if (kind !== KEY_KINDS.orgAppKeys && kind !== KEY_KINDS.myAppKeys)
      throw invalidInput('Pick the kind of key to create: an API key or an application key.', 'accountId');
    const scopes =
      request.permissionGroup === null ? [] : scopesOf({ permissionGroup: request.permissionGroup });
    // Application keys are created for the caller (the org list has no create, §3); an org-wide
    // connection then lists the new key among the organization's.
    const { data } = await ctx.http.send({
      endpoint: 'my_application_keys.create',
      method: 'POST',
      path: KIND_PATHS[KEY_KINDS.myAppKeys].path,
      headers: headersOf(pair),
      json: {
        data: {
          type: 'application_keys',
          attributes: { name: request.name, ...(scopes.length === 0 ? {} : { scopes }) },
        },
      },
      auth: 'credential',
      schema: CreatedAppKeySchema,
    });
    return mintedToken(
      appKeyToRemote(data.data, kind, data.included ?? []),
      data.data.attributes.key,
      ctx.now(),
    );
  },

  async revoke(ctx, token) {
    const kind = token.accountId;
    if (!isKeyKind(kind))
      throw invalidInput('Tokenkeeper does not know which kind of Datadog key this is.', 'tokenId');
    const where = KIND_PATHS[kind];
    await ctx.http.send({
      endpoint: `${where.key}.delete`,
      method: 'DELETE',
      path: `${where.path}/${encodeURIComponent(token.remoteId ?? '')}`,
      headers: headersOf(await pairOf(ctx)),
      auth: 'credential',
      schema: null,
    });
  },
};
