/**
 * Import of hand-tracked tokens from CSV or JSON, and restore of Tokenkeeper's own JSON export:
 * the user chooses the file in the native dialog (main reads it; the window never sees a path),
 * sees a preview with the column each field is read from, changes the mapping, and commits. Every
 * row is checked first; one bad row means nothing is imported and each bad row is named. The rows
 * go in one transaction. A restore brings back the hand-tracked tokens with their annotations,
 * each into the tracked connection of its provider and label where there is one (the chosen
 * connection takes the rest), and leaves out those already there, so restoring twice doubles
 * nothing. API tokens come back when their connection syncs, and their annotations are attached
 * to them (now, or by that sync: annotation-restore.ts).
 */
import type {
  Annotation,
  ImportMapping,
  ImportPreview,
  ImportResult,
  ProviderDescriptor,
} from '../../../../src-preload/contract';
import { Annotation as AnnotationSchema, TrackedTokenInput } from '../../../../src-preload/contract';
import type { CoreContext } from '../../context';
import type { ConnectionRecord } from '../../db/repositories/connections';
import { newId } from '../../ids';
import { invalidInput, notFound } from '../../errors';
import { normalizeAnnotation } from '../annotations';
import { requireConnection, trackedRecord, validateTracked, type TrackedFields } from '../tokens';
import { restoreApiAnnotations, type RestoredAnnotations } from './annotation-restore';
import {
  MAX_IMPORT_BYTES,
  guessMapping,
  listOf,
  parseImportFile,
  tooLarge,
  type ParsedFile,
} from './parse-file';

const SAMPLE_ROWS = 5;
/** A chosen file is held until committed, or for this long. */
const HOLD_MS = 30 * 60_000;

interface Held {
  name: string;
  file: ParsedFile;
  at: number;
}

