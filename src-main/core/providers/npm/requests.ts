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
  NPM_DESCRIPTION_MAX,
  NPM_MAX_PLACES,
  NPM_MAX_TOKENS,
  NPM_ORG_LEVELS,
  NPM_PERMISSIONS,
  NPM_PLACES,
  NPM_READ_MAX_DAYS,
  NPM_WRITE_MAX_DAYS,
  npmDescriptor,
} from './descriptor';

const PACKAGE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const SCOPE = /^@?[a-z0-9][a-z0-9._~-]*$/;
const ORG = /^[a-z0-9][a-z0-9._~-]*$/;

export function checkNpmCreate(input: CreateTokenInput, live: TokenRecord[], now: number): CreateRequest {
  refuseUnusedCreateOptions(input, npmDescriptor);
  const name = input.name.trim();
  const permission = NPM_PERMISSIONS.find((p) => p.group === input.permissionGroup);
  if (permission === undefined) throw invalidInput('Choose what the token may do.', 'permissionGroup');
  const place = NPM_PLACES.find((p) => p.value === input.resource?.kind);
  if (place === undefined) throw invalidInput('Choose which packages the token covers.', 'resource');
  const resourceNames = place.named === null ? [] : placeNames(input, place.value);
  const orgs = orgsOf(input);
  if (orgs !== undefined && orgs.names.length > NPM_MAX_PLACES)
    throw invalidInput(`npm takes at most ${NPM_MAX_PLACES} organizations on one token.`, 'secondPlaces');
  const description = (input.description ?? '').trim();
  if (description.length > NPM_DESCRIPTION_MAX)
    throw invalidInput(`Keep the description under ${NPM_DESCRIPTION_MAX} characters.`, 'description');
  if (live.filter((t) => t.origin === 'synced').length >= NPM_MAX_TOKENS)
    throw limitReached(npmDescriptor, NPM_MAX_TOKENS);
  const expiresAt = checkExpiry(input, npmDescriptor, now) ?? now;
  // npm counts a token that may write to its orgs as a write token too [simulator rules, DOC-AT].
  const write = permission.wire === 'read-write' || orgs?.level === 'read-write';
  const max = write ? NPM_WRITE_MAX_DAYS : NPM_READ_MAX_DAYS;
  if (expiresAt > now + max * DAY_MS)
    throw invalidInput(
      `npm ${write ? 'write' : 'read-only'} tokens can be valid for at most ${max} days. Pick an earlier expiry date.`,
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
    permissions:
      resourceNames.length === 0
        ? [{ resourceType: place.value, resourceId: '*', level: permission.wire }]
        : resourceNames.map((id) => ({ resourceType: place.value, resourceId: id, level: permission.wire })),
    ...(resourceNames.length === 0 ? {} : { resourceNames }),
    ...(orgs === undefined ? {} : { secondPlaces: orgs }),
    ...(description === '' ? {} : { description }),
    ...(allowedIps === undefined ? {} : { allowedIps }),
    confirmation: input.confirmation ?? {},
  };
}

/** The scopes or packages named (one, or several one a line), checked and without repeats. */
function placeNames(input: CreateTokenInput, kind: string): string[] {
  const given = input.resource?.names ?? [input.resource?.name ?? ''];
  const typed = [...new Set(given.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))];
  const what = kind === 'scope' ? 'a scope, e.g. @acme' : 'a package name, e.g. @acme/widgets';
  if (typed.length === 0) throw invalidInput(`Enter ${what}.`, 'resource');
  if (typed.length > NPM_MAX_PLACES)
    throw invalidInput(`npm takes at most ${NPM_MAX_PLACES} packages and scopes on one token.`, 'resource');
  for (const name of typed) {
    const ok = kind === 'scope' ? SCOPE.test(name) : PACKAGE.test(name);
    if (!ok || name.length > 214) throw invalidInput(`“${name}” is not ${what}.`, 'resource');
  }
  return typed;
}

/** The organizations (npm's user and org names: no `@`, as `--orgs` takes them) and their level. */
function orgsOf(input: CreateTokenInput): { names: string[]; level: string } | undefined {
  if (input.secondPlaces === undefined) return undefined;
  const names = [
    ...new Set(
      input.secondPlaces.names.map((n) => n.trim().replace(/^@/, '').toLowerCase()).filter((n) => n !== ''),
    ),
  ];
  if (names.length === 0) return undefined;
  const bad = names.find((n) => !ORG.test(n) || n.length > 214);
  if (bad !== undefined)
    throw invalidInput(`“${bad}” is not an npm organization name, e.g. acme.`, 'secondPlaces');
  const level = NPM_ORG_LEVELS.find((l) => l.value === input.secondPlaces?.level);
  if (level === undefined)
    throw invalidInput('Choose what the token may do in its organizations.', 'secondPlaces');
  return { names, level: level.value };
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
    ...((request.description ?? null) === null ? {} : { description: request.description }),
    ...(kind === 'package' ? { packages: request.resourceNames ?? [] } : {}),
    ...(kind === 'scope' ? { scopes: request.resourceNames ?? [] } : {}),
    ...(request.secondPlaces === undefined ? {} : { orgs: request.secondPlaces.names }),
    packages_and_scopes_permission: picked?.level ?? 'read-only',
    ...(request.secondPlaces === undefined ? {} : { orgs_permission: request.secondPlaces.level }),
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
