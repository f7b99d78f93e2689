/**
 * "Replace and revoke" is the core's, not one provider's: any module that can create and revoke
 * turns it on with `rotation.replace`, and the plan offers it where the module's own rotation
 * refuses a token (or the token is in its grace period) instead of a dead end. Shown here with
 * the Orbitly fixture (an in-place rotation), not a shipped provider.
 */
import { describe, expect, it } from 'vitest';
import { defineProvider, describeProvider } from '../../../src-main/core/providers/module';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { planRotation } from '../../../src-main/core/services/rotation-plan';
import { orbitlyAdapter } from '../../fixtures/providers/orbitly/adapter';
import { orbitlyDescriptor, orbitlyRotation } from '../../fixtures/providers/orbitly/descriptor';
import { connection, token } from '../builders';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const refusing = { ...orbitlyRotation, refuse: () => 'Orbitly will not rotate this one.' };
const moduleWith = (rotation: typeof orbitlyRotation) =>
  defineProvider({ descriptor: orbitlyDescriptor, adapter: orbitlyAdapter, rotation });
const orbitlyConnection = connection({ provider: 'orbitly' });

describe('the replace-and-revoke plan', () => {
  it('is offered where the module’s own rotation refuses a token, with the refusal and the steps', () => {
    const registry = createRegistry([moduleWith({ ...refusing, replace: { sameName: false } })]);
    const plan = planRotation(
      token({ name: 'Billing' }),
      orbitlyConnection,
      registry,
      NOW,
      new Set(['Billing', 'Billing (new)']),
    );
    expect(plan).toMatchObject({ kind: 'create_then_delete', allowed: true, reason: null });
    expect(plan.summary).toBe(
      'Orbitly will not rotate this one. Create a replacement instead: a new token with the same permissions, then Tokenkeeper deletes the old one once you confirm.',
    );
    // Names must stay unique at this provider: the steps do not promise the same name.
    expect(plan.steps[0]).toBe(
      'Orbitly creates a new token under a name you choose (names are unique there) with the same permissions; you see its secret once.',
    );
    // A free name is proposed, and the user may change it.
    expect(plan.successorName).toEqual({ proposed: 'Billing (new 2)', editable: true });
  });

  it('is offered for a token in its grace period, and keeps the name where duplicates are allowed', () => {
    const registry = createRegistry([moduleWith({ ...orbitlyRotation, replace: { sameName: true } })]);
    const plan = planRotation(
      token({ name: 'Billing', state: 'grace', graceEndsAt: NOW + 3_600_000 }),
      orbitlyConnection,
      registry,
      NOW,
      new Set(['Billing']),
    );
    expect(plan).toMatchObject({ kind: 'create_then_delete', allowed: true });
    expect(plan.successorName).toEqual({ proposed: 'Billing', editable: false });
    expect(plan.steps[0]).toContain('named “Billing”');
  });

  it('is not offered by a module that did not ask for it: the refusal stands', () => {
    const registry = createRegistry([moduleWith(refusing)]);
    const plan = planRotation(token(), orbitlyConnection, registry, NOW, new Set());
    expect(plan).toMatchObject({
      kind: 'in_place_immediate',
      allowed: false,
      reason: 'Orbitly will not rotate this one.',
    });
  });

  it('needs a provider that can create and revoke', () => {
    const readOnly = describeProvider(
      { ...orbitlyDescriptor, capabilities: { ...orbitlyDescriptor.capabilities, revoke: false } },
      orbitlyRotation,
    );
    expect(() =>
      defineProvider({
        descriptor: readOnly,
        adapter: { ...orbitlyAdapter, descriptor: readOnly },
        rotation: { ...orbitlyRotation, replace: { sameName: true } },
      }),
    ).toThrow(/needs create and revoke/);
  });
});
