/**
 * A named place picked from the provider's own list (a create form's `resources[].named` with
 * `choices`), e.g. one zone of the picked account: fetched through `listCreateChoices` when the
 * account is chosen, then a search box and one radio per name. The value is the picked name, as
 * the typed field would give it; nothing is picked at first.
 */
import { useEffect, useId, useState } from 'react';
import type { ApiError, CreateChoice } from '../types';
import { api, unwrap } from '../api';
import { toApiError } from '../lib/errors';

/** What the provider answered for one connection, kind and account (its key). */
type Answer = { key: string } & (
  { state: 'ready'; choices: CreateChoice[] } | { state: 'failed'; error: ApiError }
);

/** A search box only where the list is long enough to need one. */
const SEARCH_FROM = 6;

export function NamedChoiceField({
  connectionId,
  accountId,
  accountNoun,
  kind,
  label,
  help,
  value,
  onChange,
  error,
}: {
  connectionId: string;
  /** '' while no account is chosen. */
  accountId: string;
  accountNoun: string;
  kind: string;
  label: string;
  help: string;
  value: string;
  onChange: (name: string) => void;
  error?: string;
}) {
  const id = useId();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [query, setQuery] = useState('');
  const noun = label.toLowerCase();
  const key = `${connectionId}|${kind}|${accountId}`;

  useEffect(() => {
    if (accountId === '') return;
    let current = true;
    unwrap(api().listCreateChoices({ connectionId, kind, accountId }))
      .then((choices) => current && setAnswer({ key, state: 'ready', choices }))
      .catch(
        (failure: unknown) => current && setAnswer({ key, state: 'failed', error: toApiError(failure) }),
      );
    return () => {
      current = false;
    };
  }, [connectionId, accountId, kind, key]);

  // An answer for another account is not this one's: until the new one comes, it is loading.
  const loaded =
    accountId === ''
      ? { state: 'idle' as const }
      : answer === null || answer.key !== key
        ? { state: 'loading' as const }
        : answer;
  const needle = query.trim().toLowerCase();
  const choices = loaded.state === 'ready' ? loaded.choices : [];
  const shown = needle === '' ? choices : choices.filter((c) => c.name.toLowerCase().includes(needle));
  const shownError = error ?? (loaded.state === 'failed' ? loaded.error.message : undefined);
  return (
    <fieldset
      className={`field${shownError ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-help${shownError ? ` ${id}-error` : ''}`}
    >
      <legend className="field-label">{label}</legend>
      {loaded.state === 'idle' && (
        <p className="field-help">
          Choose the {accountNoun} first; its {noun} choices are listed here.
        </p>
      )}
      {loaded.state === 'loading' && (
        <p className="field-help" role="status">
          Loading the {accountNoun}’s {noun} choices…
        </p>
      )}
      {loaded.state === 'ready' && choices.length === 0 && (
        <p className="field-help">
          The provider lists no {noun} in this {accountNoun} for this connection.
        </p>
      )}
      {loaded.state === 'ready' && choices.length > 0 && (
        <>
          {choices.length >= SEARCH_FROM && (
            <input
              type="search"
              className="input"
              aria-label={`Find a ${noun}`}
              placeholder={`Find a ${noun}…`}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          )}
          <div className="check-list check-scroll" role="radiogroup" aria-label={label}>
            {shown.map((choice) => (
              <label key={choice.id} className="check">
                <input
                  type="radio"
                  name={`${id}-choice`}
                  checked={value === choice.name}
                  aria-invalid={shownError ? true : undefined}
                  onChange={() => onChange(choice.name)}
                />
                {choice.name}
              </label>
            ))}
            {shown.length === 0 && (
              <p className="muted">
                No {noun} matches “{query.trim()}”.
              </p>
            )}
          </div>
        </>
      )}
      <p id={`${id}-help`} className="field-help">
        {help}
      </p>
      {shownError ? (
        <p id={`${id}-error`} className="field-error">
          {shownError}
        </p>
      ) : null}
    </fieldset>
  );
}
