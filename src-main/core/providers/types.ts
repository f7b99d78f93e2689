/**
 * The provider adapter interface: the operations of one provider, on the shared HTTP layer. An
 * adapter is one part of a provider's module (module.ts: descriptor, rotation, sign-in policy,
 * secret shapes, links), which lives in its own folder, `providers/<id>/`.
 *
 * Adapters are stateless: everything about the connection (its HTTP target, its credential, its
 * session) reaches them through an AdapterContext built by the runtime, so the same adapter code
 * serves the connection setup (credential still in memory) and a stored connection (credential in
 * the keychain).
 */
import type {
  CreateConfirmation,
  CreateChoice,
  CreateTokenInput,
  ProviderDescriptor,
  RemoteAccount,
  ScopeKind,
  UsageEvent,
} from '../../../src-preload/contract';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { TokenRecord, TokenScope } from '../db/repositories/tokens';
import type { ProviderHttp } from '../http/client';
import type { RateLimit } from '../http/rate-limiter';

/** One row of an adapter's endpoint table: what it calls, and on what authority. */
export interface EndpointSpec {
  key: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  /** documented: the provider's public pages say so; modeled: inferred, kept here to override. */
  basis: 'documented' | 'modeled';
  source: string;
  auth: string;
  purpose: string;
}

/** A token as the provider reports it, already mapped to the cache's vocabulary. */
export interface RemoteToken {
  remoteId: string;
  accountId: string | null;
  accountName: string | null;
  name: string;
  last4: string | null;
  createdAt: number | null;
  createdBy: string | null;
  lastUsedAt: number | null;
  expiresAt: number | null;
  scopeKind: ScopeKind;
  scopeSummary: string;
  scope: TokenScope;
  broadScope: boolean;
  legacy: boolean;
  usage: UsageEvent[];
  /** When the secret was last rotated in place, if reported (used to reconcile an ambiguous rotation). */
  rotatedAt: number | null;
  /**
   * Reset with grace: the listed token that replaced this one (same account), when the list shows
   * it; this token is then in its grace period until `expiresAt`.
   */
  successorRemoteId: string | null;
}

/** Headers that carry a session (a JWT, a web session's cookie). Never logged, never stored. */
export type SessionHeaders = Record<string, string>;

/** A password session (signed in with e-mail and password): held in memory only. */
export interface PasswordSession {
  headers: SessionHeaders;
  /** When the provider will stop accepting it, when known. */
  expiresAt: number | null;
}

export interface AdapterContext {
  http: ProviderHttp;
  /** The accounts the connection includes (providers that pick accounts); empty elsewhere. */
  accounts: RemoteAccount[];
  now(): number;
  /** The connection's stored credential; throws `credential_missing` / `credential_unreadable`. */
  credential(): Promise<string>;
  /** The current session's headers; throws `needs_sign_in` when there is none. */
  session(): Promise<SessionHeaders>;
  /** Web sign-in: opens the sign-in window (the shell) and resolves with the web session's headers. */
  webSignIn(): Promise<SessionHeaders>;
  /**
   * Opens an address the provider gave (e.g. a confirmation page) in the system browser: only
   * https on one of the providers' link hosts, or the connection's own origin. Refused otherwise.
   */
  openInBrowser(url: string): Promise<void>;
  /** Waits (real time) between polls of something the user does elsewhere, e.g. in the browser. */
  wait(ms: number): Promise<void>;
  /**
   * A list left out rows it could not use (e.g. no id): the sync says how many, once, without
   * failing the account. `why` is a short plain reason, no data from the row.
   */
  skipped(count: number, why: string): void;
}

export interface ConnectResult {
  accounts: RemoteAccount[];
  identity: string | null;
  /** A short line on what the credential reaches, e.g. "2 accounts". */
  summary: string;
  /** What goes to the keychain (an API token, required or optional), or null. */
  credential: string | null;
  /** Password sessions: the session from signing in, kept in memory only. */
  passwordSession: PasswordSession | null;
}

export interface SignInResult {
  identity: string | null;
  /** A password session: the new session; null for a web session (the shell's partition holds it). */
  passwordSession: PasswordSession | null;
}

