/**
 * What the GitLab adapter calls, and on what authority (docs/providers/gitlab.md lists the same
 * rows). Every fact is in shared/providers/gitlab.md with its source; the tags name them.
 */
import type { EndpointSpec } from '../types';

const BRIEF = 'shared/providers/gitlab.md';
const PAT = `${BRIEF} §3a [PAT] (doc/api/personal_access_tokens.md)`;
const UT = `${BRIEF} §3a [UT] (doc/api/user_tokens.md)`;
const PRJ = `${BRIEF} §3c [PRJ] (doc/api/project_access_tokens.md)`;
const GRP = `${BRIEF} §3c [GRP] (doc/api/group_access_tokens.md)`;
const SA = `${BRIEF} §3d [SA] (doc/api/service_accounts.md)`;
const AUTH = 'PRIVATE-TOKEN (personal access token)';
const SA_BASE = '/api/v4/groups/{id}/service_accounts/{user_id}/personal_access_tokens';

// ENDPOINTS (documented / modeled)
export const GITLAB_ENDPOINTS: readonly EndpointSpec[] = [
  {
    key: 'user.get',
    method: 'GET',
    path: '/api/v4/user',
    basis: 'documented',
    source:
      'GitLab REST docs, doc/api/users.md ("current user"), outside the brief; `is_admin` is read only when present',
    auth: AUTH,
    purpose: 'Check the token; who it belongs to (username) and whether that user is an administrator.',
  },
  {
    key: 'tokens.self',
    method: 'GET',
    path: '/api/v4/personal_access_tokens/self',
    basis: 'documented',
    source: PAT,
    auth: AUTH,
    purpose:
      'The connection’s own token (its id marks it in the list); checked live before it rotates itself.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/v4/personal_access_tokens?user_id={id}&revoked=false&per_page=100&page={n}',
    basis: 'documented',
    source: `${PAT}; pagination ${BRIEF} §3e [REST]`,
    auth: AUTH,
    purpose:
      'List the user’s tokens that are not revoked (expired ones stay listed), following X-Next-Page or Link rel="next".',
  },
  {
    key: 'tokens.create.admin',
    method: 'POST',
    path: '/api/v4/users/{user_id}/personal_access_tokens',
    basis: 'documented',
    source: UT,
    auth: `${AUTH} of an administrator; self-managed only`,
    purpose: 'Create a token for the connection’s own user ({name, scopes, expires_at}); `token` once (201).',
  },
  {
    key: 'tokens.create.self',
    method: 'POST',
    path: '/api/v4/user/personal_access_tokens',
    basis: 'documented',
    source: UT,
    auth: `${AUTH}; self-managed only`,
    purpose:
      'Create a token for yourself, limited to the k8s_proxy and self_rotate scopes; `token` once (201).',
  },
  {
    key: 'tokens.rotate',
    method: 'POST',
    path: '/api/v4/personal_access_tokens/{id}/rotate',
    basis: 'documented',
    source: `${PAT}; one transaction, no grace [ROT]`,
    auth: `${AUTH} with api`,
    purpose:
      'Rotate another token ({expires_at}): the old one is revoked at once, the successor (new id) carries `token` once (200).',
  },
  {
    key: 'tokens.rotate.self',
    method: 'POST',
    path: '/api/v4/personal_access_tokens/self/rotate',
    basis: 'documented',
    source: `${PAT}; family rule [FAM]`,
    auth: `${AUTH} with api or self_rotate (the token rotated)`,
    purpose: 'Rotate the connection’s own token; the stored credential moves to the new secret.',
  },
  {
    key: 'tokens.revoke',
    method: 'DELETE',
    path: '/api/v4/personal_access_tokens/{id}',
    basis: 'documented',
    source: PAT,
    auth: AUTH,
    purpose: 'Revoke a token (204).',
  },

  {
    key: 'groups.list',
    method: 'GET',
    path: '/api/v4/groups?min_access_level=50&order_by=id&sort=asc&per_page=100&page={n}',
    basis: 'documented',
    source: `GitLab REST docs, doc/api/groups.md (min_access_level), outside the brief; ${BRIEF} §1 (Owner creates group tokens [GRP]), §3e`,
    auth: AUTH,
    purpose:
      'At connection time: the groups the user owns, whose access tokens it can manage, to choose from.',
  },
  {
    key: 'projects.list',
    method: 'GET',
    path: '/api/v4/projects?min_access_level={40|50}&order_by=id&sort=asc&per_page=100&page={n}',
    basis: 'documented',
    source: `GitLab REST docs, doc/api/projects.md (min_access_level), outside the brief; ${BRIEF} §3e`,
    auth: AUTH,
    purpose:
      'At connection time: the projects the user maintains (40) and, of those, owns (50): the role a new token may carry at most.',
  },
  ...(['projects', 'groups'] as const).flatMap((kind) => {
    const tag = kind === 'projects' ? PRJ : GRP;
    const base = `/api/v4/${kind}/{id}/access_tokens`;
    return [
      {
        key: `${kind}.tokens.list`,
        method: 'GET',
        path: `${base}?per_page=100&page={n}`,
        basis: 'documented',
        source: `${tag}; revoked ones stay listed [UPRJ]`,
        auth: `${AUTH}; the role it needs is UNDOC, modeled as Maintainer (project) / Owner (group)`,
        purpose:
          'The tokens of a chosen project or group (revoked ones left out here), with role and scopes.',
      },
      {
        key: `${kind}.tokens.create`,
        method: 'POST',
        path: base,
        basis: 'documented',
        source: `${tag}; [RAT]`,
        auth: `${AUTH} (not a project or group token) with api; role not above the caller’s`,
        purpose: 'Create ({name, description, scopes, access_level, expires_at}); `token` once (201).',
      },
      {
        key: `${kind}.tokens.rotate`,
        method: 'POST',
        path: `${base}/{token_id}/rotate`,
        basis: 'documented',
        source: `${tag}; one transaction, no grace [ROT]; family rule [FAM]`,
        auth: `${AUTH} with api`,
        purpose:
          'Rotate ({expires_at} chosen in the dialog): the old token is revoked at once; `token` once (200).',
      },
      {
        key: `${kind}.tokens.revoke`,
        method: 'DELETE',
        path: `${base}/{token_id}`,
        basis: 'documented',
        source: tag,
        auth: `${AUTH}; the role it needs is UNDOC, modeled as for the list`,
        purpose: 'Revoke a project or group token (204).',
      },
    ] as const;
  }),
  {
    key: 'groups.service_accounts.list',
    method: 'GET',
    path: '/api/v4/groups/{id}/service_accounts?per_page=100&page={n}',
    basis: 'modeled',
    source: `${BRIEF} §1 names service accounts of top-level groups [SA] but no list of them; path and rows {id, username, name} modeled on gitbeaker's ServiceAccountSchema`,
    auth: `${AUTH}; Owner of the top-level group (modeled)`,
    purpose:
      'At connection time: the service accounts of each top-level group the user owns, each offered as a place; 403/404 (not available) offers none.',
  },
  {
    key: 'groups.service_accounts.tokens.list',
    method: 'GET',
    path: `${SA_BASE}?per_page=100&page={n}`,
    basis: 'documented',
    source: `${SA} (17.11+); list filters and pagination ${BRIEF} §3, §3e`,
    auth: `${AUTH}; Owner of the group (modeled, as for group tokens)`,
    purpose: 'The personal access tokens of a chosen service account (revoked ones left out here).',
  },
  {
    key: 'groups.service_accounts.tokens.create',
    method: 'POST',
    path: SA_BASE,
    basis: 'documented',
    source: `${SA} (16.1+); expiry rule service_access_tokens_expiration_enforced [LIM]`,
    auth: `${AUTH} with api; Owner of the group`,
    purpose:
      'Create ({name, description, scopes, expires_at}); `token` once (201). GitLab.com’s API route for a PAT.',
  },
  {
    key: 'groups.service_accounts.tokens.rotate',
    method: 'POST',
    path: `${SA_BASE}/{token_id}/rotate`,
    basis: 'documented',
    source: `${SA} (expires_at 17.9+); one transaction, no grace [ROT]; family rule [FAM]`,
    auth: `${AUTH} with api; Owner of the group`,
    purpose:
      'Rotate ({expires_at} chosen in the dialog): the old token is revoked at once; `token` once (200).',
  },
  {
    key: 'groups.service_accounts.tokens.revoke',
    method: 'DELETE',
    path: `${SA_BASE}/{token_id}`,
    basis: 'documented',
    source: `${SA} (17.11+)`,
    auth: `${AUTH}; Owner of the group`,
    purpose: 'Revoke a service account’s token (204).',
  },
];
