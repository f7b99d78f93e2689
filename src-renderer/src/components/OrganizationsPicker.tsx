/**
 * The places a new token may reach, picked by name from the list the connection already fetched
 * (its accounts): a search box and a checkbox per place, none picked at first. "All" is the broad
 * choice the user must make on purpose, never the default, and raw ids are never asked for.
 */
import { useId, useState } from 'react';
import type { RemoteAccount } from '../types';

export interface OrganizationsValue {
  all: boolean;
  picked: string[];
}

export const NARROWEST: OrganizationsValue = { all: false, picked: [] };

export function OrganizationsPicker({
  places,
  noun,
  providerName,
  value,
  onChange,
  error,
}: {
  places: readonly RemoteAccount[];
  /** What the provider calls them, e.g. { one: 'Organization', many: 'Organizations' }. */
  noun: { one: string; many: string };
  providerName: string;
  value: OrganizationsValue;
  onChange: (value: OrganizationsValue) => void;
  error?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const many = noun.many.toLowerCase();
  const needle = query.trim().toLowerCase();
  const shown = needle === '' ? places : places.filter((p) => p.name.toLowerCase().includes(needle));
  const toggle = (placeId: string) =>
    onChange({
      all: false,
      picked: value.picked.includes(placeId)
        ? value.picked.filter((p) => p !== placeId)
        : [...value.picked, placeId],
    });
  return (
    <fieldset
      className={`field${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
    >
      <legend className="field-label">{noun.many}</legend>
      {places.length === 0 ? (
        <p className="field-help">
          Tokenkeeper has not fetched this connection’s {many} yet. Sync the connection, then choose them
          here.
        </p>
      ) : (
        <>
          {places.length > 2 && (
            <input
              type="search"
              className="input"
              aria-label={`Search ${many}`}
              placeholder={`Search ${many}…`}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          )}
          <div className="check-list" role="group" aria-label={`${noun.many} the token may reach`}>
            {shown.map((place) => (
              <label key={place.id} className="check">
                <input
                  type="checkbox"
                  checked={!value.all && value.picked.includes(place.id)}
                  disabled={value.all}
                  aria-invalid={error ? true : undefined}
                  onChange={() => toggle(place.id)}
                />
                {place.name}
              </label>
            ))}
            {shown.length === 0 && (
              <p className="muted">
                No {noun.one.toLowerCase()} matches “{query.trim()}”.
              </p>
            )}
          </div>
        </>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={value.all}
          onChange={(event) => onChange({ all: event.target.checked, picked: value.picked })}
        />
        All {many}, including ones added later (broad scope)
      </label>
      <p id={`${id}-help`} className="field-help">
        {value.all
          ? `The token reaches every ${noun.one.toLowerCase()} you belong to at ${providerName}, now and later. Prefer only the ones it needs.`
          : `Pick only the ${many} the integration needs${value.picked.length > 0 ? ` (${value.picked.length} picked)` : ''}.`}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
