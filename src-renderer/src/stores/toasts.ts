/** Short-lived messages ("Token revoked", "Could not sync: …"), some with a link to a token. Never a secret. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  message: string;
  /** "Show token": opens the token the message is about. */
  tokenId?: string;
}

interface ToastState {
  toasts: Toast[];
  show: (tone: Toast['tone'], message: string, tokenId?: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
const TOAST_MS = 6000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, message, tokenId) {
    const id = nextId++;
    // The same message twice (e.g. two failed syncs in a row) is shown once.
    const others = get().toasts.filter((t) => t.message !== message);
    set({
      toasts: [...others.slice(-2), { id, tone, message, ...(tokenId === undefined ? {} : { tokenId }) }],
    });
    // Errors stay until dismissed: the user may need to read them twice.
    if (tone !== 'error') window.setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = {
  success: (message: string, tokenId?: string) => useToasts.getState().show('success', message, tokenId),
  error: (message: string) => useToasts.getState().show('error', message),
  info: (message: string, tokenId?: string) => useToasts.getState().show('info', message, tokenId),
};
