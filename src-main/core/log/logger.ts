/**
 * A small structured logger: one JSON object per line, redacted before it is written, appended
 * synchronously (a crash loses no line), and rotated by size (`app.log`, `app.1.log`, ...).
 * Hand-written rather than pino + a rotation transport because those write from a worker thread
 * or asynchronously, which loses the last lines on a crash, and redaction here is by pattern and
 * known value rather than by path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files';
import { redact, redactString } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  maxFiles?: number;
  level?: LogLevel;
  now?: () => number;
  /** Also write to stderr (development). */
  echo?: boolean;
}

/** The current log file in the log folder (the start-up error box names it). */
export const LOG_FILE_NAME = 'tokenkeeper.log';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

class RotatingFile {
  private size: number;
  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {
    ensurePrivateDir(path.dirname(file));
    ensurePrivateFile(file);
    this.size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  }

  append(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    fs.appendFileSync(this.file, line, { mode: 0o600 });
    this.size += bytes;
  }

  private rotate(): void {
    const { dir, name, ext } = path.parse(this.file);
    const numbered = (n: number) => path.join(dir, `${name}.${n}${ext}`);
    fs.rmSync(numbered(this.maxFiles - 1), { force: true });
    for (let n = this.maxFiles - 2; n >= 1; n--) {
      if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1));
    }
    fs.renameSync(this.file, numbered(1));
    this.size = 0;
  }
}

class JsonLogger implements Logger {
  constructor(
    private readonly sink: (line: string) => void,
    private readonly minLevel: number,
    private readonly now: () => number,
    private readonly bindings: Record<string, unknown>,
  ) {}

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < this.minLevel) return;
    const record = {
      time: new Date(this.now()).toISOString(),
      level,
      msg: redactString(message),
      ...(redact({ ...this.bindings, ...fields }) as Record<string, unknown>),
    };
    this.sink(`${JSON.stringify(record)}\n`);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new JsonLogger(this.sink, this.minLevel, this.now, { ...this.bindings, ...bindings });
  }
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const file = new RotatingFile(
    path.join(options.dir, options.fileName ?? LOG_FILE_NAME),
    options.maxBytes ?? 2 * 1024 * 1024,
    options.maxFiles ?? 5,
  );
  const echo = options.echo ?? false;
  return new JsonLogger(
    (line) => {
      file.append(line);
      if (echo) process.stderr.write(line);
    },
    LEVELS[options.level ?? 'info'],
    options.now ?? Date.now,
    {},
  );
}

/** Collects lines in memory (tests). */
export function createMemoryLogger(lines: string[] = []): Logger & { lines: string[] } {
  const logger = new JsonLogger((line) => lines.push(line), LEVELS.debug, Date.now, {});
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = new JsonLogger(() => undefined, Infinity, Date.now, {});
