/**
 * GitHub simulator, strict to shared/providers/github.md and judged by `@octokit/rest` in
 * test/unit/providers/contract/github-octokit.test.ts. Only what a token manager can call exists,
 * because GitHub has nothing else for a user's own tokens (§1):
 * - `GET /user` with the token (`Authorization: token …` or `Bearer …`): the login, plus
 *   `github-authentication-token-expiration` ("YYYY-MM-DD HH:MM:SS UTC", absent without an
 *   expiry) and `x-oauth-scopes` for classic and OAuth tokens (absent for fine-grained ones) (§3c);
 *   an installation token (`ghs_`) is refused there (403) and reads `/rate_limit` instead;
 * - `GET /rate_limit`, with or without a token, counting against nothing (§3c, §5);
 * - `POST /credentials/revoke`: unauthenticated only (403 otherwise), `{credentials: string[]}` and
 *   no other field, 1 to 1000 values, 60 calls an hour per address, `202 {}` (§3a);
 * - 401 "Bad credentials" for an unknown, revoked or expired token; a `User-Agent` is required
 *   (403 without, §2); error bodies are `basic-error` (`message`, `documentation_url`, `status`).
 * Modeled (§7, UNDOC): unknown or already revoked values in a revoke call are accepted silently
 * (GitHub answers `202 {}` without a per-item result); a revoked token answers 401 at once; the
 * hourly window counted from each call; the 422 texts.
 */
