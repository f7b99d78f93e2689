/**
 * Redaction for anything that is written to a log. Two layers: keys that name secret-bearing
 * fields are replaced whole, and strings are scrubbed for secret-shaped text (JWTs, auth
 * headers, session cookies, long random-looking strings) and for credentials the core has told
 * us about at run time.
 */

export const REDACTED = '[redacted]';

const SECRET_KEYS = new Set(
  [
    'token',
    'secret',
    'password',
    'passwd',
    'authorization',
    'api-token',
    'x-api-token',
    'apitoken',
    'cookie',
    'set-cookie',
    'plaintoken',
    'jwt',
    'credential',
    'credentials',
    'value',
    'fields',
    'session',
    'headers',
  ].map((key) => key.toLowerCase()),
);

const PATTERNS: RegExp[] = [
  // JSON Web Tokens (three base64url segments, the first a JSON header).
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g,
  // Authorization schemes followed by a credential. The scheme is matched as written (so "token
  // expired before rotation" is ordinary text), and the value must look like one: a digit, a
  // symbol or an upper-case letter after its first character, or 20 characters and more
  // ("Token expired" at the start of a sentence stays readable too).
  /\b(Bearer|Basic|Token)\s+(?=[A-Za-z0-9._~+/=-][A-Za-z0-9._~+/=-]*[0-9._~+/=A-Z-]|[A-Za-z0-9._~+/=-]{20})[A-Za-z0-9._~+/=-]{6,}/g,
  // Header lines and query parameters that carry credentials; after `Authorization:` the scheme
  // may be in any case (HTTP allows it), and the credential after it goes too.
  /\b(api-token|x-api-token|authorization|cookie|set-cookie|access_token|token|password)\s*[:=]\s*(?:(?:bearer|basic|token)\s+)?[^\s,;&"']{4,}/gi,
  // Session cookie pairs such as "sid=..." (each provider's own cookie names are its secret shapes).
  /\b(sid|session|sessionid|connect\.sid)=[^\s;,&"']{6,}/gi,
  // Credentials in a URL's user info, e.g. a proxy address "http://user:password@proxy:8080".
  /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+(?=@)/gi,
  // Long opaque strings (API keys): 24+ characters mixing letters and digits.
  /\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\b/g,
];

/**
 * The shapes of the providers' own secrets (each provider module's `secretShapes`, e.g. a session
 * cookie's name=value pair), registered by the core when it starts.
 */
const providerShapes: RegExp[] = [];

export function registerSecretShapes(shapes: readonly RegExp[]): void {
  for (const shape of shapes) {
    if (!shape.global) throw new Error(`a secret shape must be a global pattern: ${String(shape)}`);
    if (!providerShapes.some((known) => known.source === shape.source && known.flags === shape.flags))
      providerShapes.push(shape);
  }
}

/** Values registered at run time (loaded credentials) are always scrubbed. */
const knownSecrets = new Set<string>();

export function registerSecret(value: string): void {
  if (value.length >= 6) knownSecrets.add(value);
}

export function forgetSecret(value: string): void {
  knownSecrets.delete(value);
}

/** The secret parts of request headers: each whole value, the credential after an auth scheme, each cookie's value. */
function headerSecrets(headers: Record<string, string>): string[] {
  const parts: string[] = [];
  for (const value of Object.values(headers)) {
    parts.push(value);
    const scheme = /^(?:Bearer|Basic|Token)\s+(\S+)$/i.exec(value.trim());
    if (scheme?.[1] !== undefined) parts.push(scheme[1]);
    for (const pair of value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) parts.push(pair.slice(eq + 1).trim());
    }
  }
  return parts;
}

/**
 * Session headers (a JWT, a web session's cookies): a provider that quotes one back in an error
 * body must not get it into a message, the database or a log, whatever its shape.
 */
export function registerHeaderSecrets(headers: Record<string, string>): void {
  for (const part of headerSecrets(headers)) registerSecret(part);
}

export function forgetHeaderSecrets(headers: Record<string, string>): void {
  for (const part of headerSecrets(headers)) forgetSecret(part);
}

export function redactString(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of [...PATTERNS, ...providerShapes]) {
    out = out.replace(pattern, (match, scheme: unknown) =>
      typeof scheme === 'string' &&
      match.toLowerCase().startsWith(scheme.toLowerCase()) &&
      /[:=\s]/.test(match)
        ? `${match.slice(0, scheme.length)} ${REDACTED}`
        : REDACTED,
    );
  }
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // Only the error's class and code: an unexpected error's message may quote a response body.
    const code = (value as { code?: unknown }).code;
    return { error: value.name, ...(typeof code === 'string' ? { code } : {}) };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

/**
 * Whether a text holds something shaped like a secret: a provider's own token shape, a long
 * opaque key, an Authorization value, a credential in a URL, or a credential loaded this run.
 * What the user types into metadata (annotations, imports) is refused when it does.
 */
export function looksLikeSecret(text: string): boolean {
  return redactString(text) !== text;
}
