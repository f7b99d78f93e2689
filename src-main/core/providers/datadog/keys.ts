/**
 * Datadog's keys over the HTTP layer: the key pair from the keychain, the paged lists, and the
 * calls per kind of key. The pair is one keychain entry (JSON of both keys), so the two travel
 * and are replaced together; each key is registered with the redactor when it is read.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { registerSecret } from '../../log/redact';
import type { AdapterContext } from '../types';
import { KEY_KINDS } from './descriptor';
import { ValidateKeysSchema, listPage, type Included } from './wire';

export interface KeyPair {
  apiKey: string;
  applicationKey: string;
}

/** The keychain value for a pair: both keys, kept together. */
export const storedPair = (pair: KeyPair): string =>
  JSON.stringify({ apiKey: pair.apiKey, applicationKey: pair.applicationKey });

export function readPair(stored: string): KeyPair {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = null;
  }
  const pair = value as Partial<KeyPair> | null;
  if (typeof pair?.apiKey !== 'string' || typeof pair.applicationKey !== 'string')
    throw new AppError(
      'credential_unreadable',
      'The stored Datadog keys could not be read. Enter the API key and the application key again for this connection.',
    );
  registerSecret(pair.apiKey);
  registerSecret(pair.applicationKey);
  return { apiKey: pair.apiKey, applicationKey: pair.applicationKey };
}

export const pairOf = async (ctx: AdapterContext): Promise<KeyPair> => readPair(await ctx.credential());

export const headersOf = (pair: KeyPair): Record<string, string> => ({
  'DD-API-KEY': pair.apiKey,
  'DD-APPLICATION-KEY': pair.applicationKey,
});

export async function validatePair(ctx: AdapterContext, pair: KeyPair): Promise<void> {
  await ctx.http.send({
    endpoint: 'keys.validate',
    method: 'GET',
    path: '/api/v2/validate_keys',
    headers: headersOf(pair),
    auth: 'credential',
    schema: ValidateKeysSchema,
  });
}

/** Where each kind of key is listed, created and deleted. */
export const KIND_PATHS = {
  [KEY_KINDS.apiKeys]: { path: '/api/v2/api_keys', key: 'api_keys', include: 'created_by' },
  [KEY_KINDS.orgAppKeys]: { path: '/api/v2/application_keys', key: 'application_keys', include: 'owned_by' },
  [KEY_KINDS.myAppKeys]: {
    path: '/api/v2/current_user/application_keys',
    key: 'my_application_keys',
    include: 'owned_by',
  },
} as const;

export type KeyKind = keyof typeof KIND_PATHS;
export const isKeyKind = (id: string | null): id is KeyKind => id !== null && id in KIND_PATHS;

/** Page size: the maximum Datadog takes (§3). */
const PAGE_SIZE = 100;
/** A list that never ends (a server ignoring page[number]) stops here rather than looping. */
const MAX_PAGES = 100;

/**
 * Every item of a list, page by page from page 0 (modeled: the brief does not say where pages
 * start, §7), until a short page or `meta.page.total_filtered_count` items.
 */
export async function readAll<T extends z.ZodTypeAny>(
  ctx: AdapterContext,
  pair: KeyPair,
  kind: KeyKind,
  item: T,
  pageSize = PAGE_SIZE,
): Promise<{ items: z.infer<T>[]; included: Included[] }> {
  const where = KIND_PATHS[kind];
  const items: z.infer<T>[] = [];
  const included: Included[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await ctx.http.send({
      endpoint: `${where.key}.list`,
      method: 'GET',
      path: where.path,
      query: { 'page[size]': String(pageSize), 'page[number]': String(page), include: where.include },
      headers: headersOf(pair),
      auth: 'credential',
      schema: listPage(item),
    });
    items.push(...(data.data as z.infer<T>[]));
    included.push(...(data.included ?? []));
    const total = data.meta?.page.total_filtered_count;
    if (data.data.length < pageSize || (total !== undefined && items.length >= total)) break;
  }
  return { items, included };
}

/** Whether the pair may read a list at all: false on 403 (a permission it lacks). */
export async function canList(ctx: AdapterContext, pair: KeyPair, kind: KeyKind): Promise<boolean> {
  const where = KIND_PATHS[kind];
  try {
    await ctx.http.send({
      endpoint: `${where.key}.list`,
      method: 'GET',
      path: where.path,
      query: { 'page[size]': '1', 'page[number]': '0' },
      headers: headersOf(pair),
      auth: 'credential',
      schema: listPage(z.unknown()),
    });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return false;
    throw error;
  }
}
