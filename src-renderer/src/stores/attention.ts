/** What needs the user's attention (from the reminders planner), for the header and its panel. */
import { create } from 'zustand';
import type { Attention } from '../types';
import { api, unwrap } from '../api';

interface AttentionState {
  attention: Attention | null;
  load: () => Promise<void>;
  set: (attention: Attention) => void;
}

export const useAttention = create<AttentionState>()((set) => ({
  attention: null,
  async load() {
    try {
      set({ attention: await unwrap(api().getAttention()) });
    } catch {
      // Keep the last known state; the header shows nothing rather than a wrong number.
    }
  },
  set(attention) {
    set({ attention });
  },
}));
