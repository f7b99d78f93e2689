/**
 * Typed errors of the HTTP layer. Each is an AppError (a contract ErrorCode and a message written
 * for the user, naming the provider) plus what the caller needs to decide what to do next:
 * - `effect`: whether the request may have changed something at the provider. `none` means it
 *   certainly did not (refused, or never sent); `unknown` means it may have (a timeout or a reset
 *   after the request left, a 5xx); `applied` means it did, but the answer was unusable (a 2xx
 *   that was malformed or too large). A create or a reset whose effect is not `none` is never
 *   retried: the caller lists and reconciles instead.
 * - `status`: the HTTP status, when there was one.
 * No message ever quotes a header, a request body, or an unexpected exception's text.
 */
import type { ErrorCode } from '../../../src-preload/contract';
import { AppError } from '../errors';
import { redactString } from '../log/redact';

export type RequestEffect = 'none' | 'unknown' | 'applied';

export class HttpError extends AppError {
  readonly effect: RequestEffect;
  readonly status: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      effect: RequestEffect;
      status?: number | null;
      retryAt?: number;
      field?: string;
      cause?: unknown;
    },
  ) {
    super(code, message, options);
    this.name = 'HttpError';
    this.effect = options.effect;
    this.status = options.status ?? null;
  }
}

/** How a 401 is to be read: a stored credential, a session, or a sign-in attempt. */
export type AuthKind = 'credential' | 'session' | 'login' | 'none';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** `{errors: {field: [...]}}` (Rails-style field-keyed errors): the object of fields, or null. */
function fieldKeyedErrors(body: unknown): Record<string, unknown> | null {
  if (body === null || typeof body !== 'object') return null;
  const errors = (body as Record<string, unknown>).errors;
  if (errors === null || typeof errors !== 'object' || Array.isArray(errors)) return null;
  return errors as Record<string, unknown>;
}

/** The first field a field-keyed error body names (the provider's own field name), if any. */
export function errorField(body: unknown): string | undefined {
  const keyed = fieldKeyedErrors(body);
  return keyed === null ? undefined : Object.keys(keyed).find((key) => key !== 'base');
}

