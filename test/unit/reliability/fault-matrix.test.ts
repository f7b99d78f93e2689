/**
 * The provider fault matrix: every adapter with an API (Mailtrap, smoxy, Mirox) × every fault the
 * simulators inject × every remote operation (sync, create, rotate). For each cell:
 * - the user sees the exact code and message written for that case;
 * - the cache is as it was (every token row, and every connection row but its status/last error),
 *   unless the provider acted and the answer was lost, in which case the cache shows exactly what
 *   the provider did (reconciled by listing, never by sending again);
 * - a create, reset or rotation reached the provider once: never retried (simulator counts), and
 *   the provider holds exactly the tokens it should.
 * The matrix is written to docs/reliability.md; the test fails when the committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection, TokenPage } from '../../../src-preload/contract';
import type { Fault, SimServer } from '../../simulators/base';
import { addTrackedConnection } from '../helpers';
import {
  connectMailtrap,
  connectMirox,
  connectSmoxy,
  providerCore,
  withMailtrap,
  withMirox,
  withSmoxy,
  type ProviderTest,
} from '../providers/harness';

type Provider = 'Mailtrap' | 'smoxy' | 'Mirox';
type Operation = 'sync' | 'create' | 'rotate';

interface Subject {
  provider: Provider;
  setup(t: ProviderTest): Promise<{ sim: SimServer; connection: Connection; remoteCount: () => number }>;
  routes: Record<Operation, string>;
  createInput(connectionId: string): Record<string, unknown>;
  /** The token the rotate column rotates. */
  rotateName: string;
  /** What the provider's error bodies look like (its own shape), per status. */
  bodies: Record<401 | 403 | 404 | 409 | 422, unknown>;
}

