/**
 * The npm create body's rules (shared/providers/npm.md §3, §5), as the simulator enforces them:
 * the fields npm 11.19.1 sends and their types, the 90-day maximum and 7-day default of write
 * tokens [CL-0929], 50 packages/scopes and 50 orgs [DOC-AT], IPv4 CIDR only [CLI].
 * Modeled (UNDOC §7): the read-only maximum (365 days) and default (30), names required and at
 * most 128 characters, descriptions at most 500, the 400 wording.
 */
import { isIP } from 'node:net';

export const CREATE_FIELDS = [
  'name',
  'password',
  'description',
  'packages',
  'packages_all',
  'scopes',
  'orgs',
  'packages_and_scopes_permission',
  'orgs_permission',
  'expires',
  'cidr_whitelist',
  'bypass_2fa',
  // The classic body npm-profile's createToken still builds [NP]; refused since 2025-11-05.
  'readonly',
] as const;

export const PERMISSIONS = ['read-only', 'read-write', 'no-access'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const WRITE_MAX_DAYS = 90;
export const WRITE_DEFAULT_DAYS = 7;
export const READ_MAX_DAYS = 365;
export const READ_DEFAULT_DAYS = 30;

export interface CreateSpec {
  name: string;
  description: string | null;
  packages: string[];
  packagesAll: boolean;
  scopes: string[];
  orgs: string[];
  permission: Permission | null;
  orgsPermission: Permission | null;
  days: number;
  cidr: string[];
  bypass2fa: boolean;
}

const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

function ipv4Cidr(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  return (
    extra === undefined &&
    isIP(address) === 4 &&
    (bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32))
  );
}

/** The create body as a spec, or the 400 message npm would give. */
export function readCreate(body: Record<string, unknown>): CreateSpec | string {
  if ('readonly' in body && !('name' in body))
    return 'Classic tokens can no longer be created. Create a granular access token instead.';
  if ('readonly' in body) return 'readonly is not a granular token field';
  const { name, description, packages, packages_all, scopes, orgs, expires, cidr_whitelist, bypass_2fa } =
    body;
  if (typeof name !== 'string' || name.trim() === '') return 'Token name is required';
  if (name.length > 128) return 'Token name must be at most 128 characters';
  if (description !== undefined && (typeof description !== 'string' || description.length > 500))
    return 'description must be a string of at most 500 characters';
  for (const [key, value] of Object.entries({ packages, scopes, orgs, cidr_whitelist }))
    if (value !== undefined && !strings(value)) return `${key} must be an array of strings`;
  if (packages_all !== undefined && packages_all !== true) return 'packages_all must be true when sent';
  if (bypass_2fa !== undefined && bypass_2fa !== true) return 'bypass_2fa must be true when sent';
  const pkgs = (packages as string[] | undefined) ?? [];
  const scps = ((scopes as string[] | undefined) ?? []).map((s) => (s.startsWith('@') ? s : `@${s}`));
  const orgList = (orgs as string[] | undefined) ?? [];
  if (pkgs.length + scps.length > 50) return 'A token can cover at most 50 packages and scopes';
  if (orgList.length > 50) return 'A token can cover at most 50 organizations';
  const permission = body.packages_and_scopes_permission;
  const orgsPermission = body.orgs_permission;
  for (const [key, value] of Object.entries({
    packages_and_scopes_permission: permission,
    orgs_permission: orgsPermission,
  }))
    if (value !== undefined && !PERMISSIONS.includes(value as Permission))
      return `${key} must be one of ${PERMISSIONS.join(', ')}`;
  const covers = pkgs.length > 0 || scps.length > 0 || packages_all === true;
  if (!covers && orgList.length === 0) return 'Select at least one package, scope or organization';
  if (covers && permission === undefined) return 'packages_and_scopes_permission is required';
  if (orgList.length > 0 && orgsPermission === undefined) return 'orgs_permission is required';
  const write = permission === 'read-write' || orgsPermission === 'read-write';
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires) || expires < 1))
    return 'expires must be a whole number of days, at least 1';
  const max = write ? WRITE_MAX_DAYS : READ_MAX_DAYS;
  if (typeof expires === 'number' && expires > max)
    return `${write ? 'Write' : 'Read-only'} tokens can be valid for at most ${max} days`;
  const cidr = (cidr_whitelist as string[] | undefined) ?? [];
  const bad = cidr.find((c) => !ipv4Cidr(c));
  if (bad !== undefined) return `Invalid CIDR: ${bad}`;
  return {
    name,
    description: description ?? null,
    packages: pkgs,
    packagesAll: packages_all === true,
    scopes: scps,
    orgs: orgList,
    permission: (permission as Permission | undefined) ?? null,
    orgsPermission: (orgsPermission as Permission | undefined) ?? null,
    days: expires ?? (write ? WRITE_DEFAULT_DAYS : READ_DEFAULT_DAYS),
    cidr,
    bypass2fa: bypass_2fa === true,
  };
}
