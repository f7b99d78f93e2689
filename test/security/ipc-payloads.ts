/**
 * Payloads for the field-by-field IPC fuzz (test/unit/security/ipc-fuzz-fields.test.ts): one valid
 * payload per channel (the type makes a channel without one a compile error) and, from it, payloads
 * that are wrong in exactly one place. Shared with the test that keeps docs/security.md's figures
 * honest.
 */
import { channelNames, channels, type ChannelInput, type ChannelName } from '../../src-preload/contract';

export const VALID: { [K in ChannelName]: ChannelInput<K> } = {
  getAppInfo: undefined,
  dismissNotice: { noticeId: 'n1' },
  getSettings: undefined,
  updateSettings: {
    theme: 'dark',
    reminderThresholdsDays: [30, 7],
    clipboardClearSeconds: 30,
    caCertificatePath: null,
  },
  openExternal: { url: 'https://mailtrap.io/' },
  openDataFolder: undefined,
  listProviders: undefined,
  listConnections: undefined,
  beginConnection: {
    provider: 'mailtrap',
    mode: 'api',
    label: 'Acme',
    baseUrl: null,
    fields: { apiToken: 'not-checked-here' },
  },
  completeConnection: { draftId: 'draft_1', label: 'Acme', accountIds: ['3229'] },
  cancelConnection: { draftId: 'draft_1' },
  testConnection: { connectionId: 'c_1' },
  updateConnection: { connectionId: 'c_1', label: 'Renamed', baseUrl: null },
  updateCredential: { connectionId: 'c_1', fields: { apiToken: 'not-checked-here' } },
  signIn: { connectionId: 'c_1', email: 'jane@acme.test', password: 'pw' },
  signOut: { connectionId: 'c_1' },
  removeConnection: { connectionId: 'c_1' },
  addDeliveryConnection: { kind: 'github', label: 'CI secrets', baseUrl: null, token: 'not-checked-here' },
  listDeliveryConnections: undefined,
  removeDeliveryConnection: { deliveryConnectionId: 'dc_1' },
  listTokens: {
    offset: 0,
    limit: 50,
    search: 'ci',
    providers: ['mailtrap'],
    connectionIds: ['c_1'],
    badges: ['expired'],
    expiringWithinDays: 30,
    includeInactive: true,
    sort: { column: 'name', direction: 'asc' },
    groupBy: 'none',
  },
  listTokenIndex: { connectionIds: ['c_1'], after: null, limit: 1000 },
  getToken: { tokenId: 't_1' },
  createToken: {
    connectionId: 'c_1',
    accountId: null,
    name: 'CI',
    expiresAt: null,
    organizations: ['12'],
    permissionGroup: 'Reporting',
    resource: { kind: 'package', names: ['@acme/widgets'] },
    description: 'For CI',
    secondPlaces: { names: ['acme'], level: 'read-only' },
  },
  listCreateChoices: { connectionId: 'c_1', kind: 'zone', accountId: 'acc_1' },
  addTrackedToken: {
    connectionId: 'c_1',
    name: 'CI',
    accountName: null,
    last4: 'ab12',
    createdAt: 0,
    expiresAt: null,
    note: null,
  },
  updateTrackedToken: {
    tokenId: 't_1',
    name: 'CI',
    accountName: 'Acme',
    last4: null,
    createdAt: 0,
    expiresAt: 1,
    note: 'n',
  },
  checkPastedToken: { connectionId: 'c_1', value: 'not-checked-here', name: null },
  revokeByValue: { connectionId: 'c_1', values: ['not-checked-here'], tokenId: 't_1' },
  planRotation: { tokenId: 't_1' },
  startRotation: { tokenId: 't_1' },
  recordManualRotation: {
    operationId: 'op_1',
    token: { name: 'CI', accountName: null, last4: null, createdAt: 0, expiresAt: null, note: null },
  },
  finishRotation: { operationId: 'op_1' },
  abandonRotation: { operationId: 'op_1' },
  revokeToken: { tokenId: 't_1' },
  snoozeToken: { tokenId: 't_1', until: null },
  getAnnotation: { tokenId: 't_1' },
  chooseImportFile: undefined,
  commitImport: {
    importId: 'imp_1',
    connectionId: 'c_1',
    mapping: {
      name: 'name',
      accountName: null,
      last4: null,
      createdAt: null,
      expiresAt: 'expires',
      note: null,
      tags: null,
      owner: null,
      usedBy: null,
    },
  },
  setAnnotation: {
    tokenId: 't_1',
    annotation: { note: 'nightly export', tags: ['ci'], owner: 'ops@acme.test', usedBy: ['GitHub Actions'] },
  },
  listDeliveryTargetKinds: undefined,
  listDeliveryTargets: { tokenId: 't_1' },
  setDeliveryTargets: {
    tokenId: 't_1',
    targets: [
      { kind: 'file', label: 'server', config: { path: '/srv/app/.env', format: 'env', key: 'API_TOKEN' } },
      {
        id: 'dt_1',
        kind: 'command',
        config: { file: '/usr/local/bin/reload', args: ['--stdin'], timeoutSeconds: 30 },
      },
    ],
  },
  chooseDeliveryPath: { purpose: 'file' },
  rotateWithDelivery: { tokenId: 't_1' },
  retryDelivery: { operationId: 'op_1' },
  getRotationSchedule: { tokenId: 't_1' },
  setRotationSchedule: { tokenId: 't_1', rule: 'before_expiry', days: 14 },
  revealSecret: { secretId: 'sec_1' },
  copySecret: { secretId: 'sec_1' },
  discardSecret: { secretId: 'sec_1' },
  recoverableSecrets: undefined,
  syncNow: { connectionIds: ['c_1'] },
  listOperations: { onlyOpen: true },
  acknowledgeOperation: { operationId: 'op_1' },
  getAttention: undefined,
  exportMetadata: { format: 'csv' },
  exportCalendar: undefined,
  keepCalendarFile: { keep: false },
};

