/**
 * Service-account tokens of top-level groups (shared/providers/gitlab.md §1, §3d [SA]): a service
 * account is a user that belongs to one top-level group; its personal access tokens are listed,
 * created, rotated and revoked through `/groups/:id/service_accounts/:user_id/personal_access_tokens`
 * (on GitLab.com the only API route to make a PAT). Offered at connection time, one choice per
 * service account ("<username> (service account of <group>)"), because a new token belongs to
 * exactly one of them and the create form picks one place. Groups without the feature (an older
 * instance, a tier without service accounts) answer 403/404 and offer none.
 *
 * Modeled (the brief names no source): the list of a group's service accounts,
 * `GET /groups/:id/service_accounts` with `{id, username, name}` rows (gitbeaker's
 * ServiceAccountSchema), paginated like the token lists; that Owner is the role it needs.
 */
import type { RemoteAccount } from '../../../../src-preload/contract';
import type { TokenRecord } from '../../db/repositories/tokens';
import { AppError } from '../../errors';
import { mintedToken } from '../common';
import type { AdapterContext, CreateRequest, Minted, RemoteToken } from '../types';
import { readPages } from './pages';
import { MintedSchema, ServiceAccountSchema, TokenSchema, dateForExpiry, toRemote } from './wire';

export interface ServiceAccountPlace {
  kind: 'serviceaccount';
  groupId: string;
  userId: string;
}

const ID = /^serviceaccount:([1-9]\d*):([1-9]\d*)$/;

/** `serviceaccount:7:300` → the group and the service account's user id; null when not one. */
export function serviceAccountOf(accountId: string | null): ServiceAccountPlace | null {
  const match = accountId === null ? null : ID.exec(accountId);
  return match === null ? null : { kind: 'serviceaccount', groupId: match[1] ?? '', userId: match[2] ?? '' };
}

const tokensPath = (place: ServiceAccountPlace, rest = '') =>
  `/api/v4/groups/${encodeURIComponent(place.groupId)}/service_accounts/${encodeURIComponent(place.userId)}/personal_access_tokens${rest}`;

/** The service accounts of the top-level groups the caller owns, as places to choose. */
export async function enumerateServiceAccounts(
  ctx: AdapterContext,
  credential: string,
  groups: readonly { id: number; full_path: string; parent_id?: number | null | undefined }[],
): Promise<RemoteAccount[]> {
  const places: RemoteAccount[] = [];
  // Service accounts belong to top-level groups only [SA]; a subgroup has none to list.
  for (const group of groups.filter((g) => g.parent_id === null || g.parent_id === undefined)) {
    let accounts;
    try {
      accounts = await readPages(ctx, {
        endpoint: 'groups.service_accounts.list',
        path: `/api/v4/groups/${encodeURIComponent(String(group.id))}/service_accounts`,
        query: {},
        schema: ServiceAccountSchema,
        credential,
        what: `service accounts in ${group.full_path}`,
      });
    } catch (error) {
      // Not available there (older instance, tier without service accounts): nothing to offer.
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) continue;
      throw error;
    }
    for (const account of accounts)
      places.push({
        id: `serviceaccount:${group.id}:${account.id}`,
        name: `${account.username} (service account of ${group.full_path})`,
        // A service account's token has no role of its own: the form asks for none.
        access: null,
      });
  }
  return places;
}

export async function listServiceAccountTokens(
  ctx: AdapterContext,
  credential: string,
  place: ServiceAccountPlace,
  name: string,
): Promise<RemoteToken[]> {
  const rows = await readPages(ctx, {
    endpoint: 'groups.service_accounts.tokens.list',
    path: tokensPath(place),
    query: {},
    schema: TokenSchema,
    credential,
    what: `tokens of ${name}`,
  });
  const where = { accountId: `serviceaccount:${place.groupId}:${place.userId}`, accountName: name };
  return rows.filter((t) => !t.revoked).map((t) => toRemote(t, where));
}

export async function createServiceAccountToken(
  ctx: AdapterContext,
  place: ServiceAccountPlace,
  name: string,
  request: CreateRequest & { scopes: string[]; description: string | null },
): Promise<Minted> {
  const { data } = await ctx.http.send({
    endpoint: 'groups.service_accounts.tokens.create',
    method: 'POST',
    path: tokensPath(place),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    json: {
      name: request.name,
      scopes: request.scopes,
      ...(request.description === null ? {} : { description: request.description }),
      ...(request.expiresAt === null ? {} : { expires_at: dateForExpiry(request.expiresAt) }),
    },
    auth: 'credential',
    schema: MintedSchema,
  });
  const where = { accountId: `serviceaccount:${place.groupId}:${place.userId}`, accountName: name };
  return mintedToken(toRemote(data, where), data.token, ctx.now());
}

export async function rotateServiceAccountToken(
  ctx: AdapterContext,
  place: ServiceAccountPlace,
  old: TokenRecord,
  expires: string | undefined,
): Promise<Minted> {
  const { data } = await ctx.http.send({
    endpoint: 'groups.service_accounts.tokens.rotate',
    method: 'POST',
    path: tokensPath(place, `/${encodeURIComponent(old.remoteId ?? '')}/rotate`),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    json: expires === undefined ? {} : { expires_at: expires },
    auth: 'credential',
    schema: MintedSchema,
  });
  const where = {
    accountId: `serviceaccount:${place.groupId}:${place.userId}`,
    accountName: old.accountName ?? `service account ${place.userId}`,
  };
  return mintedToken(toRemote(data, where), data.token, ctx.now());
}

export async function revokeServiceAccountToken(
  ctx: AdapterContext,
  place: ServiceAccountPlace,
  token: TokenRecord,
): Promise<void> {
  await ctx.http.send({
    endpoint: 'groups.service_accounts.tokens.revoke',
    method: 'DELETE',
    path: tokensPath(place, `/${encodeURIComponent(token.remoteId ?? '')}`),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    auth: 'credential',
    schema: null,
  });
}
