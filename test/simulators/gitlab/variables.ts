/**
 * CI/CD variables of projects and groups, as GitLab's project-level and group-level variables
 * APIs document them [VAR]:
 * - `GET /:kind/:id/variables/:key` (`filter[environment_scope]` picks one of several with the
 *   same key; without it, several is 409), `POST /:kind/:id/variables` (201; a key already taken
 *   in that scope is 400), `PUT /:kind/:id/variables/:key` (200; only the fields sent change);
 * - Maintainer role or higher; a project or group the caller cannot see is 404;
 * - a key has only letters, digits and `_`, at most 255 characters;
 * - a masked value is one line of at least 8 characters from the Base64 alphabet plus `@ : . ~`
 *   (`-` and `_` included) [MASK]; otherwise 400 `{"message": {"value": ["is invalid"]}}`;
 * - a hidden variable (`masked_and_hidden` on create) answers `value: null` from then on.
 * Parameters the endpoint does not take are refused (modeled strictness, as elsewhere here).
 */
import type { SimRequest, SimResponse } from '../base';
import type { GitLabResource, GitLabResources, ResourceKind } from './resources';
import { invalid, notFound, forbidden, params, unknownParams, paramError, type Params } from './rules';
import type { GitLabTokenState } from './simulator';

export interface GitLabVariable {
  key: string;
  value: string;
  variable_type: 'env_var' | 'file';
  protected: boolean;
  masked: boolean;
  hidden: boolean;
  raw: boolean;
  environment_scope: string;
  description: string | null;
}

type Guard = (
  req: SimRequest,
  scopes: readonly string[],
  next: (token: GitLabTokenState) => SimResponse,
) => SimResponse | Promise<SimResponse>;

const MAINTAINER = 40;
const MASKABLE = /^[A-Za-z0-9+/=@:.~_-]{8,}$/;
const KEY = /^[A-Za-z0-9_]{1,255}$/;

const bool = (value: unknown): boolean | null | undefined => {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
};

export class GitLabVariables {
  /** `project:101` → variables. */
  private readonly store = new Map<string, GitLabVariable[]>();

  constructor(private readonly resources: GitLabResources) {}

  /** Registers the routes for projects and groups behind the simulator's own auth guard. */
  register(
    route: (
      method: string,
      pattern: string,
      handler: (req: SimRequest) => SimResponse | Promise<SimResponse>,
    ) => void,
    v4: string,
    guard: Guard,
  ): void {
    for (const kind of ['project', 'group'] as const) {
      const base = `${v4}/${kind}s/:resource/variables`;
      route('GET', `${base}/:key`, (req) =>
        guard(req, ['api', 'read_api'], (t) =>
          this.withResource(kind, req, t, 'read', (r) => this.show(r, req)),
        ),
      );
      route('POST', base, (req) =>
        guard(req, ['api'], (t) => this.withResource(kind, req, t, 'write', (r) => this.create(r, req))),
      );
      route('PUT', `${base}/:key`, (req) =>
        guard(req, ['api'], (t) => this.withResource(kind, req, t, 'write', (r) => this.update(r, req))),
      );
    }
  }

  /** Tests: the variables of a project or group. */
  of(kind: ResourceKind, id: number): GitLabVariable[] {
    const key = `${kind}:${id}`;
    const list = this.store.get(key) ?? [];
    this.store.set(key, list);
    return list;
  }

  /** Tests: seeds a variable. */
  add(
    kind: ResourceKind,
    id: number,
    variable: Partial<GitLabVariable> & { key: string; value: string },
  ): GitLabVariable {
    const full: GitLabVariable = {
      variable_type: 'env_var',
      protected: false,
      masked: false,
      hidden: false,
      raw: false,
      environment_scope: '*',
      description: null,
      ...variable,
    };
    this.of(kind, id).push(full);
    return full;
  }

  private withResource(
    kind: ResourceKind,
    req: SimRequest,
    caller: GitLabTokenState,
    _access: 'read' | 'write',
    next: (resource: GitLabResource) => SimResponse,
  ): SimResponse {
    const resource = this.resources.find(kind, req.params.resource ?? '');
    const level = resource === null ? 0 : this.resources.levelOf(resource, caller.userId);
    if (resource === null || level === 0)
      return notFound(`404 ${kind === 'project' ? 'Project' : 'Group'} Not Found`);
    // Variables are a Maintainer's to read and write [VAR].
    if (level < MAINTAINER) return forbidden();
    return next(resource);
  }

  private entity(v: GitLabVariable) {
    return {
      variable_type: v.variable_type,
      key: v.key,
      value: v.hidden ? null : v.value,
      protected: v.protected,
      masked: v.masked,
      hidden: v.hidden,
      raw: v.raw,
      environment_scope: v.environment_scope,
      description: v.description,
    };
  }

