/**
 * Preload (sandboxed, bundled as CommonJS). Exposes only the named functions derived from the
 * contract; the page never touches `ipcRenderer` or a raw channel name.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './api';
import { channelWireName, eventWireName } from './contract-names';

const api = buildApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channelWireName(channel), payload),
  subscribe: (event, listener) => {
    const wire = eventWireName(event);
    // Wrap so the page's callback never receives the IpcRendererEvent (it exposes `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(wire, wrapped);
    return () => {
      ipcRenderer.removeListener(wire, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('tokenkeeper', api);
