/**
 * What a rotation will do for a given token, said before anything is called. The one place that
 * decides whether a token can rotate and how: the rules every token follows here (only an active
 * token rotates; a tracked token or connection rotates by hand), the rest from the provider
 * module's rotation spec (its kind, its steps, the rule that refuses a token).
 */
import type { RotationPlan } from '../../../src-preload/contract';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { TokenRecord } from '../db/repositories/tokens';
import type { ProviderRegistry } from '../providers/registry';
import { manualRotationSteps } from '../providers/rotation';

export { manualRotationSteps };

export function planRotation(
  token: TokenRecord,
  connection: ConnectionRecord,
  providers: ProviderRegistry,
): RotationPlan {
  const { descriptor, rotation } = providers.get(connection.provider);
  const base = { tokenId: token.id, graceSeconds: null, adminUrl: descriptor.adminUrl };
  const refused = (kind: RotationPlan['kind'], reason: string, graceSeconds: number | null = null) => ({
    ...base,
    kind,
    allowed: false,
    reason,
    summary: reason,
    steps: [],
    graceSeconds,
  });
  if (token.state !== 'active') {
    return refused(
      rotation.kind,
      token.state === 'grace'
        ? 'This token has already been rotated and is in its grace period.'
        : `This token is ${token.state}; there is nothing to rotate.`,
    );
  }
  if (token.origin === 'tracked' || connection.mode === 'tracked' || !descriptor.capabilities.rotate) {
    return {
      ...base,
      kind: 'manual',
      allowed: true,
      reason: null,
      summary: `Tokenkeeper cannot rotate ${descriptor.name} tokens through an API. It guides you through doing it in the ${descriptor.name} console.`,
      steps: manualRotationSteps(descriptor.name),
    };
  }
  const reason = rotation.refuse?.(token) ?? null;
  if (reason !== null) return refused(rotation.kind, reason, rotation.graceSeconds);
  return {
    ...base,
    kind: rotation.kind,
    allowed: true,
    reason: null,
    graceSeconds: rotation.graceSeconds,
    summary: rotation.explanation,
    steps: [...rotation.steps],
  };
}
