/**
 * A file-backed key/value store shaped like electron-store (which imports electron, so it cannot
 * run here): one JSON file, read at start, rewritten whole on every change through a temporary
 * file and a rename (as electron-store's `conf` does), mode 0600. The shell's
 * SafeStorageCredentialStore writes through it exactly as it writes through electron-store.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueFile } from '../../src-main/shell/credential-store';

export class JsonFileStore implements KeyValueFile {
  private data: Record<string, unknown>;

  constructor(readonly file: string) {
    this.data = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
      : {};
  }

  get(key: string): unknown {
    return this.data[key];
  }
  has(key: string): boolean {
    return Object.hasOwn(this.data, key);
  }
  set(key: string, value: unknown): void {
    this.data = { ...this.data, [key]: value };
    this.flush();
  }
  delete(key: string): void {
    const { [key]: _removed, ...rest } = this.data;
    this.data = rest;
    this.flush();
  }

  private flush(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(this.data, null, '\t')}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
