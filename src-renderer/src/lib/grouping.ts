/**
 * Maps the list's visual items (group headings and rows) to row offsets in the query's order.
 * Groups are contiguous because the query sorts by the group first; a heading sits before each
 * group's first row. Pure arithmetic: nothing is materialized per row, even for 50,000 rows.
 */
import type { TokenGroup } from '../stores/tokens';

export type GridItem = { kind: 'group'; group: TokenGroup } | { kind: 'row'; offset: number };

export function itemCount(matched: number, groups: TokenGroup[] | null): number {
  return matched + (groups?.length ?? 0);
}

export function itemAt(index: number, groups: TokenGroup[] | null): GridItem {
  if (groups === null || groups.length === 0) return { kind: 'row', offset: index };
  // The group whose heading is at or before `index`: heading of group g is at g.start + g's position.
  let low = 0;
  let high = groups.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (groups[mid]!.start + mid <= index) low = mid;
    else high = mid - 1;
  }
  const group = groups[low]!;
  const headingAt = group.start + low;
  if (index === headingAt) return { kind: 'group', group };
  return { kind: 'row', offset: index - low - 1 };
}

/** The visual index of a row offset (the inverse of `itemAt` for rows). */
export function indexOfOffset(offset: number, groups: TokenGroup[] | null): number {
  if (groups === null || groups.length === 0) return offset;
  let position = 0;
  for (let i = 0; i < groups.length; i++) if (groups[i]!.start <= offset) position = i;
  return offset + position + 1;
}
