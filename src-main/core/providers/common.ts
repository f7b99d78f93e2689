/** Small helpers the adapters share: times, field checks, create-input checks. */
import type { CreateTokenInput, ProviderDescriptor } from '../../../src-preload/contract';
import { AppError, invalidInput } from '../errors';
import { DAY_MS } from '../tokens/status';
import type { Minted, RemoteToken } from './types';

/** An ISO 8601 time from a provider → milliseconds, or null when absent or unreadable. */
export function parseTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** The same moment `years` calendar years later (UTC). */
export function addCalendarYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/** How user-owned tokens are often described: an id, a name and three ISO times. */
interface UserTokenWire {
  id: string | number;
  name: string;
  createdAt?: string | null;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
}

/**
 * The fields of a user's personal token that read alike across providers: such tokens belong to
 * no account, and such providers do not report their last characters or who created them.
 */
export function userTokenFields(
  t: UserTokenWire,
): Pick<
  RemoteToken,
  | 'remoteId'
  | 'accountId'
  | 'accountName'
  | 'name'
  | 'last4'
  | 'createdAt'
  | 'createdBy'
  | 'lastUsedAt'
  | 'expiresAt'
> {
  return {
    remoteId: String(t.id),
    accountId: null,
    accountName: null,
    name: t.name,
    last4: null,
    createdAt: parseTime(t.createdAt),
    createdBy: null,
    lastUsedAt: parseTime(t.lastUsedAt),
    expiresAt: parseTime(t.expiresAt),
  };
}

/**
 * A token just created, with its secret. Where the provider does not report them, the creation
 * time is now and the last 4 characters are those of the secret just given.
 */
export function mintedToken(token: RemoteToken, secret: string, now: number): Minted {
  return { token: { ...token, createdAt: token.createdAt ?? now, last4: secret.slice(-4) }, secret };
}

/** A required connection field, trimmed; `invalid_input` naming the field otherwise. */
export function requiredField(fields: Record<string, string>, key: string, label: string): string {
  const value = (fields[key] ?? '').trim();
  if (value === '') throw invalidInput(`Enter the ${label}.`, key);
  return value;
}

export function optionalField(fields: Record<string, string>, key: string): string | null {
  const value = (fields[key] ?? '').trim();
  return value === '' ? null : value;
}

/** A pasted token: one word of printable characters. */
export function tokenField(
  fields: Record<string, string>,
  key: string,
  label: string,
  required: boolean,
): string | null {
  const value = required ? requiredField(fields, key, label) : optionalField(fields, key);
  if (value === null) return null;
  if (!/^[\x21-\x7e]{8,4096}$/.test(value)) {
    throw invalidInput(
      `That does not look like ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}: paste the whole value, without spaces.`,
      key,
    );
  }
  return value;
}

export function emailField(fields: Record<string, string>, key: string): string {
  const value = requiredField(fields, key, 'e-mail address');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw invalidInput('Enter a valid e-mail address.', key);
  return value;
}

