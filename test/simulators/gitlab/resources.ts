/**
 * Projects, groups and their access tokens in the GitLab simulator (shared/providers/gitlab.md §1,
 * §3c, §5; tags from its §0). A project or group access token is the token of a bot user that is a
 * member of that one project or group [UPRJ]; the bot is made with the token and its membership
 * carries the token's role (`access_level`) [ENT].
 * - `GET /projects` and `GET /groups` with `min_access_level` (GitLab's projects and groups API,
 *   outside the brief; modeled here: only the parameters the adapter and gitbeaker send, direct
 *   membership plus what a group's members inherit in its subgroups and projects);
 * - `GET|POST …/access_tokens`, `GET …/access_tokens/:token_id`, `POST …/:token_id/rotate` (200,
 *   one step, like a personal token) and `DELETE …/:token_id` (204) [PRJ][GRP][RAT];
 * - create: a personal access token, not a bot's [PRJ]; the role at most the caller's [PRJ];
 *   group tokens need Owner [GRP]; scopes from the bot scopes [RAT]; expiry as for personal tokens.
 * Modeled (UNDOC): listing and revoking need Maintainer on a project and Owner on a group, the role
 * a list needs; a project token cannot be asked for with `self` (AMBIG in PRJ); the texts of the
 * role refusals.
 */
import type { SimRequest, SimResponse } from '../base';
import { positiveIntegerId } from '../strict';
import { filteredPage, LIST_FILTERS, pageOf } from './listing';
import {
  badRequest,
  createExpiry,
  forbidden,
  notFound,
  paramError,
  params,
  scopeList,
  unauthorized,
  unknownParams,
  type Params,
} from './rules';
import type { GitLabSimulator, GitLabTokenState } from './simulator';
import { readNameAndDescription, rotateToken } from './token-writes';

export type ResourceKind = 'project' | 'group';

export interface GitLabResource {
  kind: ResourceKind;
  id: number;
  name: string;
  /** `group/sub/project`: what `path_with_namespace` / `full_path` say. */
  path: string;
  /** The group a project or subgroup is in (its members' roles reach here too). */
  parentGroupId: number | null;
  /** Direct members: user id → access level (10 Guest … 50 Owner). */
  members: Map<number, number>;
}

/** Scopes a project or group token may carry (`Gitlab::Auth.resource_bot_scopes` [RAT][UPRJ]). */
export const BOT_SCOPES = [
  'api',
  'read_api',
  'read_repository',
  'write_repository',
  'read_registry',
  'write_registry',
  'read_virtual_registry',
  'write_virtual_registry',
  'create_runner',
  'manage_runner',
  'ai_features',
  'k8s_proxy',
  'self_rotate',
];
/** The roles a token may be given [PRJ]: Guest, Planner, Reporter, Developer, Maintainer, Owner. */
const LEVELS = [10, 15, 20, 30, 40, 50];
const MAINTAINER = 40;
const OWNER = 50;

const label = (kind: ResourceKind) => (kind === 'project' ? 'Project' : 'Group');

export class GitLabResources {
  readonly projects = new Map<number, GitLabResource>();
  readonly groups = new Map<number, GitLabResource>();
  private nextBot = 7000;

  constructor(private readonly sim: GitLabSimulator) {}

  add(spec: {
    kind: ResourceKind;
    id: number;
    name: string;
    path: string;
    parentGroupId?: number | null;
    members?: Record<number, number>;
  }): GitLabResource {
    const resource: GitLabResource = {
      kind: spec.kind,
      id: spec.id,
      name: spec.name,
      path: spec.path,
      parentGroupId: spec.parentGroupId ?? null,
      members: new Map(Object.entries(spec.members ?? {}).map(([u, l]) => [Number(u), l])),
    };
    (spec.kind === 'project' ? this.projects : this.groups).set(resource.id, resource);
    return resource;
  }

  /** A bot user for one new token, a member of the resource with the token's role [UPRJ]. */
  addBot(resource: GitLabResource, level: number): number {
    const id = this.nextBot++;
    this.sim.addUser({
      id,
      username: `${resource.kind}_${resource.id}_bot_${id.toString(16)}`,
      name: `${resource.name} bot`,
      bot: { kind: resource.kind, resourceId: resource.id },
    });
    resource.members.set(id, level);
    return id;
  }

