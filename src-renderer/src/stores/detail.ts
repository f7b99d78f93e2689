/** The token shown in the detail view (metadata only). */
import { create } from 'zustand';
import type { ApiError, TokenDetail } from '../types';
import { api, unwrap } from '../api';
import { toApiError } from '../lib/errors';

interface DetailState {
  tokenId: string | null;
  detail: TokenDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  load: (tokenId: string) => Promise<void>;
  refresh: () => Promise<void>;
}

let request = 0;

export const useDetail = create<DetailState>()((set, get) => ({
  tokenId: null,
  detail: null,
  status: 'idle',
  error: null,
  async load(tokenId) {
    const mine = ++request;
    const same = get().tokenId === tokenId && get().detail !== null;
    set({ tokenId, status: same ? 'ready' : 'loading', detail: same ? get().detail : null, error: null });
    try {
      const detail = await unwrap(api().getToken({ tokenId }));
      if (mine === request) set({ detail, status: 'ready' });
    } catch (error) {
      if (mine === request) set({ status: 'error', error: toApiError(error) });
    }
  },
  async refresh() {
    const id = get().tokenId;
    if (id !== null) await get().load(id);
  },
}));
