/** The main view: header counts, attention, problems, the toolbar and the token list. */
import { KeySquare, PenLine, Plus, SearchX } from 'lucide-react';
import { useState } from 'react';
import type { Badge } from '../../types';
import { ConnectionProblemBanners, OfflineBanner } from '../../components/Banners';
import { EmptyState, ErrorPanel } from '../../components/States';
import { describeError } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { useConnections } from '../../stores/connections';
import { useDialogs } from '../../stores/dialogs';
import { activeFilterCount, useTokens } from '../../stores/tokens';
import { AttentionPanel } from './AttentionPanel';
import { FilterPanel } from './FilterPanel';
import { TokenGrid } from './TokenGrid';
import { Toolbar } from './Toolbar';
import { FirstRun } from './FirstRun';

export function TokensView() {
  const connections = useConnections((s) => s.connections);
  const connectionsLoaded = useConnections((s) => s.loaded);
  const status = useTokens((s) => s.status);
  const error = useTokens((s) => s.error);
  const matched = useTokens((s) => s.matched);
  const filters = useTokens((s) => s.filters);
  const reload = useTokens((s) => s.reload);
  const clearFilters = useTokens((s) => s.clearFilters);
  const openDialog = useDialogs((s) => s.open);
  const [filtersOpen, setFiltersOpen] = useState(false);

  if (connectionsLoaded && connections.length === 0) return <FirstRun />;

  const canCreate = connections.some((c) => c.mode === 'api');
  const filtered = activeFilterCount(filters) > 0 || filters.search.trim() !== '';

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
        title="No tokens match"
        actions={
          <button type="button" className="button" onClick={clearFilters}>
            Clear filters
          </button>
        }
      >
        <p>Nothing matches the search and filters. Try fewer filters or another word.</p>
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
    <div className="view tokens-view">
      <div className="view-header">
        <div>
          <h1>Tokens</h1>
          <Counts />
        </div>
        <div className="view-actions">
          <button
            type="button"
            className="button"
            onClick={() => openDialog({ kind: 'trackToken', connectionId: null })}
          >
            <PenLine size={16} aria-hidden="true" />
            Track a token
          </button>
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
        </div>
      </div>
      <OfflineBanner />
      <ConnectionProblemBanners />
      <AttentionPanel />
      <Toolbar filtersOpen={filtersOpen} onToggleFilters={() => setFiltersOpen(!filtersOpen)} />
      {filtersOpen && <FilterPanel />}
      <div className="list-area">{body}</div>
    </div>
  );
}

/** The header counts (over every active token); each one filters the list to it. */
function Counts() {
  const counts = useTokens((s) => s.counts);
  const setFilters = useTokens((s) => s.setFilters);
  if (counts === null) return <p className="counts">&nbsp;</p>;
  const chip = (n: number, label: string, badges: Badge[], tone: string) => (
    <button
      type="button"
      className={`count-chip tone-${n > 0 ? tone : 'neutral'}`}
      onClick={() => setFilters({ badges })}
      disabled={n === 0}
    >
      <strong>{formatCount(n)}</strong> {label}
    </button>
  );
  return (
    <div className="counts" aria-label="Token counts" role="group">
      <span className="count-total">
        <strong>{formatCount(counts.total)}</strong> {counts.total === 1 ? 'active token' : 'active tokens'}
      </span>
      {chip(counts.expired, 'expired', ['expired'], 'danger')}
      {chip(counts.expiringSoon, 'expiring within 30 days', ['expires_7', 'expires_30'], 'warning')}
      {chip(counts.grace, 'in grace period', ['grace'], 'warning')}
      {chip(counts.neverUsed, 'never used', ['never_used'], 'neutral')}
    </div>
  );
}