  /** Seeds one token of a resource (its own bot). */
  addToken(
    resource: GitLabResource,
    spec: Omit<Parameters<GitLabSimulator['addToken']>[0], 'userId'> & { accessLevel?: number },
  ): GitLabTokenState {
    const bot = this.addBot(resource, spec.accessLevel ?? MAINTAINER);
    return this.sim.addToken({ ...spec, userId: bot });
  }

  /** The caller's role in a resource: its own membership, or one inherited from a parent group. */
  levelOf(resource: GitLabResource, userId: number): number {
    let level = resource.members.get(userId) ?? 0;
    let parent = resource.parentGroupId;
    for (let depth = 0; parent !== null && depth < 20; depth++) {
      const group = this.groups.get(parent);
      if (group === undefined) break;
      level = Math.max(level, group.members.get(userId) ?? 0);
      parent = group.parentGroupId;
    }
    return level;
  }

  /** `:id` as GitLab takes it: the numeric id or the URL-encoded full path [REST]. */
  find(kind: ResourceKind, raw: string): GitLabResource | null {
    const all = kind === 'project' ? this.projects : this.groups;
    const id = positiveIntegerId(raw);
    if (id !== null) return all.get(id) ?? null;
    const path = decodeURIComponent(raw);
    return [...all.values()].find((r) => r.path === path) ?? null;
  }

  /** The resource a token's bot belongs to, if it is a project or group token. */
  resourceOf(t: GitLabTokenState): GitLabResource | null {
    const bot = this.sim.users.get(t.userId)?.bot;
    if (bot === undefined) return null;
    return (bot.kind === 'project' ? this.projects : this.groups).get(bot.resourceId) ?? null;
  }

  tokensOf(resource: GitLabResource): GitLabTokenState[] {
    return [...this.sim.tokens.values()].filter((t) => {
      const bot = this.sim.users.get(t.userId)?.bot;
      return bot !== undefined && bot.kind === resource.kind && bot.resourceId === resource.id;
    });
  }

