/**
 * Import of tracked tokens through the contract: a CSV chosen in the (fake) native dialog is
 * previewed with a guessed mapping and imported in one transaction with its annotations; a secret
 * anywhere, a malformed row, a bad date, a 10 MB file or broken JSON imports nothing and says
 * why; the app's own JSON export restores its tracked tokens into a fresh database, each into the
 * connection it came from where that connection is here, and a second restore doubles nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult, TokenPage } from '../../../src-preload/contract';
import { addTrackedConnection, makeCore, type TestCore } from '../helpers';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function call<T>(tc: TestCore, channel: string, payload: unknown): Promise<T> {
  const result = await tc.core.call(channel, payload);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
  return result.value as T;
}
async function refused(tc: TestCore, channel: string, payload: unknown) {
  const result = await tc.core.call(channel, payload);
  if (result.ok) throw new Error(`expected ${channel} to fail`);
  return result.error;
}
const tokenCount = (tc: TestCore) =>
  (tc.core.context.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;

const CSV = [
  'Token name,Expires,Account,Notes,Tags,Owner,Used by',
  'CRM export,2027-01-31,Acme,"Nightly, via cron",crm;nightly,data@acme.test,cron on db-1; vault/kv/crm',
  'Billing hook,,Acme,,billing,,',
].join('\r\n');

async function setUp() {
  t = makeCore();
  const connection = await addTrackedConnection(t.core, 'mailtrap', 'Hand-tracked');
  return { tc: t, connection };
}

describe('import', () => {
  it('previews a CSV with a guessed mapping, then imports every row with its annotation in one go', async () => {
    const { tc, connection } = await setUp();
    tc.fakes.system.nextOpenFile = { name: 'tokens.csv', content: CSV };
    const preview = await call<ImportPreview>(tc, 'chooseImportFile', undefined);
    expect(preview).toMatchObject({ format: 'csv', restore: false, rowCount: 2, fileName: 'tokens.csv' });
    expect(preview.mapping).toEqual({
      name: 'Token name',
      accountName: 'Account',
      last4: null,
      createdAt: null,
      expiresAt: 'Expires',
      note: 'Notes',
      tags: 'Tags',
      owner: 'Owner',
      usedBy: 'Used by',
    });
    expect(tokenCount(tc)).toBe(0);
    const result = await call<ImportResult>(tc, 'commitImport', {
      importId: preview.importId,
      connectionId: connection.id,
      mapping: preview.mapping,
    });
    expect(result).toEqual({ imported: 2, errors: [] });
    const rows = (await call<TokenPage>(tc, 'listTokens', { offset: 0, limit: 10, tags: ['crm'] })).rows;
    expect(rows.map((r) => [r.name, r.origin, r.expiresAt])).toEqual([
      ['CRM export', 'tracked', Date.UTC(2027, 0, 31)],
    ]);
    expect(await call(tc, 'getAnnotation', { tokenId: rows[0]!.id })).toEqual({
      note: 'Nightly, via cron',
      tags: ['crm', 'nightly'],
      owner: 'data@acme.test',
      usedBy: ['cron on db-1', 'vault/kv/crm'],
    });
  });

  it('refuses the whole file when any cell looks like a secret, naming the row, never the value', async () => {
    const { tc } = await setUp();
    const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    tc.fakes.system.nextOpenFile = {
      name: 'tokens.csv',
      content: `${CSV}\r\nLeaky,2027-01-01,Acme,${secret},,,`,
    };
    const error = await refused(tc, 'chooseImportFile', undefined);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Row 4 holds a value shaped like a token secret (column “Notes”). Tokenkeeper keeps no secrets, so nothing was imported: remove it from the file and import again.',
    );
    expect(error.message).not.toContain(secret);
    expect(tokenCount(tc)).toBe(0);
  });

  it('imports nothing when one row is malformed or has a bad date, and names each such row', async () => {
    const { tc, connection } = await setUp();
    tc.fakes.system.nextOpenFile = {
      name: 'tokens.csv',
      content: `${CSV}\r\nShort row,2027-01-01\r\nBad date,31/01/2027,Acme,,,,`,
    };
    const preview = await call<ImportPreview>(tc, 'chooseImportFile', undefined);
    const result = await call<ImportResult>(tc, 'commitImport', {
      importId: preview.importId,
      connectionId: connection.id,
      mapping: preview.mapping,
    });
    expect(result).toEqual({
      imported: 0,
      errors: [
        { row: 'Row 4', message: 'It has 2 fields; the header has 7.' },
        { row: 'Row 5', message: 'The expiry “31/01/2027” is not a date (use 2026-12-31).' },
      ],
    });
    expect(tokenCount(tc)).toBe(0);
  });

  it('says so for a file over 10 MB, and for JSON that does not parse', async () => {
    const { tc } = await setUp();
    tc.fakes.system.nextOpenFile = { name: 'huge.csv', content: `name\r\n${'x'.repeat(10 * 1024 * 1024)}` };
    expect((await refused(tc, 'chooseImportFile', undefined)).message).toBe(
      '“huge.csv” is 10.0 MB; Tokenkeeper imports files up to 10.0 MB. Nothing was imported.',
    );
    tc.fakes.system.nextOpenFile = { name: 'broken.json', content: '{"tokens": [' };
    expect((await refused(tc, 'chooseImportFile', undefined)).message).toBe(
      '“broken.json” is not valid JSON, so nothing was imported. Check the file and try again.',
    );
    expect(tokenCount(tc)).toBe(0);
  });

  it('restores the app’s own JSON export into a fresh database: tracked tokens and their annotations', async () => {
    const { tc, connection } = await setUp();
    tc.fakes.system.nextOpenFile = { name: 'tokens.csv', content: CSV };
    const preview = await call<ImportPreview>(tc, 'chooseImportFile', undefined);
    await call(tc, 'commitImport', {
      importId: preview.importId,
      connectionId: connection.id,
      mapping: preview.mapping,
    });
    await call(tc, 'exportMetadata', { format: 'json' });
    const exported = tc.fakes.system.saved.at(-1)!.request.content;

    const fresh = makeCore();
    try {
      const target = await addTrackedConnection(fresh.core, 'mailtrap', 'Hand-tracked');
      fresh.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content: exported };
      const restore = await call<ImportPreview>(fresh, 'chooseImportFile', undefined);
      expect(restore).toMatchObject({ format: 'json', restore: true, rowCount: 2 });
      expect(restore.mapping).toMatchObject({
        name: 'name',
        expiresAt: 'expires_at',
        tags: 'tags',
        usedBy: 'used_by',
      });
      expect(
        await call<ImportResult>(fresh, 'commitImport', {
          importId: restore.importId,
          connectionId: target.id,
          mapping: restore.mapping,
        }),
      ).toEqual({
        imported: 2,
        errors: [],
        alreadyHere: 0,
        restoredAnnotations: { attached: 0, waiting: 0 },
      });
      const rows = (
        await call<TokenPage>(fresh, 'listTokens', { offset: 0, limit: 10, owners: ['data@acme.test'] })
      ).rows;
      expect(rows.map((r) => r.name)).toEqual(['CRM export']);
      expect(await call(fresh, 'getAnnotation', { tokenId: rows[0]!.id })).toMatchObject({
        tags: ['crm', 'nightly'],
        usedBy: ['cron on db-1', 'vault/kv/crm'],
      });
    } finally {
      await fresh.close();
    }
  });

  it('a restore puts each tracked token back into its own connection, and restoring twice doubles nothing', async () => {
    const { tc, connection } = await setUp();
    const workspace = await addTrackedConnection(tc.core, 'smenso', 'Acme workspace');
    const gone = await addTrackedConnection(tc.core, 'smenso', 'Old workspace');
    const track = (connectionId: string, name: string, last4: string) =>
      call(tc, 'addTrackedToken', {
        connectionId,
        name,
        accountName: 'Acme',
        last4,
        createdAt: Date.UTC(2026, 10, 1),
        expiresAt: Date.UTC(2027, 5, 1),
        note: null,
      });
    await track(connection.id, 'Mail relay', 'aaaa');
    await track(workspace.id, 'CRM Integration', 'bbbb');
    await track(gone.id, 'Reporting connector', 'cccc');
    await call(tc, 'exportMetadata', { format: 'json' });
    const exported = tc.fakes.system.saved.at(-1)!.request.content;

    const fresh = makeCore();
    try {
      // The fresh database has two of the three connections, under the same names, and one more.
      const hand = await addTrackedConnection(fresh.core, 'mailtrap', 'Hand-tracked');
      const acme = await addTrackedConnection(fresh.core, 'smenso', 'Acme workspace');
      const chosen = await addTrackedConnection(fresh.core, 'smenso', 'Restored');
      const restore = async () => {
        fresh.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content: exported };
        const preview = await call<ImportPreview>(fresh, 'chooseImportFile', undefined);
        return call<ImportResult>(fresh, 'commitImport', {
          importId: preview.importId,
          connectionId: chosen.id,
          mapping: preview.mapping,
        });
      };
      expect(await restore()).toMatchObject({ imported: 3, errors: [], alreadyHere: 0 });
      const where = async () =>
        Object.fromEntries(
          (await call<TokenPage>(fresh, 'listTokens', { offset: 0, limit: 10 })).rows.map((r) => [
            r.name,
            r.connectionId,
          ]),
        );
      const placed = { 'Mail relay': hand.id, 'CRM Integration': acme.id, 'Reporting connector': chosen.id };
      expect(await where()).toEqual(placed);

      expect(await restore()).toMatchObject({ imported: 0, errors: [], alreadyHere: 3 });
      expect(tokenCount(fresh)).toBe(3);
      expect(await where()).toEqual(placed);
    } finally {
      await fresh.close();
    }
  });
});