/** Refuses create options the provider has no use for, so nothing is silently dropped. */
export function refuseUnusedCreateOptions(input: CreateTokenInput, descriptor: ProviderDescriptor): void {
  if (input.organizations !== undefined && descriptor.capabilities.scopeKind !== 'organizations') {
    throw invalidInput(`${descriptor.name} tokens are not scoped to organizations.`, 'organizations');
  }
  if (input.permissionGroup !== undefined && descriptor.capabilities.scopeKind !== 'permission_group') {
    throw invalidInput(`${descriptor.name} tokens have no permission group.`, 'permissionGroup');
  }
  if (input.permissionGroups !== undefined && descriptor.createForm?.multiplePermissionGroups !== true) {
    throw invalidInput(`${descriptor.name} tokens carry one permission group; pick one.`, 'permissionGroup');
  }
  if (input.permissions !== undefined && (descriptor.createForm?.permissions ?? null) === null) {
    throw invalidInput(`${descriptor.name} tokens are not given permissions here.`, 'permissions');
  }
  if (
    input.resource !== undefined &&
    descriptor.createForm?.resources === undefined &&
    descriptor.createForm?.optionalPlace?.value !== input.resource.kind
  ) {
    throw invalidInput(`${descriptor.name} tokens apply where their permission says.`, 'resource');
  }
  if (input.notBefore !== undefined && descriptor.createForm?.notBefore === undefined) {
    throw invalidInput(`${descriptor.name} tokens take no start date.`, 'notBefore');
  }
  if (input.description !== undefined && descriptor.createForm?.description === undefined) {
    throw invalidInput(`${descriptor.name} tokens take no description.`, 'description');
  }
  if (input.secondPlaces !== undefined && descriptor.createForm?.secondPlaces === undefined) {
    throw invalidInput(`${descriptor.name} tokens cover no second list of places.`, 'secondPlaces');
  }
  if (input.allowedIps !== undefined && descriptor.createForm?.ipAllowList === undefined) {
    throw invalidInput(`${descriptor.name} tokens take no IP allow list.`, 'allowedIps');
  }
  if (input.confirmation !== undefined && descriptor.createForm?.confirmation === undefined) {
    throw invalidInput(`${descriptor.name} asks for no password or code to create a token.`, 'confirmation');
  }
  if (input.owner !== undefined && descriptor.createForm?.owners === undefined) {
    throw invalidInput(`${descriptor.name} tokens are owned as the provider decides.`, 'owner');
  }
  if (input.accountId !== null && !descriptor.pickAccounts) {
    throw invalidInput(
      `${descriptor.name} tokens do not belong to an account here; leave the account empty.`,
      'accountId',
    );
  }
}

/**
 * The expiry of a new token under the provider's rules: null (never), the default validity when
 * none was given, and refused when in the past or beyond the maximum.
 */
export function checkExpiry(
  input: CreateTokenInput,
  descriptor: ProviderDescriptor,
  now: number,
): number | null {
  const caps = descriptor.capabilities;
  if (caps.expiry === 'none') {
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      throw invalidInput(
        `${descriptor.name}’s API creates tokens without an expiry date. Leave the expiry empty.`,
        'expiresAt',
      );
    }
    return null;
  }
  let expiresAt = input.expiresAt;
  if (expiresAt === undefined)
    expiresAt = caps.defaultValidityDays === null ? null : now + caps.defaultValidityDays * DAY_MS;
  if (expiresAt === null) {
    if (caps.expiry === 'required')
      throw invalidInput(`${descriptor.name} tokens must have an expiry date.`, 'expiresAt');
    return null;
  }
  if (expiresAt <= now + 60_000) throw invalidInput('The expiry date must be in the future.', 'expiresAt');
  // A limit in whole years (365, 5 × 365) is the providers' "N years": calendar years, which
  // count leap days (five years from today can be 1,826 days).
  const inYears = caps.maxValidityDays !== null && caps.maxValidityDays % 365 === 0;
  const latest =
    caps.maxValidityDays === null
      ? null
      : inYears
        ? addCalendarYears(now, caps.maxValidityDays / 365)
        : now + caps.maxValidityDays * DAY_MS;
  if (caps.maxValidityDays !== null && latest !== null && expiresAt > latest) {
    const years = inYears
      ? `${caps.maxValidityDays / 365} year${caps.maxValidityDays === 365 ? '' : 's'}`
      : `${caps.maxValidityDays} days`;
    throw invalidInput(
      `${descriptor.name} tokens can be valid for at most ${years}. Pick an earlier expiry date.`,
      'expiresAt',
    );
  }
  return expiresAt;
}

export function limitReached(descriptor: ProviderDescriptor, max: number): AppError {
  return new AppError(
    'limit_reached',
    `${descriptor.name} allows at most ${max} tokens per user, and you have ${max}. Revoke one you no longer need, then create the new one.`,
  );
}

/** "a, b and c" for short lists in user-facing lines. */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