const SUBJECTS: Subject[] = [
  {
    provider: 'Mailtrap',
    async setup(t) {
      const { sim, seed } = await withMailtrap(t);
      const included = [seed.accounts.acme, seed.accounts.side];
      const remoteCount = () =>
        [...sim.tokens.values()].filter(
          (x) =>
            !x.deleted && included.includes(x.accountId) && (x.expiresAt === null || x.expiresAt > sim.now()),
        ).length;
      return { sim, connection: await connectMailtrap(t, sim, seed), remoteCount };
    },
    routes: {
      sync: 'GET /api/accounts/:accountId/api_tokens',
      create: 'POST /api/accounts/:accountId/api_tokens',
      rotate: 'POST /api/accounts/:accountId/api_tokens/:id/reset',
    },
    createInput: (connectionId) => ({ connectionId, accountId: '3229', name: 'Fault probe' }),
    rotateName: 'Production SMTP',
    bodies: {
      401: { error: 'Incorrect API token' },
      403: { errors: 'Access forbidden' },
      404: { error: 'Not Found' },
      409: { errors: ['Name has already been taken'] },
      422: { errors: ["Name can't be blank"] },
    },
  },
  {
    provider: 'smoxy',
    async setup(t) {
      const { sim, seed } = await withSmoxy(t);
      return {
        sim,
        connection: await connectSmoxy(t, sim, seed),
        remoteCount: () => sim.liveTokens().length,
      };
    },
    routes: { sync: 'GET /api/api-tokens', create: 'POST /api/api-tokens', rotate: 'POST /api/api-tokens' },
    createInput: (connectionId) => ({ connectionId, accountId: null, name: 'Fault probe' }),
    rotateName: 'Monitoring',
    bodies: {
      401: { code: 401, message: 'Expired JWT Token' },
      403: { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' },
      404: { '@type': 'hydra:Error', 'hydra:description': 'Not Found' },
      409: { '@type': 'hydra:Error', 'hydra:description': 'The token was changed by another request.' },
      422: {
        '@type': 'ConstraintViolationList',
        violations: [{ propertyPath: 'name', message: 'This value should not be blank.' }],
      },
    },
  },
  {
    provider: 'Mirox',
    async setup(t) {
      const { sim } = await withMirox(t);
      return { sim, connection: await connectMirox(t, sim), remoteCount: () => sim.liveTokens().length };
    },
    routes: {
      sync: 'GET /api/v1/profile/api-tokens',
      create: 'POST /api/v1/profile/api-tokens',
      rotate: 'POST /api/v1/profile/api-tokens/:id/rotate',
    },
    createInput: (connectionId) => ({
      connectionId,
      accountId: null,
      name: 'Fault probe',
      permissionGroup: 'Reporting',
    }),
    rotateName: 'Report exporter',
    bodies: {
      401: { error: 'unauthenticated', message: 'Sign in to continue.' },
      403: { error: 'forbidden', message: 'Your role may not manage API tokens.' },
      404: { error: 'not_found', message: 'No such token.' },
      409: { error: 'token_limit', message: 'You can hold up to 64 tokens.' },
      422: { error: 'validation_failed', message: 'A name is required.', field: 'name' },
    },
  },
];

interface FaultSpec {
  /** The row label in docs/reliability.md. */
  label: string;
  fault(s: Subject): Fault;
  /** The provider acted before the answer was lost (only meaningful for create and rotate). */
  lost?: boolean;
}

const status = (code: 429 | 500 | 502 | 503): FaultSpec => ({
  label: code === 429 ? '429 Too Many Requests (Retry-After 120 s)' : `${code}`,
  fault: () => ({ kind: 'status', status: code, ...(code === 429 ? { retryAfter: '120' } : {}) }),
});
const refusal = (code: 401 | 403 | 404 | 409 | 422): FaultSpec => ({
  label: `${code}`,
  fault: (s) => ({ kind: 'status', status: code, body: s.bodies[code] }),
});

const FAULTS: FaultSpec[] = [
  { label: 'latency 300 ms (within the timeout)', fault: () => ({ kind: 'latency', ms: 300 }) },
  status(429),
  status(500),
  status(502),
  status(503),
  { label: 'timeout (no answer)', fault: () => ({ kind: 'timeout' }) },
  { label: 'connection reset', fault: () => ({ kind: 'reset' }) },
  { label: 'malformed JSON', fault: () => ({ kind: 'malformed' }) },
  { label: 'huge body (50 MB, cap 2 MB)', fault: () => ({ kind: 'huge' }) },
  refusal(401),
  refusal(403),
  refusal(404),
  refusal(409),
  refusal(422),
  {
    label: 'timeout after the provider acted',
    fault: () => ({ kind: 'timeout', afterHandling: true }),
    lost: true,
  },
  {
    label: 'reset after the provider acted',
    fault: () => ({ kind: 'reset', afterHandling: true }),
    lost: true,
  },
  {
    label: 'malformed JSON after the provider acted',
    fault: () => ({ kind: 'malformed', afterHandling: true }),
    lost: true,
  },
  {
    label: 'huge body after the provider acted',
    fault: () => ({ kind: 'huge', afterHandling: true }),
    lost: true,
  },
];

const OPERATIONS: Operation[] = ['sync', 'create', 'rotate'];

// ---------------------------------------------------------------------------------------------
// What the user must read, per cell (written from the rules, not copied from the code)
// ---------------------------------------------------------------------------------------------

/** The provider's own words quoted back (providerDetail picks them out of the bodies above). */
const SAID: Record<Provider, Record<403 | 409 | 422, string>> = {
  Mailtrap: { 403: 'Access forbidden', 409: 'Name has already been taken', 422: "Name can't be blank" },
  smoxy: {
    403: 'Access Denied.',
    409: 'The token was changed by another request.',
    422: 'name: This value should not be blank.',
  },
  Mirox: {
    403: 'Your role may not manage API tokens.',
    409: 'You can hold up to 64 tokens.',
    422: 'A name is required.',
  },
};

/** How the provider authenticates token management: a stored credential, or a session. */
const AUTH: Record<Provider, 'credential' | 'session'> = {
  Mailtrap: 'credential',
  smoxy: 'session',
  Mirox: 'session',
};

/** The HTTP layer's own message for a fault (what a sync shows as is). */
function httpMessage(p: Provider, spec: FaultSpec): { code: string; message: string } {
  const label = spec.label;
  if (label.startsWith('429'))
    return {
      code: 'rate_limited',
      message: `${p} is limiting how often Tokenkeeper may call it (429). Try again after HH:MM:SS UTC.`,
    };
  for (const n of ['500', '502', '503']) {
    if (label === n)
      return {
        code: 'provider_error',
        message: `${p} had a server problem (${n}). Try again in a few minutes; if it persists, check ${p}’s status page.`,
      };
  }
  if (label.startsWith('timeout'))
    return { code: 'timeout', message: `${p} did not answer within 1 second.` };
  if (label.includes('reset'))
    return {
      code: 'network',
      message: `The connection to ${p} at 127.0.0.1:PORT broke before the answer arrived.`,
    };
  if (label.startsWith('malformed'))
    return {
      code: 'malformed_response',
      message: `${p} sent an answer Tokenkeeper could not understand. Its API may have changed; nothing in your cache was changed.`,
    };
  if (label.startsWith('huge'))
    return {
      code: 'response_too_large',
      message: `${p} sent an answer larger than 2 MB, so Tokenkeeper stopped reading it. Nothing in your cache was changed.`,
    };
  if (label === '401') {
    return AUTH[p] === 'credential'
      ? {
          code: 'unauthorized',
          message: `${p} refused the credential (401). It may have been revoked, rotated or expired. Re-enter it for this connection.`,
        }
      : {
          code: 'needs_sign_in',
          message: `${p} says the session has ended (401). Sign in again to manage tokens.`,
        };
  }
  if (label === '403')
    return {
      code: 'forbidden',
      message: `${p} refused this (403): the credential or session lacks the permission for it. ${p} said: “${SAID[p][403]}”`,
    };
  if (label === '404')
    return {
      code: 'not_found',
      message: `${p} does not know this item (404). It may have been deleted elsewhere; sync to refresh.`,
    };
  if (label === '409')
    return {
      code: 'conflict',
      message: `${p} refused the change because it conflicts with the current state (409). ${p} said: “${SAID[p][409]}”`,
    };
  if (label === '422')
    return {
      code: 'validation',
      message: `${p} rejected the request as invalid (422). ${p} said: “${SAID[p][422]}”`,
    };
  throw new Error(`no expectation for ${label}`);
}

/** The name a create sends (smoxy rotates by creating a successor named after the old token and the day). */
const createdName = (s: Subject, operation: Operation) =>
  operation === 'create' ? 'Fault probe' : `${s.rotateName} (rotated 2026-11-25)`;

interface Expected {
  code: string;
  message: string;
  /** unchanged: every cached row as before; reconciled: the provider acted, and the cache shows it; updated: success. */
  cache: 'unchanged' | 'reconciled' | 'updated';
  /** The journal's verdict (create and rotate). */
  journal: string | null;
  /** Requests that reached the faulted route. */
  calls: number;
  /** Tokens the provider holds afterwards, compared with before. */
  remoteDelta: number;
}

function expected(s: Subject, operation: Operation, spec: FaultSpec): Expected {
  const p = s.provider;
  const smoxyRotation = p === 'smoxy' && operation === 'rotate';
  const mints = operation === 'create' || smoxyRotation || (p === 'Mailtrap' && operation === 'rotate');
  const success: Expected = {
    code: 'ok',
    message: '',
    cache: operation === 'sync' ? 'unchanged' : 'updated',
    journal: operation === 'sync' ? null : smoxyRotation ? 'awaiting_confirmation' : 'succeeded',
    calls: operation === 'sync' && p === 'Mailtrap' ? 2 : 1, // Mailtrap lists each of the two accounts.
    remoteDelta: operation !== 'sync' && mints ? 1 : 0,
  };
  if (spec.label.startsWith('latency')) return success;
  const base = httpMessage(p, spec);
  if (operation === 'sync') {
    // Reads are retried (3 attempts) only when the fault may pass: 5xx, timeouts, resets.
    const transient = ['provider_error', 'timeout', 'network'].includes(base.code);
    return { ...base, cache: 'unchanged', journal: null, calls: transient ? 3 : 1, remoteDelta: 0 };
  }
  if (spec.lost === true) {
    const cause = base.message.replace(/\.$/, '');
    let message: string;
    if (p === 'Mailtrap' && operation === 'rotate') {
      message = `Mailtrap reset “${s.rotateName}”, but the new secret never reached Tokenkeeper. Tokenkeeper did not retry. The old token stops working at 2026-11-26 09:00 UTC; reset the new token here to get a secret you can use.`;
    } else if (p === 'Mirox' && operation === 'rotate') {
      message = `Mirox rotated “${s.rotateName}”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry. Rotate it again to get a secret you can use.`;
    } else {
      message = `${p} created “${createdName(s, operation)}”, but its secret never reached Tokenkeeper (${cause}). Tokenkeeper did not retry. Revoke that token and create a new one.`;
    }
    return {
      code: 'ambiguous',
      message,
      cache: 'reconciled',
      journal: 'ambiguous',
      calls: 1,
      remoteDelta: mints ? 1 : 0,
    };
  }
  // The request may have had an effect (5xx, timeout, reset, an unreadable 2xx): Tokenkeeper lists
  // and tells what it found, instead of sending again.
  const unclear = [
    'provider_error',
    'timeout',
    'network',
    'malformed_response',
    'response_too_large',
  ].includes(base.code);
  let message = base.message;
  if (unclear) {
    const what =
      operation === 'create' || smoxyRotation
        ? `no token named “${createdName(s, operation)}” was created,`
        : `“${s.rotateName}” was not rotated,`;
    message += ` Tokenkeeper checked ${p} afterwards: ${what} so nothing changed. You can try again.`;
  }
  return { code: base.code, message, cache: 'unchanged', journal: 'failed', calls: 1, remoteDelta: 0 };
}

// ---------------------------------------------------------------------------------------------
// Running one cell
// ---------------------------------------------------------------------------------------------

interface Cell extends Expected {
  provider: Provider;
  operation: Operation;
  fault: string;
}
const cells: Cell[] = [];

/** Every token row, and every connection row without the fields a failed call is meant to change. */
function cacheSnapshot(t: ProviderTest): string {
  const db = t.core.context.db;
  return JSON.stringify({
    tokens: db.prepare('SELECT * FROM tokens ORDER BY id').all(),
    connections: db
      .prepare(
        'SELECT id, provider, label, mode, base_url, accounts, identity, created_at FROM connections ORDER BY id',
      )
      .all(),
  });
}

/** Message text without what changes from run to run (the simulator's port, the clock). */
const normalise = (text: string) =>
  text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\d\d:\d\d:\d\d UTC/g, 'HH:MM:SS UTC');

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function liveRows(tc: ProviderTest): Promise<TokenPage['rows']> {
  const result = await tc.core.call('listTokens', { offset: 0, limit: 500 });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as TokenPage).rows;
}