  /** The resource token entity [ENT]: the personal token's fields and the bot's role. */
  entity(t: GitLabTokenState) {
    const resource = this.resourceOf(t);
    return {
      ...this.sim.entity(t),
      access_level: resource?.members.get(t.userId) ?? 0,
      resource_type: resource?.kind ?? null,
      resource_id: resource?.id ?? null,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // GET /projects, GET /groups (modeled parameters)

  listResources(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const q = parsed.values;
    const allowed =
      kind === 'project'
        ? ['min_access_level', 'search', 'simple', 'membership', 'order_by', 'sort', 'page', 'per_page']
        : ['min_access_level', 'search', 'top_level_only', 'order_by', 'sort', 'page', 'per_page'];
    const extra = unknownParams(q, allowed);
    if (extra !== null) return extra;
    let min = 0;
    if (q.min_access_level !== undefined) {
      const level = Number(q.min_access_level);
      if (![5, ...LEVELS].includes(level)) return paramError('min_access_level does not have a valid value');
      min = level;
    }
    const search = typeof q.search === 'string' ? q.search.toLowerCase() : null;
    const all = [...(kind === 'project' ? this.projects : this.groups).values()];
    const rows = all
      .filter((r) => (min === 0 ? this.levelOf(r, caller.userId) > 0 : this.levelOf(r, caller.userId) >= min))
      .filter((r) => search === null || `${r.name} ${r.path}`.toLowerCase().includes(search))
      .filter((r) => q.top_level_only !== 'true' || r.parentGroupId === null)
      // order_by id or created_at (the default) come out alike here: ids grow with time.
      .sort((a, b) => (q.sort === 'asc' ? a.id - b.id : b.id - a.id));
    return pageOf(req, q, rows, (r) =>
      kind === 'project'
        ? {
            id: r.id,
            name: r.name,
            name_with_namespace: r.path.split('/').join(' / '),
            path: r.path.split('/').pop(),
            path_with_namespace: r.path,
          }
        : {
            id: r.id,
            name: r.name,
            path: r.path.split('/').pop(),
            full_name: r.path.split('/').join(' / '),
            full_path: r.path,
            parent_id: r.parentGroupId,
          },
    );
  }

  // ---------------------------------------------------------------------------------------------
  // …/access_tokens [PRJ][GRP][RAT]

  /** The resource of the path, if the caller may manage its tokens (Maintainer / Owner, modeled). */
  private managed(
    kind: ResourceKind,
    req: SimRequest,
    caller: GitLabTokenState,
  ): GitLabResource | SimResponse {
    const resource = this.find(kind, req.params.resource ?? '');
    if (resource === null) return notFound(`404 ${label(kind)} Not Found`);
    const level = this.levelOf(resource, caller.userId);
    if (level === 0) return notFound(`404 ${label(kind)} Not Found`);
    if (level < (kind === 'project' ? MAINTAINER : OWNER)) return unauthorized();
    return resource;
  }

  /** The token `:token_id` of this resource (`self` for groups, and for any rotate [GRP][PRJ]). */
  private tokenIn(
    resource: GitLabResource,
    req: SimRequest,
    caller: GitLabTokenState,
    allowSelf: boolean,
  ): GitLabTokenState | SimResponse {
    const missing = notFound(`404 ${label(resource.kind)} Access Token Not Found`);
    if (req.params.tokenId === 'self') {
      if (!allowSelf || this.resourceOf(caller) !== resource) return missing;
      return caller;
    }
    const id = positiveIntegerId(req.params.tokenId);
    const token = id === null ? undefined : this.sim.tokens.get(id);
    if (token === undefined || this.resourceOf(token) !== resource) return missing;
    return token;
  }

  list(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    const resource = this.managed(kind, req, caller);
    if ('status' in resource) return resource;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, LIST_FILTERS);
    if (extra !== null) return extra;
    return filteredPage(this.sim, req, parsed.values, this.tokensOf(resource), (t) => this.entity(t));
  }

  show(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    const resource = this.managed(kind, req, caller);
    if ('status' in resource) return resource;
    const token = this.tokenIn(resource, req, caller, kind === 'group');
    if ('status' in token) return token;
    return { status: 200, json: this.entity(token) };
  }

  create(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    // A project or group token cannot create tokens: a personal access token must [PRJ].
    if (this.resourceOf(caller) !== null) return forbidden();
    const resource = this.managed(kind, req, caller);
    if ('status' in resource) return resource;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const values: Params = parsed.values;
    const extra = unknownParams(values, ['name', 'description', 'scopes', 'expires_at', 'access_level']);
    if (extra !== null) return extra;
    const named = readNameAndDescription(values);
    if (!named.ok) return named.response;
    const scopes = scopeList(values.scopes, BOT_SCOPES);
    if (!scopes.ok) return scopes.response;
    const level = values.access_level === undefined ? MAINTAINER : Number(values.access_level);
    if (!LEVELS.includes(level)) return paramError('access_level does not have a valid value');
    // The role cannot be above the caller's own [PRJ] (the text is modeled).
    if (level > this.levelOf(resource, caller.userId))
      return badRequest(`Access level of the token can't be greater than your access level`);
    const expiry = createExpiry(values.expires_at, this.sim.policy, this.sim.now());
    if (!expiry.ok) return expiry.response;
    const token = this.addToken(resource, {
      name: named.name,
      description: named.description,
      scopes: scopes.scopes,
      createdAt: this.sim.now(),
      expiresAt: expiry.date,
      accessLevel: level,
    });
    return { status: 201, json: { ...this.entity(token), token: token.secret } };
  }

  rotate(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    const resource = this.find(kind, req.params.resource ?? '');
    if (resource === null) return notFound(`404 ${label(kind)} Not Found`);
    const own = req.params.tokenId === 'self';
    // Another token: a personal token with api of someone who manages the resource; itself: the
    // resource token with api or self_rotate [PRJ][GRP]. One resource token may not rotate another.
    if (!own) {
      if (this.resourceOf(caller) !== null) return unauthorized();
      const managed = this.managed(kind, req, caller);
      if ('status' in managed) return managed;
    }
    const old = this.tokenIn(resource, req, caller, true);
    if ('status' in old) return old;
    return rotateToken(this.sim, req, old, (t) => this.entity(t));
  }

  revoke(kind: ResourceKind, req: SimRequest, caller: GitLabTokenState): SimResponse {
    const resource = this.managed(kind, req, caller);
    if ('status' in resource) return resource;
    const token = this.tokenIn(resource, req, caller, false);
    if ('status' in token) return token;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, []);
    if (extra !== null) return extra;
    if (token.revoked) return badRequest('Token already revoked');
    token.revoked = true;
    return { status: 204 };
  }
}
