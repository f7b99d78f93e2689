/**
 * Cloudflare's reads: the v4 envelope's `result` and its paging, verify, the accounts and zones
 * a token reaches, and what a token is when connecting. Shared by the adapter's operations.
 */
import { z } from 'zod';
import type { RemoteAccount } from '../../../../src-preload/contract';
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import { plural } from '../common';
import type { AdapterContext } from '../types';
import { AccountSchema, TokenSchema, VerifySchema, ZoneSchema, envelope, type CloudflareToken } from './wire';

const V4 = '/client/v4';

export const PER_PAGE = 50;
/** Recently expired tokens stay listed, so they show as expired rather than vanish [SDK]. */
export const EXPIRED = { include_expired: 'true' };
/** At most this many pages per list (Cloudflare caps user tokens at 50 and account tokens at 500 [RLIM]). */
const MAX_PAGES = 40;

export const bearer = async (ctx: AdapterContext, override?: string) => ({
  Authorization: `Bearer ${override ?? (await ctx.credential())}`,
});

/** An endpoint's key in the adapter's table (adapter.ts). */
type Endpoint = string;

export async function getResult<T extends z.ZodTypeAny>(
  ctx: AdapterContext,
  endpoint: Endpoint,
  path: string,
  schema: T,
  token?: string,
  query?: Record<string, string>,
): Promise<{ result: z.infer<T>; totalPages: number | null }> {
  const { data } = await ctx.http.send({
    endpoint,
    method: 'GET',
    path: `${V4}${path}`,
    ...(query === undefined ? {} : { query }),
    headers: await bearer(ctx, token),
    auth: 'credential',
    schema: envelope(schema),
  });
  const parsed = data as { result: z.infer<T>; result_info?: { total_pages?: number } | null };
  return { result: parsed.result, totalPages: parsed.result_info?.total_pages ?? null };
}

/** Every page of a v4 list: until `total_pages`, a short page, or an empty one [CALLS][SDK]. */
export async function listAll<T extends z.ZodTypeAny>(
  ctx: AdapterContext,
  endpoint: Endpoint,
  path: string,
  schema: T,
  token?: string,
  extra: Record<string, string> = {},
): Promise<z.infer<T>[]> {
  const all: z.infer<T>[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES)
      throw new AppError(
        'response_too_large',
        `Cloudflare lists more than ${MAX_PAGES * PER_PAGE} items here; Tokenkeeper stopped reading.`,
      );
    const { result, totalPages } = await getResult(ctx, endpoint, path, z.array(schema), token, {
      ...extra,
      page: String(page),
      per_page: String(PER_PAGE),
    });
    all.push(...(result as z.infer<T>[]));
    const last = totalPages !== null ? page >= totalPages : (result as unknown[]).length < PER_PAGE;
    if (last || (result as unknown[]).length === 0) return all;
  }
}

export async function verify(ctx: AdapterContext, token?: string) {
  const { result } = await getResult(ctx, 'user.tokens.verify', '/user/tokens/verify', VerifySchema, token);
  if (result.status !== 'active')
    throw new AppError(
      'unauthorized',
      `Cloudflare says this token is ${result.status}. Use an active token for this connection.`,
      { field: 'apiToken' },
    );
  return result;
}

export async function accountsOf(ctx: AdapterContext, token?: string): Promise<RemoteAccount[]> {
  const accounts = await listAll(ctx, 'accounts.list', '/accounts', AccountSchema, token);
  return accounts.map((a) => ({ id: a.id, name: a.name, access: null }));
}

/** What the token is and reaches, in a line; 403 on its own record means no API Tokens Read. */
export async function describe(
  ctx: AdapterContext,
  token: string,
): Promise<{ summary: string; accounts: RemoteAccount[] }> {
  const self = await verify(ctx, token);
  let record: CloudflareToken;
  try {
    ({ result: record } = await getResult(
      ctx,
      'user.tokens.get',
      `/user/tokens/${encodeURIComponent(self.id)}`,
      TokenSchema,
      token,
    ));
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      throw new AppError(
        'forbidden',
        'Cloudflare accepts this token, but it cannot read API tokens. Give it API Tokens Read (to list) or API Tokens Write (to create, roll and delete), e.g. with the “Create Additional Tokens” template.',
        { field: 'apiToken' },
      );
    throw error;
  }
  const accounts = await accountsOf(ctx, token);
  return {
    summary: `Token “${record.name}”: ${plural(accounts.length, 'account')}`,
    accounts,
  };
}

/** Zone names for scope texts; a token that may not read zones gets their ids instead. */
export async function zoneNames(ctx: AdapterContext, token: string): Promise<Map<string, string>> {
  try {
    const zones = await listAll(ctx, 'zones.list', '/zones', ZoneSchema, token);
    return new Map(zones.map((z) => [z.id, z.name]));
  } catch (error) {
    if (error instanceof HttpError && (error.status === 403 || error.status === 401)) return new Map();
    throw error;
  }
}
