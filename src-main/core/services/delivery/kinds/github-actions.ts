/**
 * Delivery kind `github_actions`: a GitHub Actions secret of a repository, an environment or an
 * organization, written through a GitHub delivery connection (a fine-grained token with
 * "Secrets: write", github.com or GitHub Enterprise Server at `https://host/api/v3`).
 *
 * GitHub never takes a secret in the clear: deliver fetches the scope's public key, seals the
 * value to it with libsodium's sealed box (`crypto_box_seal`, as GitHub's docs show), and PUTs
 * `{encrypted_value, key_id}`. Only GitHub's private key opens it. Verify cannot read a secret
 * back (GitHub never returns values), so the receipt keeps the secret's `updated_at` before the
 * write and verify checks it moved past it (or, for a new secret, that it now exists).
 * An organization secret keeps its visibility (read before the write); a new one is `private`
 * unless the target says otherwise.
 *
 * ENDPOINTS (documented / modeled), {base} = /repos/{owner}/{repo}/actions/secrets,
 * /repos/{owner}/{repo}/environments/{environment}/secrets or /orgs/{org}/actions/secrets:
 * | GET | {base}/public-key | documented | Get a repository / environment / organization public key |
 * | GET | {base}/{name}     | documented | Get a secret: {name, created_at, updated_at[, visibility]} |
 * | PUT | {base}/{name}     | documented | Create or update a secret: 201 created, 204 updated |
 * | —   | 401/403/404/422 answers to these | modeled | GitHub lists no error statuses for them |
 */
import sodium from 'libsodium-wrappers';
import { z } from 'zod';
import { HttpError } from '../../../http/errors';
import { invalidInput } from '../../../errors';
import type { DeliveryContext, DeliveryReceipt, DeliveryTargetKind, VerifyOutcome } from '../target-kind';
import { GITHUB_HEADERS } from './connection-services';
import { optionalText, remoteCall, requiredText, retold, type RemoteCall } from './remote-call';

const PROVIDER = 'GitHub';
const SCOPES = ['repository', 'environment', 'organization'] as const;
const VISIBILITIES = ['private', 'all', 'selected'] as const;

export interface GitHubActionsConfig extends Record<string, unknown> {
  connectionId: string;
  scope: (typeof SCOPES)[number];
  owner?: string;
  repo?: string;
  environment?: string;
  org?: string;
  secretName: string;
  /** Organization secrets created by the delivery (an existing one keeps its own). */
  visibility?: (typeof VISIBILITIES)[number];
}

const PublicKey = z.object({ key_id: z.string().min(1), key: z.string().min(1) });
const SecretInfo = z.object({
  name: z.string(),
  updated_at: z.string(),
  visibility: z.enum(['all', 'private', 'selected']).optional(),
});
type SecretInfo = z.infer<typeof SecretInfo>;

const enc = encodeURIComponent;

function basePath(c: GitHubActionsConfig): string {
  if (c.scope === 'organization') return `/orgs/${enc(c.org ?? '')}/actions/secrets`;
  const repo = `/repos/${enc(c.owner ?? '')}/${enc(c.repo ?? '')}`;
  return c.scope === 'environment'
    ? `${repo}/environments/${enc(c.environment ?? '')}/secrets`
    : `${repo}/actions/secrets`;
}

/** Where the secret lives, in words ("environment production of jane/app"). */
function place(c: GitHubActionsConfig): string {
  if (c.scope === 'organization') return `organization ${c.org ?? ''}`;
  const repo = `${c.owner ?? ''}/${c.repo ?? ''}`;
  return c.scope === 'environment' ? `environment ${c.environment ?? ''} of ${repo}` : repo;
}

function sentences(c: GitHubActionsConfig) {
  const what =
    c.scope === 'organization' ? 'organization' : c.scope === 'environment' ? 'environment' : 'repository';
  return {
    401: `GitHub refused the delivery connection's token (401). Re-enter the delivery connection's token in Settings → Delivery connections.`,
    403: `GitHub refused to change secrets of ${place(c)} (403): the token needs Secrets: write on ${place(c)}.`,
    404: `GitHub does not show ${place(c)} to this token (404): the ${what} was not found, or the token was not granted it.`,
    422: `GitHub refused the secret ${c.secretName} for ${place(c)} (422).`,
  };
}

const headers = (call: RemoteCall) => GITHUB_HEADERS(call.credential);

async function readSecret(c: GitHubActionsConfig, call: RemoteCall): Promise<SecretInfo | null> {
  try {
    const answer = await call.http.send({
      endpoint: 'actions.secret.get',
      method: 'GET',
      path: `${basePath(c)}/${enc(c.secretName)}`,
      headers: headers(call),
      auth: 'credential',
      schema: SecretInfo,
    });
    return answer.data;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return null;
    throw error;
  }
}

/** GitHub's documented recipe: the base64 public key, `crypto_box_seal`, base64 again. */
async function seal(secret: string, publicKey: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(
    sodium.crypto_box_seal(sodium.from_string(secret), key),
    sodium.base64_variants.ORIGINAL,
  );
}

