/**
 * The tokens workspace: the list (its header, filters and the virtualized grid) and the selected
 * token's details beside it, on a divider that resizes them. In a narrow window, or with the
 * details pane turned off, the details replace the list and a back button returns to it.
 */
import { KeySquare, PenLine, Plus, SearchX } from 'lucide-react';
import { useState } from 'react';
import { EmptyState, ErrorPanel } from '../../components/States';
import { describeError } from '../../lib/errors';
import { useWideWindow } from '../../lib/layout';
import { useApp } from '../../stores/app';
import { useConnections } from '../../stores/connections';
import { useDialogs } from '../../stores/dialogs';
import { activeFilterCount, useTokens } from '../../stores/tokens';
import { TokenDetailView } from '../detail/TokenDetailView';
import { FilterPanel } from './FilterPanel';
import { FirstRun } from './FirstRun';
import { PaneDivider } from './PaneDivider';
import { SelectionBar } from './SelectionBar';
import { TokenGrid } from './TokenGrid';
import { Toolbar } from './Toolbar';

export function TokensView() {
  const route = useApp((s) => s.route);
  const collapsed = useApp((s) => s.settings?.detailPaneCollapsed ?? false);
  const width = useApp((s) => s.settings?.detailPaneWidth ?? 420);
  const connections = useConnections((s) => s.connections);
  const connectionsLoaded = useConnections((s) => s.loaded);
  const wide = useWideWindow();

  if (connectionsLoaded && connections.length === 0) return <FirstRun />;

  const tokenId = route.view === 'token' ? route.tokenId : null;
  const single = tokenId !== null && !(wide && !collapsed);
  // One tree for both layouts: the details keep their place (the third child, the same element),
  // so crossing the narrow width or collapsing the pane re-lays them out instead of mounting them
  // anew, and what the user was typing there (an open target form, a note) stays.
  return (
    <div className={`tokens-workspace${single ? ' single' : tokenId !== null ? ' with-detail' : ''}`}>
      {!single && <ListPane />}
      {tokenId !== null && !single && <PaneDivider width={width} />}
      {tokenId !== null && (
        <div
          className={single ? 'detail-slot' : 'detail-pane'}
          role={single ? undefined : 'complementary'}
          aria-label={single ? undefined : 'Token details'}
          style={single ? undefined : { width }}
        >
          <TokenDetailView tokenId={tokenId} mode={single ? 'page' : 'beside'} />
        </div>
      )}
    </div>
  );
}

function ListPane() {
  const status = useTokens((s) => s.status);
  const error = useTokens((s) => s.error);
  const matched = useTokens((s) => s.matched);
  const filters = useTokens((s) => s.filters);
  const reload = useTokens((s) => s.reload);
  const clearFilters = useTokens((s) => s.clearFilters);
  const connections = useConnections((s) => s.connections);
  const openDialog = useDialogs((s) => s.open);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const canCreate = connections.some((c) => c.mode === 'api');
  const filtered = activeFilterCount(filters) > 0 || filters.search.trim() !== '' || filters.attention;

  let body;
  if (status === 'error' && error !== null) {
    body = (
      <ErrorPanel
        title="Tokenkeeper could not load your tokens."
        message={describeError(error)}
        action={
          <button type="button" className="button" onClick={() => void reload()}>
            Try again
          </button>
        }
      />
    );
  } else if (status === 'ready' && matched === 0 && filtered) {
    body = (
      <EmptyState
        icon={SearchX}
        title={
          filters.attention && filters.search.trim() === '' ? 'Nothing needs attention' : 'No tokens match'
        }
        actions={
          <button type="button" className="button" onClick={clearFilters}>
            {filters.attention ? 'Show all tokens' : 'Clear filters'}
          </button>
        }
      >
        <p>
          {filters.attention && filters.search.trim() === ''
            ? 'No token is expired, expiring soon or in a grace period.'
            : 'Nothing matches the search and filters. Try fewer filters or another word.'}
        </p>
      </EmptyState>
    );
  } else if (status === 'ready' && matched === 0) {
    body = (
      <EmptyState
        icon={KeySquare}
        title="No tokens yet"
        actions={
          <>
            {canCreate && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => openDialog({ kind: 'createToken', connectionId: null })}
              >
                <Plus size={16} aria-hidden="true" />
                New token
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'trackToken', connectionId: null })}
            >
              <PenLine size={16} aria-hidden="true" />
              Track a token
            </button>
          </>
        }
      >
        <p>
          {canCreate
            ? 'Sync your connections to fetch their tokens, create one, or record a token you manage elsewhere.'
            : 'Record the tokens you manage in the provider’s console (never their secrets), and Tokenkeeper reminds you before they expire.'}
        </p>
      </EmptyState>
    );
  } else {
    body = <TokenGrid />;
  }

  return (
    <section className="list-pane" aria-labelledby="list-title">
      <Toolbar filtersOpen={filtersOpen} onToggleFilters={() => setFiltersOpen(!filtersOpen)} />
      {filtersOpen && <FilterPanel />}
      <SelectionBar />
      <div className="list-area">{body}</div>
    </section>
  );
}
