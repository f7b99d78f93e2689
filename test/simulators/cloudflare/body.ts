/**
 * The create/update body [SDK][REF][CVA]: `name` (≤ 120) and `policies` required; `condition`
 * (`request.ip`), `expires_on`, `not_before`; update also takes `status`. Each policy: `effect`,
 * `permission_groups` of existing ids, `resources` keyed by known accounts and zones or
 * wildcards; the policy `id` is the server's (accepted on update, ignored). Nobody may grant a
 * permission they do not hold [TRBL]: 400, naming the permission (status and code modeled).
 */
import type { SimRequest, SimResponse } from '../base';
import { jsonObjectBody } from '../strict';
import type { Family } from './listing';
import {
  ACCOUNT,
  USER,
  ZONE,
  badRequest,
  parseCondition,
  parseTime,
  type IpCondition,
  type Policy,
} from './rules';
import type { CloudflareSimulator } from './simulator';

export interface TokenFields {
  name: string;
  policies: Policy[];
  condition: IpCondition | null;
  expiresOn: number | null;
  notBefore: number | null;
  disabled?: boolean;
}

type Checked = { ok: true; fields: TokenFields } | { ok: false; response: SimResponse };
const refuse = (message: string): Checked => ({ ok: false, response: badRequest(message) });

function resourceKnown(sim: CloudflareSimulator, key: string, value: unknown): boolean {
  if (key === `${ACCOUNT}.*` || key === `${ZONE}.*` || key === `${USER}.${sim.userTag}`) return value === '*';
  if (key.startsWith(`${ZONE}.`)) return sim.zones.has(key.slice(ZONE.length + 1)) && value === '*';
  if (key.startsWith(`${ACCOUNT}.`)) {
    if (!sim.accounts.has(key.slice(ACCOUNT.length + 1))) return false;
    if (value === '*') return true;
    return (
      value !== null &&
      typeof value === 'object' &&
      Object.entries(value).every(
        ([k, v]) => (k === `${ZONE}.*` || sim.zones.has(k.slice(ZONE.length + 1))) && v === '*',
      )
    );
  }
  return false;
}

function parsePolicies(
  sim: CloudflareSimulator,
  value: unknown,
): { ok: true; policies: Policy[] } | { ok: false; response: SimResponse } {
  const no = (message: string) => ({ ok: false as const, response: badRequest(message) });
  if (!Array.isArray(value) || value.length === 0) return no('policies must be a non-empty list');
  const out: Policy[] = [];
  for (const [i, raw] of value.entries()) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return no(`policies[${i}] must be an object`);
    const p = raw as Record<string, unknown>;
    const extra = Object.keys(p).find((k) => !['id', 'effect', 'permission_groups', 'resources'].includes(k));
    if (extra !== undefined) return no(`policies[${i}]: unknown field "${extra}"`);
    if (p.effect !== 'allow' && p.effect !== 'deny') return no(`policies[${i}].effect must be allow or deny`);
    if (!Array.isArray(p.permission_groups) || p.permission_groups.length === 0)
      return no(`policies[${i}].permission_groups must be a non-empty list`);
    const groups: Policy['permission_groups'] = [];
    for (const g of p.permission_groups as unknown[]) {
      const id = g !== null && typeof g === 'object' ? (g as Record<string, unknown>).id : undefined;
      const group = typeof id === 'string' ? sim.groups.get(id) : undefined;
      if (group === undefined) return no(`Permission group ${String(id)} does not exist`);
      groups.push({ id: group.id, name: group.name });
    }
    const resources = p.resources;
    if (
      resources === null ||
      typeof resources !== 'object' ||
      Array.isArray(resources) ||
      Object.keys(resources).length === 0
    )
      return no(`policies[${i}].resources must be a non-empty object`);
    const unknown = Object.entries(resources).find(([k, v]) => !resourceKnown(sim, k, v));
    if (unknown !== undefined) return no(`policies[${i}].resources: unknown resource "${unknown[0]}"`);
    out.push({
      id: sim.hex(),
      effect: p.effect,
      permission_groups: groups,
      resources: resources as Policy['resources'],
    });
  }
  return { ok: true, policies: out };
}

export function validateTokenBody(
  sim: CloudflareSimulator,
  req: SimRequest,
  _family: Family,
  _owner: string,
  update: boolean,
): Checked {
  const allowed = [
    'name',
    'policies',
    'condition',
    'expires_on',
    'not_before',
    ...(update ? ['status'] : []),
  ];
  const parsed = jsonObjectBody(req, allowed);
  if (!parsed.ok) {
    const p = parsed.problem;
    return refuse(
      p.kind === 'unknown_fields'
        ? `Unknown field "${p.fields.join('", "')}"`
        : 'The body must be a JSON object',
    );
  }
  const body = parsed.body;
  if (typeof body.name !== 'string' || body.name.trim() === '') return refuse('name is required');
  if (body.name.length > 120) return refuse('name must be at most 120 characters');
  const policies = parsePolicies(sim, body.policies);
  if (!policies.ok) return policies;
  for (const p of policies.policies)
    for (const g of p.permission_groups)
      if (p.effect === 'allow' && !sim.held.has(g.name))
        return refuse(
          `You cannot grant “${g.name}”: your user does not hold this permission, and a token cannot have more than its creator.`,
        );
  const condition = parseCondition(body.condition);
  if (!condition.ok) return condition;
  const expires = parseTime(body, 'expires_on');
  if (!expires.ok) return expires;
  if (expires.ms !== null && expires.ms <= sim.now()) return refuse('expires_on must be in the future');
  const notBefore = parseTime(body, 'not_before');
  if (!notBefore.ok) return notBefore;
  if (notBefore.ms !== null && expires.ms !== null && notBefore.ms >= expires.ms)
    return refuse('not_before must be before expires_on');
  const fields: TokenFields = {
    name: body.name,
    policies: policies.policies,
    condition: condition.ip,
    expiresOn: expires.ms,
    notBefore: notBefore.ms,
  };
  if (update && body.status !== undefined) {
    if (body.status !== 'active' && body.status !== 'disabled')
      return refuse('status must be active or disabled');
    fields.disabled = body.status === 'disabled';
  }
  return { ok: true, fields };
}
