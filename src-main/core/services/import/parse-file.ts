/**
 * Reading an import file into rows of text: CSV through papaparse (RFC 4180 quoting, any line
 * ending, a byte-order mark), JSON as a list of objects or Tokenkeeper's own export. Then, before
 * anything else, every cell is checked for the shape of a token secret: one found refuses the
 * whole file, naming the row and column, never the value.
 */
import Papa from 'papaparse';
import type { ImportField, ImportMapping } from '../../../../src-preload/contract';
import { invalidInput } from '../../errors';
import { looksLikeSecret } from '../../log/redact';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A cell holding a list (tags, used by): its entries, trimmed, empty ones left out. */
export const listOf = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export interface ParsedFile {
  format: 'csv' | 'json';
  /** Tokenkeeper's own JSON export. */
  restore: boolean;
  columns: string[];
  rows: string[][];
  /** What a row is called in messages: as a spreadsheet numbers it (the header is row 1), or its place in the list. */
  rowLabel: (index: number) => string;
  /** Per row index, why it cannot be read (e.g. a CSV row with the wrong number of fields). */
  broken: Map<number, string>;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function tooLarge(name: string, bytes: number): Error {
  return invalidInput(
    `“${name}” is ${megabytes(bytes)}; Tokenkeeper imports files up to ${megabytes(MAX_IMPORT_BYTES)}. Nothing was imported.`,
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function parseJsonFile(name: string, content: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    throw invalidInput(`“${name}” is not valid JSON, so nothing was imported. Check the file and try again.`);
  }
  const own = typeof data === 'object' && data !== null && !Array.isArray(data) && 'tokens' in data;
  const list = own ? (data as { tokens: unknown }).tokens : data;
  if (!Array.isArray(list) || list.some((t) => typeof t !== 'object' || t === null || Array.isArray(t)))
    throw invalidInput(
      `“${name}” holds no list of tokens: expected a list of objects, or a Tokenkeeper export. Nothing was imported.`,
    );
  const objects = list as Record<string, unknown>[];
  const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return {
    format: 'json',
    restore: own && 'exportedAt' in (data as object),
    columns,
    rows: objects.map((o) => columns.map((c) => cellText(o[c]))),
    rowLabel: (i) => `Token ${i + 1}`,
    broken: new Map(),
  };
}

function parseCsvFile(name: string, content: string): ParsedFile {
  const parsed = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (header === undefined || header.every((h) => h.trim() === ''))
    throw invalidInput(`“${name}” is empty: there is no header row to read. Nothing was imported.`);
  const columns = header.map((h) => h.trim());
  const broken = new Map<number, string>();
  for (const error of parsed.errors) {
    // papaparse counts rows from 0 including the header.
    if (error.row !== undefined && error.row > 0 && !broken.has(error.row - 1))
      broken.set(error.row - 1, `It cannot be read as CSV (${error.message.replace(/\.$/, '')}).`);
  }
  rows.forEach((row, i) => {
    if (row.length !== columns.length && !broken.has(i))
      broken.set(
        i,
        `It has ${row.length} field${row.length === 1 ? '' : 's'}; the header has ${columns.length}.`,
      );
  });
  return { format: 'csv', restore: false, columns, rows, rowLabel: (i) => `Row ${i + 2}`, broken };
}

export function parseImportFile(name: string, content: string): ParsedFile {
  if (Buffer.byteLength(content, 'utf8') > MAX_IMPORT_BYTES)
    throw tooLarge(name, Buffer.byteLength(content, 'utf8'));
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(content);
  const file = json ? parseJsonFile(name, content) : parseCsvFile(name, content);
  if (file.rows.length === 0) throw invalidInput(`“${name}” holds no tokens. Nothing was imported.`);
  refuseSecretsIn(file);
  return file;
}

/** A secret anywhere refuses the whole file: the row and the column are named, the value never. */
function refuseSecretsIn(file: ParsedFile): void {
  for (const [i, row] of file.rows.entries()) {
    const column = row.findIndex((cell) => cell !== '' && looksLikeSecret(cell));
    if (column >= 0)
      throw invalidInput(
        `${file.rowLabel(i)} holds a value shaped like a token secret (column “${file.columns[column] ?? column + 1}”). Tokenkeeper keeps no secrets, so nothing was imported: remove it from the file and import again.`,
      );
  }
}

const SYNONYMS: Record<ImportField, string[]> = {
  name: ['name', 'token', 'tokenname', 'label', 'title'],
  accountName: ['account', 'accountname', 'workspace', 'organization', 'organisation'],
  last4: ['last4', 'lastfour', 'last4characters', 'suffix'],
  createdAt: ['createdat', 'created', 'createdon', 'issued', 'issuedat'],
  expiresAt: ['expiresat', 'expires', 'expiry', 'expiration', 'expireson', 'validuntil'],
  note: ['note', 'notes', 'description', 'comment', 'comments'],
  tags: ['tags', 'tag', 'labels'],
  owner: ['owner', 'ownedby', 'contact', 'responsible'],
  usedBy: ['usedby', 'usedin', 'consumers', 'places'],
};

const normalize = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The column each field is likely read from, by its header. */
export function guessMapping(columns: readonly string[]): ImportMapping {
  const taken = new Set<string>();
  const mapping = {} as ImportMapping;
  for (const field of Object.keys(SYNONYMS) as ImportField[]) {
    const column = columns.find((c) => !taken.has(c) && SYNONYMS[field].includes(normalize(c)));
    mapping[field] = column ?? null;
    if (column !== undefined) taken.add(column);
  }
  return mapping;
}