/** A short, safe line from an error body ("name: This value is already used."), or null. */
export function providerDetail(body: unknown): string | null {
  const pick = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
      const parts = value
        .map((v) => (typeof v === 'string' ? v : pick(v)))
        .filter((v): v is string => v !== null);
      return parts.length > 0 ? parts.join('; ') : null;
    }
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.violations)) {
        const parts = record.violations
          .map((v) => {
            const item = v as Record<string, unknown>;
            const message = typeof item.message === 'string' ? item.message : null;
            const pathName =
              typeof item.propertyPath === 'string' && item.propertyPath !== ''
                ? `${item.propertyPath}: `
                : '';
            return message === null ? null : `${pathName}${message}`;
          })
          .filter((v): v is string => v !== null);
        if (parts.length > 0) return parts.join('; ');
      }
      const keyed = fieldKeyedErrors(record);
      if (keyed !== null) {
        const parts = Object.entries(keyed)
          .map(([key, value]) => {
            const text = pick(value);
            return text === null ? null : key === 'base' ? text : `${key}: ${text}`;
          })
          .filter((v): v is string => v !== null);
        if (parts.length > 0) return parts.join('; ');
      }
      for (const key of ['message', 'hydra:description', 'detail', 'error_description', 'errors', 'error']) {
        const found = pick(record[key]);
        if (found !== null) return found;
      }
      // A field-keyed validation map ({"name": ["has already been taken"]}), e.g. GitLab's
      // object-valued `message`: "name has already been taken".
      const fields = Object.entries(record)
        .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
        .map(([field, texts]) => texts.filter((t) => typeof t === 'string').map((t) => `${field} ${t}`))
        .flat();
      if (fields.length > 0) return fields.join('; ');
    }
    return null;
  };
  const text = pick(body);
  if (text === null) return null;
  // Plain text only, one line, short, and scrubbed of anything that looks like a credential.
  const clean = redactString(
    text
      .replace(/[\p{Cc}<>]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 197)}…` : clean;
}

export function statusError(
  provider: string,
  status: number,
  options: { auth: AuthKind; body: unknown; retryAt?: number; action?: string; limitName?: string },
): HttpError {
  const detail = providerDetail(options.body);
  const suffix = detail === null ? '' : ` ${provider} said: “${detail}”`;
  if (status === 401) {
    if (options.auth === 'session') {
      return new HttpError(
        'needs_sign_in',
        `${provider} says the session has ended (401). Sign in again to manage tokens.`,
        { effect: 'none', status },
      );
    }
    if (options.auth === 'login') {
      return new HttpError(
        'unauthorized',
        `${provider} did not accept that e-mail address and password (401).`,
        { effect: 'none', status },
      );
    }
    return new HttpError(
      'unauthorized',
      `${provider} refused the credential (401). It may have been revoked, rotated or expired. Re-enter it for this connection.`,
      { effect: 'none', status },
    );
  }
  if (status === 403) {
    return new HttpError(
      'forbidden',
      `${provider} refused this (403): the credential or session lacks the permission for it.${suffix}`,
      { effect: 'none', status },
    );
  }
  if (status === 404) {
    return new HttpError(
      'not_found',
      `${provider} does not know this item (404). It may have been deleted elsewhere; sync to refresh.`,
      { effect: 'none', status },
    );
  }
  if (status === 409) {
    return new HttpError(
      'conflict',
      `${provider} refused the change because it conflicts with the current state (409).${suffix}`,
      { effect: 'none', status },
    );
  }
  if (status === 400 || status === 422) {
    const field = errorField(options.body);
    return new HttpError('validation', `${provider} rejected the request as invalid (${status}).${suffix}`, {
      effect: 'none',
      status,
      ...(field === undefined ? {} : { field }),
    });
  }
  if (status === 429) {
    const retryAt = options.retryAt;
    const when = retryAt === undefined ? 'in a minute' : `after ${clock(retryAt)} UTC`;
    // The limit's name (`X-RateLimit-Name`, Datadog's) is what to quote when asking for more.
    const name =
      options.limitName !== undefined && /^[A-Za-z0-9_.:-]{1,64}$/.test(options.limitName)
        ? ` The limit is “${options.limitName}”.`
        : '';
    return new HttpError(
      'rate_limited',
      `${provider} is limiting how often Tokenkeeper may call it (429). Try again ${when}.${name}`,
      {
        effect: 'none',
        status,
        ...(retryAt === undefined ? {} : { retryAt }),
      },
    );
  }
  if (status >= 500) {
    return new HttpError(
      'provider_error',
      `${provider} had a server problem (${status}). Try again in a few minutes; if it persists, check ${provider}’s status page.`,
      { effect: 'unknown', status },
    );
  }
  return new HttpError('provider_error', `${provider} answered with an unexpected status (${status}).`, {
    effect: status >= 300 && status < 400 ? 'none' : 'unknown',
    status,
  });
}

export function malformedResponse(provider: string, effect: RequestEffect): HttpError {
  return new HttpError(
    'malformed_response',
    `${provider} sent an answer Tokenkeeper could not understand. Its API may have changed; nothing in your cache was changed.`,
    { effect },
  );
}

export function tooLarge(provider: string, maxBytes: number, effect: RequestEffect): HttpError {
  const mb = Math.max(1, Math.round(maxBytes / (1024 * 1024)));
  return new HttpError(
    'response_too_large',
    `${provider} sent an answer larger than ${mb} MB, so Tokenkeeper stopped reading it. Nothing in your cache was changed.`,
    {
      effect,
    },
  );
}

export function timeoutError(provider: string, seconds: number, effect: RequestEffect): HttpError {
  return new HttpError(
    'timeout',
    `${provider} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}.`,
    { effect },
  );
}

export function networkError(
  provider: string,
  host: string,
  effect: RequestEffect,
  kind: 'unreachable' | 'reset' | 'tls' | 'proxy' | 'ca',
): HttpError {
  const message = {
    unreachable: `Tokenkeeper could not reach ${provider} at ${host}. Check your network connection, proxy settings and the connection’s address.`,
    reset: `The connection to ${provider} at ${host} broke before the answer arrived.`,
    tls: `The secure connection to ${provider} at ${host} could not be verified. If your network inspects TLS traffic, add your organisation’s CA certificate in Settings.`,
    proxy: `The proxy refused or failed the connection to ${provider} at ${host}. Check the proxy settings.`,
    ca: 'The extra CA certificate file set in Settings could not be read or is not a PEM certificate. Fix or clear it in Settings.',
  }[kind];
  return new HttpError('network', message, { effect });
}
