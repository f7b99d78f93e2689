/**
 * The data folder and what the app writes into it are the user's alone on POSIX: the folder
 * 0700, the database (with its -wal and -shm), logs and manifests 0600. Metadata is not secret,
 * but it says which systems the user holds keys to, and other accounts on a shared machine have
 * no business reading it. Modes are set explicitly rather than trusted to the umask, and files
 * from an earlier version that were created more open are tightened when next opened. Windows
 * has no POSIX modes (the profile folder's ACLs already keep other users out).
 */
import fs from 'node:fs';

const posix = process.platform !== 'win32';

/** Creates `dir` if needed and makes it owner-only (0700). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (posix) fs.chmodSync(dir, 0o700);
}

/**
 * Creates `file` empty if it does not exist, owner-only (0600), and tightens it if it exists.
 * SQLite gives a database's -wal and -shm files the database file's own mode, so creating the
 * database this way before opening it covers those too; existing ones are tightened here.
 */
export function ensurePrivateFile(file: string, companions: readonly string[] = []): void {
  if (!posix) return;
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  for (const suffix of companions) {
    if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  }
}
