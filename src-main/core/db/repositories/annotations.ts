/** Prepared statements for `token_annotations`: what the user writes about a token (never a secret). */
import type { Database } from 'better-sqlite3';
import { parseJson } from './json';

export interface AnnotationRecord {
  tokenId: string;
  note: string | null;
  tags: string[];
  owner: string | null;
  usedBy: string[];
  updatedAt: number;
}

interface AnnotationSqlRow {
  token_id: string;
  note: string | null;
  tags: string;
  owner: string | null;
  used_by: string;
  search_text: string;
  updated_at: number;
}

export type AnnotationFields = Omit<AnnotationRecord, 'tokenId' | 'updatedAt'>;

export const EMPTY_ANNOTATION: AnnotationFields = { note: null, tags: [], owner: null, usedBy: [] };

export const isEmptyAnnotation = (a: AnnotationFields): boolean =>
  a.note === null && a.tags.length === 0 && a.owner === null && a.usedBy.length === 0;

/**
 * Lower-cased text the list's search matches in an annotation: note, tags, owner, used by. The
 * renderer's index carries it as it is (contract TokenIndexRow), so both search the same text.
 */
export function annotationSearchText(a: AnnotationFields): string {
  return [a.note, ...a.tags, a.owner, ...a.usedBy]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('\u001f')
    .toLowerCase();
}

function fromRow(row: AnnotationSqlRow): AnnotationRecord {
  return {
    tokenId: row.token_id,
    note: row.note,
    tags: parseJson<string[]>(row.tags, []),
    owner: row.owner,
    usedBy: parseJson<string[]>(row.used_by, []),
    updatedAt: row.updated_at,
  };
}

export type AnnotationsRepo = ReturnType<typeof annotationsRepo>;

export function annotationsRepo(db: Database) {
  const upsert = db.prepare(`
    INSERT INTO token_annotations (token_id, note, tags, owner, used_by, search_text, updated_at)
    VALUES (@tokenId, @note, @tags, @owner, @usedBy, @searchText, @updatedAt)
    ON CONFLICT (token_id) DO UPDATE SET note = excluded.note, tags = excluded.tags, owner = excluded.owner,
      used_by = excluded.used_by, search_text = excluded.search_text, updated_at = excluded.updated_at`);
  const remove = db.prepare<[string]>(`DELETE FROM token_annotations WHERE token_id = ?`);
  const getOne = db.prepare<[string], AnnotationSqlRow>(`SELECT * FROM token_annotations WHERE token_id = ?`);
  const all = db.prepare<[], AnnotationSqlRow>(`SELECT * FROM token_annotations ORDER BY token_id`);

  return {
    /** Writes the annotation; an empty one is deleted rather than kept as a row. */
    put(record: AnnotationRecord): void {
      if (isEmptyAnnotation(record)) {
        remove.run(record.tokenId);
        return;
      }
      upsert.run({
        tokenId: record.tokenId,
        note: record.note,
        tags: JSON.stringify(record.tags),
        owner: record.owner,
        usedBy: JSON.stringify(record.usedBy),
        searchText: annotationSearchText(record),
        updatedAt: record.updatedAt,
      });
    },
    get(tokenId: string): AnnotationRecord | null {
      const row = getOne.get(tokenId);
      return row === undefined ? null : fromRow(row);
    },
    /** The fields of a token's annotation, empty when it has none. */
    fieldsOf(tokenId: string): AnnotationFields {
      const found = this.get(tokenId);
      if (found === null) return { ...EMPTY_ANNOTATION, tags: [], usedBy: [] };
      const { tokenId: _id, updatedAt: _at, ...fields } = found;
      return fields;
    },
    listAll(): AnnotationRecord[] {
      return all.all().map(fromRow);
    },
  };
}
