/**
 * The conformance suite's fault table: every fault the simulators inject, and what the user must
 * read and the cache must hold afterwards, for each operation (sync, create, rotate, revoke) of
 * any provider. Expectations are written from the rules (docs/providers/README.md, "The HTTP layer" and
 * "Error codes"), not copied from the code:
 * - a failure changes nothing in the cache and says why, in the HTTP layer's words;
 * - a read is retried (3 attempts) only when the fault may pass (5xx, timeouts, resets);
 * - a create, rotation or revoke is sent once; when its outcome is unclear Tokenkeeper lists and
 *   says what it found; when the provider acted and the answer was lost, the cache shows what the
 *   provider did.
 */
import type { Fault } from '../../../simulators/base';
import { moduleOf, nameOf, rotationOf, type ApiSubject, type Operation, type RefusalStatus } from './subject';

export interface FaultSpec {
  /** The row label in docs/reliability.md. */
  label: string;
  fault(s: ApiSubject): Fault;
  /** The provider acted before the answer was lost (create, rotate and revoke only). */
  lost?: boolean;
}

const status = (code: 429 | 500 | 502 | 503): FaultSpec => ({
  label: code === 429 ? '429 Too Many Requests (Retry-After 120 s)' : `${code}`,
  fault: () => ({ kind: 'status', status: code, ...(code === 429 ? { retryAfter: '120' } : {}) }),
});
const refusal = (code: RefusalStatus): FaultSpec => ({
  label: `${code}`,
  fault: (s) => ({ kind: 'status', status: code, body: s.bodies[code] }),
});
const lost = (label: string, fault: Fault): FaultSpec => ({ label, fault: () => fault, lost: true });

export const FAULTS: FaultSpec[] = [
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
  lost('timeout after the provider acted', { kind: 'timeout', afterHandling: true }),
  lost('reset after the provider acted', { kind: 'reset', afterHandling: true }),
  lost('malformed JSON after the provider acted', { kind: 'malformed', afterHandling: true }),
  lost('huge body after the provider acted', { kind: 'huge', afterHandling: true }),
];

/** A read has no effect to lose, so the "after the provider acted" faults apply to changes only. */
export const faultsFor = (operation: Operation): FaultSpec[] =>
  operation === 'sync' ? FAULTS.filter((f) => f.lost !== true) : FAULTS;

export interface Expected {
  code: string;
  message: string;
  /** unchanged: every cached row as before; reconciled: the provider acted, and the cache shows it; updated: success. */
  cache: 'unchanged' | 'reconciled' | 'updated';
  /** The journal's verdict (create, rotate, revoke). */
  journal: string | null;
  /** Requests that reached the faulted route. */
  calls: number;
  /** Tokens the provider holds afterwards, compared with before. */
  remoteDelta: number;
}

/** The HTTP layer's own message for a fault (what a sync shows as is). */
function httpMessage(s: ApiSubject, spec: FaultSpec): { code: string; message: string } {
  const p = nameOf(s);
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
    return s.auth === 'credential'
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
      message: `${p} refused this (403): the credential or session lacks the permission for it. ${p} said: “${s.said[403]}”`,
    };
  if (label === '404')
    return {
      code: 'not_found',
      message: `${p} does not know this item (404). It may have been deleted elsewhere; sync to refresh.`,
    };
  if (label === '409')
    return {
      code: 'conflict',
      message: `${p} refused the change because it conflicts with the current state (409). ${p} said: “${s.said[409]}”`,
    };
  if (label === '422')
    return {
      code: 'validation',
      message: `${p} rejected the request as invalid (422). ${p} said: “${s.said[422]}”`,
    };
  throw new Error(`no expectation for ${label}`);
}

/** The tests' clock starts here (test/host/clock.ts); the matrix's times are relative to it. */
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The name a create sends: a create-then-delete rotation keeps the old name where the provider
 * allows duplicates (`rotation.replace.sameName`), else proposes "<old name> (new)".
 */
const createdName = (s: ApiSubject, operation: Operation) =>
  operation === 'create'
    ? 'Fault probe'
    : moduleOf(s).rotation.replace?.sameName === true
      ? s.rotateName
      : `${s.rotateName} (new)`;