import { SimServer, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';
import { jsonObjectBody } from '../strict';

export interface GhToken {
  secret: string;
  login: string;
  expiresAt: number | null;
  /** Classic and OAuth tokens: their scopes; fine-grained and App tokens: null (not reported). */
  scopes: string[] | null;
  revoked: boolean;
}

export interface GitHubOptions extends SimulatorOptions {
  /** Revoke calls allowed per hour from one address (GitHub: 60). */
  revokePerHour?: number;
}

const DOCS = 'https://docs.github.com/rest';
const REVOCABLE = ['ghp_', 'github_pat_', 'gho_', 'ghu_', 'ghr_'];
const HOUR = 3_600_000;

const error = (status: number, message: string, extra: Record<string, unknown> = {}): SimResponse => ({
  status,
  json: { message, documentation_url: DOCS, status: String(status), ...extra },
});

/** "2026-12-31 23:59:59 UTC", the form the header has been seen in (CL-2021). */
export function expirationHeader(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export class GitHubSimulator extends SimServer {
  readonly tokens = new Map<string, GhToken>();
  /** What the revoke endpoint received, per call (tests check nothing else was sent). */
  readonly revokeCalls: string[][] = [];
  private revokeTimes: number[] = [];
  private readonly revokePerHour: number;
  private nextUserId = 583_231;
  private readonly users = new Map<string, number>();

  constructor(options: GitHubOptions = {}) {
    super(options);
    this.revokePerHour = options.revokePerHour ?? 60;
    this.route('GET', '/user', (req) => this.user(req));
    this.route('GET', '/rate_limit', (req) => this.rateLimit(req));
    this.route('POST', '/credentials/revoke', (req) => this.revoke(req));
  }

  addToken(token: Omit<GhToken, 'revoked' | 'secret'> & { secret?: string; prefix?: string }): GhToken {
    const prefix = token.prefix ?? 'ghp_';
    const secret =
      token.secret ?? (prefix === 'github_pat_' ? this.mintSecret(prefix, 82) : this.mintSecret(prefix, 36));
    const record: GhToken = {
      secret,
      login: token.login,
      expiresAt: token.expiresAt,
      scopes: token.scopes,
      revoked: false,
    };
    this.tokens.set(secret, record);
    return record;
  }

  /** The token an `Authorization` header names, or why not. */
  private authenticate(req: SimRequest): { token: GhToken } | { refusal: SimResponse } | null {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(String(header).trim());
    const token = match === null ? undefined : this.tokens.get(match[1]!);
    if (token === undefined || token.revoked || (token.expiresAt !== null && token.expiresAt <= this.now()))
      return { refusal: error(401, 'Bad credentials') };
    req.authenticatedAs = token.secret.slice(-4);
    return { token };
  }

  private refuseWithoutAgent(req: SimRequest): SimResponse | null {
    const agent = req.headers['user-agent'];
    return typeof agent === 'string' && agent.trim() !== ''
      ? null
      : error(
          403,
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.',
        );
  }

  private tokenHeaders(token: GhToken): Record<string, string> {
    const headers: Record<string, string> = { 'x-accepted-oauth-scopes': '' };
    if (token.expiresAt !== null)
      headers['github-authentication-token-expiration'] = expirationHeader(token.expiresAt);
    if (token.scopes !== null) headers['x-oauth-scopes'] = token.scopes.join(', ');
    return headers;
  }

  private user(req: SimRequest): SimResponse {
    const noAgent = this.refuseWithoutAgent(req);
    if (noAgent !== null) return noAgent;
    const auth = this.authenticate(req);
    if (auth === null) return error(401, 'Requires authentication');
    if ('refusal' in auth) return auth.refusal;
    const { token } = auth;
    if (token.secret.startsWith('ghs_')) return error(403, 'Resource not accessible by integration');
    let id = this.users.get(token.login);
    if (id === undefined) {
      id = this.nextUserId++;
      this.users.set(token.login, id);
    }
    return {
      status: 200,
      headers: this.tokenHeaders(token),
      json: {
        login: token.login,
        id,
        node_id: `U_${id}`,
        type: 'User',
        site_admin: false,
        name: null,
        html_url: `https://github.com/${token.login}`,
      },
    };
  }

  private rateLimit(req: SimRequest): SimResponse {
    const noAgent = this.refuseWithoutAgent(req);
    if (noAgent !== null) return noAgent;
    const auth = this.authenticate(req);
    if (auth !== null && 'refusal' in auth) return auth.refusal;
    const limit = auth === null ? 60 : 5000;
    const reset = Math.ceil((this.now() + HOUR) / 1000);
    const core = { limit, used: 0, remaining: limit, reset };
    return {
      status: 200,
      headers: auth === null ? {} : this.tokenHeaders(auth.token),
      json: { resources: { core, search: { limit: 30, used: 0, remaining: 30, reset } }, rate: core },
    };
  }

  private revoke(req: SimRequest): SimResponse {
    const noAgent = this.refuseWithoutAgent(req);
    if (noAgent !== null) return noAgent;
    if (req.headers.authorization !== undefined)
      return error(403, 'This endpoint must not be called with authentication.');
    const now = this.now();
    this.revokeTimes = this.revokeTimes.filter((at) => at > now - HOUR);
    if (this.revokeTimes.length >= this.revokePerHour) {
      const reset = Math.ceil((this.revokeTimes[0]! + HOUR) / 1000);
      return {
        ...error(403, `API rate limit exceeded for ${req.ip}.`),
        headers: {
          'x-ratelimit-limit': String(this.revokePerHour),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      };
    }
    this.revokeTimes.push(now);
    const checked = jsonObjectBody(req, ['credentials']);
    if (!checked.ok) return error(422, 'Invalid request.', { errors: [describe(checked.problem)] });
    const list = checked.body.credentials;
    if (list === undefined)
      return error(422, 'Invalid request.', { errors: ['"credentials" wasn\'t supplied.'] });
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
      return error(422, 'Invalid request.', {
        errors: ["For 'properties/credentials', it is not an array of strings."],
      });
    if (list.length === 0 || list.length > 1000)
      return error(422, 'Invalid request.', { errors: ['Between 1 and 1000 credentials per request.'] });
    this.revokeCalls.push([...(list as string[])]);
    for (const value of list as string[]) {
      const token = this.tokens.get(value);
      if (token !== undefined && REVOCABLE.some((p) => value.startsWith(p))) token.revoked = true;
    }
    return { status: 202, json: {} };
  }
}

function describe(problem: { kind: string; fields?: string[]; contentType?: string }): string {
  if (problem.kind === 'unknown_fields') return `${problem.fields!.join(', ')} is not a permitted key.`;
  if (problem.kind === 'media_type') return 'The body must be JSON.';
  return 'The body must be a JSON object.';
}

export async function startGitHub(options: GitHubOptions = {}): Promise<GitHubSimulator> {
  return new GitHubSimulator(options).start();
}
