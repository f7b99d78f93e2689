/**
 * Calls a tracked provider offers on a token the user pastes once (docs/providers/README.md,
 * "Pasted tokens"): where no API lists a user's own tokens, the provider may still tell a client
 * what one token is (its expiry, its scopes, whose it is), and may revoke leaked tokens by their
 * value. The value is used for that one call and discarded: never stored, logged or returned.
 *
 * A module offers these through `pastedTokens` (module.ts); the descriptor's `tokenCheck` and
 * `revokeByValue` pieces tell the renderer to draw the matching forms, without naming anyone.
 */
import type { ProviderHttp } from '../http/client';
import type { EndpointSpec } from './types';

/** What a pasted token told about itself. */
export interface CheckedToken {
  /** A name to propose when the user gave none, e.g. "Classic token (octocat)". */
  suggestedName: string;
  /** Whose token it is (login, account): shown as the token's account. */
  owner: string | null;
  /** The kind of token, in the provider's words (e.g. "Fine-grained personal access token"). */
  kind: string;
  expiresAt: number | null;
  /** The scopes or permissions it reports; null when the provider reports none for this kind. */
  scopes: readonly string[] | null;
  /** The one line shown as the token's scope: "<kind>: <scopes>", e.g. "Classic token: repo, workflow". */
  scopeSummary: string;
}

export interface PastedTokenCalls {
  /** The calls, with their basis, like an adapter's (the provider's doc lists the same rows). */
  readonly endpoints: readonly EndpointSpec[];
  /** Refuses a value that cannot be one of this provider's tokens: a sentence, or null. */
  refuseValue(value: string): string | null;
  /** Asks the provider what the token is, authenticated with the token itself. */
  check?(http: ProviderHttp, value: string): Promise<CheckedToken>;
  /** Revoking leaked tokens by value: unauthenticated, limited per call and per hour. */
  revoke?: {
    /** Refuses a value this call does not take (e.g. a token kind it cannot revoke), or null. */
    refuse(value: string): string | null;
    readonly maxPerCall: number;
    /** Calls allowed per hour from one address (null: no limit said). */
    readonly perHour: number | null;
    send(http: ProviderHttp, values: readonly string[]): Promise<void>;
  };
}
