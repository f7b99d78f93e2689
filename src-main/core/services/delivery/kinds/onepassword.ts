/**
 * Delivery kind `onepassword`: one field of a 1Password item, written through the official
 * 1Password CLI (`op`, version 2), signed in as the user already is (the desktop app's CLI
 * integration, or `OP_SERVICE_ACCOUNT_TOKEN` / `OP_SESSION_*` in Tokenkeeper's environment).
 *
 * The secret never reaches the CLI's arguments or environment (arguments land in shell history
 * and are visible to every process; 1Password's docs say to use a JSON template for sensitive
 * values). Deliver runs `op item get <item> --vault <vault> --format json`, sets the field's
 * `value` in that JSON (the item JSON template format), and pipes the whole item to
 * `op item edit <item-id> --vault <vault> --format json` on standard input. The docs describe
 * `op item edit --template <file>` and piping templates to `op item create`; they leave some
 * doubt whether every CLI 2 release reads an edit's template from standard input. We chose
 * standard input over a template file because a file would put the secret on disk; a CLI that
 * does not read it fails (non-zero exit) and changes nothing, and the target says so.
 * Verify runs `op item get` again and compares a SHA-256 of the field's value with the secret's.
 * The child's environment is minimal: PATH, the home and config folders the CLI needs, and the
 * user's own `OP_*` sign-in variables; never the delivered secret.
 */
import { AppError, invalidInput } from '../../../errors';
import { redactString } from '../../../log/redact';
import type {
  DeliveryContext,
  DeliveryReceipt,
  DeliveryTargetKind,
  SpawnPort,
  SpawnResult,
  VerifyOutcome,
} from '../target-kind';
import { optionalText, requiredText, sha256 } from './remote-call';

export interface OnePasswordConfig extends Record<string, unknown> {
  vault: string;
  item: string;
  /** The field's label (or id); `section.field` is not parsed: a section is its own setting. */
  field: string;
  section?: string;
  account?: string;
}

const TIMEOUT_MS = 30_000;
/** What the CLI needs to find its configuration and the desktop app; nothing else is passed on. */
const PASSED_ENV = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'XDG_CONFIG_HOME',
  'XDG_RUNTIME_DIR',
  'TMPDIR',
  'SystemRoot',
];

interface OpField {
  id?: string;
  label?: string;
  value?: string;
  section?: { id?: string; label?: string };
}
interface OpItem {
  id: string;
  fields: OpField[];
  [key: string]: unknown;
}

function childEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      PASSED_ENV.includes(name) ||
      /^OP_(?:ACCOUNT|SERVICE_ACCOUNT_TOKEN|SESSION_\w+|CONNECT_HOST|CONNECT_TOKEN|BIOMETRIC_UNLOCK_ENABLED|CONFIG_DIR)$/.test(
        name,
      )
    )
      env[name] = value;
  }
  return env;
}

const place = (c: OnePasswordConfig) =>
  `“${c.field}” of the 1Password item “${c.item}” in vault “${c.vault}”`;

function baseArgs(c: OnePasswordConfig, command: 'get' | 'edit', item: string): string[] {
  return [
    'item',
    command,
    item,
    '--vault',
    c.vault,
    ...(c.account === undefined ? [] : ['--account', c.account]),
    '--format',
    'json',
  ];
}

/** A failed run told as a sentence; the CLI's own words are shortened and redacted (the secret, if it ever echoed it, too). */
function failure(c: OnePasswordConfig, result: SpawnResult, secret: string | null): AppError {
  if (result.timedOut)
    return new AppError(
      'timeout',
      `The 1Password CLI did not finish within ${TIMEOUT_MS / 1000} seconds writing ${place(c)}. Unlock 1Password and retry.`,
    );
  let said = redactString(result.stderr).replace(/\s+/g, ' ').trim();
  if (secret !== null && secret !== '') said = said.split(secret).join('[redacted]');
  said = said.replace(/^\[ERROR\]\s*\S+\s+\S+\s*/, '').slice(0, 200);
  if (/not (?:currently )?signed in|session (?:has )?expired|authoriz|unlock/i.test(said))
    return new AppError(
      'unauthorized',
      `The 1Password CLI is not signed in. Sign in (op signin, or unlock the 1Password app with CLI integration on) and retry. It said: “${said}”`,
    );
  if (/isn't an item|isn't a vault|not found|no item/i.test(said))
    return new AppError('not_found', `1Password found no ${place(c)}. It said: “${said}”`);
  return new AppError(
    'provider_error',
    `The 1Password CLI failed (exit ${String(result.exitCode)}) on ${place(c)}.${said === '' ? '' : ` It said: “${said}”`}`,
  );
}

async function run(spawn: SpawnPort, args: string[], stdin: string): Promise<SpawnResult> {
  try {
    return await spawn.run({ file: 'op', args, stdin, env: childEnvironment(), timeoutMs: TIMEOUT_MS });
  } catch {
    throw new AppError(
      'not_supported',
      'The 1Password CLI (op) could not be started. Install it from 1Password and make sure it is on PATH.',
    );
  }
}

