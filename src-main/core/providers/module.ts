/**
 * A provider is one module: everything true of one provider, in its own folder
 * (`providers/<id>/index.ts` exports one `ProviderModule`), registered by one line in
 * `shipped.ts`. Nothing outside the folder names the provider; the core reaches it through the
 * registry (registry.ts) and the renderer through `listProviders` (its descriptor).
 *
 * `defineProvider` checks a module's parts against each other when it is loaded, so a module that
 * says "rotates in place" without an adapter that can, or "web sign-in" without a sign-in policy,
 * fails at start-up and in the registry's unit test, not in front of a user.
 */
import {
  PROVIDER_ID_PATTERN,
  ProviderDescriptor,
  type CreateTokenInput,
  type RotationKind,
} from '../../../src-preload/contract';
import type { TokenRecord } from '../db/repositories/tokens';
import { checkOriginPolicy, type OriginPolicy } from './origins';
import type { PastedTokenCalls } from './pasted-tokens';
import type { ProviderAdapter } from './types';

/** How a provider's tokens rotate, said once: the descriptor's capabilities are derived from it. */
export interface RotationSpec {
  /** How an API connection rotates (tracked tokens are always `manual`). */
  readonly kind: RotationKind;
  /** One sentence on what rotation does here (the descriptor's `rotationExplanation`). */
  readonly explanation: string;
  /** What happens, step by step, shown before anything is called. */
  readonly steps: readonly string[];
  /** `reset_with_grace`: how long the old token keeps working when the provider does not say. */
  readonly graceSeconds: number | null;
  /** Why this token cannot be rotated this way (a rule of the provider), or null when it can. */
  refuse?(token: TokenRecord, now: number): string | null;
  /**
   * Where this kind of rotation sets the new token's expiry: its default for this token (null:
   * never), which the user may change in the rotate dialog.
   */
  successorExpiry?(token: TokenRecord, now: number): number | null;
  /**
   * "Replace and revoke" (services/operations/rotation/replace-and-revoke.ts) is offered when this
   * kind refuses a token (or is the kind itself): a new token with the same permissions, then
   * the old one deleted once the user confirms. Needs create and revoke. `sameName`: the provider
   * allows two tokens with one name, so the replacement keeps it.
   */
  replace?: { readonly sameName: boolean };
  /**
   * A manual rotation's link to this token's own settings page, where the provider has one per
   * kind of token (the plan falls back on the descriptor's `adminUrl`). Null: no better page.
   */
  settingsUrl?(token: TokenRecord): string | null;
  /**
   * Replace and revoke: create fields the successor keeps beyond the generic ones (account,
   * name, expiry, organizations, permission group, permissions), e.g. the place a permission
   * applies to or an IP allow list, read back from the old token's cached scope.
   */
  successorInput?(
    token: TokenRecord,
  ): Pick<CreateTokenInput, 'resource' | 'allowedIps' | 'description' | 'secondPlaces'>;
}

/**
 * Web sign-in (session `web`): the shell opens `signInPath` under the connection's address in a
 * sign-in window of its own, and the session is the `sessionCookie` it sets there.
 */
export interface WebSignInPolicy {
  /** The sign-in page, relative to the connection's address (which may carry a path prefix). */
  readonly signInPath: string;
  /** The cookie whose presence means "signed in"; its value is a secret. */
  readonly sessionCookie: string;
  /** The anti-forgery cookie a browser-session API wants echoed on state-changing calls, if any; a secret too. */
  readonly antiForgeryCookie?: string;
  /**
   * The origins the sign-in window may navigate to, given the connection's address: only that
   * address's own origin unless the provider signs in elsewhere (e.g. an identity provider).
   */
  allowedOrigins?(baseUrl: URL): readonly string[];
}

/** Wording the core uses for this provider (the renderer's wording comes from the descriptor). */
export interface ProviderWording {
  /** Why a call needs a sign-in first (the `needs_sign_in` error's message). */
  readonly needsSignIn: string;
}

