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
import { CLOUDFLARE_CREATE_CHOICES, cloudflareDescriptor } from './descriptor';
import type { PermissionGroup } from './wire';

/** Cloudflare's name limit [SDK] and its quota of user tokens per user [RLIM]. */
const MAX_NAME = 120;
const MAX_USER_TOKENS = 50;

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
  const choice = CLOUDFLARE_CREATE_CHOICES.find((c) => c.label === input.permissionGroup);
  if (choice === undefined)
    throw invalidInput('Choose what the token may do from the list.', 'permissionGroup');
  if (input.accountId === null) throw invalidInput('Pick the account the token is to work in.', 'accountId');
  if (live.filter((t) => t.accountId === null).length >= MAX_USER_TOKENS)
    throw limitReached(cloudflareDescriptor, MAX_USER_TOKENS);
  const expiresAt = checkExpiry(input, cloudflareDescriptor, now);
  // The token is a user token (it belongs to no account in the list); the account is where its
  // permission applies, so it travels in `permissions`.
  return {
    accountId: null,
    name,
    expiresAt,
    organizations: [],
    permissionGroup: choice.label,
    permissions: [{ resourceType: choice.resource, resourceId: input.accountId, level: choice.group }],
  };
}

/** Cloudflare's time format, `2018-07-01T05:20:00Z` [CVA]. */
const wireTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The POST body for a create request: one allow policy, the group's id found by its name. */
export async function createBody(
  request: CreateRequest,
  groupsNamed: (name: string) => Promise<PermissionGroup[]>,
): Promise<Record<string, unknown>> {
  const picked = request.permissions?.[0];
  if (picked === undefined)
    throw invalidInput('Choose what the token may do from the list.', 'permissionGroup');
  const scope = picked.resourceType === 'zones' ? ZONE : ACCOUNT;
  const groups = await groupsNamed(picked.level);
  const group = groups.find((g) => g.name === picked.level && (g.scopes ?? [scope]).includes(scope));
  if (group === undefined)
    throw invalidInput(
      `Cloudflare offers no permission group “${picked.level}” for ${picked.resourceType === 'zones' ? 'zones' : 'accounts'} to this token.`,
      'permissionGroup',
    );
  const account = `${ACCOUNT}.${picked.resourceId}`;
  const resources =
    picked.resourceType === 'zones' ? { [account]: { [`${ZONE}.*`]: '*' } } : { [account]: '*' };
  return {
    name: request.name,
    policies: [{ effect: 'allow', permission_groups: [{ id: group.id }], resources }],
    ...(request.expiresAt === null ? {} : { expires_on: wireTime(request.expiresAt) }),
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
    : /expires_on|not_before|expir/.test(text)
      ? 'expiresAt'
      : 'permissionGroup';
  return new HttpError(error.code, error.message, {
    effect: error.effect,
    status: error.status,
    field,
  });
}
