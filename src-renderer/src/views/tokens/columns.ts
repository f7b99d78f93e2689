/** The token list's columns, in order, with their sort keys. */
import type { SortColumn } from '../../types';

export interface Column {
  key: SortColumn;
  label: string;
}

export const COLUMNS: Column[] = [
  { key: 'provider', label: 'Provider' },
  { key: 'account', label: 'Account' },
  { key: 'name', label: 'Name' },
  { key: 'last4', label: 'Last 4' },
  { key: 'createdAt', label: 'Created' },
  { key: 'lastUsedAt', label: 'Last used' },
  { key: 'expiresAt', label: 'Expires' },
  { key: 'scope', label: 'Scope' },
  { key: 'status', label: 'Status' },
];
