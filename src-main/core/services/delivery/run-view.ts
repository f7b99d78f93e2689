/**
 * What the window and the notices say about a rotation's deliveries: each target's outcome, and
 * one message naming the targets that have the new secret and those that still have the old
 * one, with what to do next (Retry while main holds the secret, or how to roll back).
 */
import type { DeliveryRun, DeliveryStep, TokenRow } from '../../../../src-preload/contract';
import type { DeliveryStepRecord } from '../../db/repositories/delivery';
import { RETRY_HOLD_MS } from './hold';

const quoted = (steps: readonly DeliveryStepRecord[]) => steps.map((s) => `“${s.description}”`).join(', ');

/** A message from a kind or a command ends with its full stop here, before the next sentence. */
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export const stepView = (s: DeliveryStepRecord): DeliveryStep => ({
  targetId: s.targetId,
  kind: s.kind,
  description: s.description,
  state: s.state,
  error: s.error,
});

/** Which targets have the new secret and which do not, in one or two sentences. */
export function targetsPicture(steps: readonly DeliveryStepRecord[]): string {
  const updated = steps.filter((s) => s.state === 'verified');
  // A step cut short may or may not have written: it is named apart, never counted as updated.
  const unsure = steps.filter((s) => s.state === 'delivering' || s.state === 'interrupted');
  const old = steps.filter((s) => s.state === 'waiting' || s.state === 'failed');
  const parts: string[] = [];
  if (updated.length > 0) parts.push(`Have the new token: ${quoted(updated)}.`);
  if (unsure.length > 0) parts.push(`Cut short, check by hand: ${quoted(unsure)}.`);
  if (old.length > 0) parts.push(`Still have the old token: ${quoted(old)}.`);
  return parts.join(' ');
}

export interface RunOutcome {
  operationId: string;
  tokenId: string;
  tokenName: string;
  provider: string;
  steps: readonly DeliveryStepRecord[];
  authenticated: boolean | null;
  /** Null when the rotation finished; otherwise why it stopped. */
  stoppedBecause: string | null;
  /** What finishing did to the old token, e.g. "the old token “x” was deleted at Mailtrap". */
  retired: string | null;
  retryUntil: number | null;
  newToken: TokenRow | null;
}

export function runView(o: RunOutcome): DeliveryRun {
  const done = o.stoppedBecause === null;
  const retry =
    o.retryUntil === null
      ? 'Tokenkeeper no longer holds the new token, so it cannot retry: abandon the rotation (the old token stays), revoke the new token, and rotate again.'
      : `Retry within ${Math.round(RETRY_HOLD_MS / 60_000)} minutes (Tokenkeeper holds the new token in memory only until then), or abandon the rotation: the old token stays, and the targets that have the new token need the old value back.`;
  const message =
    o.stoppedBecause === null
      ? `Every target has the new token${o.authenticated === true ? ` and it works at ${o.provider}` : ''}; ${o.retired ?? 'the rotation is finished'}.`
      : `${sentence(o.stoppedBecause)} ${targetsPicture(o.steps)} The old token “${o.tokenName}” was kept and still works. ${retry}`;
  return {
    operationId: o.operationId,
    tokenId: o.tokenId,
    state: done ? 'done' : 'stopped',
    steps: o.steps.map(stepView),
    authenticated: o.authenticated,
    message: message.replace(/\s+/g, ' ').trim(),
    retryUntil: done ? null : o.retryUntil,
    newToken: o.newToken,
  };
}
