/**
 * The tokens picked in the list for a bulk action: metadata rows only (never a secret), in the
 * order picked. Shift-click extends from the anchor (the last row clicked or toggled), Ctrl/Cmd-
 * click and Space toggle one row, Ctrl/Cmd+A takes every row of the current view. A new view,
 * search or filter starts with nothing picked, so a bulk action never reaches a hidden token.
 */
import { create } from 'zustand';
import type { TokenRow } from '../types';
import { rowAt, useTokens } from './tokens';

interface SelectionState {
  rows: TokenRow[];
  /** The list offset the next Shift-click extends from. */
  anchor: number | null;
  toggle: (row: TokenRow, offset: number) => void;
  extendTo: (offset: number) => void;
  selectAll: () => void;
  clear: () => void;
}

/** Every row of the current view the window holds (all of them once the index is read). */
export function rowsInView(): TokenRow[] {
  const state = useTokens.getState();
  const rows: TokenRow[] = [];
  for (let offset = 0; offset < (state.matched ?? 0); offset++) {
    const row = rowAt(state, offset);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

export const useSelection = create<SelectionState>((set, get) => ({
  rows: [],
  anchor: null,
  toggle(row, offset) {
    const { rows } = get();
    const picked = rows.some((r) => r.id === row.id);
    set({ rows: picked ? rows.filter((r) => r.id !== row.id) : [...rows, row], anchor: offset });
  },
  extendTo(offset) {
    const state = useTokens.getState();
    const anchor = get().anchor ?? offset;
    const [from, to] = anchor <= offset ? [anchor, offset] : [offset, anchor];
    const rows = [...get().rows];
    for (let i = from; i <= to; i++) {
      const row = rowAt(state, i);
      if (row !== undefined && !rows.some((r) => r.id === row.id)) rows.push(row);
    }
    set({ rows, anchor });
  },
  selectAll() {
    set({ rows: rowsInView() });
  },
  clear() {
    set({ rows: [], anchor: null });
  },
}));

useTokens.subscribe((state, previous) => {
  if (state.filters !== previous.filters) useSelection.getState().clear();
});
