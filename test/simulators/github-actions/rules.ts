/**
 * GitHub's own rules and answers for Actions secrets, as its REST docs and "Using secrets in
 * GitHub Actions" state them [GHS]:
 * - a secret name has only letters, digits and underscores, does not start with a digit or with
 *   `GITHUB_`, and is not case-sensitive (GitHub keeps and answers it upper-cased);
 * - a secret is at most 48 KB;
 * - `encrypted_value` is base64 (the pattern in GitHub's OpenAPI description);
 * - an organization secret's `visibility` is `all`, `private` or `selected`, and
 *   `selected_repository_ids` (integers) goes with `selected` only.
 * Error bodies are GitHub's shape: `{message, documentation_url, status}`. Which status answers a
 * bad `key_id`, an undecryptable value or a missing field is not documented (modeled: 422, as
 * GitHub answers other validation failures).
 */
import type { SimResponse } from '../base';

const DOCS = 'https://docs.github.com/rest/actions/secrets';

export const MAX_SECRET_BYTES = 48 * 1024;

export const BASE64_PATTERN =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

export const ORG_VISIBILITIES = ['all', 'private', 'selected'] as const;
export type OrgVisibility = (typeof ORG_VISIBILITIES)[number];

/** Why a secret name is refused, or null when GitHub takes it. */
export function secretNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9_]+$/.test(name))
    return 'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_).';
  if (/^[0-9]/.test(name)) return 'Secret names must not start with a number.';
  if (/^GITHUB_/i.test(name)) return 'Secret names must not start with the GITHUB_ prefix.';
  return null;
}

const error = (status: number, message: string): SimResponse => ({
  status,
  json: { message, documentation_url: DOCS, status: String(status) },
});

export const badCredentials = () => error(401, 'Bad credentials');
export const requiresAuthentication = () => error(401, 'Requires authentication');
export const notAccessible = () => error(403, 'Resource not accessible by personal access token');
export const notFound = () => error(404, 'Not Found');
export const validationFailed = (message: string) => error(422, message);
export const unsupportedMediaType = () => error(415, 'Unsupported Media Type');
export const badRequest = (message: string) => error(400, message);
