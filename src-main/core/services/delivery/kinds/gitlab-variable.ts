/**
 * Delivery kind `gitlab_variable`: a CI/CD variable of a GitLab project or group, written through
 * a GitLab delivery connection (a token with `api`, of a Maintainer).
 *
 * Deliver reads the variable first (with the environment-scope filter): when it exists, a PUT
 * sends the value only, so `masked`, `protected`, `environment_scope` and the rest stay as they
 * were; when it does not (404), a POST creates it masked (GitLab's masking rules then apply to
 * the secret) and protected as the target says. Verify reads it back and compares a SHA-256 of
 * the value with the secret's; a hidden variable never shows its value again, so for one the
 * write's own 200/201 is the receipt and verify checks the variable is still there.
 *
 * ENDPOINTS (documented / modeled), {base} = /api/v4/projects/{id} or /api/v4/groups/{id}:
 * | GET  | {base}/variables/{key} | documented | Get a variable (`filter[environment_scope]`) |
 * | PUT  | {base}/variables/{key} | documented | Update a variable (only the fields sent change) |
 * | POST | {base}/variables       | documented | Create a variable |
 */
import { z } from 'zod';
import { HttpError } from '../../../http/errors';
import { invalidInput } from '../../../errors';
import type { DeliveryContext, DeliveryReceipt, DeliveryTargetKind, VerifyOutcome } from '../target-kind';
import { GITLAB_HEADERS } from './connection-services';
import { optionalText, remoteCall, requiredText, retold, sha256, type RemoteCall } from './remote-call';

const PROVIDER = 'GitLab';

export interface GitLabVariableConfig extends Record<string, unknown> {
  connectionId: string;
  scope: 'project' | 'group';
  /** The numeric id or the full path (`group/project`). */
  path: string;
  key: string;
  environmentScope: string;
  /** For a variable the delivery creates; an existing one keeps its own. */
  protectNew: boolean;
}

const Variable = z.object({
  key: z.string(),
  value: z.string().nullable(),
  masked: z.boolean().optional(),
  protected: z.boolean().optional(),
  hidden: z.boolean().optional(),
  environment_scope: z.string().optional(),
});
type Variable = z.infer<typeof Variable>;

const base = (c: GitLabVariableConfig) => `/api/v4/${c.scope}s/${encodeURIComponent(c.path)}/variables`;
const place = (c: GitLabVariableConfig) =>
  `${c.scope} ${c.path}${c.environmentScope === '*' ? '' : ` (environment ${c.environmentScope})`}`;

function sentences(c: GitLabVariableConfig) {
  return {
    401: `GitLab refused the delivery connection's token (401). Re-enter the delivery connection's token in Settings → Delivery connections.`,
    403: `GitLab refused to change CI/CD variables of ${place(c)} (403): the token needs the api scope and the Maintainer role there.`,
    404: `GitLab does not show the ${c.scope} ${c.path} to this token (404): it was not found, or the token cannot see it.`,
    422: `GitLab refused the variable ${c.key} for ${place(c)}; a masked variable needs a one-line value of 8 or more letters, digits or + / = @ : . ~ - _.`,
  };
}

const headers = (call: RemoteCall) => GITLAB_HEADERS(call.credential);

async function read(c: GitLabVariableConfig, call: RemoteCall): Promise<Variable | null> {
  try {
    const answer = await call.http.send({
      endpoint: 'variables.get',
      method: 'GET',
      path: `${base(c)}/${encodeURIComponent(c.key)}`,
      query: { 'filter[environment_scope]': c.environmentScope },
      headers: headers(call),
      auth: 'credential',
      schema: Variable,
    });
    return answer.data;
  } catch (error) {
    // 404 for a missing variable; a missing project is 404 too, and the POST then says so.
    if (error instanceof HttpError && error.status === 404) return null;
    throw error;
  }
}

