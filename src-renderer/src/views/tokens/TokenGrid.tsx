/**
 * The virtualized list of every token (an ARIA grid). Only the rows in view (plus a margin) are
 * in the DOM, and only their pages are fetched, so 50,000 tokens scroll like 50. Arrow keys,
 * Page Up/Down, Home and End move the active row; Enter opens it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TokenRow } from '../../types';
import { BadgeList } from '../../components/BadgeList';
import { ProviderMark } from '../../components/ProviderMark';
import { useProvider } from '../../lib/providers';
import { createdText, expiresText, Last4, lastUsedText, TwoLines } from '../../components/TokenCells';
import { formatCount, formatDateTime } from '../../lib/format';
import { itemAt, itemCount } from '../../lib/grouping';
import { useApp } from '../../stores/app';
import { PAGE_SIZE, rowAt, useTokens } from '../../stores/tokens';
import { COLUMNS } from './columns';

/** Where the list was scrolled, so coming back from a token returns to the same place. */
let savedScroll = { filters: null as unknown, offset: 0 };

const ROW_HEIGHT = 52;
const GROUP_HEIGHT = 40;
const OVERSCAN = 12;
const SKELETON_ROWS = 8;

export function TokenGrid() {
  const { pages, stale, matched, groups, generation, filters, status } = useTokens();
  const toggleSort = useTokens((s) => s.toggleSort);
  const ensurePages = useTokens((s) => s.ensurePages);
  const navigate = useApp((s) => s.navigate);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);

  // Before the first answer, a few placeholder rows hold the space (no jump when rows arrive).
  const count = matched === null ? SKELETON_ROWS : itemCount(matched, groups);
  // The virtualizer's API is stable across renders; React Compiler need not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (itemAt(index, groups).kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: OVERSCAN,
    initialOffset: () => (savedScroll.filters === filters ? savedScroll.offset : 0),
    onChange: (instance) => {
      savedScroll = { filters, offset: instance.scrollOffset ?? 0 };
    },
  });

  useEffect(() => {
    virtualizer.measure();
  }, [groups, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;

  // Fetch the pages that cover what is in view.
  useEffect(() => {
    if (lastIndex < 0) return;
    const first = itemAt(firstIndex, groups);
    const last = itemAt(lastIndex, groups);
    const from = first.kind === 'row' ? first.offset : first.group.start;
    const to = last.kind === 'row' ? last.offset : last.group.start;
    const wanted: number[] = [];
    for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++)
      wanted.push(page);
    ensurePages(wanted);
  }, [firstIndex, lastIndex, groups, generation, ensurePages]);

  // A new query starts at the top (coming back to the same query keeps the place).
  useEffect(() => {
    if (savedScroll.filters === filters) return;
    savedScroll = { filters, offset: 0 };
    setActive(null);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filters]);

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
    const row = rowAt({ pages, stale }, offset);
    if (row !== undefined) navigate({ view: 'token', tokenId: row.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0) return;
    const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
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
      case 'Enter':
      case ' ': {
        const item = activeIndex === null ? null : itemAt(activeIndex, groups);
        if (item?.kind === 'row') open(item.offset);
        break;
      }
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
      className="token-grid"
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
                className="grid-cell head-cell"
              >
                <button
                  type="button"
                  className={`sort-button${sorted ? ' sorted' : ''}`}
                  onClick={() => toggleSort(column.key)}
                >
                  {column.label}
                  <Icon size={13} aria-hidden="true" />
                </button>
              </div>
            );
          })}
        </div>
      </div>
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
          const row = rowAt({ pages, stale }, item.offset);
          const isActive = virtual.index === activeIndex;
          return (
            <div
              key={row?.id ?? `loading-${virtual.index}`}
              id={`token-item-${virtual.index}`}
              role="row"
              aria-rowindex={virtual.index + 2}
              aria-selected={isActive}
              className={`grid-row token-row${isActive ? ' active' : ''}${row === undefined ? ' loading-row' : ''}`}
              style={position}
              data-token-id={row?.id}
              onClick={() => {
                setActive(virtual.index);
                open(item.offset);
              }}
            >
              {row === undefined ? <SkeletonCells /> : <TokenCells row={row} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function TokenCells({ row }: { row: TokenRow }) {
  const reportsLastUse = useProvider(row.provider)?.reportsLastUse ?? false;
  const inactive = row.state === 'revoked' || row.state === 'removed' || row.state === 'retired';
  return (
    <>
      <div role="gridcell" className="grid-cell">
        <ProviderMark provider={row.provider} />
      </div>
      <div role="gridcell" className="grid-cell">
        <TwoLines
          primary={row.accountName ?? row.connectionLabel}
          secondary={row.accountName === null ? null : row.connectionLabel}
          title
        />
      </div>
      <div role="gridcell" className={`grid-cell name-cell${inactive ? ' inactive' : ''}`}>
        <span className="token-name" title={row.name}>
          {row.name}
        </span>
      </div>
      <div role="gridcell" className="grid-cell">
        <Last4 last4={row.last4} />
      </div>
      <div role="gridcell" className="grid-cell">
        <TwoLines {...createdText(row)} />
      </div>
      <div role="gridcell" className="grid-cell">
        <TwoLines {...lastUsedText(row, reportsLastUse)} />
      </div>
      <div role="gridcell" className="grid-cell">
        <TwoLines {...expiresText(row)} />
      </div>
      <div role="gridcell" className="grid-cell">
        <span className="clip" title={row.scopeSummary}>
          {row.scopeSummary === '' ? '—' : row.scopeSummary}
        </span>
      </div>
      <div role="gridcell" className="grid-cell">
        {/* "Never expires" is already said in the Expires column; the detail view shows every badge. */}
        <BadgeList badges={row.badges.filter((b) => b !== 'never_expires')} max={2} />
      </div>
    </>
  );
}

function SkeletonCells() {
  return (
    <>
      {COLUMNS.map((column, i) => (
        <div key={column.key} role="gridcell" className="grid-cell">
          {i === 0 ? <span className="visually-hidden">Loading…</span> : null}
          <span className="skeleton" aria-hidden="true" />
        </div>
      ))}
    </>
  );
}

export function LastLoaded() {
  const loadedAt = useTokens((s) => s.loadedAt);
  return loadedAt === null ? null : <span>Updated {formatDateTime(loadedAt)}</span>;
}
