/**
 * What the adapter sends Mailtrap beyond a name: the permissions of a new token (`resources`, as
 * the official SDK types them), checked against what the calling token holds before any call; and
 * how Mailtrap's field-keyed refusals (`{errors: {expires_at: [...]}}`) reach the form field they
 * name.
 */
import type { CreateTokenInput, RemoteAccount } from '../../../../src-preload/contract';
import { invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import type { CreateRequest } from '../types';
import { GRANTABLE } from './wire';

const RESOURCE_TYPES = ['account', 'project', 'inbox', 'sending_domain'] as const;
/** Who may grant access in an account: Mailtrap lets only admins and owners manage its tokens. */
const GRANTING_ACCESS = ['owner', 'admin'];
const INTEGER_ID = /^[1-9][0-9]{0,17}$/;

type Permissions = NonNullable<CreateRequest['permissions']>;

/**
 * The permissions of a new token in `account`. None given: viewer on that account, the least a
 * token can hold (and what Mailtrap gives a token created without resources).
 */
export function checkPermissions(
  given: CreateTokenInput['permissions'],
  accounts: readonly RemoteAccount[],
  account: RemoteAccount,
): Permissions {
  if (given === undefined) return [{ resourceType: 'account', resourceId: account.id, level: 'viewer' }];
  if (given.length === 0) throw invalidInput('Choose at least one permission for the token.', 'permissions');
  for (const p of given) {
    if (!(RESOURCE_TYPES as readonly string[]).includes(p.resourceType))
      throw invalidInput(`Mailtrap has no “${p.resourceType}” permissions.`, 'permissions');
    if (!(p.level in GRANTABLE))
      throw invalidInput('Mailtrap permissions are viewer or admin.', 'permissions');
    if (!INTEGER_ID.test(p.resourceId))
      throw invalidInput('Mailtrap resource ids are whole numbers.', 'permissions');
    if (p.resourceType !== 'account') continue;
    const target = accounts.find((a) => a.id === p.resourceId);
    if (target === undefined)
      throw invalidInput('Grant access only in accounts this connection includes.', 'permissions');
    // A token cannot grant what it does not hold.
    if (!GRANTING_ACCESS.includes(target.access ?? ''))
      throw invalidInput(
        `The connection’s token has ${target.access ?? 'no'} access to ${target.name}, so it cannot grant ${p.level} access there; that needs admin or owner access.`,
        'permissions',
      );
  }
  return given.map((p) => ({ ...p }));
}

/** `resources` as the API takes them. */
export function toResources(permissions: CreateRequest['permissions']) {
  return (permissions ?? []).map((p) => ({
    resource_type: p.resourceType,
    resource_id: Number(p.resourceId),
    access_level: GRANTABLE[p.level] ?? 10,
  }));
}

/** Mailtrap's field names → the create and rotate forms' fields. */
const FORM_FIELDS: Record<string, string> = {
  name: 'name',
  expires_at: 'expiresAt',
  resources: 'permissions',
};

/** Runs a call; a field-keyed refusal comes back naming the form's field (or none it does not know). */
export async function fieldKeyed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof HttpError) || error.field === undefined) throw error;
    const field = FORM_FIELDS[error.field];
    throw new HttpError(error.code, error.message, {
      effect: error.effect,
      status: error.status,
      ...(field === undefined ? {} : { field }),
      cause: error,
    });
  }
}
