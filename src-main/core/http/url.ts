/**
 * Base URLs for provider connections. Each connection talks to its provider's public host by
 * default and may override it (a regional host, a corporate gateway, a simulator). Only https is
 * accepted, except for loopback hosts (the local simulators, a local debugging proxy). A base URL
 * never carries a credential: user info, a query string or a fragment are refused, because
 * secrets travel in headers only.
 */
import { invalidInput } from '../errors';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(host)) return true;
  const octets = host.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/**
 * Parses and checks a base URL; throws `invalid_input` (field `baseUrl`) with a message for the
 * user. Returns the URL without a trailing slash on its path.
 */
export function parseBaseUrl(raw: string, providerName: string): URL {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput(
      `Enter the ${providerName} address as a full URL, such as https://api.example.com.`,
      'baseUrl',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInput('The address must start with https://.', 'baseUrl');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalidInput(
      'Tokenkeeper only talks to providers over https. Plain http is allowed only for this computer (localhost, 127.0.0.1, ::1).',
      'baseUrl',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidInput(
      'The address must not contain a user name or password. Credentials are entered in their own fields.',
      'baseUrl',
    );
  }
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    throw invalidInput(
      'The address must not contain a query (?…) or fragment (#…). Credentials never go into an address.',
      'baseUrl',
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** The effective base URL as stored and shown: no trailing slash. */
export function normaliseBaseUrl(raw: string, providerName: string): string {
  const url = parseBaseUrl(raw, providerName);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Joins an endpoint path (starting with "/") to a base URL, keeping any path prefix of the base. */
export function joinUrl(base: URL, endpointPath: string, query?: Record<string, string>): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${endpointPath}`;
  if (query !== undefined) for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}
