/**
 * npm: granular access tokens on the registry (shared/providers/npm.md; tags name its sources),
 * called with a token that may manage tokens (a 2-hour `npm login` session or a non-bypass
 * granular token), `Authorization: Bearer`. Identity from `/-/whoami`.
 *
 * A create needs the account password each time and, under 2FA, a one-time code: npm refuses
 * the first POST with a 401 challenge (nothing is created), the dialog asks for the code, and the
 * create is sent again by the user. In the browser variant npm gives `authUrl`/`doneUrl`: the
 * page opens in the system browser, `doneUrl` is polled, and the create is sent once more with
 * the token it returns as `npm-otp`; again only after a definite refusal, never blindly.
 * There is no rotate endpoint and no "get one": rotation is replace-and-revoke, revoke is by key.
 */
import { AppError } from '../../errors';
import { forgetSecret, registerSecret } from '../../log/redact';
import { HttpError, malformedResponse } from '../../http/errors';
import { tokenField, mintedToken, plural } from '../common';
import type { AdapterContext, ProviderAdapter } from '../types';
import {
  OneTimeCodeChallenge,
  WEB_CONFIRMATION_MS,
  createRefusal,
  pollDelay,
  revokeRefusal,
  type WebConfirmation,
} from './challenge';
import { npmDescriptor } from './descriptor';
import { NPM_ENDPOINTS } from './endpoints';
import { checkNpmCreate, createBody } from './requests';
import {
  CreatedSchema,
  DoneSchema,
  PageSchema,
  TokenSchema,
  WhoamiSchema,
  toRemote,
  type NpmToken,
} from './wire';

// ENDPOINTS (documented / modeled): the table is endpoints.ts (NPM_ENDPOINTS).
const TOKENS = '/-/npm/v1/tokens';
const MAX_PAGES = 200;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Place {
  path: string;
  query: Record<string, string>;
}

/** An absolute address npm gave (a next page, doneUrl) as a path under the connection's base. */
function underBase(ctx: AdapterContext, absolute: string): Place {
  const base = ctx.http.target.baseUrl;
  let url: URL;
  try {
    url = new URL(absolute, base);
  } catch {
    throw malformedResponse('npm', 'none');
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) {
    // Never follow the registry to another host: the credential is for this origin only.
    throw new HttpError(
      'malformed_response',
      'npm pointed Tokenkeeper at an address outside the registry. Nothing was sent there.',
      { effect: 'none' },
    );
  }
  return { path: url.pathname.slice(prefix.length), query: Object.fromEntries(url.searchParams) };
}

async function whoami(ctx: AdapterContext, token: string): Promise<string> {
  const { data } = await ctx.http.send({
    endpoint: 'whoami',
    method: 'GET',
    path: '/-/whoami',
    headers: bearer(token),
    auth: 'credential',
    schema: WhoamiSchema,
  });
  return data.username;
}

/** Every token, following `urls.next` until it is falsy [NP paginate]. */
async function listAll(ctx: AdapterContext, token: string): Promise<NpmToken[]> {
  const out: NpmToken[] = [];
  let where: Place | null = { path: TOKENS, query: { perPage: '100' } };
  let skipped = 0;
  for (let page = 0; where !== null; page++) {
    if (page >= MAX_PAGES) throw malformedResponse('npm', 'none');
    const here: Place = where;
    const { data } = await ctx.http.send({
      endpoint: 'tokens.list',
      method: 'GET',
      path: here.path,
      query: here.query,
      headers: bearer(token),
      auth: 'credential',
      schema: PageSchema,
    });
    for (const row of data.objects) {
      const parsed = TokenSchema.safeParse(row);
      if (parsed.success) out.push(parsed.data);
      else skipped += 1;
    }
    const next: string | null | undefined = data.urls.next;
    where = next === undefined || next === null || next === '' ? null : underBase(ctx, next);
  }
  if (skipped > 0) ctx.skipped(skipped, 'npm listed tokens without a key');
  return out;
}

