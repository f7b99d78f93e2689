/**
 * The file kind: the key gets the new secret and nothing else in the file changes (comments in
 * YAML, the indentation of JSON, the other lines of a .env); the file keeps its mode; the write
 * is refused when the file changed meanwhile, and a full disk leaves the old file and no
 * temporary file beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKind, fileTargetKind } from '../../../src-main/core/services/delivery/kinds/file';
import { systemClock } from '../../../src-main/core/ports';
import { tempDir } from '../helpers';

const SECRET = 'mt_new_8f2e0c1d9a7b4e6f';
const context = { clock: systemClock };

function fileWith(name: string, content: string, mode = 0o640): string {
  const dir = tempDir('tk-delivery-file-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
  return file;
}

const siblings = (file: string) => fs.readdirSync(path.dirname(file)).sort();

describe('file delivery target', () => {
  it('replaces a .env line, keeps the other lines, the export prefix and the mode, and verifies', async () => {
    const file = fileWith('.env', '# mail\nexport MAILTRAP_TOKEN="old-value"\nOTHER=1\n', 0o640);
    const config = fileTargetKind.parse({ path: file, format: 'env', key: 'MAILTRAP_TOKEN' });
    const receipt = await fileTargetKind.deliver(config, SECRET, context);
    expect(fs.readFileSync(file, 'utf8')).toBe(`# mail\nexport MAILTRAP_TOKEN="${SECRET}"\nOTHER=1\n`);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(await fileTargetKind.verify(config, SECRET, receipt, context)).toEqual({ verified: true });
    expect(await fileTargetKind.verify(config, 'another', receipt, context)).toMatchObject({
      verified: false,
    });
    expect(siblings(file)).toEqual(['.env']);
    expect(JSON.stringify(receipt)).not.toContain(SECRET);
  });

  it('appends a missing .env key', async () => {
    const file = fileWith('.env', 'A=1');
    await fileTargetKind.deliver(
      fileTargetKind.parse({ path: file, format: 'env', key: 'TOKEN' }),
      SECRET,
      context,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(`A=1\nTOKEN=${SECRET}\n`);
  });

  it('sets a JSON key path keeping the indentation, and a YAML key path keeping its comments', async () => {
    const json = fileWith('app.json', '{\n    "name": "app",\n    "mail": { "token": "old" }\n}\n');
    await fileTargetKind.deliver(
      fileTargetKind.parse({ path: json, format: 'json', key: 'mail.token' }),
      SECRET,
      context,
    );
    expect(fs.readFileSync(json, 'utf8')).toBe(
      `{\n    "name": "app",\n    "mail": {\n        "token": "${SECRET}"\n    }\n}\n`,
    );
    const yaml = fileWith(
      'app.yaml',
      '# deployment\nmail:\n  # rotated by Tokenkeeper\n  token: old\nreplicas: 2\n',
    );
    const config = fileTargetKind.parse({ path: yaml, format: 'yaml', key: 'mail.token' });
    const receipt = await fileTargetKind.deliver(config, SECRET, context);
    expect(fs.readFileSync(yaml, 'utf8')).toBe(
      `# deployment\nmail:\n  # rotated by Tokenkeeper\n  token: ${SECRET}\nreplicas: 2\n`,
    );
    expect(await fileTargetKind.verify(config, SECRET, receipt, context)).toEqual({ verified: true });
  });

  it('refuses a malformed JSON file and leaves it as it is', async () => {
    const file = fileWith('app.json', '{ "mail": ');
    const config = fileTargetKind.parse({ path: file, format: 'json', key: 'mail.token' });
    await expect(fileTargetKind.deliver(config, SECRET, context)).rejects.toThrow('not valid JSON');
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "mail": ');
  });

  it('refuses when the file changed between reading and replacing it, leaving their change and no temp file', async () => {
    const file = fileWith('.env', 'TOKEN=old\n');
    const kind = fileKind({
      io: {
        renameSync: (from, to) => fs.renameSync(from, to),
        readFileSync: (f) => {
          // Someone saves the file while Tokenkeeper prepares its copy.
          fs.writeFileSync(f, 'TOKEN=old\nADDED=by-someone\n');
          return fs.readFileSync(f);
        },
      },
    });
    const config = kind.parse({ path: file, format: 'env', key: 'TOKEN' });
    await expect(kind.deliver(config, SECRET, context)).rejects.toThrow(
      'file changed by someone else meanwhile',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('TOKEN=old\nADDED=by-someone\n');
    expect(siblings(file)).toEqual(['.env']);
  });

  it('on a full disk (ENOSPC) leaves the old file and no temporary file holding the secret', async () => {
    const file = fileWith('.env', 'TOKEN=old\n');
    const kind = fileKind({
      io: {
        writeSync: () => {
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      },
    });
    const config = kind.parse({ path: file, format: 'env', key: 'TOKEN' });
    await expect(kind.deliver(config, SECRET, context)).rejects.toThrow('the disk is full');
    expect(fs.readFileSync(file, 'utf8')).toBe('TOKEN=old\n');
    expect(siblings(file)).toEqual(['.env']);
  });

  it('says so when the file is gone, and refuses bad forms with a sentence', async () => {
    const file = path.join(tempDir('tk-delivery-file-'), '.env');
    const config = fileTargetKind.parse({ path: file, format: 'env', key: 'TOKEN' });
    await expect(fileTargetKind.deliver(config, SECRET, context)).rejects.toThrow('not there any more');
    expect(() => fileTargetKind.parse({ path: 'relative/.env', format: 'env', key: 'T' })).toThrow(
      'Pick the file',
    );
    expect(() => fileTargetKind.parse({ path: file, format: 'toml', key: 'T' })).toThrow('format');
    expect(() => fileTargetKind.parse({ path: file, format: 'env', key: '1 BAD' })).toThrow('.env key');
    expect(() => fileTargetKind.parse({ path: file, format: 'yaml', key: 'a..b' })).toThrow('key path');
  });
});