function parse(input: Record<string, unknown>): GitLabVariableConfig {
  const connectionId = requiredText(input, 'connectionId', 'the GitLab delivery connection');
  const scope = input.scope === 'project' || input.scope === 'group' ? input.scope : null;
  if (scope === null) throw invalidInput('Choose a project or a group.', 'scope');
  const path = requiredText(input, 'path', `the ${scope}’s id or full path`).replace(/^\/+|\/+$/g, '');
  if (!/^(?:\d+|[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)$/.test(path))
    throw invalidInput(`Enter the ${scope}’s numeric id or its full path, such as acme/web.`, 'path');
  const key = requiredText(input, 'key', 'the variable key');
  if (!/^[A-Za-z0-9_]{1,255}$/.test(key))
    throw invalidInput('A variable key has only letters, digits and underscores.', 'key');
  const environmentScope = optionalText(input, 'environmentScope') ?? '*';
  return { connectionId, scope, path, key, environmentScope, protectNew: input.protectNew === true };
}

async function deliver(
  c: GitLabVariableConfig,
  secret: string,
  context: DeliveryContext,
): Promise<DeliveryReceipt> {
  const call = remoteCall(context, PROVIDER, c.connectionId);
  try {
    const existing = await read(c, call);
    if (existing !== null) {
      const answer = await call.http.send({
        endpoint: 'variables.update',
        method: 'PUT',
        path: `${base(c)}/${encodeURIComponent(c.key)}`,
        json: { value: secret, filter: { environment_scope: c.environmentScope } },
        headers: headers(call),
        auth: 'credential',
        schema: Variable,
      });
      return { created: false, hidden: answer.data.hidden === true || answer.data.value === null };
    }
    const created = await call.http.send({
      endpoint: 'variables.create',
      method: 'POST',
      path: base(c),
      json: {
        key: c.key,
        value: secret,
        masked: true,
        protected: c.protectNew,
        environment_scope: c.environmentScope,
      },
      headers: headers(call),
      auth: 'credential',
      schema: Variable,
    });
    return { created: true, hidden: created.data.value === null };
  } catch (error) {
    throw retold(error, sentences(c));
  }
}

async function verify(
  c: GitLabVariableConfig,
  secret: string,
  receipt: DeliveryReceipt,
  context: DeliveryContext,
): Promise<VerifyOutcome> {
  const call = remoteCall(context, PROVIDER, c.connectionId);
  let now: Variable | null;
  try {
    now = await read(c, call);
  } catch (error) {
    throw retold(error, sentences(c));
  }
  if (now === null) return { verified: false, reason: `GitLab shows no variable ${c.key} in ${place(c)}.` };
  if (now.value === null)
    return receipt.hidden === true
      ? { verified: true }
      : { verified: false, reason: `GitLab no longer shows the value of ${c.key} in ${place(c)}.` };
  return sha256(now.value) === sha256(secret)
    ? { verified: true }
    : {
        verified: false,
        reason: `GitLab holds another value in ${c.key} of ${place(c)}: it was changed after this delivery.`,
      };
}

export const gitlabVariableKind: DeliveryTargetKind<GitLabVariableConfig> = {
  id: 'gitlab_variable',
  label: 'GitLab CI/CD variable',
  needsConnection: { provider: 'gitlab', label: 'GitLab delivery connection' },
  fields: [
    {
      key: 'scope',
      label: 'Variable of',
      type: 'choice',
      choices: [
        { value: 'project', label: 'A project' },
        { value: 'group', label: 'A group' },
      ],
      required: true,
    },
    {
      key: 'path',
      label: 'Project or group',
      placeholder: 'acme/web',
      help: 'Its full path or numeric id.',
      type: 'text',
      required: true,
    },
    { key: 'key', label: 'Variable key', placeholder: 'API_TOKEN', type: 'text', required: true },
    {
      key: 'environmentScope',
      label: 'Environment scope',
      placeholder: '*',
      help: 'Which variable of that key, when several exist for different environments.',
      type: 'text',
      required: false,
    },
    {
      key: 'protectNew',
      label: 'Protect the variable if Tokenkeeper creates it',
      help: 'An existing variable keeps its own masked and protected settings.',
      type: 'flag',
      required: false,
    },
  ],
  parse,
  describe: (c) => `${c.key} in GitLab CI/CD (${place(c)})`,
  deliver,
  verify,
};
