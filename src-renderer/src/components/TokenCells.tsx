/** How each column of a token reads, shared by the list and the detail view. */
import type { TokenRow } from '../types';
import { formatDate, formatRelative } from '../lib/format';

/** `reportsLastUse`: whether the row's provider reports last use (its descriptor says). */
export function lastUsedText(
  row: TokenRow,
  reportsLastUse: boolean,
): { primary: string; secondary: string | null } {
  if (row.origin === 'tracked' || !reportsLastUse) return { primary: 'Not reported', secondary: null };
  if (row.lastUsedAt === null) return { primary: 'Never used', secondary: null };
  return { primary: formatRelative(row.lastUsedAt), secondary: formatDate(row.lastUsedAt) };
}

export function expiresText(row: TokenRow): { primary: string; secondary: string | null } {
  if (row.state === 'grace' && row.graceEndsAt !== null) {
    return { primary: formatRelative(row.graceEndsAt), secondary: formatDate(row.graceEndsAt) };
  }
  if (row.expiresAt === null) return { primary: 'Never expires', secondary: null };
  return { primary: formatRelative(row.expiresAt), secondary: formatDate(row.expiresAt) };
}

export function createdText(row: TokenRow): { primary: string; secondary: string | null } {
  // A creator without a date reads "By Jane Doe", never "Not reported by Jane Doe".
  if (row.createdAt === null)
    return row.createdBy === null
      ? { primary: 'Not reported', secondary: null }
      : { primary: `By ${row.createdBy}`, secondary: 'date not reported' };
  return {
    primary: formatDate(row.createdAt),
    secondary: row.createdBy === null ? null : `by ${row.createdBy}`,
  };
}

export function TwoLines({
  primary,
  secondary,
  title = false,
}: {
  primary: string;
  secondary: string | null;
  title?: boolean;
}) {
  return (
    <span className="two-lines" title={title ? [primary, secondary].filter(Boolean).join(' · ') : undefined}>
      <span className="line-primary">{primary}</span>
      {secondary !== null && <span className="line-secondary">{secondary}</span>}
    </span>
  );
}

export function Last4({ last4 }: { last4: string | null }) {
  if (last4 === null) return <span className="muted">—</span>;
  return (
    <span className="last4">
      <span aria-hidden="true" className="last4-mask">
        ••••
      </span>
      {last4}
    </span>
  );
}