/** A create request after the provider's rules were checked (CreateTokenInput, normalised). */
export interface CreateRequest {
  accountId: string | null;
  name: string;
  expiresAt: number | null;
  organizations: string[];
  permissionGroup: string | null;
  /** Where the descriptor's create form offers permissions (absent elsewhere). */
  permissions?: NonNullable<CreateTokenInput['permissions']>;
  /** The named place the permission applies to (e.g. a zone by name), where the form offers one. */
  resourceName?: string;
  /** Several named places (where the place takes several, `named.several`), in the order given. */
  resourceNames?: string[];
  /** What the token is for (where the form offers `description`). */
  description?: string | null;
  /** The second list of places and their level (where the form offers `secondPlaces`). */
  secondPlaces?: { names: string[]; level: string };
  /** The token works from this time on (where the form offers `notBefore`). */
  notBefore?: number;
  /** The token works only from these IPs or CIDR ranges (where the form offers `ipAllowList`). */
  allowedIps?: string[];
  /**
   * Where the create form asks for one (`confirmation`): the password and one-time code for this
   * request only. Never journaled, stored or logged.
   */
  confirmation?: CreateConfirmation;
}

/** What the user chose for a rotation, where the provider lets them choose. */
export interface RotateOptions {
  /** The new token's expiry (null: never); undefined where the provider takes none. */
  expiresAt?: number | null;
  /** The successor's name, where a replacement needs a name of its own (unique names). */
  name?: string;
  /** A replacement whose create asks for a confirmation (`createForm.confirmation`). */
  confirmation?: CreateConfirmation;
}

export interface Minted {
  token: RemoteToken;
  secret: string;
}

export interface Rotated {
  /** The token now carrying the new secret (a new token after a reset, the same one in place). */
  token: RemoteToken;
  secret: string;
  /** Reset with grace: when the old token stops working. */
  previousGraceEndsAt: number | null;
}

export interface ProviderAdapter {
  readonly descriptor: ProviderDescriptor;
  readonly endpoints: readonly EndpointSpec[];
  readonly rateLimit: RateLimit | null;
  /** Checks what the user entered and discovers what it reaches. */
  connect(ctx: AdapterContext, fields: Record<string, string>): Promise<ConnectResult>;
  /**
   * Re-entering the stored credential: checks the new value and returns it (null: the optional
   * credential is cleared) with the accounts it reaches (null: the provider has no accounts).
   */
  checkCredential(
    ctx: AdapterContext,
    fields: Record<string, string>,
  ): Promise<{ credential: string | null; accounts: RemoteAccount[] | null; summary: string }>;
  /** Password and web sessions: sign in again. */
  signIn?(ctx: AdapterContext, fields: Record<string, string>): Promise<SignInResult>;
  /** A cheap authenticated call; resolves with a line for the user. */
  test(ctx: AdapterContext): Promise<string>;
  list(ctx: AdapterContext): Promise<RemoteToken[]>;
  /** Checks a create against the provider's rules before any call; throws `invalid_input` / `limit_reached`. */
  checkCreate(
    input: CreateTokenInput,
    connection: ConnectionRecord,
    live: TokenRecord[],
    now: number,
  ): CreateRequest;
  create(ctx: AdapterContext, request: CreateRequest): Promise<Minted>;
  /**
   * Where the create form's named place offers `choices`: the names it may take in the account,
   * as the provider lists them (e.g. its zones), for the dialog's picker.
   */
  createChoices?(ctx: AdapterContext, kind: string, accountId: string): Promise<CreateChoice[]>;
  /** Providers with an API rotation (`reset_with_grace`, `in_place_immediate`). */
  rotate?(ctx: AdapterContext, token: TokenRecord, options: RotateOptions): Promise<Rotated>;
  revoke(ctx: AdapterContext, token: TokenRecord): Promise<void>;
  /**
   * Whether `secret` (a rotation's new token) authenticates at the provider, through its cheapest
   * authenticated call, sent to the connection's own origin. A rotation that delivers the new
   * secret to its targets checks this before it retires the old token. Resolves false when the
   * provider refuses the secret (401/403); throws on any other failure. Absent: not checked.
   */
  authenticates?(ctx: AdapterContext, secret: string): Promise<boolean>;
  /**
   * Which listed token is the connection's own credential, if it can be told reliably; returns
   * the token's key (`accountId|remoteId`) or null. Each provider's doc (docs/providers/<id>.md) says its rule.
   */
  identifyCredential?(
    tokens: RemoteToken[],
    credential: string,
    previouslyMarked: TokenRecord[],
  ): string | null;
}

export const remoteKey = (t: { accountId: string | null; remoteId: string | null }): string =>
  `${t.accountId ?? ''}|${t.remoteId ?? ''}`;
