/**
 * What a rotation will do for a given token, said before anything is called. The one place that
 * decides whether a token can rotate and how: the rules every token follows here (only an active
 * token rotates; a tracked token or connection rotates by hand), the rest from the provider
 * module's rotation spec (its kind, its steps, the rule that refuses a token). Where the spec's
 * own kind refuses a token (already reset, in its grace period, expired) and the module can
 * replace tokens (`rotation.replace`), the plan is "replace and revoke" instead: never a dead end.
 */
import type { RotationPlan } from '../../../src-preload/contract';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { TokenRecord } from '../db/repositories/tokens';
import type { ProviderModule } from '../providers/module';
import type { ProviderRegistry } from '../providers/registry';
import { newId } from '../ids';
import { manualRotationSteps } from '../providers/rotation';

export { manualRotationSteps };

/**
 * A free name for a successor where names are unique at the provider: proposed in the rotate
 * dialog, where the user sees and may change it (never given silently).
 */
export function successorName(name: string, taken: ReadonlySet<string>): string {
  const base = `${name.replace(/ \(new(?: \d+)?\)$/, '')} (new`;
  for (let n = 1; n < 1000; n++) {
    const candidate = `${base}${n === 1 ? '' : ` ${n}`})`;
    const trimmed =
      candidate.length > 200
        ? `${name.slice(0, 200 - (candidate.length - name.length))}${candidate.slice(name.length)}`
        : candidate;
    if (!taken.has(trimmed)) return trimmed;
  }
  return `${base} ${newId('n').slice(2, 8)})`;
}

/** Names a successor may not take: those of the connection's live tokens (the old one's too). */
export function liveNames(tokens: readonly TokenRecord[]): Set<string> {
  return new Set(tokens.filter((t) => t.state === 'active' || t.state === 'grace').map((t) => t.name));
}

/** The successor's name in a plan that creates one: the same where duplicates are allowed. */
function namePlan(module: ProviderModule, token: TokenRecord, taken: ReadonlySet<string>) {
  return module.rotation.replace?.sameName === true
    ? { proposed: token.name, editable: false }
    : { proposed: successorName(token.name, taken), editable: true };
}

/** The plan's "Create a replacement" steps, for a provider whose own rotation refused the token. */
function replacementPlan(
  module: ProviderModule,
  token: TokenRecord,
  why: string,
  now: number,
  taken: ReadonlySet<string>,
) {
  const { descriptor, rotation } = module;
  const sameName = rotation.replace?.sameName === true;
  const expiry = rotation.successorExpiry?.(token, now);
  return {
    kind: 'create_then_delete' as const,
    allowed: true,
    reason: null,
    summary: `${why} Create a replacement instead: a new token with the same permissions, then Tokenkeeper deletes the old one once you confirm.`,
    successorName: namePlan(module, token, taken),
    steps: [
      `${descriptor.name} creates a new token${sameName ? ` named “${token.name}”` : ' under a name you choose (names are unique there)'} with the same permissions; you see its secret once.`,
      'Update every integration to use the new token.',
      `Confirm, and Tokenkeeper deletes the old token at ${descriptor.name}; that takes effect immediately.`,
    ],
    graceSeconds: null,
    ...(expiry === undefined ? {} : { successorExpiresAt: expiry }),
  };
}

export function planRotation(
  token: TokenRecord,
  connection: ConnectionRecord,
  providers: ProviderRegistry,
  now: number,
  /** The names of the connection's tokens, for a successor that needs a name of its own. */
  takenNames: ReadonlySet<string>,
): RotationPlan {
  const module = providers.get(connection.provider);
  const { descriptor, rotation } = module;
  const base = {
    tokenId: token.id,
    graceSeconds: null,
    adminUrl: rotation.settingsUrl?.(token) ?? descriptor.adminUrl,
  };
  const refused = (kind: RotationPlan['kind'], reason: string, graceSeconds: number | null = null) => ({
    ...base,
    kind,
    allowed: false,
    reason,
    summary: reason,
    steps: [],
    graceSeconds,
  });
  const viaApi =
    token.origin !== 'tracked' && connection.mode !== 'tracked' && descriptor.capabilities.rotate;
  const canReplace = viaApi && rotation.replace !== undefined && rotation.kind !== 'create_then_delete';
  if (token.state !== 'active') {
    const why =
      token.state === 'grace'
        ? 'This token has already been rotated and is in its grace period.'
        : `This token is ${token.state}; there is nothing to rotate.`;
    // A token in its grace period still exists at the provider: it can be replaced.
    if (canReplace && token.state === 'grace')
      return { ...base, ...replacementPlan(module, token, why, now, takenNames) };
    return refused(rotation.kind, why);
  }
  if (!viaApi) {
    return {
      ...base,
      kind: 'manual',
      allowed: true,
      reason: null,
      summary: `Tokenkeeper cannot rotate ${descriptor.name} tokens through an API. It guides you through doing it in the ${descriptor.name} console.`,
      // A provider rotated only by hand says its own steps; others get the shared ones.
      steps: rotation.kind === 'manual' ? [...rotation.steps] : manualRotationSteps(descriptor.name),
    };
  }
  const reason = rotation.refuse?.(token, now) ?? null;
  if (reason !== null) {
    if (canReplace) return { ...base, ...replacementPlan(module, token, reason, now, takenNames) };
    return refused(rotation.kind, reason, rotation.graceSeconds);
  }
  const expiry = rotation.successorExpiry?.(token, now);
  return {
    ...base,
    kind: rotation.kind,
    allowed: true,
    reason: null,
    graceSeconds: rotation.graceSeconds,
    summary: rotation.explanation,
    steps: [...rotation.steps],
    ...(expiry === undefined ? {} : { successorExpiresAt: expiry }),
    ...(rotation.kind === 'create_then_delete' ? { successorName: namePlan(module, token, takenNames) } : {}),
  };
}