export interface ProviderModule {
  /** What the renderer sees (`listProviders`); `descriptor.id` is the registry key and the database value. */
  readonly descriptor: ProviderDescriptor;
  /** The operations; null for a provider tracked by hand only (no token API). */
  readonly adapter: ProviderAdapter | null;
  readonly rotation: RotationSpec;
  readonly webSignIn: WebSignInPolicy | null;
  /**
   * Where its credential may be sent (origins.ts): a fixed list of https origins, or the user's
   * own host (self-hosted providers). Null for a provider tracked by hand (nothing is sent).
   */
  readonly origins: OriginPolicy | null;
  /** Shapes of this provider's secrets, scrubbed from every log line and message (global regexes). */
  readonly secretShapes: readonly RegExp[];
  /**
   * Calls on a token the user pastes once (pasted-tokens.ts): check what it is, revoke leaked
   * ones by value. Null where the provider offers neither.
   */
  readonly pastedTokens: PastedTokenCalls | null;
  /** Hosts besides those of the descriptor's links that "open in browser" may open (docs, consoles). */
  readonly linkHosts: readonly string[];
  readonly wording: ProviderWording;
}

export interface ProviderModuleParts {
  descriptor: ProviderDescriptor;
  adapter: ProviderAdapter | null;
  rotation: RotationSpec;
  webSignIn?: WebSignInPolicy;
  /** Defaults to `{ fixed: [origin of defaultBaseUrl] }`; a provider with no default address must say. */
  origins?: OriginPolicy;
  secretShapes?: readonly RegExp[];
  pastedTokens?: PastedTokenCalls;
  linkHosts?: readonly string[];
  wording?: Partial<ProviderWording>;
}

/** The capability fields a descriptor takes from its module's rotation spec. */
export type DescriptorSource = Omit<ProviderDescriptor, 'rotationExplanation' | 'capabilities'> & {
  capabilities: Omit<ProviderDescriptor['capabilities'], 'rotate' | 'rotation' | 'graceSeconds'>;
};

/** A full descriptor: "can it rotate, and how" comes from the rotation spec, nowhere else. */
export function describeProvider(source: DescriptorSource, rotation: RotationSpec): ProviderDescriptor {
  return {
    ...source,
    capabilities: {
      ...source.capabilities,
      rotate: source.hasApi && rotation.kind !== 'manual',
      rotation: rotation.kind,
      graceSeconds: rotation.graceSeconds,
    },
    rotationExplanation: rotation.explanation,
  };
}

function defaultNeedsSignIn(descriptor: ProviderDescriptor): string {
  return descriptor.session === 'password'
    ? `Sign in to ${descriptor.name} to list and manage tokens. Tokenkeeper keeps the session in your OS keychain until ${descriptor.name} ends it.`
    : `Sign in to ${descriptor.name} to list and manage tokens; it manages tokens only from a signed-in session.`;
}

