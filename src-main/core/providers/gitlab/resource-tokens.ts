/**
 * Project and group access tokens (shared/providers/gitlab.md §3c): each is the token of a bot
 * user that is a member of one project or group, with a role (`access_level`). Listed per chosen
 * project and group, created with a role not above the caller's, rotated through
 * `…/access_tokens/:id/rotate` (one step, like a personal token: the old one is revoked at once)
 * and revoked with DELETE.
 */
import type { TokenRecord } from '../../db/repositories/tokens';
import { mintedToken } from '../common';
import type { AdapterContext, CreateRequest, Minted, RemoteToken } from '../types';
import { readPages } from './pages';
import { tokensPath, type PlaceKind } from './places';
import { MintedSchema, TokenSchema, dateForExpiry, toRemote } from './wire';

/** A role the create form offers, by GitLab's access level [PRJ]. */
export const ROLE_LEVELS: Record<string, number> = {
  guest: 10,
  planner: 15,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
};

export async function listPlaceTokens(
  ctx: AdapterContext,
  credential: string,
  place: { kind: PlaceKind; id: string; name: string },
): Promise<RemoteToken[]> {
  // No filter is sent: older instances know only `state` on group lists [GRP]; revoked tokens
  // (a rotation's predecessor among them) stay listable since 17.9 [UPRJ] and are left out here.
  const rows = await readPages(ctx, {
    endpoint: `${place.kind}s.tokens.list`,
    path: tokensPath(place.kind, place.id),
    query: {},
    schema: TokenSchema,
    credential,
    what: `tokens in ${place.name}`,
  });
  const where = { accountId: `${place.kind}:${place.id}`, accountName: place.name };
  return rows.filter((t) => !t.revoked).map((t) => toRemote(t, where));
}

export async function createPlaceToken(
  ctx: AdapterContext,
  place: { kind: PlaceKind; id: string; name: string },
  request: CreateRequest & { scopes: string[]; level: number; description: string | null },
): Promise<Minted> {
  const { data } = await ctx.http.send({
    endpoint: `${place.kind}s.tokens.create`,
    method: 'POST',
    path: tokensPath(place.kind, place.id),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    json: {
      name: request.name,
      scopes: request.scopes,
      access_level: request.level,
      ...(request.description === null ? {} : { description: request.description }),
      ...(request.expiresAt === null ? {} : { expires_at: dateForExpiry(request.expiresAt) }),
    },
    auth: 'credential',
    schema: MintedSchema,
  });
  const where = { accountId: `${place.kind}:${place.id}`, accountName: place.name };
  return mintedToken(toRemote(data, where), data.token, ctx.now());
}

export async function rotatePlaceToken(
  ctx: AdapterContext,
  kind: PlaceKind,
  id: string,
  old: TokenRecord,
  expires: string | undefined,
): Promise<Minted> {
  const { data } = await ctx.http.send({
    endpoint: `${kind}s.tokens.rotate`,
    method: 'POST',
    path: tokensPath(kind, id, `/${encodeURIComponent(old.remoteId ?? '')}/rotate`),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    json: expires === undefined ? {} : { expires_at: expires },
    auth: 'credential',
    schema: MintedSchema,
  });
  const where = { accountId: `${kind}:${id}`, accountName: old.accountName ?? `${kind} ${id}` };
  return mintedToken(toRemote(data, where), data.token, ctx.now());
}

export async function revokePlaceToken(
  ctx: AdapterContext,
  kind: PlaceKind,
  id: string,
  token: TokenRecord,
): Promise<void> {
  await ctx.http.send({
    endpoint: `${kind}s.tokens.revoke`,
    method: 'DELETE',
    path: tokensPath(kind, id, `/${encodeURIComponent(token.remoteId ?? '')}`),
    headers: { 'PRIVATE-TOKEN': await ctx.credential() },
    auth: 'credential',
    schema: null,
  });
}
