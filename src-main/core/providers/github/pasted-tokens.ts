/**
 * What Tokenkeeper asks GitHub about a token the user pastes once, and how it revokes leaked ones
 * by value (docs/providers/github.md lists the same rows). GitHub has no API for a user's own
 * personal access tokens (shared/providers/github.md §1): these calls are all there is. Every fact
 * is in the brief with its source; the tags name them.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import type { ProviderHttp } from '../../http/client';
import type { CheckedToken, PastedTokenCalls } from '../pasted-tokens';
import type { EndpointSpec } from '../types';
import { kindOf, parseExpirationHeader, parseScopesHeader } from './kinds';

const BRIEF = 'shared/providers/github.md';

// ENDPOINTS (documented / modeled)
export const GITHUB_ENDPOINTS: readonly EndpointSpec[] = [
  {
    key: 'user.get',
    method: 'GET',
    path: '/user',
    basis: 'documented',
    source: `${BRIEF} §3c (OAT users/get-authenticated; headers CL-2021, SCOPES)`,
    auth: 'The pasted token itself (Authorization: Bearer), for this one call',
    purpose:
      'Check a pasted token: whose it is (login), its expiry (github-authentication-token-expiration) and scopes (x-oauth-scopes).',
  },
  {
    key: 'rate_limit.get',
    method: 'GET',
    path: '/rate_limit',
    basis: 'documented',
    source: `${BRIEF} §3c, §5 (GHD-RL: does not count against the primary limit)`,
    auth: 'The pasted token itself (Authorization: Bearer), for this one call',
    purpose:
      'Check a pasted token that may not read /user (an installation token is refused there): its expiry and scopes headers.',
  },
  {
    key: 'credentials.revoke',
    method: 'POST',
    path: '/credentials/revoke',
    basis: 'documented',
    source: `${BRIEF} §3a (OAT credentials/revoke, GHD-EXP); GitHub Enterprise Server: modeled (§7, not documented there)`,
    auth: 'None: the call must be unauthenticated (an authenticated one gets 403)',
    purpose:
      'Revoke leaked tokens by their value: at most 1000 per call, 60 calls an hour; the owners are notified.',
  },
];

/** `GET /user`: only the login is read (OAT `public-user`/`private-user` carry much more). */
const User = z.object({ login: z.string().min(1).max(100) });
/** `GET /rate_limit`: read for its headers; the body only has to be what the API promises. */
const RateLimitBody = z.object({ resources: z.record(z.string(), z.unknown()) });
/** `202 {}` (OAT). */
const Accepted = z.object({});

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

/** A refused pasted token: said for what it is, not as a connection's credential. */
function refusedToken(error: unknown): never {
  if (error instanceof HttpError && error.status === 401)
    throw new AppError(
      'unauthorized',
      'GitHub refused this token (401): it has expired, been revoked, or was not copied whole. Nothing was recorded.',
      { field: 'value' },
    );
  throw error;
}

async function check(http: ProviderHttp, value: string): Promise<CheckedToken> {
  const kind = kindOf(value);
  if (kind === null) throw new AppError('invalid_input', refuseValue(value) ?? 'Not a GitHub token.');
  let owner: string | null = null;
  let headers: Record<string, string | string[] | undefined>;
  try {
    const me = await http.send({
      endpoint: 'user.get',
      method: 'GET',
      path: '/user',
      headers: bearer(value),
      auth: 'credential',
      schema: User,
    });
    owner = me.data.login;
    headers = me.headers;
  } catch (error) {
    // Installation tokens may not read /user (403); /rate_limit answers any valid token.
    if (!(error instanceof HttpError && error.status === 403)) refusedToken(error);
    try {
      headers = (
        await http.send({
          endpoint: 'rate_limit.get',
          method: 'GET',
          path: '/rate_limit',
          headers: bearer(value),
          auth: 'credential',
          schema: RateLimitBody,
        })
      ).headers;
    } catch (second) {
      refusedToken(second);
    }
  }
  const expiresAt = parseExpirationHeader(headers['github-authentication-token-expiration']);
  // Classic and OAuth tokens report their scopes; fine-grained ones report none (SCOPES).
  const reportsScopes = headers['x-oauth-scopes'] !== undefined && kind.prefix !== 'github_pat_';
  const scopes = reportsScopes ? parseScopesHeader(headers['x-oauth-scopes']) : null;
  return {
    suggestedName: owner === null ? kind.short : `${kind.short} (${owner})`,
    owner,
    kind: kind.short,
    expiresAt,
    scopes,
    scopeSummary:
      scopes === null
        ? `${kind.short}: permissions not reported by GitHub`
        : scopes.length === 0
          ? `${kind.short}: no scopes`
          : `${kind.short}: ${scopes.join(', ')}`,
  };
}

function refuseValue(value: string): string | null {
  if (kindOf(value) !== null) return null;
  return 'This is not a GitHub token: GitHub tokens start with ghp_, github_pat_, gho_, ghu_, ghs_ or ghr_, followed by letters and digits.';
}

async function send(http: ProviderHttp, values: readonly string[]): Promise<void> {
  try {
    await http.send({
      endpoint: 'credentials.revoke',
      method: 'POST',
      path: '/credentials/revoke',
      json: { credentials: values },
      auth: 'none',
      schema: Accepted,
    });
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      throw new AppError(
        'rate_limited',
        'GitHub refused the revoke call (403). It does so once the hour’s 60 unauthenticated calls from this address are used up: try again in an hour. Nothing was revoked.',
      );
    throw error;
  }
}

export const githubPastedTokens: PastedTokenCalls = {
  endpoints: GITHUB_ENDPOINTS,
  refuseValue,
  check,
  revoke: {
    refuse(value) {
      const kind = kindOf(value);
      if (kind === null) return refuseValue(value);
      return kind.revocableByValue
        ? null
        : `GitHub does not revoke a ${kind.label.toLowerCase()} by value; it expires within an hour. Revoke the app installation instead.`;
    },
    maxPerCall: 1000,
    perHour: 60,
    send,
  },
};
