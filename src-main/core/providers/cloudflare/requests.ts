/**
 * A Cloudflare create, from the form to the request body: the form's choice (a permission group
 * by name, on the picked account or on every zone in it) becomes one allow policy with the
 * group's id, looked up by name [CVA]. Refusals Cloudflare sends back are put next to the field
 * they are about, so the dialog shows them there.
 */
import type { CreateTokenInput } from '../../../../src-preload/contract';
import type { TokenRecord } from '../../db/repositories/tokens';
import { invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import { checkExpiry, limitReached, refuseUnusedCreateOptions } from '../common';
import type { CreateRequest } from '../types';
import { allowListOf } from './conditions';
import {
  CLOUDFLARE_CREATE_CHOICES,
  CLOUDFLARE_MAX_IPS,
  CLOUDFLARE_RESOURCES,
  cloudflareDescriptor,
} from './descriptor';
import type { PermissionGroup } from './wire';

/** Cloudflare's name limit [SDK] and its quotas: user tokens per user, tokens per account [RLIM]. */
const MAX_NAME = 120;
const MAX_USER_TOKENS = 50;
const MAX_ACCOUNT_TOKENS = 500;

const ACCOUNT = 'com.cloudflare.api.account';
const ZONE = 'com.cloudflare.api.account.zone';

export function checkCloudflareCreate(
  input: CreateTokenInput,
  live: TokenRecord[],
  now: number,
): CreateRequest {
  refuseUnusedCreateOptions(input, cloudflareDescriptor);
  const name = input.name.trim();
  if (name.length > MAX_NAME)
    throw invalidInput(`Cloudflare token names can be at most ${MAX_NAME} characters.`, 'name');
  const choice = CLOUDFLARE_CREATE_CHOICES.find((c) => c.group === input.permissionGroup);
  if (choice === undefined)
    throw invalidInput('Choose what the token may do from the list.', 'permissionGroup');
  if (input.accountId === null) throw invalidInput('Pick the account the token is to work in.', 'accountId');
  const place = placeOf(input, choice.group);
  const zoneName = place.named === null ? undefined : zoneNameOf(input.resource?.name);
  // An account-owned token belongs to the picked account, where its permission applies [AOT].
  const owner = input.owner === 'account' ? input.accountId : null;
  const quota = owner === null ? MAX_USER_TOKENS : MAX_ACCOUNT_TOKENS;
  if (live.filter((t) => t.accountId === owner).length >= quota)
    throw limitReached(cloudflareDescriptor, quota);
  const expiresAt = checkExpiry(input, cloudflareDescriptor, now);
  if (input.notBefore !== undefined && expiresAt !== null && input.notBefore >= expiresAt)
    throw invalidInput('The start date must be before the expiry date.', 'notBefore');
  // A user token belongs to no account in the list; the account is where its permission
  // applies, so it travels in `permissions` (for an account-owned token, its owner too).
  return {
    accountId: owner,
    name,
    expiresAt,
    organizations: [],
    permissionGroup: choice.group,
    permissions: [{ resourceType: place.value, resourceId: input.accountId, level: choice.group }],
    ...(zoneName === undefined ? {} : { resourceName: zoneName }),
    ...(input.notBefore === undefined ? {} : { notBefore: input.notBefore }),
    ...(input.allowedIps === undefined
      ? {}
      : { allowedIps: allowListOf(input.allowedIps, CLOUDFLARE_MAX_IPS) }),
  };
}

/** The place picked for the group; a group that fits one place only needs no pick. */
function placeOf(input: CreateTokenInput, group: string) {
  const fitting = CLOUDFLARE_RESOURCES.filter((r) => r.groups.includes(group));
  if (input.resource === undefined) {
    if (fitting.length === 1 && fitting[0] !== undefined) return fitting[0];
    throw invalidInput('Choose where the permission applies.', 'resource');
  }
  const place = fitting.find((r) => r.value === input.resource?.kind);
  if (place === undefined)
    throw invalidInput(
      `${group} applies to ${fitting.map((r) => r.label.toLowerCase()).join(' or ')}; choose one of those.`,
      'resource',
    );
  return place;
}

/** A zone's name as Cloudflare lists it: a domain name, compared without case. */
function zoneNameOf(name: string | undefined): string {
  const trimmed = (name ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '') throw invalidInput('Enter the zone’s name, e.g. example.com.', 'resource');
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(trimmed))
    throw invalidInput(`“${trimmed}” is not a zone name; enter a domain such as example.com.`, 'resource');
  return trimmed;
}

/** Cloudflare's time format, `2018-07-01T05:20:00Z` [CVA]. */
const wireTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A zone as `GET /zones` lists it; `account` is absent in older answers. */
export interface ListedZone {
  id: string;
  name: string;
  account?: { id?: string } | undefined;
}

/** The POST body for a create request: one allow policy, the group's id found by its name. */
export async function createBody(
  request: CreateRequest,
  groupsNamed: (name: string) => Promise<PermissionGroup[]>,
  zones: () => Promise<ListedZone[]>,
): Promise<Record<string, unknown>> {
  const picked = request.permissions?.[0];
  if (picked === undefined)
    throw invalidInput('Choose what the token may do from the list.', 'permissionGroup');
  const onZones = picked.resourceType !== 'account';
  const scope = onZones ? ZONE : ACCOUNT;
  const groups = await groupsNamed(picked.level);
  const group = groups.find((g) => g.name === picked.level && (g.scopes ?? [scope]).includes(scope));
  if (group === undefined)
    throw invalidInput(
      `Cloudflare offers no permission group “${picked.level}” for ${onZones ? 'zones' : 'accounts'} to this token.`,
      'permissionGroup',
    );
  const account = `${ACCOUNT}.${picked.resourceId}`;
  let resources: Record<string, unknown> = { [account]: '*' };
  if (picked.resourceType === 'zones') resources = { [account]: { [`${ZONE}.*`]: '*' } };
  if (picked.resourceType === 'zone') {
    const wanted = request.resourceName ?? '';
    const zone = (await zones()).find(
      (z) =>
        z.name.toLowerCase() === wanted &&
        (z.account?.id === undefined || z.account.id === picked.resourceId),
    );
    if (zone === undefined)
      throw invalidInput(
        `Cloudflare shows this connection no zone named “${wanted}” in the account. Check the name, or give the connection’s token Zone Read there.`,
        'resource',
      );
    resources = { [`${ZONE}.${zone.id}`]: '*' };
  }
  return {
    name: request.name,
    policies: [{ effect: 'allow', permission_groups: [{ id: group.id }], resources }],
    ...(request.expiresAt === null ? {} : { expires_on: wireTime(request.expiresAt) }),
    ...(request.notBefore === undefined ? {} : { not_before: wireTime(request.notBefore) }),
    ...(request.allowedIps === undefined ? {} : { condition: { 'request.ip': { in: request.allowedIps } } }),
  };
}

/**
 * A refused create, with the field its words are about: the name, the dates, or else the
 * permissions (Cloudflare refuses a token with more than its creator holds [TRBL]).
 */
export function fieldOfRefusal(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.code !== 'validation') return error;
  const text = error.message.toLowerCase();
  const field = /\bname\b/.test(text)
    ? 'name'
    : /not_before/.test(text)
      ? 'notBefore'
      : /expires_on|expir/.test(text)
        ? 'expiresAt'
        : /condition|request\.ip/.test(text)
          ? 'allowedIps'
          : 'permissionGroup';
  return new HttpError(error.code, error.message, {
    effect: error.effect,
    status: error.status,
    field,
  });
}
