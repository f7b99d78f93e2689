/**
 * Seed data: the Acme organization on one Datadog site. Ops (an admin) owns the connection's
 * unscoped application key; Sam owns a notebook key. API keys of several ages, one never used.
 */
import type { DatadogSimulator } from './simulator';

/** An admin's permissions, as far as key management goes (DD-KM). */
export const ADMIN_PERMISSIONS = [
  'api_keys_read',
  'api_keys_write',
  'api_keys_delete',
  'org_app_keys_read',
  'org_app_keys_write',
  'user_app_keys',
  'dashboards_read',
  'dashboards_write',
  'metrics_read',
  'monitors_read',
  'monitors_write',
  'timeseries_query',
];

export interface DatadogSeed {
  /** The connection's fields: its API key and application key. */
  fields: { apiKey: string; applicationKey: string };
  ops: string;
  sam: string;
}

export function seedDatadog(sim: DatadogSimulator): DatadogSeed {
  const ops = sim.addUser({ name: 'Ops Team', email: 'ops@acme.test', permissions: ADMIN_PERMISSIONS });
  const sam = sim.addUser({
    name: 'Sam Rivera',
    email: 'sam@acme.test',
    permissions: ['user_app_keys', 'dashboards_read', 'metrics_read', 'timeseries_query'],
  });
  const connectionApiKey = sim.addApiKey({
    name: 'Tokenkeeper',
    createdBy: ops.id,
    ageDays: 20,
    lastUsedDaysAgo: 0,
  });
  sim.addApiKey({ name: 'Production agents', createdBy: ops.id, ageDays: 410, lastUsedDaysAgo: 0 });
  sim.addApiKey({ name: 'Staging agents', createdBy: ops.id, ageDays: 200, lastUsedDaysAgo: 2 });
  sim.addApiKey({ name: 'Legacy intake', createdBy: sam.id, ageDays: 900, lastUsedDaysAgo: null });
  const connectionAppKey = sim.addAppKey({ name: 'Tokenkeeper', ownerId: ops.id, ageDays: 20 });
  sim.addAppKey({
    name: 'Terraform',
    ownerId: ops.id,
    scopes: ['dashboards_read', 'dashboards_write', 'monitors_write'],
    ageDays: 300,
    lastUsedDaysAgo: 1,
  });
  sim.addAppKey({
    name: 'Grafana dashboards',
    ownerId: ops.id,
    scopes: ['timeseries_query', 'metrics_read'],
    ageDays: 120,
    lastUsedDaysAgo: 0,
  });
  sim.addAppKey({ name: 'Sam’s notebook', ownerId: sam.id, ageDays: 60, lastUsedDaysAgo: 30 });
  return {
    fields: { apiKey: connectionApiKey.key, applicationKey: connectionAppKey.key },
    ops: ops.id,
    sam: sam.id,
  };
}
