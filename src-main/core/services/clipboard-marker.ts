/**
 * Remembers, across a crash, that the clipboard may still hold a secret Tokenkeeper copied: if the
 * app dies (killed, crashed, the power went) before its timer cleared the clipboard, the next
 * start clears it, but only if it still holds that secret. Only a salted SHA-256 of the secret is
 * written (a file of its own, 0600), never the secret: enough to recognise it, useless to recover
 * it. The salt is fresh for every copy, so two copies of one secret leave unrelated files.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

export interface ClipboardMarker {
  /** The clipboard now holds `text` (a secret we copied). */
  remember(text: string): void;
  /** Nothing of ours is on the clipboard any more. */
  forget(): void;
  /** Whether a mark was left behind (by this run or an earlier one). */
  pending(): boolean;
  /** Whether `text` is the secret the mark was left for. */
  matches(text: string): boolean;
}

const Mark = z.strictObject({
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const digest = (salt: string, text: string) =>
  createHash('sha256').update(Buffer.from(salt, 'hex')).update(text, 'utf8').digest();

export function fileClipboardMarker(file: string): ClipboardMarker {
  const read = () => {
    try {
      return Mark.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      return null;
    }
  };
  return {
    remember(text) {
      const salt = randomBytes(16).toString('hex');
      const mark = { salt, sha256: digest(salt, text).toString('hex') };
      const temp = `${file}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(mark), { mode: 0o600 });
      fs.renameSync(temp, file);
    },
    forget() {
      fs.rmSync(file, { force: true });
    },
    pending: () => fs.existsSync(file),
    matches(text) {
      const mark = read();
      return mark !== null && timingSafeEqual(digest(mark.salt, text), Buffer.from(mark.sha256, 'hex'));
    },
  };
}

/** For a vault that need not survive a crash (unit tests of other parts). */
export function memoryClipboardMarker(): ClipboardMarker {
  let hash: string | null = null;
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  return {
    remember: (text) => void (hash = sha(text)),
    forget: () => void (hash = null),
    pending: () => hash !== null,
    matches: (text) => hash !== null && sha(text) === hash,
  };
}