function parseItem(c: OnePasswordConfig, stdout: string): OpItem {
  let item: unknown;
  try {
    item = JSON.parse(stdout);
  } catch {
    throw new AppError(
      'malformed_response',
      `The 1Password CLI answered something other than an item for ${place(c)}.`,
    );
  }
  const candidate = item as Partial<OpItem> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.id !== 'string' ||
    !Array.isArray(candidate.fields)
  )
    throw new AppError(
      'malformed_response',
      `The 1Password CLI answered something other than an item for ${place(c)}.`,
    );
  return candidate as OpItem;
}

function fieldOf(c: OnePasswordConfig, item: OpItem): OpField {
  const matches = item.fields.filter(
    (f) =>
      (f.label === c.field || f.id === c.field) &&
      (c.section === undefined || f.section?.label === c.section || f.section?.id === c.section),
  );
  if (matches.length === 0)
    throw new AppError(
      'not_found',
      `The 1Password item “${c.item}” has no field “${c.field}”${c.section === undefined ? '' : ` in section “${c.section}”`}. Add the field in 1Password first.`,
    );
  if (matches.length > 1)
    throw invalidInput(
      `The 1Password item “${c.item}” has several fields “${c.field}”: name the section too.`,
      'section',
    );
  return matches[0] as OpField;
}

async function readItem(c: OnePasswordConfig, spawn: SpawnPort): Promise<OpItem> {
  const result = await run(spawn, baseArgs(c, 'get', c.item), '');
  if (result.exitCode !== 0 || result.timedOut) throw failure(c, result, null);
  return parseItem(c, result.stdout);
}

function spawnOf(context: DeliveryContext): SpawnPort {
  if (context.spawn === undefined)
    throw new AppError(
      'not_supported',
      'This delivery needs to run the 1Password CLI, which is not available here.',
    );
  return context.spawn;
}

function parse(input: Record<string, unknown>): OnePasswordConfig {
  const config: OnePasswordConfig = {
    vault: requiredText(input, 'vault', 'the vault'),
    item: requiredText(input, 'item', 'the item’s name or id'),
    field: requiredText(input, 'field', 'the field’s label'),
  };
  const section = optionalText(input, 'section');
  if (section !== undefined) config.section = section;
  const account = optionalText(input, 'account');
  if (account !== undefined) config.account = account;
  // An argument starting with "-" would be read as an option by the CLI.
  for (const key of ['vault', 'item', 'account'] as const) {
    const value = config[key];
    if (value !== undefined && value.startsWith('-'))
      throw invalidInput('A name here may not start with “-”.', key);
  }
  return config;
}

async function deliver(
  c: OnePasswordConfig,
  secret: string,
  context: DeliveryContext,
): Promise<DeliveryReceipt> {
  const spawn = spawnOf(context);
  const item = await readItem(c, spawn);
  const field = fieldOf(c, item);
  field.value = secret;
  const result = await run(spawn, baseArgs(c, 'edit', item.id), JSON.stringify(item));
  if (result.exitCode !== 0 || result.timedOut) throw failure(c, result, secret);
  return { itemId: item.id, fieldId: field.id ?? null };
}

async function verify(
  c: OnePasswordConfig,
  secret: string,
  receipt: DeliveryReceipt,
  context: DeliveryContext,
): Promise<VerifyOutcome> {
  const spawn = spawnOf(context);
  const itemRef = typeof receipt.itemId === 'string' ? receipt.itemId : c.item;
  const result = await run(spawn, baseArgs(c, 'get', itemRef), '');
  if (result.exitCode !== 0 || result.timedOut) throw failure(c, result, null);
  const value = fieldOf(c, parseItem(c, result.stdout)).value;
  if (typeof value === 'string' && sha256(value) === sha256(secret)) return { verified: true };
  return { verified: false, reason: `1Password holds another value in ${place(c)}.` };
}

export const onePasswordKind: DeliveryTargetKind<OnePasswordConfig> = {
  id: 'onepassword',
  label: '1Password item field',
  needsConnection: null,
  fields: [
    { key: 'vault', label: 'Vault', placeholder: 'Engineering', type: 'text', required: true },
    {
      key: 'item',
      label: 'Item',
      placeholder: 'Deploy token',
      help: 'Its name or id.',
      type: 'text',
      required: true,
    },
    {
      key: 'field',
      label: 'Field',
      placeholder: 'credential',
      help: 'The field’s label; it must exist already.',
      type: 'text',
      required: true,
    },
    {
      key: 'section',
      label: 'Section',
      help: 'Only when the item has several fields of that label.',
      type: 'text',
      required: false,
    },
    {
      key: 'account',
      label: 'Account',
      help: 'Only when the CLI is signed in to several accounts (e.g. my.1password.com).',
      type: 'text',
      required: false,
    },
  ],
  parse,
  describe: (c) => `${c.field} of ${c.item} in 1Password (${c.vault})`,
  deliver,
  verify,
};
