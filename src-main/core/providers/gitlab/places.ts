/**
 * Where a GitLab connection lists tokens: the user's own personal tokens, and the projects and
 * groups the user chose when connecting (the connection's accounts). A project's or group's
 * tokens are listed and made only where the user can manage them: Maintainer or Owner on a
 * project, Owner on a group [PRJ][GRP] (shared/providers/gitlab.md §1); the enumeration asks
 * GitLab for exactly those with `min_access_level`.
 */
import type { RemoteAccount } from '../../../../src-preload/contract';
import { invalidInput } from '../../errors';
import type { AdapterContext } from '../types';
import { readPages } from './pages';
import { enumerateServiceAccounts, serviceAccountOf, type ServiceAccountPlace } from './service-accounts';
import { GroupSchema, ProjectSchema } from './wire';

export type PlaceKind = 'project' | 'group';

/** The personal tokens' account id: always offered, picked by default. */
export const PERSONAL = 'personal';

export type Place = { kind: 'personal' } | { kind: PlaceKind; id: string } | ServiceAccountPlace;

/** `project:12` / `group:7` / `serviceaccount:7:300` / `personal` → the place; anything else is refused. */
export function placeOf(accountId: string | null): Place {
  if (accountId === null || accountId === PERSONAL) return { kind: 'personal' };
  const serviceAccount = serviceAccountOf(accountId);
  if (serviceAccount !== null) return serviceAccount;
  const match = /^(project|group):([1-9]\d*)$/.exec(accountId);
  if (match === null) throw invalidInput('Pick a project or group of this connection.', 'accountId');
  return { kind: match[1] as PlaceKind, id: match[2] ?? '' };
}

export const placeId = (kind: PlaceKind, id: number | string): string => `${kind}:${String(id)}`;

/** The API path of a project's or group's tokens (`/projects/12/access_tokens`). */
export const tokensPath = (kind: PlaceKind, id: string, rest = ''): string =>
  `/api/v4/${kind}s/${encodeURIComponent(id)}/access_tokens${rest}`;

/**
 * Whether a connection lists its user's personal tokens: a connection made before projects and
 * groups could be chosen has no accounts and lists them as it always did.
 */
export function listsPersonal(accounts: readonly RemoteAccount[]): boolean {
  return accounts.length === 0 || accounts.some((a) => a.id === PERSONAL);
}

/** The projects and groups among the connection's accounts. */
export function chosenPlaces(
  accounts: readonly RemoteAccount[],
): { kind: PlaceKind; id: string; name: string }[] {
  return accounts.flatMap((a) => {
    const place = /^(project|group):([1-9]\d*)$/.exec(a.id);
    return place === null ? [] : [{ kind: place[1] as PlaceKind, id: place[2] ?? '', name: a.name }];
  });
}

/**
 * What the token can manage, to choose from at connection time: personal tokens first, then the
 * groups it owns, the service accounts of those that are top-level groups, and the projects it
 * maintains or owns (owners listed once, as owner).
 */
export async function enumeratePlaces(
  ctx: AdapterContext,
  credential: string,
  username: string,
): Promise<RemoteAccount[]> {
  const query = (level: number) => ({ min_access_level: String(level), order_by: 'id', sort: 'asc' });
  const groups = await readPages(ctx, {
    endpoint: 'groups.list',
    path: '/api/v4/groups',
    query: query(50),
    schema: GroupSchema,
    credential,
    what: 'groups for this user',
  });
  const projects = (level: number) =>
    readPages(ctx, {
      endpoint: 'projects.list',
      path: '/api/v4/projects',
      query: query(level),
      schema: ProjectSchema,
      credential,
      what: 'projects for this user',
    });
  const serviceAccounts = await enumerateServiceAccounts(ctx, credential, groups);
  const owned = await projects(50);
  const maintained = await projects(40);
  const ownedIds = new Set(owned.map((p) => p.id));
  return [
    // No access level: a personal token has no role, so the create form asks for none.
    { id: PERSONAL, name: `Personal access tokens (${username})`, access: null },
    ...groups.map((g) => ({ id: placeId('group', g.id), name: `${g.full_path} (group)`, access: 'owner' })),
    ...serviceAccounts,
    ...maintained.map((p) => ({
      id: placeId('project', p.id),
      name: `${p.path_with_namespace} (project)`,
      access: ownedIds.has(p.id) ? 'owner' : 'maintainer',
    })),
  ];
}