/** An address's origin, or null when it is not an address. */
function originOf(address: string): string | null {
  try {
    return new URL(address).origin;
  } catch {
    return null;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks the parts against each other and returns the module; throws (at load) when they disagree. */
export function defineProvider(parts: ProviderModuleParts): ProviderModule {
  ProviderDescriptor.parse(parts.descriptor);
  const descriptor = parts.descriptor;
  const { id, name, capabilities: caps } = descriptor;
  const fail = (why: string): never => {
    throw new Error(`Provider module “${id}”: ${why}`);
  };
  if (!PROVIDER_ID_PATTERN.test(id)) fail('its id must be 2 to 32 lower-case letters, digits or dashes');
  const adapter = parts.adapter;
  if (descriptor.hasApi !== (adapter !== null)) fail('hasApi must be true exactly when it has an adapter');
  if (adapter !== null && adapter.descriptor !== parts.descriptor)
    fail('its adapter must carry the module’s own descriptor');
  if (
    caps.rotation !== parts.rotation.kind ||
    caps.rotate !== (descriptor.hasApi && parts.rotation.kind !== 'manual')
  )
    fail('its descriptor must be built with describeProvider from its rotation spec');
  const kind = parts.rotation.kind;
  if ((kind === 'reset_with_grace' || kind === 'in_place_immediate') && adapter?.rotate === undefined)
    fail(`rotation “${kind}” needs an adapter with rotate()`);
  if (
    (kind === 'create_then_delete' || parts.rotation.replace !== undefined) &&
    !(caps.create && caps.revoke)
  )
    fail('rotation “create_then_delete” (replace and revoke) needs create and revoke');
  if (kind === 'reset_with_grace' && parts.rotation.graceSeconds === null)
    fail('rotation “reset_with_grace” needs a grace period to fall back on');
  if (adapter === null && (caps.list || caps.create || caps.revoke))
    fail('a provider without an adapter can only be tracked by hand');
  const webSignIn = parts.webSignIn ?? null;
  if ((descriptor.session === 'web') !== (webSignIn !== null))
    fail('session “web” needs a web sign-in policy, and only it');
  if (descriptor.session !== 'none' && adapter?.signIn === undefined)
    fail('a session needs an adapter with signIn()');
  let origins: OriginPolicy | null = parts.origins ?? null;
  const choices = descriptor.addressChoices?.choices ?? [];
  if (origins === null && adapter !== null && choices.length > 0) {
    // A provider in several places: each offered address is an origin its credential may go to.
    origins = { fixed: [...new Set(choices.map((c) => originOf(c.baseUrl) ?? c.baseUrl))] };
  } else if (origins === null && adapter !== null) {
    if (descriptor.defaultBaseUrl === null)
      fail('an adapter without a default address needs origins (fixed, or userChosen)');
    else origins = { fixed: [new URL(descriptor.defaultBaseUrl).origin] };
  }
  const originProblem = origins === null ? null : checkOriginPolicy(origins);
  if (originProblem !== null) fail(`its origins: ${originProblem}`);
  if (
    origins !== null &&
    'fixed' in origins &&
    descriptor.defaultBaseUrl !== null &&
    !origins.fixed.includes(new URL(descriptor.defaultBaseUrl).origin)
  )
    fail('its default address must be under one of its fixed origins');
  for (const choice of choices) {
    const origin = originOf(choice.baseUrl);
    if (origin === null || (origins !== null && 'fixed' in origins && !origins.fixed.includes(origin)))
      fail(`its address choice “${choice.label}” must be under one of its fixed origins`);
  }
  if (
    choices.length > 0 &&
    descriptor.defaultBaseUrl !== null &&
    !choices.some((c) => c.baseUrl === descriptor.defaultBaseUrl)
  )
    fail('its default address must be one of its address choices');
  const pasted = parts.pastedTokens ?? null;
  if (pasted !== null && origins === null)
    fail('calls on pasted tokens need origins (where a pasted token may be sent)');
  if ((descriptor.tokenCheck !== undefined) !== (pasted?.check !== undefined))
    fail('the descriptor’s tokenCheck needs pastedTokens.check, and only it');
  if ((descriptor.revokeByValue !== undefined) !== (pasted?.revoke !== undefined))
    fail('the descriptor’s revokeByValue needs pastedTokens.revoke, and only it');
  if (pasted?.revoke !== undefined && descriptor.revokeByValue?.maxPerCall !== pasted.revoke.maxPerCall)
    fail('revokeByValue.maxPerCall must be the revoke call’s own limit');
  const shapes = [...(parts.secretShapes ?? [])];
  for (const shape of shapes) if (!shape.global) fail(`secret shape ${String(shape)} must be global (g)`);
  // A web session's cookies are secrets wherever their "name=value" pairs show up.
  for (const cookie of [webSignIn?.sessionCookie, webSignIn?.antiForgeryCookie])
    if (cookie !== undefined) shapes.push(new RegExp(`\\b(${escapeRegExp(cookie)})=[^\\s;,&"']{6,}`, 'gi'));
  if (name.trim() === '') fail('it needs a name');
  return {
    descriptor,
    adapter,
    rotation: parts.rotation,
    webSignIn,
    origins,
    secretShapes: shapes,
    pastedTokens: pasted,
    linkHosts: parts.linkHosts ?? [],
    wording: { needsSignIn: parts.wording?.needsSignIn ?? defaultNeedsSignIn(descriptor) },
  };
}
