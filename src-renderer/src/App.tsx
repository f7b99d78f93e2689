import { useCallback, useEffect, useState } from 'react';
import type { TokenPage } from '../../src-preload/contract';
import { api, unwrap } from './api';

export function App() {
  const [page, setPage] = useState<TokenPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    unwrap(api().listTokens({ offset: 0, limit: 200 }))
      .then(setPage)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : 'Could not load tokens.'));
  }, []);

  useEffect(() => {
    load();
    return api().onTokensChanged(load);
  }, [load]);

  return (
    <main className="app">
      <header className="app-header">
        <h1>Tokenkeeper</h1>
        {page !== null && <p aria-live="polite">{page.counts.total} tokens</p>}
      </header>
      {error !== null && <p role="alert">{error}</p>}
      {page !== null && page.rows.length === 0 && (
        <section className="empty">
          <h2>No tokens yet</h2>
          <p>Add a connection to see every API token you hold across providers.</p>
        </section>
      )}
      {page !== null && page.rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Name</th>
              <th scope="col">Last 4</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.provider}</td>
                <td>{row.name}</td>
                <td>{row.last4 ?? '—'}</td>
                <td>{row.expiresAt === null ? 'Never expires' : new Date(row.expiresAt).toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