async function runCell(s: Subject, operation: Operation, spec: FaultSpec): Promise<Cell> {
  t = providerCore();
  const tc = t;
  const { sim, connection, remoteCount } = await s.setup(tc);
  const route = s.routes[operation];
  const before = cacheSnapshot(tc);
  const rowsBefore = await liveRows(tc);
  const remoteBefore = remoteCount();
  const rotateId = rowsBefore.find((r) => r.name === s.rotateName)?.id;
  sim.resetLog();
  sim.inject({ route, times: operation === 'sync' ? 10 : 1, fault: spec.fault(s) });

  let outcome: { code: string; message: string } = { code: 'ok', message: '' };
  if (operation === 'sync') {
    const started = await tc.core.call('syncNow', { connectionIds: [connection.id] });
    expect(started.ok).toBe(true);
    await tc.idle();
    const views = await tc.core.call('listConnections', undefined);
    if (!views.ok) throw new Error(views.error.message);
    const error = (views.value as Connection[])[0]?.lastError ?? null;
    if (error !== null) outcome = { code: error.code, message: error.message };
  } else {
    const result =
      operation === 'create'
        ? await tc.core.call('createToken', s.createInput(connection.id))
        : await tc.core.call('startRotation', { tokenId: rotateId });
    if (result.ok) {
      const secretId = (result.value as { secretId: string | null }).secretId;
      if (secretId !== null) await tc.core.call('discardSecret', { secretId });
    } else {
      outcome = { code: result.error.code, message: result.error.message };
    }
  }

  const after = cacheSnapshot(tc);
  const ops = await tc.core.call('listOperations', { onlyOpen: false });
  if (!ops.ok) throw new Error(ops.error.message);
  const journal =
    (ops.value as { kind: string; state: string }[]).find(
      (o) => o.kind === (operation === 'create' ? 'create' : 'rotate'),
    )?.state ?? null;
  const cell: Cell = {
    provider: s.provider,
    operation,
    fault: spec.label,
    code: outcome.code,
    message: normalise(outcome.message),
    cache: after === before ? 'unchanged' : outcome.code === 'ok' ? 'updated' : 'reconciled',
    journal: operation === 'sync' ? null : journal,
    calls: sim.count(route),
    remoteDelta: remoteCount() - remoteBefore,
  };

  if (cell.cache !== 'unchanged') {
    // The provider acted: the cache must now hold exactly what the provider holds.
    const cached = (await liveRows(tc)).filter((r) => r.state === 'active' || r.state === 'grace');
    expect(cached).toHaveLength(remoteCount());
    expect(cached.length - rowsBefore.length).toBe(cell.remoteDelta);
  }
  return cell;
}

