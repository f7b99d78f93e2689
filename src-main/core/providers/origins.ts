/**
 * Where a provider's credential may be sent: its module's `origins` (docs/providers/README.md).
 *
 * - `{ fixed: ['https://mailtrap.io'] }`: the provider runs in one place (a SaaS API). A
 *   connection's address must be under one of these https origins.
 * - `{ userChosen: true, check? }`: the provider is self-hosted (GitLab, npm registries, GitHub
 *   Enterprise, Datadog sites); the user's host is the origin, over https. `check` may refuse an
 *   address with a sentence for the user (e.g. "a Datadog site ends in datadoghq.com").
 *
 * Whatever the module says, plain http is refused, and a loopback address (localhost,
 * 127.0.0.0/8, ::1: the simulators, `npm run demo`) is accepted only when the developer setting
 * `allowLoopbackAddresses` is on (CoreDeps; the shell sets it only in an unpackaged build with
 * TOKENKEEPER_ALLOW_LOOPBACK=1, the test host and the demo always).
 *
 * The origin an address passed for is recorded with the connection (`credentialOrigin`): the
 * credential is saved for that origin only, and the HTTP layer sends it nowhere else.
 */
import { invalidInput } from '../errors';
import { isLoopbackHost } from '../http/url';

export type OriginPolicy =
  | { readonly fixed: readonly string[] }
  | {
      readonly userChosen: true;
      /** Refuses an https address the provider cannot be at: a message for the user, or null. */
      readonly check?: (url: URL) => string | null;
    };

/** A policy's fixed origins must each be a bare https origin (no path, no trailing slash). */
export function checkOriginPolicy(policy: OriginPolicy): string | null {
  if (!('fixed' in policy)) return null;
  if (policy.fixed.length === 0) return 'a fixed origin list needs at least one origin';
  for (const origin of policy.fixed) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `“${origin}” is not an origin`;
    }
    if (url.protocol !== 'https:' || url.origin !== origin) return `“${origin}” must be a bare https origin`;
  }
  return null;
}

export interface AddressRules {
  /** The developer setting: loopback addresses (http or https) are accepted. */
  allowLoopbackAddresses: boolean;
}

/**
 * Checks a parsed connection address against the provider's origin policy; throws
 * `invalid_input` (field `baseUrl`) saying why it is refused. Returns the address's origin.
 */
export function checkAddressOrigin(
  url: URL,
  policy: OriginPolicy,
  providerName: string,
  rules: AddressRules,
): string {
  const loopback = isLoopbackHost(url.hostname);
  if (loopback) {
    if (rules.allowLoopbackAddresses) return url.origin;
    throw invalidInput(
      `${url.host} is this computer. Tokenkeeper sends a ${providerName} credential to a local address only in development (the developer setting that allows loopback addresses is off).`,
      'baseUrl',
    );
  }
  if (url.protocol !== 'https:') {
    throw invalidInput(
      `Tokenkeeper sends credentials over https only, so the ${providerName} address must start with https://.`,
      'baseUrl',
    );
  }
  if ('fixed' in policy) {
    if (policy.fixed.includes(url.origin)) return url.origin;
    const where = policy.fixed.join(' or ');
    throw invalidInput(
      `${providerName} is only at ${where}. Tokenkeeper sends your ${providerName} credential nowhere else, so ${url.host} is refused.`,
      'baseUrl',
    );
  }
  const refusal = policy.check?.(url) ?? null;
  if (refusal !== null) throw invalidInput(refusal, 'baseUrl');
  return url.origin;
}
