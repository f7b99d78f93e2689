/**
 * The virtualized list of every token (an ARIA grid). Only the rows in view (plus a margin) are
 * in the DOM, so 50,000 tokens scroll like 50. Arrow keys, Page Up/Down, Home and End move the
 * active row; Enter opens it. Space, Ctrl/Cmd-click and Shift-click pick rows for a bulk action
 * (stores/selection.ts), Ctrl/Cmd+A picks every row of the view. The open token's row is marked, and a token just created,
 * rotated or revoked is scrolled to and highlighted for a moment. Rows are one line (compact) or
 * two (comfortable); columns the width cannot hold are left out (their values are in the
 * details), and a cell too narrow for its value shows all of it on hover.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SortColumn, TokenRow } from '../../types';
import { BadgeList } from '../../components/BadgeList';
import { ProviderMark } from '../../components/ProviderMark';
import { useProvider } from '../../lib/providers';
import { createdText, expiresText, Last4, lastUsedText, TwoLines } from '../../components/TokenCells';
import { formatCount } from '../../lib/format';
import { itemAt, itemCount } from '../../lib/grouping';
import { useApp } from '../../stores/app';
import { useAttention } from '../../stores/attention';
import { useSelection } from '../../stores/selection';
import { PAGE_SIZE, rowAt, useTokens, type TokenFilters } from '../../stores/tokens';
import { COLUMNS } from './columns';

/** Where the list was scrolled, so coming back from a token returns to the same place. */
let savedScroll = { filters: null as unknown, offset: 0 };

export const ROW_HEIGHT = { compact: 32, comfortable: 44 } as const;
const GROUP_HEIGHT = 32;
const OVERSCAN = 3;
const SKELETON_ROWS = 8;

