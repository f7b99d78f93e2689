/**
 * The command kind: an executable and its arguments, run without a shell, the new secret written
 * to its standard input (then closed), a minimal environment (PATH, HOME or USERPROFILE, LANG;
 * never the secret), a timeout. Exit status 0 is success and is the verification: the command
 * is the one that knows whether its consumer took the secret. Its output is kept short, scrubbed
 * of the secret, and shown only when it failed.
 */
import path from 'node:path';
import { AppError, invalidInput } from '../../../errors';
import type { DeliveryTargetKind, SpawnPort } from '../target-kind';

export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 30;
export const MAX_COMMAND_TIMEOUT_SECONDS = 600;
const MAX_ARGS = 32;
const ENV_KEYS = ['PATH', 'HOME', 'USERPROFILE', 'LANG'] as const;

export interface CommandTargetConfig extends Record<string, unknown> {
  file: string;
  args: string[];
  timeoutSeconds: number;
}

/** The whole environment a command gets: only these, from Tokenkeeper's own. */
export function minimalEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = source[key];
    if (typeof value === 'string' && value !== '') env[key] = value;
  }
  return env;
}

function argsOf(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\n') : null;
  if (list === null || list.some((a) => typeof a !== 'string'))
    throw invalidInput('Give the arguments one per line.', 'args');
  const args = (list as string[]).map((a) => a.trim()).filter((a) => a !== '');
  if (args.length > MAX_ARGS) throw invalidInput(`At most ${MAX_ARGS} arguments.`, 'args');
  if (args.some((a) => a.length > 1000 || a.includes('\0')))
    throw invalidInput('An argument is too long.', 'args');
  return args;
}

function timeoutOf(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_COMMAND_TIMEOUT_SECONDS;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_COMMAND_TIMEOUT_SECONDS)
    throw invalidInput(
      `The timeout is whole seconds from 1 to ${MAX_COMMAND_TIMEOUT_SECONDS}.`,
      'timeoutSeconds',
    );
  return n;
}

/** A command's output, short and without the secret, for a failure message. */
function excerpt(output: string, secret: string): string {
  const clean = output.split(secret).join('[secret]').replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

export function commandKind(
  options: { env?: () => Record<string, string> } = {},
): DeliveryTargetKind<CommandTargetConfig> {
  const environment = options.env ?? (() => minimalEnvironment());
  const kind: DeliveryTargetKind<CommandTargetConfig> = {
    id: 'command',
    label: 'Command',
    needsConnection: null,
    fields: [
      {
        key: 'file',
        label: 'Program',
        type: 'path',
        required: true,
        help: 'Run without a shell; it reads the new token on standard input.',
      },
      { key: 'args', label: 'Arguments (one per line)', type: 'list', required: false },
      {
        key: 'timeoutSeconds',
        label: 'Timeout (seconds)',
        type: 'text',
        required: false,
        placeholder: String(DEFAULT_COMMAND_TIMEOUT_SECONDS),
      },
    ],

    parse(input) {
      const file = typeof input.file === 'string' ? input.file.trim() : '';
      if (file === '' || !path.isAbsolute(file))
        throw invalidInput('Pick the program to run (its full path).', 'file');
      return {
        file: path.normalize(file),
        args: argsOf(input.args),
        timeoutSeconds: timeoutOf(input.timeoutSeconds),
      };
    },

    // One line: program and arguments by their names; the full paths are in the target's form.
    describe: (config) =>
      [config.file, ...config.args].map((a) => (path.isAbsolute(a) ? path.basename(a) : a)).join(' '),

    async deliver(config, secret, context) {
      const where = `“${kind.describe(config)}”`;
      const spawn: SpawnPort | undefined = context.spawn;
      if (spawn === undefined) throw new AppError('not_supported', 'Commands cannot run here.');
      // A secret typed into the command line would reach argv, where every process can read it.
      if ([config.file, ...config.args].some((a) => a.includes(secret)))
        throw invalidInput(
          `${where}: the command line holds the token itself; it may only read it on standard input.`,
        );
      let result;
      try {
        result = await spawn.run({
          file: config.file,
          args: config.args,
          stdin: `${secret}\n`,
          env: environment(),
          timeoutMs: config.timeoutSeconds * 1000,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        throw new AppError(
          code === 'EACCES' ? 'forbidden' : 'not_found',
          code === 'EACCES'
            ? `${where} may not be run (not executable).`
            : `${where} could not be started: the program is not there.`,
        );
      }
      if (result.timedOut)
        throw new AppError(
          'timeout',
          `${where} did not finish within ${config.timeoutSeconds} s and was stopped.`,
        );
      if (result.exitCode !== 0) {
        const said = excerpt(result.stderr || result.stdout, secret);
        throw new AppError(
          'provider_error',
          `${where} failed (exit status ${result.exitCode ?? 'none'})${said === '' ? '.' : `: ${said}`}`,
        );
      }
      return { exitCode: 0 };
    },

    async verify(_config, _secret, receipt) {
      return receipt.exitCode === 0
        ? { verified: true }
        : { verified: false, reason: 'The command did not succeed.' };
    },
  };
  return kind;
}

export const commandTargetKind = commandKind();