describe.each(SUBJECTS)('$provider', (s) => {
  describe.each(OPERATIONS)('%s', (operation) => {
    // A read has no effect to lose, so "after the provider acted" applies to create and rotate only.
    const faults = operation === 'sync' ? FAULTS.filter((f) => f.lost !== true) : FAULTS;
    it.each(faults)('$label: exact message, cache as it should be, sent once', async (spec) => {
      const cell = await runCell(s, operation, spec);
      cells.push(cell);
      expect(cell).toEqual({
        provider: s.provider,
        operation,
        fault: spec.label,
        ...expected(s, operation, spec),
      });
    });
  });
});

describe('smenso', () => {
  it('has no API: nothing is called, so no fault applies; a create is refused before any call', async () => {
    t = providerCore();
    const connection = await addTrackedConnection(t.core, 'smenso', 'Acme workspace');
    const descriptors = await t.core.handlers.listProviders(undefined);
    expect(descriptors.find((d) => d.id === 'smenso')?.hasApi).toBe(false);
    expect(await t.core.handlers.syncNow({ connectionIds: [connection.id] })).toEqual({ started: [] });
    const result = await t.core.call('createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Fault probe',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          '“Acme workspace” is a tracked connection: create the token in the smenso console, then record it here.',
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// docs/reliability.md
// ---------------------------------------------------------------------------------------------

const DOC = path.resolve('docs/reliability.md');
const START = '<!-- fault-matrix:start (written by test/unit/reliability/fault-matrix.test.ts) -->';
const END = '<!-- fault-matrix:end -->';
const COLUMN: Record<Provider, Record<Operation, string>> = {
  Mailtrap: { sync: 'Mailtrap sync', create: 'Mailtrap create', rotate: 'Mailtrap reset' },
  smoxy: { sync: 'smoxy sync', create: 'smoxy create', rotate: 'smoxy rotate (create new)' },
  Mirox: { sync: 'Mirox sync', create: 'Mirox create', rotate: 'Mirox rotate' },
};
const CACHE_MARK = { unchanged: 'unchanged', reconciled: 'reconciled', updated: 'updated' } as const;

export function renderMatrix(all: Cell[]): string {
  const columns = SUBJECTS.flatMap((s) => OPERATIONS.map((op) => ({ provider: s.provider, op })));
  const find = (fault: string, provider: Provider, op: Operation) =>
    all.find((c) => c.fault === fault && c.provider === provider && c.operation === op);
  const lines: string[] = [];
  lines.push(
    `${all.length} cases: ${SUBJECTS.length} adapters × ${OPERATIONS.length} operations × ${FAULTS.length} faults (a read has no effect to lose, so the four "after the provider acted" faults apply to create and rotate only). Each cell: the error code the user gets, the cache afterwards, and how many requests reached the faulted endpoint.`,
  );
  lines.push('');
  lines.push(`| fault | ${columns.map((c) => COLUMN[c.provider][c.op]).join(' | ')} |`);
  lines.push(`| --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const f of FAULTS) {
    const row = columns.map((c) => {
      const cell = find(f.label, c.provider, c.op);
      return cell === undefined ? 'n/a' : `\`${cell.code}\`, ${CACHE_MARK[cell.cache]}, ${cell.calls}×`;
    });
    lines.push(`| ${f.label} | ${row.join(' | ')} |`);
  }
  lines.push(
    '| smenso | no API: tokens are recorded by hand and nothing is ever called, so no fault applies (a create is refused with `invalid_input` before any call) | | | | | | | | |',
  );
  lines.push('');
  lines.push(
    '<details><summary>Every message, word for word (PORT and HH:MM:SS stand for the values of the moment)</summary>',
  );
  lines.push('');
  lines.push('| adapter | operation | fault | code | journal | message |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const s of SUBJECTS) {
    for (const op of OPERATIONS) {
      for (const f of FAULTS) {
        const cell = find(f.label, s.provider, op);
        if (cell === undefined || cell.code === 'ok') continue;
        lines.push(
          `| ${s.provider} | ${op} | ${f.label} | \`${cell.code}\` | ${cell.journal ?? 'n/a'} | ${cell.message.replace(/\|/g, '\\|')} |`,
        );
      }
    }
  }
  lines.push('');
  lines.push('</details>');
  return lines.join('\n');
}

it('docs/reliability.md carries this matrix, as generated (regenerated and failing when it drifted)', () => {
  const total = SUBJECTS.length * (FAULTS.filter((f) => f.lost !== true).length + 2 * FAULTS.length);
  // Only a full run can write the document (a filtered run would drop rows).
  if (cells.length !== total) return;
  const committed = fs.readFileSync(DOC, 'utf8');
  const from = committed.indexOf(START);
  const to = committed.indexOf(END);
  expect(from, 'docs/reliability.md needs the fault-matrix markers').toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  const generated = `${committed.slice(0, from + START.length)}\n${renderMatrix(cells)}\n${committed.slice(to)}`;
  if (generated !== committed) fs.writeFileSync(DOC, generated);
  expect(
    committed,
    'docs/reliability.md was out of date; it has been regenerated: review and commit it',
  ).toBe(generated);
});
