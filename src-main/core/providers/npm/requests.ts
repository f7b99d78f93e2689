/**
 * An npm create, from the form to the body npm 11.19.1's `npm token create` sends (shared/
 * providers/npm.md §3): the limits checked first (write tokens at most 90 days [CL-0929], a year
 * for read-only ones (modeled), 1000 tokens, IPv4 ranges only as the CLI allows [CLI]).
 */
import type { CreateTokenInput } from '../../../../src-preload/contract';
import type { TokenRecord } from '../../db/repositories/tokens';
import { invalidInput } from '../../errors';
import { DAY_MS } from '../../tokens/status';
import { checkExpiry, limitReached, refuseUnusedCreateOptions } from '../common';
import type { CreateRequest } from '../types';
import { isIP } from 'node:net';
import {
  NPM_MAX_TOKENS,
  NPM_PERMISSIONS,
  NPM_PLACES,
  NPM_READ_MAX_DAYS,
  NPM_WRITE_MAX_DAYS,
  npmDescriptor,
} from './descriptor';

const PACKAGE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const SCOPE = /^@?[a-z0-9][a-z0-9._~-]*$/;

export function checkNpmCreate(input: CreateTokenInput, live: TokenRecord[], now: number): CreateRequest {
  refuseUnusedCreateOptions(input, npmDescriptor);
  const name = input.name.trim();
  const permission = NPM_PERMISSIONS.find((p) => p.group === input.permissionGroup);
  if (permission === undefined) throw invalidInput('Choose what the token may do.', 'permissionGroup');
  const place = NPM_PLACES.find((p) => p.value === input.resource?.kind);
  if (place === undefined) throw invalidInput('Choose which packages the token covers.', 'resource');
  let resourceName: string | undefined;
  if (place.named !== null) {
    const typed = (input.resource?.name ?? '').trim().toLowerCase();
    const ok = place.value === 'scope' ? SCOPE.test(typed) : PACKAGE.test(typed);
    if (!ok || typed.length > 214)
      throw invalidInput(
        `“${typed}” is not ${place.value === 'scope' ? 'a scope, e.g. @acme' : 'a package name, e.g. @acme/widgets'}.`,
        'resource',
      );
    resourceName = typed;
  }
  if (live.filter((t) => t.origin === 'synced').length >= NPM_MAX_TOKENS)
    throw limitReached(npmDescriptor, NPM_MAX_TOKENS);
  const expiresAt = checkExpiry(input, npmDescriptor, now) ?? now;
  const max = permission.wire === 'read-write' ? NPM_WRITE_MAX_DAYS : NPM_READ_MAX_DAYS;
  if (expiresAt > now + max * DAY_MS)
    throw invalidInput(
      `npm ${permission.wire === 'read-write' ? 'write' : 'read-only'} tokens can be valid for at most ${max} days. Pick an earlier expiry date.`,
      'expiresAt',
    );
  const allowedIps = input.allowedIps === undefined ? undefined : ipv4Ranges(input.allowedIps);
  const password = input.confirmation?.password;
  if (password === undefined || password === '')
    throw invalidInput('Enter your npm password: npm asks for it to create a token.', 'password');
  return {
    accountId: null,
    name,
    expiresAt,
    organizations: [],
    permissionGroup: permission.group,
    permissions: [{ resourceType: place.value, resourceId: resourceName ?? '*', level: permission.wire }],
    ...(resourceName === undefined ? {} : { resourceName }),
    ...(allowedIps === undefined ? {} : { allowedIps }),
    confirmation: input.confirmation ?? {},
  };
}

/** Whole days from now, as npm's `expires` takes them (at least 1 [DOC-AT]). */
const daysUntil = (expiresAt: number, now: number) => Math.max(1, Math.round((expiresAt - now) / DAY_MS));

/** The JSON body, exactly the fields `npm token create` sends [CLI][PROBE]. */
export function createBody(request: CreateRequest, now: number): Record<string, unknown> {
  const picked = request.permissions?.[0];
  const kind = picked?.resourceType ?? 'packages_all';
  return {
    name: request.name,
    password: request.confirmation?.password ?? '',
    ...(kind === 'packages_all' ? { packages_all: true } : {}),
    ...(kind === 'package' ? { packages: [request.resourceName ?? ''] } : {}),
    ...(kind === 'scope' ? { scopes: [request.resourceName ?? ''] } : {}),
    packages_and_scopes_permission: picked?.level ?? 'read-only',
    expires: daysUntil(request.expiresAt ?? now, now),
    ...(request.allowedIps === undefined ? {} : { cidr_whitelist: request.allowedIps }),
  };
}

/** The CLI accepts IPv4 addresses and ranges only (`EINVALIDCIDR` otherwise) [CLI]. */
function ipv4Ranges(entries: string[]): string[] {
  const list = entries.map((e) => e.trim()).filter((e) => e !== '');
  if (list.length > 50) throw invalidInput('npm takes at most 50 ranges here.', 'allowedIps');
  return list.map((entry) => {
    const [address = '', prefix, extra] = entry.split('/');
    const bits = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : -1;
    if (extra !== undefined || isIP(address) !== 4 || bits < 0 || bits > 32)
      throw invalidInput(
        `“${entry}” is not an IPv4 address or range; npm takes IPv4 only (e.g. 203.0.113.0/24).`,
        'allowedIps',
      );
    return `${address}/${bits}`;
  });
}
