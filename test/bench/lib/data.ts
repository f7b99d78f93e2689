/**
 * Realistic, reproducible token metadata for the benchmarks: names built from environments,
 * services and purposes (so a search narrows as a person types), a spread of expiry dates
 * (some expired, some due within a week or a month, some never), usage on some tokens, and
 * accounts that repeat. The same seed always gives the same tokens.
 */
import { EMPTY_SCOPE, type TokenRecord } from '../../../src-main/core/db/repositories/tokens';
import type { RemoteToken } from '../../../src-main/core/providers/types';
import { newRecordFromRemote } from '../../../src-main/core/services/sync-merge';

export const DAY = 86_400_000;

const ENVIRONMENTS = ['Production', 'Staging', 'Development', 'QA', 'Sandbox', 'Preview'];
const SERVICES = [
  'SMTP',
  'Billing',
  'Grafana',
  'Webhook',
  'CDN purge',
  'Deploy',
  'Backup',
  'Reporting',
  'Import',
  'Export',
  'Monitoring',
  'Analytics',
  'Search',
  'Newsletter',
  'CRM sync',
  'Invoices',
  'Alerts',
  'Metrics',
  'Ingest',
  'Mobile app',
];
const PURPOSES = [
  'sender',
  'reader',
  'bot',
  'job',
  'pipeline',
  'worker',
  'hook',
  'client',
  'agent',
  'script',
];
const PEOPLE = [
  'Jane Doe',
  'Sam Lee',
  'Build bot',
  'Marketing',
  'Ops team',
  'Agency',
  'Priya Nair',
  'Tokenkeeper',
];
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Tyrell',
  'Soylent',
  'Cyberdyne',
];

/** A small fast PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

export function accountName(i: number): string {
  return `${COMPANIES[i % COMPANIES.length] ?? 'Acme'} ${['Mail', 'Labs', 'Cloud', 'Retail', 'Media'][Math.floor(i / COMPANIES.length) % 5] ?? ''} ${Math.floor(i / 50) + 1}`.trim();
}

export function tokenName(rnd: () => number, i: number): string {
  return `${pick(rnd, ENVIRONMENTS)} ${pick(rnd, SERVICES)} ${pick(rnd, PURPOSES)} ${String(i).padStart(5, '0')}`;
}

/** Days from now to expiry: ~5% expired, ~5% within 7 days, ~10% within 30, ~30% never. */
function expiry(rnd: () => number, now: number): number | null {
  const r = rnd();
  if (r < 0.3) return null;
  if (r < 0.35) return now - Math.ceil(rnd() * 60) * DAY;
  if (r < 0.4) return now + Math.ceil(rnd() * 7) * DAY - 3_600_000;
  if (r < 0.5) return now + (7 + Math.ceil(rnd() * 23)) * DAY;
  return now + (30 + Math.ceil(rnd() * 1_800)) * DAY;
}

export interface RemoteOptions {
  now: number;
  seed: number;
  /** How many accounts the tokens are spread over (null: none, as smoxy and Mirox). */
  accounts: number | null;
  /** First index (keeps names unique across connections). */
  offset?: number;
}

/** Tokens as an adapter's `list` returns them. */
export function remoteTokens(count: number, options: RemoteOptions): RemoteToken[] {
  const rnd = random(options.seed);
  const out: RemoteToken[] = [];
  for (let i = 0; i < count; i++) {
    const index = (options.offset ?? 0) + i;
    const account = options.accounts === null ? null : i % options.accounts;
    const used = rnd() < 0.7;
    const lastUsedAt = used ? options.now - Math.floor(rnd() * 200) * DAY - Math.floor(rnd() * DAY) : null;
    const orgs = rnd() < 0.5 ? [] : [{ id: String(10 + (i % 7)), name: `${pick(rnd, COMPANIES)} GmbH` }];
    out.push({
      remoteId: String(100_000 + index),
      accountId: account === null ? null : String(3_000 + account),
      accountName: account === null ? null : accountName(account),
      name: tokenName(rnd, index),
      last4: Math.floor(rnd() * 65_536)
        .toString(16)
        .padStart(4, '0'),
      createdAt: options.now - Math.floor(rnd() * 900) * DAY,
      createdBy: pick(rnd, PEOPLE),
      lastUsedAt,
      expiresAt: expiry(rnd, options.now),
      scopeKind: 'organizations',
      scopeSummary: orgs.length === 0 ? 'All organizations' : orgs.map((o) => o.name).join(', '),
      scope: { ...EMPTY_SCOPE, organizations: orgs },
      broadScope: orgs.length === 0,
      legacy: rnd() < 0.05,
      usage: [],
      rotatedAt: null,
      successorRemoteId: null,
    });
  }
  return out;
}

/** Cache rows (as a finished sync leaves them) for one connection, built as the sync builds them. */
export function tokenRecords(connectionId: string, count: number, options: RemoteOptions): TokenRecord[] {
  return remoteTokens(count, options).map((r, i) =>
    newRecordFromRemote(connectionId, r, options.now, {
      id: `t_bench${String((options.offset ?? 0) + i).padStart(11, '0')}`,
    }),
  );
}
