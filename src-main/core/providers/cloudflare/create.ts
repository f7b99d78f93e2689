/**
 * Creating a Cloudflare token: a user token (`POST /user/tokens`) or, where the form's owner is
 * the account, an account-owned one (`POST /accounts/{id}/tokens`) [AOT]. The permission group's
 * id is looked up by name under the same owner, the zone of a one-zone token among the account's
 * zones; and the zones the create dialog's picker offers are those same zones, by name.
 */
import { z } from 'zod';
import type { CreateChoice } from '../../../../src-preload/contract';
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import { mintedToken } from '../common';
import type { AdapterContext, CreateRequest, Minted } from '../types';
import { bearer, getResult, listAll } from './reads';
import { createBody, fieldOfRefusal, type ListedZone } from './requests';
import {
  PermissionGroupSchema,
  TokenSchema,
  ZoneSchema,
  envelope,
  toRemote,
  type ResourceNames,
} from './wire';

const V4 = '/client/v4';

/**
 * The account's zones, paged: `GET /zones?account.id=…`. A token without Zone Read there is
 * refused (403): said next to the zone field, as a plain error (not the HTTP layer's).
 */
async function zonesOf(ctx: AdapterContext, accountId: string): Promise<ListedZone[]> {
  try {
    const zones = await listAll(ctx, 'account.zones.list', '/zones', ZoneSchema, undefined, {
      'account.id': accountId,
    });
    return zones.filter((z) => z.account?.id === undefined || z.account.id === accountId);
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      throw new AppError(
        'forbidden',
        'Cloudflare does not show this connection the account’s zones. Give its token Zone Read there, or make the token for all zones.',
        { field: 'resource' },
      );
    throw error;
  }
}

/** The create dialog's zone picker: the account's zones by name. */
export async function zoneChoices(ctx: AdapterContext, accountId: string): Promise<CreateChoice[]> {
  return (await zonesOf(ctx, accountId)).map((z) => ({ id: z.id, name: z.name }));
}

export async function createCloudflareToken(ctx: AdapterContext, request: CreateRequest): Promise<Minted> {
  const owner = request.accountId;
  const base = owner === null ? '/user/tokens' : `/accounts/${encodeURIComponent(owner)}/tokens`;
  const place = request.permissions?.[0]?.resourceId ?? '';
  const zones = new Map<string, string>();
  try {
    return await send(ctx, request, base, owner, place, zones);
  } catch (error) {
    if (owner !== null && error instanceof HttpError && error.status === 403)
      throw new AppError(
        'forbidden',
        `Cloudflare refused an account-owned token here: the connection’s token needs Account API Tokens Write on ${ctx.accounts.find((a) => a.id === owner)?.name ?? 'that account'}. Make it your user token instead, or add that permission.`,
        { field: 'owner' },
      );
    throw fieldOfRefusal(error);
  }
}

async function send(
  ctx: AdapterContext,
  request: CreateRequest,
  base: string,
  owner: string | null,
  place: string,
  zones: Map<string, string>,
): Promise<Minted> {
  const body = await createBody(
    request,
    async (name) => {
      const { result } = await getResult(
        ctx,
        owner === null ? 'user.permission_groups' : 'account.permission_groups',
        `${base}/permission_groups`,
        z.array(PermissionGroupSchema),
        undefined,
        { name },
      );
      return result;
    },
    async () => {
      const listed = await zonesOf(ctx, place);
      for (const zone of listed) zones.set(zone.id, zone.name);
      return listed;
    },
  );
  const { data } = await ctx.http.send({
    endpoint: owner === null ? 'user.tokens.create' : 'account.tokens.create',
    method: 'POST',
    path: `${V4}${base}`,
    headers: await bearer(ctx),
    json: body,
    auth: 'credential',
    schema: envelope(TokenSchema.extend({ value: z.string().min(8) })),
  });
  const names: ResourceNames = { accounts: new Map(ctx.accounts.map((a) => [a.id, a.name])), zones };
  const account = owner === null ? null : (ctx.accounts.find((a) => a.id === owner) ?? null);
  return mintedToken(toRemote(data.result, account, names, ctx.now()), data.result.value, ctx.now());
}
