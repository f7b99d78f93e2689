/**
 * Import of hand-tracked tokens from CSV or JSON, and restore of Tokenkeeper's own JSON export:
 * the user chooses the file in the native dialog (main reads it; the window never sees a path),
 * sees a preview with the column each field is read from, changes the mapping, and commits. Every
 * row is checked first; one bad row means nothing is imported and each bad row is named. The rows
 * go in one transaction. A restore brings back the hand-tracked tokens with their annotations;
 * API tokens come back when their connection syncs.
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
import { newId } from '../../ids';
import { invalidInput, notFound } from '../../errors';
import { normalizeAnnotation } from '../annotations';
import { requireConnection, trackedRecord, validateTracked, type TrackedFields } from '../tokens';
import { MAX_IMPORT_BYTES, guessMapping, parseImportFile, tooLarge, type ParsedFile } from './parse-file';

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

const listOf = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

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
    const descriptor = ctx.providers.descriptor(connection.provider);
    const now = ctx.now();
    const skips = this.restoreSkips(held.file);
    const errors: ImportResult['errors'] = [];
    const ready: { fields: TrackedFields; annotation: ReturnType<typeof normalizeAnnotation> }[] = [];
    held.file.rows.forEach((row, i) => {
      if (skips.has(i)) return;
      const label = held.file.rowLabel(i);
      const broken = held.file.broken.get(i);
      if (broken !== undefined) return void errors.push({ row: label, message: broken });
      const read = this.readRow(row, held.file.columns, mapping, descriptor, now);
      if (typeof read === 'string') errors.push({ row: label, message: read });
      else ready.push(read);
    });
    if (errors.length > 0) return { imported: 0, errors };
    ctx.db.transaction(() => {
      for (const { fields, annotation } of ready) {
        const record = trackedRecord(connection.id, fields, descriptor, now);
        ctx.repos.tokens.insert(record);
        ctx.repos.annotations.put({ tokenId: record.id, ...annotation, updatedAt: now });
      }
      ctx.audit({
        action: held.file.restore ? 'token.restore' : 'token.import',
        outcome: 'ok',
        connectionId: connection.id,
        detail: `${held.file.restore ? 'Restored' : 'Imported'} ${ready.length} tracked token${ready.length === 1 ? '' : 's'} from ${held.name}`,
      });
    })();
    this.held.delete(importId);
    ctx.emit('tokensChanged', { connectionIds: [connection.id] });
    return { imported: ready.length, errors: [] };
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