export function TokenGrid() {
  const { source, list, pages, stale, matched, groups, generation, filters, status, highlight } = useTokens();
  const toggleSort = useTokens((s) => s.toggleSort);
  const ensurePages = useTokens((s) => s.ensurePages);
  const navigate = useApp((s) => s.navigate);
  const route = useApp((s) => s.route);
  const density = useApp((s) => s.settings?.density ?? 'comfortable');
  const attention = useAttention((s) => s.attention);
  const picked = useSelection((s) => s.rows);
  const pickedIds = new Set(picked.map((r) => r.id));
  // The "Needs attention" view says why in the Status column (the reminders' own words).
  const reasons = filters.attention
    ? new Map((attention?.items ?? []).map((item) => [item.token.id, item.reason]))
    : null;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const rowHeight = ROW_HEIGHT[density];
  const selectedId = route.view === 'token' ? route.tokenId : null;
  const lookup = { source, list, pages, stale };

  // Before the first answer, a few placeholder rows hold the space (no jump when rows arrive).
  const count = matched === null ? SKELETON_ROWS : itemCount(matched, groups);
  // The virtualizer's API is stable across renders; React Compiler need not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (itemAt(index, groups).kind === 'group' ? GROUP_HEIGHT : rowHeight),
    overscan: OVERSCAN,
    initialOffset: () => (savedScroll.filters === filters ? savedScroll.offset : 0),
    onChange: (instance) => {
      savedScroll = { filters, offset: instance.scrollOffset ?? 0 };
    },
  });

  useEffect(() => {
    virtualizer.measure();
  }, [groups, rowHeight, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;

  // The core's pages that cover what is in view (the index holds every row already).
  useEffect(() => {
    if (lastIndex < 0 || source === 'index') return;
    const first = itemAt(firstIndex, groups);
    const last = itemAt(lastIndex, groups);
    const from = first.kind === 'row' ? first.offset : first.group.start;
    const to = last.kind === 'row' ? last.offset : last.group.start;
    const wanted: number[] = [];
    for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++)
      wanted.push(page);
    ensurePages(wanted);
  }, [firstIndex, lastIndex, groups, generation, ensurePages, source]);

  // A new query starts at the top (coming back to the same query keeps the place).
  useEffect(() => {
    if (savedScroll.filters === filters) return;
    savedScroll = { filters, offset: 0 };
    setActive(null);
    // Only when it is not there already (the virtualizer's offset, from the scroll events):
    // reading or setting scrollTop makes the browser lay the page out there and then, in the
    // middle of the key's frame.
    if ((virtualizer.scrollOffset ?? 0) !== 0) scrollRef.current?.scrollTo({ top: 0 });
  }, [filters, virtualizer]);

  // A token just changed (or opened from elsewhere): bring its row into view.
  const target = highlight?.tokenId ?? null;
  useEffect(() => {
    if (target === null || list === null) return;
    const offset = list.tokens.findIndex((t) => t.row.id === target);
    if (offset < 0) return;
    const index = offset + (groups?.filter((g) => g.start <= offset).length ?? 0);
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [target, list, groups, virtualizer]);

  const activeIndex = active !== null && active < count ? active : null;

  const rowIndexes = (from: number, step: number): number | null => {
    for (let i = from; i >= 0 && i < count; i += step) if (itemAt(i, groups).kind === 'row') return i;
    return null;
  };

  const moveTo = (index: number | null) => {
    if (index === null) return;
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const open = (offset: number) => {
    const row = rowAt(lookup, offset);
    if (row !== undefined) navigate({ view: 'token', tokenId: row.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0) return;
    const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 2);
    const current = activeIndex ?? -1;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(rowIndexes(current + 1, 1) ?? activeIndex);
        break;
      case 'ArrowUp':
        moveTo(current <= 0 ? rowIndexes(0, 1) : (rowIndexes(current - 1, -1) ?? activeIndex));
        break;
      case 'PageDown':
        moveTo(rowIndexes(Math.min(count - 1, current + visibleRows), 1) ?? rowIndexes(count - 1, -1));
        break;
      case 'PageUp':
        moveTo(rowIndexes(Math.max(0, current - visibleRows), -1) ?? rowIndexes(0, 1));
        break;
      case 'Home':
        moveTo(rowIndexes(0, 1));
        break;
      case 'End':
        moveTo(rowIndexes(count - 1, -1));
        break;
      case 'Enter': {
        const item = activeIndex === null ? null : itemAt(activeIndex, groups);
        if (item?.kind === 'row') open(item.offset);
        break;
      }
      case ' ': {
        const item = activeIndex === null ? null : itemAt(activeIndex, groups);
        const row = item?.kind === 'row' ? rowAt(lookup, item.offset) : undefined;
        if (item?.kind === 'row' && row !== undefined) {
          if (event.shiftKey) useSelection.getState().extendTo(item.offset);
          else useSelection.getState().toggle(row, item.offset);
        }
        break;
      }
      case 'a':
      case 'A':
        if (event.ctrlKey || event.metaKey) useSelection.getState().selectAll();
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const activeRendered = activeIndex !== null && items.some((item) => item.index === activeIndex);
  const sort = filters.sort;

  return (
    <div
      ref={scrollRef}
      className={`token-grid density-${density}`}
      data-source={source}
      role="grid"
      aria-label="Tokens"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      aria-busy={status === 'loading'}
      aria-activedescendant={activeRendered ? `token-item-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && activeIndex === null) {
          const first = rowIndexes(Math.max(0, firstIndex), 1);
          if (first !== null) setActive(first);
        }
      }}
    >
      <GridHead sort={sort} onSort={toggleSort} />
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((virtual) => {
          const item = itemAt(virtual.index, groups);
          const position = { transform: `translateY(${virtual.start}px)`, height: virtual.size };
          if (item.kind === 'group') {
            return (
              <div
                key={`g-${item.group.key}`}
                role="row"
                aria-rowindex={virtual.index + 2}
                className="grid-row group-row"
                style={position}
              >
                <div role="gridcell" aria-colspan={COLUMNS.length} className="group-cell">
                  <span className="group-label">{item.group.label}</span>
                  <span className="group-count">{formatCount(item.group.count)}</span>
                </div>
              </div>
            );
          }
          const row = rowAt(lookup, item.offset);
          const isActive = virtual.index === activeIndex;
          const classes = [
            'grid-row token-row',
            isActive ? 'active' : '',
            row === undefined ? 'loading-row' : '',
            row !== undefined && row.id === selectedId ? 'selected' : '',
            row !== undefined && row.id === target ? 'highlighted' : '',
            row !== undefined && pickedIds.has(row.id) ? 'picked' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <div
              // By place, not by token: after a key, the rows in view keep their elements and
              // only their text changes, instead of every row being built anew.
              key={`r-${virtual.index}`}
              id={`token-item-${virtual.index}`}
              role="row"
              aria-rowindex={virtual.index + 2}
              aria-selected={isActive}
              aria-current={row !== undefined && row.id === selectedId ? 'true' : undefined}
              className={classes}
              style={position}
              data-token-id={row?.id}
              data-picked={row !== undefined && pickedIds.has(row.id) ? 'true' : undefined}
              // Shift-click extends the pick; it must not also select the rows' text.
              onMouseDown={(event) => {
                if (event.shiftKey) event.preventDefault();
              }}
              onClick={(event) => {
                setActive(virtual.index);
                if (row !== undefined && event.shiftKey) {
                  useSelection.getState().extendTo(item.offset);
                } else if (row !== undefined && (event.ctrlKey || event.metaKey)) {
                  useSelection.getState().toggle(row, item.offset);
                } else {
                  // A plain click opens the token and starts a new range from here.
                  useSelection.setState({ rows: [], anchor: item.offset });
                  open(item.offset);
                }
              }}
            >
              {row === undefined ? (
                <SkeletonCells />
              ) : (
                <TokenCells row={row} reason={reasons?.get(row.id) ?? null} picked={pickedIds.has(row.id)} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The column headers with their sort buttons: memoized, since a key typed in the search changes
 * the rows but not the sort, and each header draws an icon.
 */
const GridHead = memo(function GridHead({
  sort,
  onSort,
}: {
  sort: TokenFilters['sort'];
  onSort: (column: SortColumn) => void;
}) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row">
        {COLUMNS.map((column, i) => {
          const sorted = sort.column === column.key;
          const Icon = !sorted ? ArrowUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown;
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-colindex={i + 1}
              aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={`grid-cell head-cell col-${column.key}`}
            >
              <button
                type="button"
                className={`sort-button${sorted ? ' sorted' : ''}`}
                onClick={() => onSort(column.key)}
              >
                {column.label}
                <Icon size={13} aria-hidden="true" />
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
});

/** One row's cells; the same row object draws nothing new (rows are replaced, never changed). */
const TokenCells = memo(function TokenCells({
  row,
  reason,
  picked,
}: {
  row: TokenRow;
  reason: string | null;
  picked: boolean;
}) {
  const provider = useProvider(row.provider);
  const reportsLastUse = provider?.reportsLastUse ?? false;
  const inactive = row.state === 'revoked' || row.state === 'removed' || row.state === 'retired';
  return (
    <>
      <div role="gridcell" className="grid-cell col-provider">
        {/* Said first, so a screen reader hears that the row is picked for a bulk action. */}
        {picked && <span className="visually-hidden">Selected, </span>}
        <ProviderMark provider={row.provider} />
      </div>
      <div role="gridcell" className="grid-cell col-account">
        <TwoLines
          primary={row.accountName ?? row.connectionLabel}
          secondary={row.accountName === null ? null : row.connectionLabel}
          title
        />
      </div>
      <div role="gridcell" className={`grid-cell col-name name-cell${inactive ? ' inactive' : ''}`}>
        <span className="token-name" title={row.name}>
          {row.name}
        </span>
      </div>
      <div role="gridcell" className="grid-cell col-last4">
        <Last4 last4={row.last4} />
      </div>
      <div role="gridcell" className="grid-cell col-createdAt">
        <TwoLines {...createdText(row)} title />
      </div>
      <div role="gridcell" className="grid-cell col-lastUsedAt">
        <TwoLines {...lastUsedText(row, reportsLastUse)} title />
      </div>
      <div role="gridcell" className="grid-cell col-expiresAt">
        <TwoLines {...expiresText(row)} title />
      </div>
      <div role="gridcell" className="grid-cell col-scope">
        <span className="clip" title={row.scopeSummary}>
          {row.scopeSummary === '' ? '—' : row.scopeSummary}
        </span>
      </div>
      <div role="gridcell" className="grid-cell col-status">
        {reason !== null ? (
          <span
            className={`clip attention-reason reason-${row.badges.includes('expired') ? 'danger' : 'warning'}`}
            title={reason}
          >
            {reason}
          </span>
        ) : (
          // "Never expires" is already said in the Expires column; the details show every badge.
          <BadgeList
            badges={row.badges.filter((b) => b !== 'never_expires')}
            max={1}
            problem={provider?.reportedProblem}
          />
        )}
      </div>
    </>
  );
});

function SkeletonCells() {
  return (
    <>
      {COLUMNS.map((column, i) => (
        <div key={column.key} role="gridcell" className={`grid-cell col-${column.key}`}>
          {i === 0 ? <span className="visually-hidden">Loading…</span> : null}
          <span className="skeleton" aria-hidden="true" />
        </div>
      ))}
    </>
  );
}
