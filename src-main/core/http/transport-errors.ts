/** undici and socket failures mapped to typed HTTP errors, with what they mean for the request's effect. */
import { networkError, timeoutError, type HttpError } from './errors';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENETDOWN',
]);
const TLS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** undici and socket errors → a typed error. Anything unrecognised counts as "may have arrived". */
export function mapTransportError(
  error: unknown,
  provider: string,
  host: string,
  seconds: number,
): HttpError {
  const codes = errorCodes(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ConnectTimeoutError'))
    return timeoutError(provider, seconds, 'none');
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT') || codes.includes('UND_ERR_BODY_TIMEOUT'))
    return timeoutError(provider, seconds, 'unknown');
  if (codes.some((c) => UNREACHABLE.has(c))) return networkError(provider, host, 'none', 'unreachable');
  if (codes.some((c) => TLS.has(c))) return networkError(provider, host, 'none', 'tls');
  const message = error instanceof Error ? error.message : '';
  if (/proxy/i.test(message) && !/ECONNRESET|socket/i.test(message))
    return networkError(provider, host, 'none', 'proxy');
  return networkError(provider, host, 'unknown', 'reset');
}
