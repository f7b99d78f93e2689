/**
 * GitLab's offset pagination, read to the end (shared/providers/gitlab.md §3e): 100 per page,
 * following `X-Next-Page` or the `page` of `Link: rel="next"` (wire.ts `nextPage`), never the
 * totals, which GitLab leaves out above 10,000 records.
 */
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { AdapterContext } from '../types';
import { nextPage } from './wire';

/** At most this many pages of 100 (GitLab stops counting past 10,000 records; this reads 20,000). */
export const MAX_PAGES = 200;

export async function readPages<S extends z.ZodTypeAny>(
  ctx: AdapterContext,
  spec: {
    endpoint: string;
    path: string;
    query: Record<string, string>;
    schema: S;
    credential: string;
    /** What is listed, for the message when there are too many ("tokens for this user"). */
    what: string;
  },
): Promise<z.infer<S>[]> {
  const all: z.infer<S>[] = [];
  let page: string | null = '1';
  for (let n = 0; page !== null; n++) {
    if (n === MAX_PAGES)
      throw new AppError(
        'response_too_large',
        `GitLab lists more than ${MAX_PAGES * 100} ${spec.what}; Tokenkeeper stopped reading.`,
      );
    const response: { data: z.infer<S>[]; headers: Record<string, string | string[] | undefined> } =
      await ctx.http.send({
        endpoint: spec.endpoint,
        method: 'GET',
        path: spec.path,
        query: { ...spec.query, per_page: '100', page },
        headers: { 'PRIVATE-TOKEN': spec.credential },
        auth: 'credential',
        schema: spec.schema.array(),
      });
    all.push(...response.data);
    page = response.data.length === 0 ? null : nextPage(response.headers);
  }
  return all;
}
