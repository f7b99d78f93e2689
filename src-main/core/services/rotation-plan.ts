/** What a rotation will do for a given token, said before anything is called. */
import type { RotationPlan } from '../../../src-preload/contract';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { TokenRecord } from '../db/repositories/tokens';
import { PROVIDER_DESCRIPTORS } from '../providers/descriptors';

const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function manualRotationSteps(providerName: string): string[] {
  return [
    `Create a new token in the ${providerName} console with the same access.`,
    'Record the new token here (name, created, expiry) so Tokenkeeper can remind you.',
    'Update every integration that used the old token.',
    `Delete the old token in the ${providerName} console, then confirm here to retire it.`,
  ];
}

export function planRotation(token: TokenRecord, connection: ConnectionRecord): RotationPlan {
  const descriptor = PROVIDER_DESCRIPTORS[connection.provider];
  const base = { tokenId: token.id, graceSeconds: null, adminUrl: descriptor.adminUrl };
  if (token.state !== 'active') {
    const why =
      token.state === 'grace'
        ? 'This token has already been rotated and is in its grace period.'
        : `This token is ${token.state}; there is nothing to rotate.`;
    return {
      ...base,
      kind: descriptor.capabilities.rotation,
      allowed: false,
      reason: why,
      summary: why,
      steps: [],
    };
  }
  if (
    token.origin === 'tracked' ||
    connection.mode === 'tracked' ||
    descriptor.capabilities.rotation === 'manual'
  ) {
    return {
      ...base,
      kind: 'manual',
      allowed: true,
      reason: null,
      summary: `Tokenkeeper cannot rotate ${descriptor.name} tokens through an API. It guides you through doing it in the ${descriptor.name} console.`,
      steps: manualRotationSteps(descriptor.name),
    };
  }
  switch (descriptor.capabilities.rotation) {
    case 'reset_with_grace': {
      const grace = descriptor.capabilities.graceSeconds;
      if (token.expiresAt !== null) {
        const reason = `Mailtrap can only reset a token that has no expiration date. This one expires on ${formatDate(token.expiresAt)}; create a new token instead.`;
        return {
          ...base,
          kind: 'reset_with_grace',
          allowed: false,
          reason,
          summary: reason,
          steps: [],
          graceSeconds: grace,
        };
      }
      return {
        ...base,
        kind: 'reset_with_grace',
        allowed: true,
        reason: null,
        graceSeconds: grace,
        summary: descriptor.rotationExplanation,
        steps: [
          'Mailtrap issues a new token with the same permissions; you see its secret once.',
          'The old token keeps working for a short grace period, then stops.',
          'Update every integration before the grace period ends.',
        ],
      };
    }
    case 'in_place_immediate':
      return {
        ...base,
        kind: 'in_place_immediate',
        allowed: true,
        reason: null,
        summary: descriptor.rotationExplanation,
        steps: [
          'Mirox issues a new secret for this token and resets its expiry; usage history is cleared.',
          'The old secret stops working immediately.',
          'Update the integration that uses it right away.',
        ],
      };
    case 'create_then_delete':
      if (descriptor.capabilities.scopeKind === 'organizations' && token.scope.organizations === null) {
        // The successor copies the old token's organizations; unknown ones must not become "all".
        const reason = `${descriptor.name} did not report which organizations “${token.name}” reaches, so Tokenkeeper cannot create a successor with the same access. Create the new token at ${descriptor.name} with the organizations it needs, then revoke this one.`;
        return { ...base, kind: 'create_then_delete', allowed: false, reason, summary: reason, steps: [] };
      }
      return {
        ...base,
        kind: 'create_then_delete',
        allowed: true,
        reason: null,
        summary: descriptor.rotationExplanation,
        steps: [
          'A new token is created with the same organizations and expiry rules; you see its secret once.',
          'Update every integration to use the new token.',
          'Confirm, and the old token is deleted (this takes effect immediately).',
        ],
      };
    default:
      return {
        ...base,
        kind: 'manual',
        allowed: false,
        reason: 'Rotation is not supported here.',
        summary: 'Rotation is not supported here.',
        steps: [],
      };
  }
}
