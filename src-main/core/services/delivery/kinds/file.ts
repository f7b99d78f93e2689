/**
 * The file kind: a `.env` line, or a JSON or YAML key path, in a file the user picked (a native
 * dialog). Replaced atomically (files/atomic-write.ts: beside, fsync, rename, same mode and
 * owner, no backup, no temporary file left on failure), and refused when the file changed
 * between our read and our rename. Verified by reading the file again: its hash is the one we
 * wrote and the key holds the new secret (compared by hash).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, invalidInput } from '../../../errors';
import {
  FileChangedError,
  sha256Hex,
  writeFileAtomically,
  type AtomicWriteIo,
} from '../../../files/atomic-write';
import type { DeliveryTargetKind } from '../target-kind';
import { ENV_KEY_PATTERN, getValue, setValue, type FileFormat } from './file-formats';

/** A config file larger than this is not one Tokenkeeper edits. */
export const MAX_TARGET_FILE_BYTES = 1024 * 1024;

export interface FileTargetConfig extends Record<string, unknown> {
  path: string;
  format: FileFormat;
  key: string;
}

const FORMATS: readonly { value: FileFormat; label: string }[] = [
  { value: 'env', label: '.env line (KEY=value)' },
  { value: 'json', label: 'JSON key path' },
  { value: 'yaml', label: 'YAML key path' },
];

const text = (input: Record<string, unknown>, key: string): string =>
  typeof input[key] === 'string' ? input[key].trim() : '';

function read(file: string, where: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('not_found', `${where}: the file is not there any more. Pick it again.`);
  }
  if (!stat.isFile()) throw invalidInput(`${where}: this is not a regular file.`);
  if (stat.size > MAX_TARGET_FILE_BYTES)
    throw invalidInput(`${where}: the file is larger than 1 MB; Tokenkeeper does not edit it.`);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw ioError(error, where);
  }
}

function ioError(error: unknown, where: string): AppError {
  if (error instanceof FileChangedError)
    return new AppError(
      'conflict',
      `${where}: file changed by someone else meanwhile. It was left as it is.`,
    );
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('internal', `${where}: the disk is full. The file was left as it is.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError(
      'forbidden',
      `${where}: Tokenkeeper may not write this file or its folder. The file was left as it is.`,
    );
  if (code === 'ENOENT')
    return new AppError('not_found', `${where}: the file or its folder is not there any more.`);
  return new AppError(
    'internal',
    `${where}: the file could not be written (${code ?? 'unknown error'}). It was left as it is.`,
  );
}

export function fileKind(
  options: { io?: Partial<AtomicWriteIo> } = {},
): DeliveryTargetKind<FileTargetConfig> {
  const kind: DeliveryTargetKind<FileTargetConfig> = {
    id: 'file',
    label: 'File on this computer',
    needsConnection: null,
    fields: [
      {
        key: 'path',
        label: 'File',
        type: 'path',
        required: true,
        help: 'The file is replaced atomically; its mode and owner are kept.',
      },
      { key: 'format', label: 'Format', type: 'choice', choices: FORMATS, required: true },
      {
        key: 'key',
        label: 'Key',
        type: 'text',
        required: true,
        placeholder: 'API_TOKEN or services.mail.token',
      },
    ],

    parse(input) {
      const file = text(input, 'path');
      const format = text(input, 'format');
      const key = text(input, 'key');
      if (file === '' || !path.isAbsolute(file)) throw invalidInput('Pick the file to update.', 'path');
      const known = FORMATS.find((f) => f.value === format)?.value;
      if (known === undefined) throw invalidInput('Choose the file’s format.', 'format');
      if (key === '' || key.length > 200) throw invalidInput('Give the key the token goes under.', 'key');
      if (format === 'env' && !ENV_KEY_PATTERN.test(key))
        throw invalidInput(
          'A .env key is letters, digits and underscores, not starting with a digit.',
          'key',
        );
      if (format !== 'env' && key.split('.').some((part) => part === ''))
        throw invalidInput('A key path is names separated by dots, e.g. services.mail.token.', 'key');
      return { path: path.normalize(file), format: known, key };
    },

    describe: (config) => `${config.key} in ${config.path}`,

    async deliver(config, secret) {
      const where = kind.describe(config);
      if (/[\r\n\0]/.test(secret)) throw invalidInput(`${where}: this secret cannot be written on one line.`);
      const before = read(config.path, where);
      const next = setValue(config.format, before.toString('utf8'), config.key, secret);
      try {
        writeFileAtomically(config.path, next, {
          unchangedSince: sha256Hex(before),
          ...(options.io === undefined ? {} : { io: options.io }),
        });
      } catch (error) {
        throw ioError(error, where);
      }
      return { sha256: sha256Hex(next) };
    },

    async verify(config, secret, receipt) {
      const where = kind.describe(config);
      let now: Buffer;
      try {
        now = read(config.path, where);
      } catch (error) {
        return {
          verified: false,
          reason: error instanceof AppError ? error.message : `${where}: unreadable.`,
        };
      }
      if (sha256Hex(now) !== receipt.sha256)
        return { verified: false, reason: `${where}: file changed by someone else meanwhile.` };
      const value = getValue(config.format, now.toString('utf8'), config.key);
      if (typeof value !== 'string' || sha256Hex(value) !== sha256Hex(secret))
        return { verified: false, reason: `${where}: the key does not hold the new token.` };
      return { verified: true };
    },
  };
  return kind;
}

export const fileTargetKind = fileKind();
