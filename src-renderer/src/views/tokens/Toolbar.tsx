/** Search, filters, grouping and "show inactive" above the token list. */
import { ListFilter, Search, X } from 'lucide-react';
import { useId } from 'react';
import { formatCount } from '../../lib/format';
import { activeFilterCount, useTokens, type GroupBy } from '../../stores/tokens';

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
  const groupId = useId();
  const active = activeFilterCount(filters);
  const filtered = active > 0 || filters.search.trim() !== '';

  return (
    <div className="toolbar" role="search" aria-label="Find tokens">
      <div className="search-box">
        <Search size={16} aria-hidden="true" className="search-icon" />
        <input
          type="search"
          aria-label="Search tokens"
          placeholder="Search name, account, last 4…"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && searchText !== '') {
              event.preventDefault();
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
          : filtered || filters.includeInactive
            ? `${formatCount(matched)} of ${formatCount(counts?.total ?? matched)} tokens`
            : `${formatCount(matched)} ${matched === 1 ? 'token' : 'tokens'}`}
      </p>
    </div>
  );
}
