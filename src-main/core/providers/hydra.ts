/**
 * JSON-LD / Hydra collections (API Platform), as some providers' APIs return them. Both the prefixed
 * (`hydra:member`) and the unprefixed (`member`) spellings are accepted: API Platform emits one
 * or the other depending on its version and configuration.
 */
import { z } from 'zod';
import type { HttpRequest, ProviderHttp } from '../http/client';

const MAX_PAGES = 100;

export function hydraCollection<T extends z.ZodType>(item: T) {
  return z
    .object({
      'hydra:member': z.array(item).optional(),
      member: z.array(item).optional(),
      'hydra:view': z.object({ 'hydra:next': z.string().optional() }).optional(),
      view: z.object({ next: z.string().optional() }).optional(),
    })
    .refine((c) => c['hydra:member'] !== undefined || c.member !== undefined, {
      message: 'no collection members',
    });
}

/** Follows `hydra:next` links (same host, path only) and returns every member. */
export async function fetchAllPages<T>(
  http: ProviderHttp,
  request: Omit<HttpRequest<unknown>, 'schema' | 'query'>,
  item: z.ZodType<T>,
): Promise<T[]> {
  const schema = hydraCollection(item);
  const all: T[] = [];
  let path = request.path;
  let query: Record<string, string> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await http.send({ ...request, path, ...(query === undefined ? {} : { query }), schema });
    all.push(...(data['hydra:member'] ?? data.member ?? []));
    const next = data['hydra:view']?.['hydra:next'] ?? data.view?.next;
    if (next === undefined) return all;
    // Only a relative link is followed: a page link must never send the session to another host.
    const parsed = new URL(next, 'http://relative.invalid');
    if (parsed.host !== 'relative.invalid' || parsed.pathname !== request.path) return all;
    path = parsed.pathname;
    query = Object.fromEntries(parsed.searchParams.entries());
  }
  return all;
}
