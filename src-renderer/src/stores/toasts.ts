/** Short-lived messages ("Token revoked", "Could not sync: …"). Never a secret. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  show: (tone: Toast['tone'], message: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
const TOAST_MS = 6000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, message) {
    const id = nextId++;
    // The same message twice (e.g. two failed syncs in a row) is shown once.
    const others = get().toasts.filter((t) => t.message !== message);
    set({ toasts: [...others.slice(-2), { id, tone, message }] });
    // Errors stay until dismissed: the user may need to read them twice.
    if (tone !== 'error') window.setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = {
  success: (message: string) => useToasts.getState().show('success', message),
  error: (message: string) => useToasts.getState().show('error', message),
  info: (message: string) => useToasts.getState().show('info', message),
};