/** What the user reads when a rotation happened but its new secret was lost, by rotation kind. */
function lostRotation(s: ApiSubject, cause: string): string {
  const p = nameOf(s);
  switch (rotationOf(s)) {
    case 'reset_with_grace': {
      const grace = (moduleOf(s).rotation.graceSeconds ?? 0) * 1000;
      return `${p} reset “${s.rotateName}”, but the new secret never reached Tokenkeeper. Tokenkeeper did not retry. The old token stops working at ${utcMinute(T0 + grace)}; reset the new token here to get a secret you can use.`;
    }
    case 'in_place_immediate':
      return `${p} rotated “${s.rotateName}”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry. Rotate it again to get a secret you can use.`;
    default:
      return `${p} created “${createdName(s, 'rotate')}”, but its secret never reached Tokenkeeper (${cause}). Tokenkeeper did not retry. Revoke that token and create a new one.`;
  }
}

const UNCLEAR = ['provider_error', 'timeout', 'network', 'malformed_response', 'response_too_large'];

/** `remoteTokens`: how many tokens the provider held before (a sync's request count follows its pages). */
export function expected(
  s: ApiSubject,
  operation: Operation,
  spec: FaultSpec,
  remoteTokens: number,
): Expected {
  const p = nameOf(s);
  const kind = rotationOf(s);
  // A rotation that mints a new token: a reset (new token, old one in grace) or create-then-delete.
  const rotationMints = kind === 'reset_with_grace' || kind === 'create_then_delete';
  const mints = operation === 'create' || (operation === 'rotate' && rotationMints);
  const success: Expected = {
    code: 'ok',
    message: '',
    cache: operation === 'sync' ? 'unchanged' : 'updated',
    journal:
      operation === 'sync'
        ? null
        : operation === 'rotate' && kind === 'create_then_delete'
          ? 'awaiting_confirmation'
          : 'succeeded',
    calls: operation === 'sync' ? s.listRequests(remoteTokens) : 1,
    remoteDelta: operation === 'revoke' ? -1 : mints ? 1 : 0,
  };
  if (spec.label.startsWith('latency')) return success;
  const base = httpMessage(s, spec);
  if (operation === 'sync') {
    // Reads are retried (3 attempts) only when the fault may pass: 5xx, timeouts, resets.
    const transient = ['provider_error', 'timeout', 'network'].includes(base.code);
    return { ...base, cache: 'unchanged', journal: null, calls: transient ? 3 : 1, remoteDelta: 0 };
  }
  if (operation === 'revoke') {
    // Lost after the provider acted: listing shows the token gone, so it is revoked. A 404 is the
    // provider saying it is gone already: the same, by its word.
    if (spec.lost === true) return success;
    if (spec.label === '404') return { ...success, remoteDelta: 0 };
    const message = UNCLEAR.includes(base.code)
      ? `${base.message} Tokenkeeper checked ${p} afterwards: “${s.revokeName}” still exists. You can try again.`
      : base.message;
    return { code: base.code, message, cache: 'unchanged', journal: 'failed', calls: 1, remoteDelta: 0 };
  }
  if (spec.lost === true) {
    const cause = base.message.replace(/\.$/, '');
    const message =
      operation === 'rotate'
        ? lostRotation(s, cause)
        : `${p} created “${createdName(s, operation)}”, but its secret never reached Tokenkeeper (${cause}). Tokenkeeper did not retry. Revoke that token and create a new one.`;
    return {
      code: 'ambiguous',
      message,
      // An in-place rotation the list shows only by a time the cache does not keep leaves every row as it was.
      cache: operation === 'rotate' && s.lostRotationLeavesRows === true ? 'unchanged' : 'reconciled',
      journal: 'ambiguous',
      calls: 1,
      remoteDelta: mints ? 1 : 0,
    };
  }
  // The request may have had an effect (5xx, timeout, reset, an unreadable 2xx): Tokenkeeper lists
  // and tells what it found, instead of sending again.
  let message = base.message;
  if (UNCLEAR.includes(base.code)) {
    const what =
      operation === 'create' || kind === 'create_then_delete'
        ? `no token named “${createdName(s, operation)}” was created,`
        : `“${s.rotateName}” was not rotated,`;
    message += ` Tokenkeeper checked ${p} afterwards: ${what} so nothing changed. You can try again.`;
  }
  return { code: base.code, message, cache: 'unchanged', journal: 'failed', calls: 1, remoteDelta: 0 };
}
