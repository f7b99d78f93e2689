/**
 * Service accounts of top-level groups in the GitLab simulator (shared/providers/gitlab.md §1,
 * §3d [SA]): a service account is a user of one top-level group; its personal access tokens are
 * listed (17.11+), created (201), rotated (200, one step, like any PAT [ROT]) and revoked (204)
 * under `/groups/:id/service_accounts/:user_id/personal_access_tokens`.
 * Modeled (the brief names no source): `GET /groups/:id/service_accounts` with `{id, username,
 * name}` rows (gitbeaker's ServiceAccountSchema), paginated; Owner of the group is needed for
 * every call (as for group tokens); a subgroup answers 400 "Group must be a top-level group";
 * an instance or tier without service accounts (`available: false`) answers 404 to every call;
 * expiry follows the same policy as other tokens (service_access_tokens_expiration_enforced [LIM]
 * is modeled as equal to it).
 */
import type { SimRequest, SimResponse } from '../base';
import { positiveIntegerId } from '../strict';
import { filteredPage, LIST_FILTERS, pageOf } from './listing';
import {
  SCOPES,
  badRequest,
  createExpiry,
  notFound,
  params,
  scopeList,
  unknownParams,
  type Params,
} from './rules';
import type { GitLabResource } from './resources';
import type { GitLabSimulator, GitLabTokenState } from './simulator';
import { readNameAndDescription, rotateToken } from './token-writes';

const OWNER = 50;

export class GitLabServiceAccounts {
  /** Service account user id → its top-level group's id. */
  readonly groupOf = new Map<number, number>();
  /** false: the feature is not there (older instance, tier without it): every call 404. */
  available = true;

  constructor(private readonly sim: GitLabSimulator) {}

  /** Seeds a service account of a top-level group. */
  add(group: GitLabResource, spec: { id: number; username: string; name?: string }): number {
    this.sim.addUser({ id: spec.id, username: spec.username, name: spec.name ?? spec.username });
    this.groupOf.set(spec.id, group.id);
    return spec.id;
  }

  private accountsOf(groupId: number): number[] {
    return [...this.groupOf.entries()].filter(([, g]) => g === groupId).map(([u]) => u);
  }

  /** The group of the path, if top-level and owned by the caller; else GitLab's refusal. */
  private group(req: SimRequest, caller: GitLabTokenState): GitLabResource | SimResponse {
    if (!this.available) return notFound();
    const group = this.sim.resources.find('group', req.params.resource ?? '');
    const level = group === null ? 0 : this.sim.resources.levelOf(group, caller.userId);
    if (group === null || level === 0) return notFound('404 Group Not Found');
    if (level < OWNER) return { status: 403, json: { message: '403 Forbidden' } };
    if (group.parentGroupId !== null) return badRequest('Group must be a top-level group');
    return group;
  }

  /** The service account `:userId` of the path's group. */
  private account(
    req: SimRequest,
    caller: GitLabTokenState,
  ): { group: GitLabResource; userId: number } | SimResponse {
    const group = this.group(req, caller);
    if ('status' in group) return group;
    const userId = positiveIntegerId(req.params.userId);
    if (userId === null || this.groupOf.get(userId) !== group.id) return notFound('404 User Not Found');
    return { group, userId };
  }

  private tokenOf(req: SimRequest, userId: number): GitLabTokenState | SimResponse {
    const id = positiveIntegerId(req.params.tokenId);
    const token = id === null ? undefined : this.sim.tokens.get(id);
    if (token === undefined || token.userId !== userId)
      return notFound('404 Personal Access Token Not Found');
    return token;
  }

  listAccounts(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const group = this.group(req, caller);
    if ('status' in group) return group;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, ['page', 'per_page', 'order_by', 'sort']);
    if (extra !== null) return extra;
    const rows = this.accountsOf(group.id).sort((a, b) => a - b);
    return pageOf(req, parsed.values, rows, (id) => {
      const user = this.sim.users.get(id);
      return { id, username: user?.username ?? '', name: user?.name ?? '' };
    });
  }

  list(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const target = this.account(req, caller);
    if ('status' in target) return target;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, LIST_FILTERS);
    if (extra !== null) return extra;
    const rows = [...this.sim.tokens.values()].filter((t) => t.userId === target.userId);
    return filteredPage(this.sim, req, parsed.values, rows, (t) => this.sim.entity(t));
  }

  create(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const target = this.account(req, caller);
    if ('status' in target) return target;
    const parsed = params(req);
    if (!parsed.ok) return parsed.response;
    const values: Params = parsed.values;
    const extra = unknownParams(values, ['name', 'description', 'scopes', 'expires_at']);
    if (extra !== null) return extra;
    const named = readNameAndDescription(values);
    if (!named.ok) return named.response;
    const scopes = scopeList(values.scopes, SCOPES);
    if (!scopes.ok) return scopes.response;
    const expiry = createExpiry(values.expires_at, this.sim.policy, this.sim.now());
    if (!expiry.ok) return expiry.response;
    const token = this.sim.addToken({
      userId: target.userId,
      name: named.name,
      description: named.description,
      scopes: scopes.scopes,
      createdAt: this.sim.now(),
      expiresAt: expiry.date,
    });
    return { status: 201, json: { ...this.sim.entity(token), token: token.secret } };
  }

  rotate(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const target = this.account(req, caller);
    if ('status' in target) return target;
    const old = this.tokenOf(req, target.userId);
    if ('status' in old) return old;
    return rotateToken(this.sim, req, old, (t) => this.sim.entity(t));
  }

  revoke(req: SimRequest, caller: GitLabTokenState): SimResponse {
    const target = this.account(req, caller);
    if ('status' in target) return target;
    const token = this.tokenOf(req, target.userId);
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
