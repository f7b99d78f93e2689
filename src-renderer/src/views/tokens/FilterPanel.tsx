/** The filter panel: providers, connections, status and expiry window. */
import { useId } from 'react';
import type { Badge } from '../../types';
import { BADGES, FILTER_BADGES } from '../../lib/badges';
import { providerName } from '../../lib/providers';
import { useConnections } from '../../stores/connections';
import { useTokens } from '../../stores/tokens';

const toggle = <T,>(list: T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

const EXPIRY_CHOICES = [7, 14, 30, 60, 90, 180, 365];

export function FilterPanel() {
  const filters = useTokens((s) => s.filters);
  const setFilters = useTokens((s) => s.setFilters);
  const connections = useConnections((s) => s.connections);
  const providers = useConnections((s) => s.providers);
  const expiryId = useId();

  return (
    <section id="token-filters" className="filter-panel" aria-label="Filters">
      <fieldset>
        <legend>Provider</legend>
        {providers.map((provider) => (
          <label key={provider.id} className="check">
            <input
              type="checkbox"
              checked={filters.providers.includes(provider.id)}
              onChange={() => setFilters({ providers: toggle(filters.providers, provider.id) })}
            />
            {provider.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Connection</legend>
        {connections.length === 0 && <p className="muted">No connections yet.</p>}
        <div className="check-scroll">
          {connections.map((connection) => (
            <label key={connection.id} className="check">
              <input
                type="checkbox"
                checked={filters.connectionIds.includes(connection.id)}
                onChange={() => setFilters({ connectionIds: toggle(filters.connectionIds, connection.id) })}
              />
              {connection.label}
              <span className="muted"> · {providerName(providers, connection.provider)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="status-filters">
        <legend>Status (any of)</legend>
        <div className="check-columns">
          {FILTER_BADGES.map((badge: Badge) => (
            <label key={badge} className="check">
              <input
                type="checkbox"
                checked={filters.badges.includes(badge)}
                onChange={() => setFilters({ badges: toggle(filters.badges, badge) })}
              />
              {BADGES[badge].label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Expiry and state</legend>
        <label htmlFor={expiryId} className="field-label">
          Expiring within
        </label>
        <select
          id={expiryId}
          value={filters.expiringWithinDays ?? ''}
          onChange={(event) =>
            setFilters({ expiringWithinDays: event.target.value === '' ? null : Number(event.target.value) })
          }
        >
          <option value="">Any time</option>
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days} days (expired included)
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.includeInactive}
            onChange={() => setFilters({ includeInactive: !filters.includeInactive })}
          />
          Show revoked, removed and retired tokens
        </label>
      </fieldset>
    </section>
  );
}
