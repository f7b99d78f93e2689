/**
 * What the conformance suite needs to know about one provider: a parameter object. Everything the
 * suite can learn from the provider's module (its name, rotation kind, grace period) it reads
 * from the registry; the object holds only what is about the simulator and its seed data.
 *
 * Adding a provider to the suite: one file in subjects/ with its parameter object, and one line
 * in subjects/index.ts.
 */
import { createRegistry } from '../../../../src-main/core/providers/registry';
import type { Connection, ProviderId, TokenRow } from '../../../../src-preload/contract';
import type { SimServer } from '../../../simulators/base';
import type { ProviderTest } from '../harness';

export type Operation = 'sync' | 'create' | 'rotate' | 'revoke';
export const OPERATIONS: readonly Operation[] = ['sync', 'create', 'rotate', 'revoke'];

/** The statuses a provider refuses with, each with the body in the provider's own shape. */
export type RefusalStatus = 401 | 403 | 404 | 409 | 422;

/** The provider's side, as the simulator holds it. */
export interface Remote {
  /** The tokens the connection can see at the provider (live: not deleted, not expired). */
  live(): { name: string; secret: string }[];
  authenticates(secret: string): boolean;
  /** Adds `n` tokens at the provider, for the list to page through. */
  addTokens(n: number): void;
}

export interface Connected {
  sim: SimServer;
  connection: Connection;
  remote: Remote;
  /** What signing in or connecting handed the app (credential, password, session): never to be written. */
  secrets(): string[];
}

export interface ApiSubject {
  provider: ProviderId;
  /** A second subject of the same provider (another kind of token): its name in the matrix. */
  variant?: string;
  /** Starts the simulator with its seed data and connects through the real handlers. */
  connect(t: ProviderTest): Promise<Connected>;
  /** The simulator's route each operation calls (the one faults are injected on). */
  routes: Record<Operation, string>;
  createInput(connectionId: string, name: string): Record<string, unknown>;
  /** What a rotation adds to `startRotation` where its create asks for a confirmation (password, code). */
  rotateInput?(): Record<string, unknown>;
  /** What the list shows for a token created with createInput (beyond its name and last 4). */
  created(now: number): Partial<TokenRow>;
  /** A seeded token the rotation column rotates, and one the revoke column revokes. */
  rotateName: string;
  revokeName: string;
  /** How many list requests a sync of `total` tokens takes (pages, accounts). */
  listRequests(total: number): number;
  /** How many tokens to add to prove the list is read in full (past a page, where there are pages). */
  bulk: number;
  /** How the provider authenticates token management: a stored credential, or a session. */
  auth: 'credential' | 'session';
  /** Error bodies in the provider's own shape, and the words of them the user is quoted. */
  bodies: Record<RefusalStatus, unknown>;
  said: Record<403 | 409 | 422, string>;
  /**
   * A rotation whose answer was lost changes no cached field: the provider's list tells it only by
   * a time the cache does not keep (Cloudflare's `modified_on` after a roll: same id, same fields).
   */
  lostRotationLeavesRows?: true;
}

/** A provider without a token API (tracked only): every remote operation is refused, clearly. */
export interface TrackedSubject {
  provider: ProviderId;
}

/** The shipped providers' modules: what the suite reads about a provider rather than restating it. */
const SHIPPED = createRegistry();
export const moduleOf = (subject: { provider: ProviderId }) => SHIPPED.get(subject.provider);
export const nameOf = (subject: { provider: ProviderId }): string => moduleOf(subject).descriptor.name;
/** What tells a subject's cells apart: the provider, and its variant where it has one. */
export const subjectKey = (s: ApiSubject): string =>
  s.variant === undefined ? s.provider : `${s.provider}:${s.variant}`;
/** A subject's heading: the provider's name, and its variant. */
export const titleOf = (s: ApiSubject): string =>
  s.variant === undefined ? nameOf(s) : `${nameOf(s)} (${s.variant})`;
export const rotationOf = (subject: { provider: ProviderId }) => moduleOf(subject).rotation.kind;
