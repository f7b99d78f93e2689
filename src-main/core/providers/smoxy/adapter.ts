/**
 * smoxy: API tokens (`X-API-TOKEN`) reach the API but cannot manage tokens. Token management
 * needs a session: sign in with e-mail and password for a JWT, kept in memory and the OS keychain until it expires (smoxy documents no refresh), sent as
 * `Authorization: Bearer`. There is no rotate endpoint: rotation is create-new, then delete-old
 * once the user confirms. Legacy tokens are flagged for rotation to personal access tokens.
 */
import { z } from 'zod';
import { AppError, invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import {
  checkExpiry,
  emailField,
  isoTime,
  listWords,
  mintedToken,
  plural,
  refuseUnusedCreateOptions,
  requiredField,
  tokenField,
  userTokenFields,
} from '../common';
import { smoxyDescriptor } from './descriptor';
import { fetchAllPages, hydraCollection } from '../hydra';
import type { AdapterContext, EndpointSpec, PasswordSession, ProviderAdapter, RemoteToken } from '../types';

const DOCS = 'shared/providers/smoxy-api-tokens.txt (smoxy docs, "API Tokens")';
const README = 'shared/providers/README.md (smoxy section)';

// ENDPOINTS (documented / modeled)
export const SMOXY_ENDPOINTS = [
  {
    key: 'auth.login',
    method: 'POST',
    path: '/api/auth/login',
    basis: 'modeled',
    source: `${README}: the login exists and returns a JWT; its body {email, password} → {token} is modeled`,
    auth: 'none (e-mail and password in the body)',
    purpose: 'Sign in for a session JWT (kept in the OS keychain until its exp; no refresh documented).',
  },
  {
    key: 'zones.list',
    method: 'GET',
    path: '/api/zones',
    basis: 'documented',
    source: DOCS,
    auth: 'X-API-TOKEN',
    purpose: 'Check the optional API token (a cheap authenticated call).',
  },
  {
    key: 'organizations.list',
    method: 'GET',
    path: '/api/organizations',
    basis: 'modeled',
    source: `${README}: an organization list exists for picking specific organizations; path and shape modeled (Hydra collection of {@id, id, name})`,
    auth: 'Bearer JWT',
    purpose: 'Name the organizations a token is scoped to.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/api-tokens',
    basis: 'modeled',
    source: `${README}: modeled as a JSON-LD (Hydra) collection of the create response's fields, plus tokenType personal or legacy`,
    auth: 'Bearer JWT',
    purpose: 'List the user’s tokens.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/api/api-tokens',
    basis: 'documented',
    source: `${README} and ${DOCS}`,
    auth: 'Bearer JWT',
    purpose: 'Create a token ({name, expiresAt?, organizations}); `plainToken` once.',
  },
  {
    key: 'tokens.delete',
    method: 'DELETE',
    path: '/api/api-tokens/{id}',
    basis: 'documented',
    source: `${README} and ${DOCS}`,
    auth: 'Bearer JWT',
    purpose: 'Delete a token; takes effect immediately.',
  },
] as const satisfies readonly EndpointSpec[];

const OrgRef = z.union([z.string(), z.object({ '@id': z.string(), name: z.string().optional() })]);
const TokenSchema = z.object({
  '@id': z.string().optional(),
  id: z.string().min(1),
  name: z.string(),
  lastUsedAt: z.string().nullable().optional(),
  expiresAt: z.string().nullable().optional(),
  active: z.boolean().optional(),
  createdAt: z.string().nullable().optional(),
  organizations: z.array(OrgRef).optional(),
  tokenType: z.string().optional(),
});
const CreatedSchema = TokenSchema.extend({ plainToken: z.string().min(8) });
const OrganizationSchema = z.object({
  '@id': z.string().optional(),
  id: z.union([z.string(), z.number()]),
  name: z.string(),
});
const LoginSchema = z.object({ token: z.string().min(10) });
type SmoxyToken = z.infer<typeof TokenSchema>;

const ORG_IRI = /^\/api\/organizations\/([^/?#]+)$/;

/** "12" or "/api/organizations/12" → "/api/organizations/12". */
export function organizationIri(value: string): string {
  const trimmed = value.trim();
  if (ORG_IRI.test(trimmed)) return trimmed;
  if (/^[A-Za-z0-9_-]{1,64}$/.test(trimmed)) return `/api/organizations/${trimmed}`;
  throw invalidInput('That organization reference is not valid.', 'organizations');
}

const orgId = (iri: string): string => ORG_IRI.exec(iri)?.[1] ?? iri;

/** The `exp` claim of a JWT (seconds), without verifying it: only to know when to ask again. */
function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

async function login(ctx: AdapterContext, email: string, password: string): Promise<PasswordSession> {
  const { data } = await ctx.http.send({
    endpoint: 'auth.login',
    method: 'POST',
    path: '/api/auth/login',
    json: { email, password },
    auth: 'login',
    schema: LoginSchema,
  });
  return { headers: { Authorization: `Bearer ${data.token}` }, expiresAt: jwtExpiry(data.token) };
}

async function countZones(ctx: AdapterContext, apiToken: string): Promise<number> {
  const { data } = await ctx.http.send({
    endpoint: 'zones.list',
    method: 'GET',
    path: '/api/zones',
    headers: { 'X-API-TOKEN': apiToken },
    auth: 'credential',
    schema: hydraCollection(z.unknown()),
  });
  return (data['hydra:member'] ?? data.member ?? []).length;
}

async function organizations(
  ctx: AdapterContext,
  headers: Record<string, string>,
): Promise<Map<string, string>> {
  try {
    const orgs = await fetchAllPages(
      ctx.http,
      { endpoint: 'organizations.list', method: 'GET', path: '/api/organizations', headers, auth: 'session' },
      OrganizationSchema,
    );
    return new Map(orgs.map((o) => [o['@id'] ?? `/api/organizations/${String(o.id)}`, o.name]));
  } catch (error) {
    // Names are a nicety: a modeled endpoint that is missing must not break the token list.
    if (
      error instanceof HttpError &&
      ['not_found', 'forbidden', 'malformed_response', 'validation'].includes(error.code)
    )
      return new Map();
    throw error;
  }
}

/**
 * An answer without `organizations` says nothing about the token's reach (the docs define only
 * the list, where an empty one means all organizations), so it is shown as not reported: never as
 * "all", and never copied into a successor as "all".
 */
function unreportedOrganizations(t: SmoxyToken): RemoteToken {
  return {
    ...userTokenFields(t),
    scopeKind: 'organizations',
    scopeSummary: 'Organizations not reported by smoxy',
    scope: { ...EMPTY_SCOPE },
    broadScope: false,
    legacy: t.tokenType === 'legacy',
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}

function toRemote(t: SmoxyToken, orgNames: Map<string, string>): RemoteToken {
  if (t.organizations === undefined) return unreportedOrganizations(t);
  const refs = t.organizations.map((o) =>
    typeof o === 'string' ? { iri: o, name: null } : { iri: o['@id'], name: o.name ?? null },
  );
  const orgs = refs.map((r) => ({
    id: orgId(r.iri),
    name: r.name ?? orgNames.get(r.iri) ?? `Organization ${orgId(r.iri)}`,
  }));
  return {
    ...userTokenFields(t),
    scopeKind: 'organizations',
    scopeSummary: orgs.length === 0 ? 'All organizations' : listWords(orgs.map((o) => o.name)),
    scope: { ...EMPTY_SCOPE, organizations: orgs },
    broadScope: orgs.length === 0,
    legacy: t.tokenType === 'legacy',
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}

export const smoxyAdapter: ProviderAdapter = {
  descriptor: smoxyDescriptor,
  endpoints: SMOXY_ENDPOINTS,
  rateLimit: null,

  async connect(ctx, fields) {
    const email = emailField(fields, 'email');
    const password = requiredField(fields, 'password', 'password');
    const apiToken = tokenField(fields, 'apiToken', 'API token', false);
    const passwordSession = await login(ctx, email, password);
    const parts = [`Signed in as ${email}`];
    if (apiToken !== null)
      parts.push(`API token accepted (${plural(await countZones(ctx, apiToken), 'zone')})`);
    const orgs = await organizations(ctx, passwordSession.headers);
    if (orgs.size > 0) parts.push(plural(orgs.size, 'organization'));
    return {
      // The organizations, by name: the create form's picker offers them (never raw ids).
      accounts: [...orgs].map(([iri, name]) => ({ id: ORG_IRI.exec(iri)?.[1] ?? iri, name, access: null })),
      identity: email,
      summary: parts.join(' · '),
      credential: apiToken,
      passwordSession,
    };
  },

  async checkCredential(ctx, fields) {
    // Only an explicitly empty value removes the stored token; a form without the field changes nothing.
    if (!('apiToken' in fields))
      throw invalidInput(
        'Enter the API token to store, or leave it empty to remove the stored one.',
        'apiToken',
      );
    const apiToken = tokenField(fields, 'apiToken', 'API token', false);
    if (apiToken === null) return { credential: null, accounts: null, summary: 'No API token stored' };
    return {
      credential: apiToken,
      accounts: null,
      summary: `API token accepted (${plural(await countZones(ctx, apiToken), 'zone')})`,
    };
  },

  async signIn(ctx, fields) {
    const email = emailField(fields, 'email');
    const password = requiredField(fields, 'password', 'password');
    return { identity: email, passwordSession: await login(ctx, email, password) };
  },

  async test(ctx) {
    const parts: string[] = [];
    const apiToken = await optionalCredential(ctx);
    if (apiToken !== null)
      parts.push(`smoxy accepted the API token (${plural(await countZones(ctx, apiToken), 'zone')}).`);
    let headers: Record<string, string> | null = null;
    try {
      headers = await ctx.session();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'needs_sign_in')) throw error;
    }
    if (headers !== null) {
      const tokens = await fetchAllPages(
        ctx.http,
        { endpoint: 'tokens.list', method: 'GET', path: '/api/api-tokens', headers, auth: 'session' },
        TokenSchema,
      );
      parts.push(`The session is valid; ${plural(tokens.length, 'token')} visible.`);
    } else {
      parts.push('Not signed in: sign in to list and manage tokens.');
    }
    return parts.join(' ');
  },

  async list(ctx) {
    const headers = await ctx.session();
    const tokens = await fetchAllPages(
      ctx.http,
      { endpoint: 'tokens.list', method: 'GET', path: '/api/api-tokens', headers, auth: 'session' },
      TokenSchema,
    );
    const orgNames = await organizations(ctx, headers);
    // Modeled: a token with `active: false` no longer authenticates; it is treated as gone.
    return tokens.filter((t) => t.active !== false).map((t) => toRemote(t, orgNames));
  },

  checkCreate(input, _connection, live, now) {
    refuseUnusedCreateOptions(input, smoxyDescriptor);
    const name = input.name.trim();
    // smoxy's unique-name rule ignores case and surrounding spaces (modeled): so does this check.
    const key = name.toLowerCase();
    const clash = live.find((t) => t.origin === 'synced' && t.name.trim().toLowerCase() === key);
    if (clash !== undefined) {
      throw invalidInput(
        `You already have a smoxy token named “${clash.name.trim()}”. smoxy requires unique names; choose another.`,
        'name',
      );
    }
    const expiresAt = checkExpiry(input, smoxyDescriptor, now);
    const organizations = [...new Set((input.organizations ?? []).map(organizationIri))];
    return { accountId: null, name, expiresAt, organizations, permissionGroup: null };
  },

  async create(ctx, request) {
    const headers = await ctx.session();
    const { data } = await ctx.http.send({
      endpoint: 'tokens.create',
      method: 'POST',
      path: '/api/api-tokens',
      headers,
      json: {
        name: request.name,
        ...(request.expiresAt === null ? {} : { expiresAt: isoTime(request.expiresAt) }),
        organizations: request.organizations,
      },
      auth: 'session',
      schema: CreatedSchema,
    });
    const orgNames = await organizations(ctx, headers).catch(() => new Map<string, string>());
    // smoxy does not report the last characters; those of the secret we were just given are kept.
    return mintedToken(toRemote(data, orgNames), data.plainToken, ctx.now());
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: 'tokens.delete',
      method: 'DELETE',
      path: `/api/api-tokens/${encodeURIComponent(token.remoteId ?? '')}`,
      headers: await ctx.session(),
      auth: 'session',
      schema: null,
    });
  },
};

async function optionalCredential(ctx: AdapterContext): Promise<string | null> {
  try {
    return await ctx.credential();
  } catch (error) {
    if (error instanceof AppError && error.code === 'credential_missing') return null;
    throw error;
  }
}
