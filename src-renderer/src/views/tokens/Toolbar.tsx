/** Above the list: the view's name and count, search, filters, grouping. */
import { ListFilter, Search, X } from 'lucide-react';
import { useId } from 'react';
import { formatCount } from '../../lib/format';
import { useConnections } from '../../stores/connections';
import { activeFilterCount, useTokens, type GroupBy } from '../../stores/tokens';
import { SAVED_VIEWS } from '../sidebar/saved-views';

/** The id the search box has, for "/", Ctrl/Cmd+F and the Find menu item. */
export const SEARCH_ID = 'token-search';

export function Toolbar({
  filtersOpen,
  onToggleFilters,
}: {
  filtersOpen: boolean;
  onToggleFilters: () => void;
}) {
  const searchText = useTokens((s) => s.searchText);
  const setSearchText = useTokens((s) => s.setSearchText);
  const filters = useTokens((s) => s.filters);
  const setFilters = useTokens((s) => s.setFilters);
  const clearFilters = useTokens((s) => s.clearFilters);
  const matched = useTokens((s) => s.matched);
  const counts = useTokens((s) => s.counts);
  const title = useViewTitle();
  const groupId = useId();
  const active = activeFilterCount(filters);
  const filtered = active > 0 || filters.search.trim() !== '';

  return (
    <div className="toolbar">
      <h1 id="list-title" className="list-title" title={title}>
        {title}
      </h1>
      <div className="search-box" role="search" aria-label="Find tokens">
        <Search size={16} aria-hidden="true" className="search-icon" />
        <input
          id={SEARCH_ID}
          type="search"
          aria-label="Search tokens"
          aria-keyshortcuts="/ Control+F Meta+F"
          placeholder="Search name, account, last 4…"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && searchText !== '') {
              event.preventDefault();
              event.stopPropagation();
              setSearchText('');
            }
          }}
        />
      </div>
      <button
        type="button"
        className={`button${active > 0 ? ' button-accent' : ''}`}
        aria-expanded={filtersOpen}
        aria-controls="token-filters"
        onClick={onToggleFilters}
      >
        <ListFilter size={16} aria-hidden="true" />
        Filters{active > 0 ? ` (${active})` : ''}
      </button>
      <div className="inline-field">
        <label htmlFor={groupId}>Group by</label>
        <select
          id={groupId}
          value={filters.groupBy}
          onChange={(event) => setFilters({ groupBy: event.target.value as GroupBy })}
        >
          <option value="none">Nothing</option>
          <option value="provider">Provider</option>
          <option value="connection">Connection</option>
        </select>
      </div>
      {filtered && (
        <button type="button" className="button button-quiet" onClick={clearFilters}>
          <X size={16} aria-hidden="true" />
          Clear filters
        </button>
      )}
      <p className="match-count" aria-live="polite" data-testid="match-count">
        {matched === null
          ? ''
          : filtered || filters.includeInactive || filters.attention
            ? `${formatCount(matched)} of ${formatCount(counts?.total ?? matched)} tokens`
            : `${formatCount(matched)} ${matched === 1 ? 'token' : 'tokens'}`}
      </p>
    </div>
  );
}

/** The name of what the list shows: the view, provider or connection it was opened from. */
export function useViewTitle(): string {
  const viewId = useTokens((s) => s.viewId);
  const providers = useConnections((s) => s.providers);
  const connections = useConnections((s) => s.connections);
  const saved = SAVED_VIEWS.find((v) => v.id === viewId);
  if (saved !== undefined) return saved.label;
  if (viewId.startsWith('provider:'))
    return providers.find((p) => `provider:${p.id}` === viewId)?.name ?? 'Tokens';
  if (viewId.startsWith('connection:'))
    return connections.find((c) => c.id === viewId.slice(11))?.label ?? 'Tokens';
  return 'Tokens';
}
