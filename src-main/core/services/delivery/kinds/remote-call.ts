/**
 * What the remote kinds (GitHub Actions, GitLab CI/CD variables) share: the HTTP target for the
 * delivery connection, bound to the origin its credential was saved for (so the HTTP layer
 * refuses to send the credential anywhere else), and failures retold as sentences about the
 * target ("the token needs Secrets: write on jane/app") while keeping the HTTP layer's code,
 * `effect` (whether the write may have happened) and status, which the pipeline uses to decide
 * between "not delivered" and "check before retrying". No message carries the secret: they are
 * built from the target's names only, and the provider's detail is already redacted.
 */
import { createHash } from 'node:crypto';
import type { ProviderHttp } from '../../../http/client';
import { HttpError } from '../../../http/errors';
import { parseBaseUrl } from '../../../http/url';
import { AppError, invalidInput } from '../../../errors';
import type { DeliveryContext } from '../target-kind';

export interface RemoteCall {
  http: ProviderHttp;
  credential: string;
}

/** The connection's HTTP target and credential, or `credential_missing` when the pipeline gave none. */
export function remoteCall(context: DeliveryContext, provider: string, connectionId: string): RemoteCall {
  const { http, credential, baseUrl } = context;
  if (http === undefined || credential === undefined || baseUrl === undefined)
    throw new AppError(
      'credential_missing',
      `The ${provider} delivery connection has no token in the keychain. Add it again under Settings → Delivery connections.`,
    );
  const base = parseBaseUrl(baseUrl, provider);
  return {
    credential,
    http: http.target({
      provider,
      baseUrl: base,
      // The resolver checked the stored address still has the credential's origin; the HTTP
      // layer checks every request against it again.
      credentialOrigin: context.credentialOrigin ?? base.origin,
      limiterKey: `delivery:${connectionId}`,
      rateLimit: null,
    }),
  };
}

/** What each status means for this target, in the user's words. */
export interface FailureSentences {
  401: string;
  403: string;
  404: string;
  422?: string;
}

/** Retells an HTTP failure about the target; anything else passes unchanged. */
export function retold(error: unknown, sentences: FailureSentences): unknown {
  if (!(error instanceof HttpError)) return error;
  const status = error.status;
  const sentence =
    status === 401
      ? sentences[401]
      : status === 403
        ? sentences[403]
        : status === 404
          ? sentences[404]
          : status === 422 || status === 400
            ? sentences[422] === undefined
              ? null
              : `${sentences[422]} ${error.message}`
            : null;
  if (sentence === null) return error;
  return new HttpError(error.code, sentence, {
    effect: error.effect,
    status,
    ...(error.retryAt === undefined ? {} : { retryAt: error.retryAt }),
    ...(error.field === undefined ? {} : { field: error.field }),
  });
}

/** A hex SHA-256 of a value: what a receipt may keep to compare a read-back with. */
export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** A required text field of a form, trimmed; `invalid_input` naming the field otherwise. */
export function requiredText(input: Record<string, unknown>, key: string, label: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`Enter ${label}.`, key);
  if (value.length > 255) throw invalidInput(`${label[0]?.toUpperCase()}${label.slice(1)} is too long.`, key);
  return value.trim();
}

/** An optional text field: trimmed, or undefined when empty. */
export function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput(`The ${key} field must be text.`, key);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