  /** The one variable `:key` (and the scope filter) names, or GitLab's answer why not. */
  private pick(resource: GitLabResource, req: SimRequest, values: Params): GitLabVariable | SimResponse {
    const filter = values.filter;
    const scope =
      req.query.get('filter[environment_scope]') ??
      (filter !== null && typeof filter === 'object' && !Array.isArray(filter)
        ? (filter as Record<string, unknown>).environment_scope
        : undefined);
    const matches = this.of(resource.kind, resource.id).filter(
      (v) => v.key === req.params.key && (scope === undefined || v.environment_scope === scope),
    );
    if (matches.length === 0) return notFound('404 Variable Not Found');
    if (matches.length > 1)
      return {
        status: 409,
        json: {
          message:
            "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
        },
      };
    return matches[0] as GitLabVariable;
  }

  private bodyValues(req: SimRequest): { ok: true; values: Params } | { ok: false; response: SimResponse } {
    const parsed = params(req);
    if (!parsed.ok) return parsed;
    // `filter[environment_scope]` travels in the query; it is not a body field.
    const values = { ...parsed.values };
    delete values['filter[environment_scope]'];
    return { ok: true, values };
  }

  private show(resource: GitLabResource, req: SimRequest): SimResponse {
    const parsed = this.bodyValues(req);
    if (!parsed.ok) return parsed.response;
    const extra = unknownParams(parsed.values, ['filter']);
    if (extra !== null) return extra;
    const found = this.pick(resource, req, parsed.values);
    if ('status' in found) return found;
    return { status: 200, json: this.entity(found) };
  }

  /** Checks the fields both create and update take; the flags as booleans. */
  private flags(
    values: Params,
  ): { ok: true; flags: Partial<GitLabVariable> } | { ok: false; response: SimResponse } {
    const flags: Partial<GitLabVariable> = {};
    for (const name of ['protected', 'masked', 'raw'] as const) {
      const value = bool(values[name]);
      if (value === null) return { ok: false, response: paramError(`${name} is invalid`) };
      if (value !== undefined) flags[name] = value;
    }
    if (values.variable_type !== undefined) {
      if (values.variable_type !== 'env_var' && values.variable_type !== 'file')
        return { ok: false, response: paramError('variable_type does not have a valid value') };
      flags.variable_type = values.variable_type;
    }
    if (values.environment_scope !== undefined) {
      if (typeof values.environment_scope !== 'string' || values.environment_scope === '')
        return { ok: false, response: paramError('environment_scope is invalid') };
      flags.environment_scope = values.environment_scope;
    }
    if (values.description !== undefined) {
      if (values.description !== null && typeof values.description !== 'string')
        return { ok: false, response: paramError('description is invalid') };
      flags.description = values.description;
    }
    return { ok: true, flags };
  }

  private create(resource: GitLabResource, req: SimRequest): SimResponse {
    const parsed = this.bodyValues(req);
    if (!parsed.ok) return parsed.response;
    const values = parsed.values;
    const extra = unknownParams(values, [
      'key',
      'value',
      'variable_type',
      'protected',
      'masked',
      'masked_and_hidden',
      'raw',
      'environment_scope',
      'description',
    ]);
    if (extra !== null) return extra;
    if (typeof values.key !== 'string' || values.key === '') return paramError('key is missing');
    if (typeof values.value !== 'string') return paramError('value is missing');
    if (!KEY.test(values.key)) return invalid('key', "can contain only letters, digits and '_'.");
    const flags = this.flags(values);
    if (!flags.ok) return flags.response;
    const hidden = bool(values.masked_and_hidden);
    if (hidden === null) return paramError('masked_and_hidden is invalid');
    const variable: GitLabVariable = {
      key: values.key,
      value: values.value,
      variable_type: 'env_var',
      protected: false,
      masked: hidden === true,
      hidden: hidden === true,
      raw: false,
      environment_scope: '*',
      description: null,
      ...flags.flags,
    };
    if (hidden === true) variable.masked = true;
    if (variable.masked && !MASKABLE.test(variable.value)) return invalid('value', 'is invalid');
    const list = this.of(resource.kind, resource.id);
    if (list.some((v) => v.key === variable.key && v.environment_scope === variable.environment_scope))
      return invalid('key', `(${variable.key}) has already been taken`);
    list.push(variable);
    return { status: 201, json: this.entity(variable) };
  }

  private update(resource: GitLabResource, req: SimRequest): SimResponse {
    const parsed = this.bodyValues(req);
    if (!parsed.ok) return parsed.response;
    const values = parsed.values;
    const extra = unknownParams(values, [
      'value',
      'variable_type',
      'protected',
      'masked',
      'raw',
      'environment_scope',
      'description',
      'filter',
    ]);
    if (extra !== null) return extra;
    const found = this.pick(resource, req, values);
    if ('status' in found) return found;
    if (values.value !== undefined && typeof values.value !== 'string') return paramError('value is invalid');
    const flags = this.flags(values);
    if (!flags.ok) return flags.response;
    const next: GitLabVariable = {
      ...found,
      ...flags.flags,
      ...(typeof values.value === 'string' ? { value: values.value } : {}),
    };
    if (next.masked && !MASKABLE.test(next.value)) return invalid('value', 'is invalid');
    Object.assign(found, next);
    return { status: 200, json: this.entity(found) };
  }
}