/** The browser confirmation: open npm's page, poll `doneUrl` until it gives its token. */
async function confirmInBrowser(ctx: AdapterContext, web: WebConfirmation, token: string): Promise<string> {
  const done = underBase(ctx, web.doneUrl);
  await ctx.openInBrowser(web.authUrl);
  const until = Date.now() + WEB_CONFIRMATION_MS;
  while (Date.now() < until) {
    const { status, data, headers } = await ctx.http.send({
      endpoint: 'webauth.done',
      method: 'GET',
      path: done.path,
      query: done.query,
      headers: bearer(token),
      auth: 'credential',
      schema: DoneSchema,
    });
    if (status === 200 && data.token !== undefined) return data.token;
    await ctx.wait(pollDelay(headers['retry-after']));
  }
  throw new AppError(
    'timeout',
    'The confirmation in the browser was not finished within 5 minutes, so no token was created. Create it again when you are ready.',
  );
}

export const npmAdapter: ProviderAdapter = {
  descriptor: npmDescriptor,
  endpoints: NPM_ENDPOINTS,
  // No numbers are documented for these routes (§5): 429 and retry-after are honoured as they come.
  rateLimit: null,

  async connect(ctx, fields) {
    const token = tokenField(fields, 'accessToken', 'access token', true) ?? '';
    const username = await whoami(ctx, token);
    const tokens = await listAll(ctx, token);
    return {
      accounts: [],
      identity: username,
      summary: `Signed in as ${username} · ${plural(tokens.length, 'token')}`,
      credential: token,
      passwordSession: null,
    };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'accessToken', 'access token', true) ?? '';
    const username = await whoami(ctx, token);
    return { credential: token, accounts: null, summary: `Signed in as ${username}` };
  },

  async test(ctx) {
    const username = await whoami(ctx, await ctx.credential());
    return `npm accepted the token (user ${username}).`;
  },

  async list(ctx) {
    const token = await ctx.credential();
    const username = await whoami(ctx, token);
    // A revoked token may still be listed for a while (revocation takes up to an hour [DOC-RV]).
    return (await listAll(ctx, token)).filter((t) => !t.revoked).map((t) => toRemote(t, username));
  },

  checkCreate(input, _connection, live, now) {
    return checkNpmCreate(input, live, now);
  },

  async create(ctx, request) {
    const token = await ctx.credential();
    const body = createBody(request, ctx.now());
    const post = async (code: string | undefined) => {
      const { data } = await ctx.http.send({
        endpoint: 'tokens.create',
        method: 'POST',
        path: TOKENS,
        headers: { ...bearer(token), ...(code === undefined ? {} : { 'npm-otp': code }) },
        json: body,
        auth: 'credential',
        schema: CreatedSchema,
        refusal: createRefusal(code !== undefined),
      });
      return mintedToken(toRemote(data, null), data.token, ctx.now());
    };
    // For this call only, the password and code are scrubbed from anything npm might echo back.
    const typed = [request.confirmation?.password, request.confirmation?.oneTimeCode].filter(
      (v): v is string => v !== undefined,
    );
    typed.forEach(registerSecret);
    try {
      return await post(request.confirmation?.oneTimeCode);
    } catch (error) {
      if (!(error instanceof OneTimeCodeChallenge) || error.web === null) throw error;
      // npm refused the first POST (a 401: nothing was created); the browser's token confirms the same request.
      const code = await confirmInBrowser(ctx, error.web, token);
      registerSecret(code);
      typed.push(code);
      return await post(code);
    } finally {
      typed.forEach(forgetSecret);
    }
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: 'tokens.delete',
      method: 'DELETE',
      path: `${TOKENS}/token/${encodeURIComponent(token.remoteId ?? '')}`,
      headers: bearer(await ctx.credential()),
      auth: 'credential',
      schema: null,
      refusal: revokeRefusal,
    });
  },
};
