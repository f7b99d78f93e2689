/**
 * GitHub's token kinds, told apart by their prefix (shared/providers/github.md §1, GHD-FMT), and
 * which of them `POST /credentials/revoke` takes (OAT, GHD-EXP: not installation tokens).
 */

export interface GitHubTokenKind {
  readonly prefix: string;
  /** In GitHub's words. */
  readonly label: string;
  /** Short, for a proposed name: "Classic token (octocat)". */
  readonly short: string;
  readonly revocableByValue: boolean;
  /** The token's settings page on github.com, where the user manages it; null: none of the user's. */
  readonly settingsPath: string | null;
}

export const GITHUB_TOKEN_KINDS: readonly GitHubTokenKind[] = [
  {
    prefix: 'github_pat_',
    label: 'Fine-grained personal access token',
    short: 'Fine-grained token',
    revocableByValue: true,
    settingsPath: '/settings/personal-access-tokens',
  },
  {
    prefix: 'ghp_',
    label: 'Personal access token (classic)',
    short: 'Classic token',
    revocableByValue: true,
    settingsPath: '/settings/tokens',
  },
  {
    prefix: 'gho_',
    label: 'OAuth app access token',
    short: 'OAuth app token',
    revocableByValue: true,
    settingsPath: '/settings/applications',
  },
  {
    prefix: 'ghu_',
    label: 'GitHub App user access token',
    short: 'GitHub App user token',
    revocableByValue: true,
    settingsPath: '/settings/apps/authorizations',
  },
  {
    prefix: 'ghs_',
    label: 'GitHub App installation access token',
    short: 'GitHub App installation token',
    revocableByValue: false,
    settingsPath: null,
  },
  {
    prefix: 'ghr_',
    label: 'GitHub App refresh token',
    short: 'GitHub App refresh token',
    revocableByValue: true,
    settingsPath: '/settings/apps/authorizations',
  },
];

/** What a GitHub token's body is made of after its prefix (GHD-FMT: base62; fine-grained adds `_`). */
const BODY = /^[A-Za-z0-9_]{20,255}$/;

export function kindOf(value: string): GitHubTokenKind | null {
  const kind = GITHUB_TOKEN_KINDS.find((k) => value.startsWith(k.prefix));
  if (kind === undefined || !BODY.test(value.slice(kind.prefix.length))) return null;
  return kind;
}

/** A kind by its short label (kept as a checked token's permission group), for its settings link. */
export const kindByShort = (short: string | null): GitHubTokenKind | null =>
  GITHUB_TOKEN_KINDS.find((k) => k.short === short) ?? null;

/** The redactor's shapes: every prefix above with a token-sized body. */
export const GITHUB_SECRET_SHAPES: readonly RegExp[] = [
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
];

/**
 * `github-authentication-token-expiration` (CL-2021): "2021-10-07 19:07:53 UTC" as observed, or
 * with a numeric offset ("+0900") as one third-party parser accepts. Null when unreadable.
 */
export function parseExpirationHeader(value: string | string[] | undefined): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return null;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|[+-]\d{4})$/.exec(text);
  if (match === null) return null;
  const [, day, time, zone] = match;
  const offset = zone === 'UTC' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(3)}`;
  const ms = Date.parse(`${day}T${time}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

/** `x-oauth-scopes`: "repo, workflow" → ["repo", "workflow"]; empty or absent → []. */
export function parseScopesHeader(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