function parse(input: Record<string, unknown>): GitHubActionsConfig {
  const connectionId = requiredText(input, 'connectionId', 'the GitHub delivery connection');
  const scope = SCOPES.find((s) => s === input.scope);
  if (scope === undefined)
    throw invalidInput('Choose where the secret lives: repository, environment or organization.', 'scope');
  const secretName = requiredText(input, 'secretName', 'the secret name');
  // GitHub's rules for secret names [GHS]; it keeps them upper-cased.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(secretName) || /^GITHUB_/i.test(secretName))
    throw invalidInput(
      'A GitHub secret name has only letters, digits and underscores, does not start with a digit, and does not start with GITHUB_.',
      'secretName',
    );
  const config: GitHubActionsConfig = { connectionId, scope, secretName: secretName.toUpperCase() };
  const ownerPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
  if (scope === 'organization') {
    const org = requiredText(input, 'org', 'the organization');
    if (!ownerPattern.test(org))
      throw invalidInput('Enter the organization’s GitHub name, such as octo-org.', 'org');
    config.org = org;
    const visibility = optionalText(input, 'visibility');
    if (visibility !== undefined) {
      const chosen = VISIBILITIES.find((v) => v === visibility);
      if (chosen === undefined)
        throw invalidInput('Choose private, all or selected repositories.', 'visibility');
      config.visibility = chosen;
    }
    return config;
  }
  const owner = requiredText(input, 'owner', 'the repository owner');
  if (!ownerPattern.test(owner))
    throw invalidInput('Enter the owner’s GitHub name, such as octo-org.', 'owner');
  const repo = requiredText(input, 'repo', 'the repository name');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(repo) || repo === '.' || repo === '..')
    throw invalidInput('Enter the repository name without the owner, such as my-app.', 'repo');
  config.owner = owner;
  config.repo = repo.replace(/\.git$/, '');
  if (scope === 'environment') config.environment = requiredText(input, 'environment', 'the environment');
  return config;
}

async function deliver(
  c: GitHubActionsConfig,
  secret: string,
  context: DeliveryContext,
): Promise<DeliveryReceipt> {
  const call = remoteCall(context, PROVIDER, c.connectionId);
  try {
    const before = await readSecret(c, call);
    const key = await call.http.send({
      endpoint: 'actions.secret.public_key',
      method: 'GET',
      path: `${basePath(c)}/public-key`,
      headers: headers(call),
      auth: 'credential',
      schema: PublicKey,
    });
    const body: Record<string, unknown> = {
      encrypted_value: await seal(secret, key.data.key),
      key_id: key.data.key_id,
    };
    if (c.scope === 'organization') body.visibility = before?.visibility ?? c.visibility ?? 'private';
    const put = await call.http.send({
      endpoint: 'actions.secret.put',
      method: 'PUT',
      path: `${basePath(c)}/${enc(c.secretName)}`,
      headers: headers(call),
      json: body,
      auth: 'credential',
      schema: null,
    });
    return {
      previousUpdatedAt: before?.updated_at ?? null,
      created: put.status === 201,
      keyId: key.data.key_id,
    };
  } catch (error) {
    throw retold(error, sentences(c));
  }
}

async function verify(
  c: GitHubActionsConfig,
  _secret: string,
  receipt: DeliveryReceipt,
  context: DeliveryContext,
): Promise<VerifyOutcome> {
  const call = remoteCall(context, PROVIDER, c.connectionId);
  let now: SecretInfo | null;
  try {
    now = await readSecret(c, call);
  } catch (error) {
    throw retold(error, sentences(c));
  }
  if (now === null)
    return { verified: false, reason: `GitHub shows no secret ${c.secretName} in ${place(c)}.` };
  const previous = receipt.previousUpdatedAt;
  if (typeof previous !== 'string') return { verified: true };
  const moved = Date.parse(now.updated_at) > Date.parse(previous);
  return moved
    ? { verified: true }
    : {
        verified: false,
        reason: `GitHub still shows ${c.secretName} in ${place(c)} as last updated ${now.updated_at}, before this delivery.`,
      };
}

export const githubActionsKind: DeliveryTargetKind<GitHubActionsConfig> = {
  id: 'github_actions',
  label: 'GitHub Actions secret',
  needsConnection: { provider: 'github', label: 'GitHub delivery connection' },
  fields: [
    {
      key: 'scope',
      label: 'Secret of',
      type: 'choice',
      choices: [
        { value: 'repository', label: 'A repository' },
        { value: 'environment', label: 'An environment of a repository' },
        { value: 'organization', label: 'An organization' },
      ],
      required: true,
    },
    { key: 'owner', label: 'Repository owner', placeholder: 'octo-org', type: 'text', required: false },
    { key: 'repo', label: 'Repository', placeholder: 'my-app', type: 'text', required: false },
    { key: 'environment', label: 'Environment', placeholder: 'production', type: 'text', required: false },
    { key: 'org', label: 'Organization', placeholder: 'octo-org', type: 'text', required: false },
    { key: 'secretName', label: 'Secret name', placeholder: 'API_TOKEN', type: 'text', required: true },
    {
      key: 'visibility',
      label: 'Repositories that may use a new organization secret',
      help: 'An existing organization secret keeps its own setting.',
      type: 'choice',
      choices: [
        { value: 'private', label: 'Private repositories' },
        { value: 'all', label: 'All repositories' },
        { value: 'selected', label: 'Selected repositories (chosen on GitHub)' },
      ],
      required: false,
    },
  ],
  parse,
  describe: (c) => `${c.secretName} in GitHub Actions (${place(c)})`,
  deliver,
  verify,
};