/** Dates as exports and spreadsheets write them: ISO 8601, or a calendar day (UTC midnight). */
function parseDate(text: string): number | null | 'invalid' {
  const value = text.trim();
  if (value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return 'invalid';
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? 'invalid' : ms;
}

export class TokenImport {
  private readonly held = new Map<string, Held>();

  constructor(private readonly ctx: CoreContext) {}

  /** Asks for the file and reads it; null when the user cancelled. Nothing is stored. */
  async choose(): Promise<ImportPreview | null> {
    const opened = await this.ctx.deps.system.openFile({
      filters: [{ name: 'CSV or JSON', extensions: ['csv', 'json'] }],
      maxBytes: MAX_IMPORT_BYTES,
    });
    if (opened === null) return null;
    if ('tooLarge' in opened) throw tooLarge(opened.name, opened.bytes);
    const file = parseImportFile(opened.name, opened.content);
    const now = this.ctx.now();
    for (const [id, h] of this.held) if (now - h.at > HOLD_MS) this.held.delete(id);
    const importId = newId('imp');
    this.held.set(importId, { name: opened.name, file, at: now });
    const skipped = file.restore ? this.restoreSkips(file).size : 0;
    return {
      importId,
      fileName: opened.name,
      format: file.format,
      restore: file.restore,
      columns: file.columns,
      mapping: guessMapping(file.columns),
      rowCount: file.rows.length - skipped,
      skipped,
      skippedReason:
        skipped === 0 ? null : 'API tokens are not imported: they come back when their connection syncs.',
      sample: file.rows.filter((_, i) => !this.restoreSkips(file).has(i)).slice(0, SAMPLE_ROWS),
    };
  }

  /** In a restore, the rows of API tokens (the export's `origin` column says which). */
  private restoreSkips(file: ParsedFile): Set<number> {
    const origin = file.columns.indexOf('origin');
    if (!file.restore || origin < 0) return new Set();
    return new Set(file.rows.flatMap((row, i) => (row[origin] === 'tracked' ? [] : [i])));
  }

  commit(importId: string, connectionId: string, mapping: ImportMapping): ImportResult {
    const { ctx } = this;
    const held = this.held.get(importId);
    if (held === undefined) throw notFound('That import (choose the file again)');
    const connection = requireConnection(ctx, connectionId);
    for (const column of Object.values(mapping))
      if (column !== null && !held.file.columns.includes(column))
        throw invalidInput(`The file has no column “${column}”.`, 'mapping');
    if (mapping.name === null)
      throw invalidInput('Choose the column that holds each token’s name.', 'mapping');
    const now = ctx.now();
    const skips = this.restoreSkips(held.file);
    const home = held.file.restore ? restoreHomes(ctx, held.file) : () => null;
    const errors: ImportResult['errors'] = [];
    const ready: {
      target: ConnectionRecord;
      fields: TrackedFields;
      annotation: ReturnType<typeof normalizeAnnotation>;
    }[] = [];
    let alreadyHere = 0;
    const alreadyTracked = trackedKeysOf(ctx);
    held.file.rows.forEach((row, i) => {
      if (skips.has(i)) return;
      const label = held.file.rowLabel(i);
      const broken = held.file.broken.get(i);
      if (broken !== undefined) return void errors.push({ row: label, message: broken });
      const target = home(row) ?? connection;
      const descriptor = ctx.providers.descriptor(target.provider);
      const read = this.readRow(row, held.file.columns, mapping, descriptor, now);
      if (typeof read === 'string') errors.push({ row: label, message: read });
      else if (held.file.restore && alreadyTracked(target.id).has(trackedKey(read.fields))) alreadyHere += 1;
      else ready.push({ target, ...read });
    });
    if (errors.length > 0) return { imported: 0, errors };
    let restored: RestoredAnnotations | null = null;
    // Each connection that receives rows gets its audit line; with none, the chosen one says 0.
    const touched = new Set(ready.map((r) => r.target.id));
    if (touched.size === 0) touched.add(connection.id);
    ctx.db.transaction(() => {
      if (held.file.restore) restored = restoreApiAnnotations(ctx, held.file, skips);
      for (const { target, fields, annotation } of ready) {
        const record = trackedRecord(target.id, fields, ctx.providers.descriptor(target.provider), now);
        ctx.repos.tokens.insert(record);
        ctx.repos.annotations.put({ tokenId: record.id, ...annotation, updatedAt: now });
      }
      for (const id of touched) {
        const count = ready.filter((r) => r.target.id === id).length;
        ctx.audit({
          action: held.file.restore ? 'token.restore' : 'token.import',
          outcome: 'ok',
          connectionId: id,
          detail: `${held.file.restore ? 'Restored' : 'Imported'} ${count} tracked token${count === 1 ? '' : 's'} from ${held.name}`,
        });
      }
    })();
    this.held.delete(importId);
    ctx.emit('tokensChanged', { connectionIds: [...touched] });
    return {
      imported: ready.length,
      errors: [],
      ...(held.file.restore ? { alreadyHere } : {}),
      ...(restored === null ? {} : { restoredAnnotations: restored }),
    };
  }

  /** One row as a tracked token and its annotation, or what is wrong with it. */
  private readRow(
    row: string[],
    columns: string[],
    mapping: ImportMapping,
    descriptor: ProviderDescriptor,
    now: number,
  ): { fields: TrackedFields; annotation: ReturnType<typeof normalizeAnnotation> } | string {
    const cell = (field: keyof ImportMapping) => {
      const column = mapping[field];
      return column === null ? '' : (row[columns.indexOf(column)] ?? '').trim();
    };
    const createdAt = parseDate(cell('createdAt'));
    const expiresAt = parseDate(cell('expiresAt'));
    if (createdAt === 'invalid')
      return `The created date “${cell('createdAt')}” is not a date (use 2026-12-31).`;
    if (expiresAt === 'invalid') return `The expiry “${cell('expiresAt')}” is not a date (use 2026-12-31).`;
    const tracked = TrackedTokenInput.omit({ connectionId: true, note: true }).safeParse({
      name: cell('name'),
      accountName: cell('accountName') === '' ? null : cell('accountName'),
      last4: cell('last4') === '' ? null : cell('last4'),
      createdAt: createdAt ?? Math.min(now, expiresAt ?? now),
      expiresAt,
    });
    if (!tracked.success) return tracked.error.issues[0]?.message ?? 'This row cannot be read.';
    const annotation = AnnotationSchema.safeParse({
      note: cell('note') === '' ? null : cell('note'),
      tags: listOf(cell('tags'), /[;,]/),
      owner: cell('owner') === '' ? null : cell('owner'),
      usedBy: listOf(cell('usedBy'), /;/),
    } satisfies Annotation);
    if (!annotation.success) return annotation.error.issues[0]?.message ?? 'This row cannot be read.';
    const fields: TrackedFields = { ...tracked.data, note: annotation.data.note };
    try {
      validateTracked(fields, descriptor, now);
    } catch (error) {
      return error instanceof Error ? error.message : 'This row cannot be read.';
    }
    return { fields, annotation: normalizeAnnotation(annotation.data) };
  }
}

/**
 * In a restore, the tracked connection each row came from, when this database has one with the
 * same provider and label (the export's `provider` and `connection` columns); null sends the row
 * to the connection the user chose.
 */
function restoreHomes(ctx: CoreContext, file: ParsedFile): (row: string[]) => ConnectionRecord | null {
  const provider = file.columns.indexOf('provider');
  const label = file.columns.indexOf('connection');
  const tracked = ctx.repos.connections.list().filter((c) => c.mode === 'tracked');
  return (row) =>
    provider < 0 || label < 0
      ? null
      : (tracked.find((c) => c.provider === row[provider] && c.label === row[label]) ?? null);
}

/** What makes two hand-tracked tokens the same one: name, last 4 and expiry. */
const trackedKey = (t: { name: string; last4: string | null; expiresAt: number | null }): string =>
  JSON.stringify([t.name, t.last4, t.expiresAt]);

/** Each connection's hand-tracked tokens by `trackedKey`, read once per connection asked about. */
function trackedKeysOf(ctx: CoreContext): (connectionId: string) => ReadonlySet<string> {
  const byConnection = new Map<string, Set<string>>();
  return (connectionId) => {
    let keys = byConnection.get(connectionId);
    if (keys === undefined) {
      keys = new Set(
        ctx.repos.tokens
          .listByConnection(connectionId)
          .filter((t) => t.origin === 'tracked')
          .map(trackedKey),
      );
      byConnection.set(connectionId, keys);
    }
    return keys;
  };
}
