/** Export of the cached metadata as CSV or JSON. There is no secret in the cache to export. */
import type { TokenRow } from '../../../src-preload/contract';

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

export function toCsv(rows: TokenRow[]): string {
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: TokenRow[], exportedAt: number): string {
  return `${JSON.stringify(
    {
      exportedAt: new Date(exportedAt).toISOString(),
      note: 'Token metadata only. Tokenkeeper never stores token secrets.',
      tokens: rows.map((row) => Object.fromEntries(COLUMNS.map((c) => [c.header, c.value(row)]))),
    },
    null,
    2,
  )}\n`;
}
