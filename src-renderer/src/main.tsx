import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useApp } from './stores/app';
import { useAttention } from './stores/attention';
import { useConnections } from './stores/connections';
import { connectEvents } from './stores/events';
import { installStoreSnapshot } from './stores/snapshot';
import { useTokens } from './stores/tokens';
import './styles.css';

installStoreSnapshot();
connectEvents();
// The core answers in the order asked: the list, what the window opens on, goes first.
void useTokens.getState().reload();
void useApp.getState().load();
void useConnections.getState().load();
void useAttention.getState().load();

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
