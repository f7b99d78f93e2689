import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { reopenLostSecret } from './dialogs/reopen-lost-secret';
import { useApp } from './stores/app';
import { useAttention } from './stores/attention';
import { useConnections } from './stores/connections';
import { connectEvents } from './stores/events';
import { offerStoreSnapshot } from './stores/snapshot';
import { useTokens } from './stores/tokens';
import './styles.css';

/**
 * How long the first render waits for what the window opens on. Drawn piece by piece as each
 * answer came in, the list jumped down when the attention panel above it arrived, and a chosen
 * dark theme flashed light; a slow core still gets the loading states once this has passed.
 */
const FIRST_RENDER_WAIT_MS = 400;

offerStoreSnapshot();
connectEvents();
// The core answers in the order asked: the list and the attention panel above it go first.
const opening = Promise.allSettled([
  useTokens.getState().reload(),
  useAttention.getState().load(),
  useApp.getState().load(),
  useConnections.getState().load(),
]);

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
void Promise.race([opening, new Promise((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(
  render,
);
// A secret the lost window was showing (or about to show) gets its one more showing.
void opening.then(reopenLostSecret);