const LONG = 'L'.repeat(10_001);
/** A nested array 5,000 deep (a stack-exhaustion attempt). */
const DEEP: unknown = Array.from({ length: 5_000 }).reduce<unknown>((inner) => [inner], 'bottom');
const polluting = () => JSON.parse('{"__proto__":{"polluted":true}}') as unknown;

/** Values that are wrong for most fields; filtered per field by the schema itself. */
const WRONG: [string, () => unknown][] = [
  ['missing', () => undefined],
  ['null', () => null],
  ['zero', () => 0],
  ['negative', () => -1],
  ['fraction', () => 1.5],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['NaN', () => Number.NaN],
  ['huge number', () => 1e300],
  ['bigint', () => 10n],
  ['empty string', () => ''],
  ['blank string', () => '   '],
  ['10,001 characters', () => LONG],
  ['boolean', () => true],
  ['empty array', () => []],
  ['10,001 items', () => Array.from({ length: 10_001 }, () => 'x')],
  ['object', () => ({})],
  ['__proto__ object', polluting],
  ['5,000-deep array', () => DEEP],
  ['javascript: URL', () => 'javascript:alert(1)'],
];

export interface Case {
  label: string;
  payload: unknown;
  /** Must be refused whatever the field's type (strictness, shape). */
  always: boolean;
  /** The field the refusal should name ('' for the payload itself). */
  field: string;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Replaces (or, for undefined, deletes) the value at `path` inside a copy of `root`. */
function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const source = root as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...source };
  const next = setAt(source[head], rest, value);
  if (next === undefined && rest.length === 0) delete copy[head];
  else copy[head] = next;
  return copy;
}

export function casesFor(sample: unknown): Case[] {
  const cases: Case[] = [
    { label: 'as an array', payload: [sample], always: true, field: '' },
    { label: 'as a JSON string', payload: JSON.stringify(sample ?? null), always: true, field: '' },
  ];
  if (sample === undefined) {
    for (const [label, make] of WRONG)
      if (label !== 'missing') cases.push({ label, payload: make(), always: true, field: '' });
    return cases;
  }
  cases.push({ label: 'null', payload: null, always: true, field: '' });
  const visit = (value: Record<string, unknown>, path: string[]) => {
    const at = (key: string) => [...path, key];
    cases.push({
      label: `${path.join('.') || 'payload'}: an unknown key`,
      payload: setAt(sample, path, { ...value, unexpected: 1 }),
      always: true,
      field: path.join('.'),
    });
    cases.push({
      label: `${path.join('.') || 'payload'}: an own __proto__ key`,
      payload: setAt(sample, path, withOwn(value, '__proto__', { polluted: true })),
      always: true,
      field: path.join('.'),
    });
    cases.push({
      label: `${path.join('.') || 'payload'}: a constructor key`,
      payload: setAt(sample, path, withOwn(value, 'constructor', { prototype: { polluted: true } })),
      always: true,
      field: path.join('.'),
    });
    for (const [key, current] of Object.entries(value)) {
      for (const [label, make] of WRONG)
        cases.push({
          label: `${at(key).join('.')}: ${label}`,
          payload: setAt(sample, at(key), make()),
          always: false,
          field: at(key).join('.'),
        });
      // A record of free-form fields (connection fields): its keys are checked too.
      if (key === 'fields' && isPlainObject(current)) {
        cases.push({
          label: 'fields: a 65-character key',
          payload: setAt(sample, at(key), { ['k'.repeat(65)]: 'v' }),
          always: true,
          field: 'fields',
        });
        cases.push({
          label: 'fields: 17 keys',
          payload: setAt(
            sample,
            at(key),
            Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
          ),
          always: true,
          field: 'fields',
        });
        cases.push({
          label: 'fields: an 8,193-character value',
          payload: setAt(sample, at(key), { apiToken: 'v'.repeat(8_193) }),
          always: true,
          field: 'fields',
        });
      } else if (isPlainObject(current)) {
        visit(current, at(key));
      }
      if (Array.isArray(current) && current.length > 0) {
        for (const [label, make] of WRONG.filter(([l]) => l !== 'missing')) {
          cases.push({
            label: `${at(key).join('.')}[0]: ${label}`,
            payload: setAt(sample, at(key), [make(), ...(current as unknown[]).slice(1)]),
            always: false,
            field: at(key).join('.'),
          });
        }
      }
    }
  };
  if (isPlainObject(sample)) visit(sample, []);
  return cases;
}

/** How many of the one-place-wrong payloads the contract refuses (each is sent and must be refused). */
export function countInvalidCases(): number {
  let count = 0;
  for (const name of channelNames)
    for (const c of casesFor(VALID[name])) if (!channels[name].input.safeParse(c.payload).success) count += 1;
  return count;
}

/** Channels whose input is an object (the random single-field replacement runs on these). */
export const objectChannels = (): ChannelName[] => channelNames.filter((n) => isPlainObject(VALID[n]));
