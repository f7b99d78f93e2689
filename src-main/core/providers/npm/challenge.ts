/**
 * npm's refusals of a create, read the way npm-registry-fetch reads them (shared/providers/npm.md
 * §5): a 401 whose `www-authenticate` names `otp` (or whose body says "one-time pass") is the
 * one-time-code challenge, possibly with `authUrl`/`doneUrl` for a confirmation in the browser;
 * `ipaddress` means the token is not allowed from here; any other 401 on a create is taken as the
 * password refused (the legacy doc's 401 for a wrong password [REG]). The header and body are
 * read here only, never logged or quoted beyond a short scrubbed phrase.
 */
import { HttpError, providerDetail } from '../../http/errors';

export interface WebConfirmation {
  authUrl: string;
  doneUrl: string;
}

/** The challenge for a one-time code: what the dialog must ask for, or where to confirm. */
export class OneTimeCodeChallenge extends HttpError {
  constructor(
    message: string,
    readonly web: WebConfirmation | null,
  ) {
    super('invalid_input', message, { effect: 'none', status: 401, field: 'oneTimeCode' });
    this.name = 'OneTimeCodeChallenge';
  }
}

const headerWords = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');

function webConfirmation(body: unknown): WebConfirmation | null {
  if (body === null || typeof body !== 'object') return null;
  const { authUrl, doneUrl } = body as Record<string, unknown>;
  return typeof authUrl === 'string' && typeof doneUrl === 'string' ? { authUrl, doneUrl } : null;
}

/** A create's refusal in npm's terms; null: the generic reading applies. */
export function createRefusal(codeSent: boolean) {
  return (
    status: number,
    headers: Record<string, string | string[] | undefined>,
    body: unknown,
  ): HttpError | null => {
    if (status !== 401) return null;
    const words = headerWords(headers['www-authenticate']);
    const said = providerDetail(body) ?? '';
    if (words.includes('otp') || /one-time pass/i.test(said)) {
      const web = webConfirmation(body);
      if (web !== null) return new OneTimeCodeChallenge('npm asks you to confirm in your browser.', web);
      if (!codeSent)
        return new OneTimeCodeChallenge(
          'npm asks for a one-time code from your authenticator app. Enter it, then create the token again.',
          null,
        );
      if (/expired/i.test(said))
        return new OneTimeCodeChallenge(
          'That one-time code has expired. Enter the code your authenticator app shows now.',
          null,
        );
      return new OneTimeCodeChallenge(
        'npm did not accept that one-time code. Check the code in your authenticator app and enter it again.',
        null,
      );
    }
    if (words.includes('ipaddress'))
      return new HttpError(
        'forbidden',
        'npm refuses this token from your current IP address (its CIDR ranges do not include it). Use a token allowed from here.',
        { effect: 'none', status },
      );
    if (/password/i.test(said))
      return new HttpError(
        'invalid_input',
        'npm did not accept that password. Enter your npm account password again.',
        { effect: 'none', status, field: 'password' },
      );
    return null;
  };
}

/** A revoke refused for a one-time code: npm wants interactive 2FA here, which only its site offers. */
export function revokeRefusal(
  status: number,
  headers: Record<string, string | string[] | undefined>,
): HttpError | null {
  if (status !== 401 || !headerWords(headers['www-authenticate']).includes('otp')) return null;
  return new HttpError(
    'unauthorized',
    'npm asks for a one-time code to revoke this token, which Tokenkeeper cannot send for a revoke. Revoke it on npmjs.com (Access Tokens), then sync.',
    { effect: 'none', status },
  );
}

/** Web confirmation: how long to wait for the browser, and between polls (npm's retry-after, capped). */
export const WEB_CONFIRMATION_MS = 5 * 60_000;
export function pollDelay(retryAfter: string | string[] | undefined): number {
  const value = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  return Number.isFinite(value) && value >= 0 ? Math.min(10_000, Math.max(250, value * 1000)) : 1000;
}
