/**
 * Export of the cached metadata as CSV or JSON, each token with its annotation (note, tags,
 * owner, used by). There is no secret in the cache to export.
 */
import type { TokenRow } from '../../../src-preload/contract';
import { EMPTY_ANNOTATION, type AnnotationFields } from '../db/repositories/annotations';

/** Each token's annotation by token id; a token without one is left out. */
export type AnnotationsById = ReadonlyMap<string, AnnotationFields>;

const COLUMNS: { header: string; value: (t: TokenRow) => string | number | null }[] = [
  { header: 'provider', value: (t) => t.provider },
  { header: 'connection', value: (t) => t.connectionLabel },
  { header: 'account', value: (t) => t.accountName },
  { header: 'name', value: (t) => t.name },
  { header: 'last4', value: (t) => t.last4 },
  { header: 'created_at', value: (t) => iso(t.createdAt) },
  { header: 'created_by', value: (t) => t.createdBy },
  { header: 'last_used_at', value: (t) => iso(t.lastUsedAt) },
  { header: 'expires_at', value: (t) => iso(t.expiresAt) },
  { header: 'scope', value: (t) => t.scopeSummary },
  { header: 'state', value: (t) => t.state },
  { header: 'status', value: (t) => t.badges.join(' ') },
  { header: 'origin', value: (t) => t.origin },
];

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** RFC 4180 quoting, and a leading apostrophe against spreadsheet formula injection. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** In a CSV cell, a list's entries are separated by "; " (a tag cannot hold a comma). */
const ANNOTATION_COLUMNS: { header: string; value: (a: AnnotationFields) => string | null }[] = [
  { header: 'tags', value: (a) => (a.tags.length === 0 ? null : a.tags.join('; ')) },
  { header: 'owner', value: (a) => a.owner },
  { header: 'used_by', value: (a) => (a.usedBy.length === 0 ? null : a.usedBy.join('; ')) },
  { header: 'note', value: (a) => a.note },
];

const annotationOf = (annotations: AnnotationsById, id: string): AnnotationFields =>
  annotations.get(id) ?? EMPTY_ANNOTATION;

export function toCsv(rows: TokenRow[], annotations: AnnotationsById = new Map()): string {
  const lines = [[...COLUMNS, ...ANNOTATION_COLUMNS].map((c) => c.header).join(',')];
  for (const row of rows) {
    const annotation = annotationOf(annotations, row.id);
    lines.push(
      [
        ...COLUMNS.map((c) => csvCell(c.value(row))),
        ...ANNOTATION_COLUMNS.map((c) => csvCell(c.value(annotation))),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The JSON export also gives each token's id at its provider (`remote_id`, metadata, never a
 * secret; null for a hand-tracked token), so a restore can give an API token back its annotation.
 */
export function toJson(
  rows: TokenRow[],
  exportedAt: number,
  annotations: AnnotationsById = new Map(),
  remoteIds: ReadonlyMap<string, string | null> = new Map(),
): string {
  return `${JSON.stringify(
    {
      exportedAt: new Date(exportedAt).toISOString(),
      note: 'Token metadata only. Tokenkeeper never stores token secrets.',
      tokens: rows.map((row) => {
        const { note, tags, owner, usedBy } = annotationOf(annotations, row.id);
        return {
          ...Object.fromEntries(COLUMNS.map((c) => [c.header, c.value(row)])),
          remote_id: remoteIds.get(row.id) ?? null,
          tags,
          owner,
          used_by: usedBy,
          note,
        };
      }),
    },
    null,
    2,
  )}\n`;
}
