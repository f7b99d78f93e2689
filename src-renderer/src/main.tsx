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
void useApp.getState().load();
void useConnections.getState().load();
void useTokens.getState().reload();
void useAttention.getState().load();

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
