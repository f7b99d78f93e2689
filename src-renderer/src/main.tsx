import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { reopenLostSecret } from './dialogs/reopen-lost-secret';
import { useApp } from './stores/app';
import { useAttention } from './stores/attention';
import { useConnections } from './stores/connections';
import { connectEvents } from './stores/events';
import { offerStoreSnapshot } from './stores/snapshot';
import { useTokenIndex } from './stores/token-index';
import { followIndex, useTokens } from './stores/tokens';
import './styles.css';

/**
 * How long the first render waits for what the window opens on (the first rows, the theme, the
 * sidebar's connections), so that it is drawn once rather than piece by piece; a slow core still
 * gets the loading states once this has passed.
 */
const FIRST_RENDER_WAIT_MS = 400;

offerStoreSnapshot();
connectEvents();
followIndex();
// The core answers in the order asked: the list first. The attention list (the reminders plan
// every token for it) goes last: it fills a count and a strip that take no room from the rows.
const opening = Promise.allSettled([
  useTokens.getState().reload(),
  useApp.getState().load(),
  useConnections.getState().load(),
]);
void useAttention.getState().load();

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
void Promise.race([opening, new Promise((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS))])
  .then(render)
  // Once the first rows are on screen, the whole index is read in the background.
  .then(() => opening)
  .then(() => new Promise((resolve) => requestAnimationFrame(() => window.setTimeout(resolve, 0))))
  .then(() => useTokenIndex.getState().load());
// A secret the lost window was showing (or about to show) gets its one more showing.
void opening.then(reopenLostSecret);
