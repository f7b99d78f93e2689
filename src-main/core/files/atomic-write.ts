/**
 * The one atomic file writer (the kept `.ics` calendar, a delivery target's `.env`/JSON/YAML).
 * The new text goes to a temporary file in the SAME folder (a rename across file systems is a
 * copy), is flushed to disk (fsync), then replaces the file in one rename, and the folder is
 * flushed too: a reader never sees half a file, and a crash leaves either the old file or the
 * new one. The temporary file is created exclusively (`wx`), owner-only, then given the target's
 * mode and owner, so the replaced file keeps both. No backup is kept (for a delivery target it
 * would hold the old secret), and on any failure the temporary file is removed.
 *
 * `unchangedSince`: the SHA-256 of the text the caller read and edited. The file is read again
 * just before the rename and the write refused if it differs: someone else changed it meanwhile,
 * and renaming would silently drop their change.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sha256Hex = (text: string | Buffer): string =>
  crypto.createHash('sha256').update(text).digest('hex');

/** The file system calls the writer makes; tests replace one to simulate a full disk. */
export interface AtomicWriteIo {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, data: Buffer) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  readFileSync: (file: string) => Buffer;
}

const nodeIo: AtomicWriteIo = {
  openSync: fs.openSync,
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  readFileSync: (file) => fs.readFileSync(file),
};

export interface AtomicWriteOptions {
  /** The mode of the written file; by default the existing file's, or 0600 for a new one. */
  mode?: number;
  /** Refuse unless the file still holds exactly what was read (its SHA-256). */
  unchangedSince?: string;
  io?: Partial<AtomicWriteIo>;
}

/** Thrown when `unchangedSince` no longer matches: nothing was written. */
export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super('file changed by someone else meanwhile');
    this.name = 'FileChangedError';
  }
}

const posix = process.platform !== 'win32';

export function writeFileAtomically(target: string, content: string, options: AtomicWriteOptions = {}): void {
  const io = { ...nodeIo, ...options.io };
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const existing = statOrNull(target);
  const mode = options.mode ?? (existing === null ? 0o600 : existing.mode & 0o7777);
  let fd: number | null = null;
  try {
    fd = io.openSync(temp, 'wx', 0o600);
    const data = Buffer.from(content, 'utf8');
    // writeSync may write less than asked; a full disk throws ENOSPC from here or from fsync.
    for (let written = 0; written < data.length;) written += io.writeSync(fd, data.subarray(written));
    io.fsyncSync(fd);
    if (posix) {
      fs.fchmodSync(fd, mode);
      if (existing !== null && (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()))
        fs.fchownSync(fd, existing.uid, existing.gid);
    }
    io.closeSync(fd);
    fd = null;
    if (options.unchangedSince !== undefined) {
      const now = readOrNull(io, target);
      if (now === null || sha256Hex(now) !== options.unchangedSince) throw new FileChangedError(target);
    }
    io.renameSync(temp, target);
  } catch (error) {
    if (fd !== null) {
      try {
        io.closeSync(fd);
      } catch {
        // Closing a descriptor whose write failed; the removal below is what matters.
      }
    }
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dir);
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function readOrNull(io: AtomicWriteIo, file: string): Buffer | null {
  try {
    return io.readFileSync(file);
  } catch {
    return null;
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder for fsync. */
function syncFolder(dir: string): void {
  if (!posix) return;
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse a folder fsync; the rename has happened either way.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
