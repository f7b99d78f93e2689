/**
 * The HTTP layer's half of the credential-origin rule (defence in depth behind the address
 * checks of connection setup and maintenance): every request an adapter sends may carry the
 * connection's credential or session in its headers, so a request whose origin is not the one
 * that credential was saved for is refused before anything leaves: no connection is opened, no
 * header or body is sent. Nothing in the adapters can override it.
 */
import { HttpError } from './errors';

/** Throws `credential_missing` (nothing sent) when `url` is not under `credentialOrigin`. */
export function refuseForeignOrigin(url: URL, credentialOrigin: string, provider: string): void {
  if (url.origin === credentialOrigin) return;
  throw new HttpError(
    'credential_missing',
    `The ${provider} credential was saved for ${credentialOrigin}, and this connection now points at ${url.origin}: nothing was sent there. Re-enter the credential for the new address.`,
    { effect: 'none' },
  );
}
