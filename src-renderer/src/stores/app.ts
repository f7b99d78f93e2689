/**
 * App-wide state: where the user is (the route), app info and notices, settings, open
 * operations from the journal, and whether the machine is online.
 */
import { create } from 'zustand';
import type { AppInfo, Notice, Operation, Settings, SettingsPatch } from '../types';
import { api, unwrap } from '../api';
import { describeError, toApiError } from '../lib/errors';
import { toast } from './toasts';

/**
 * Where the user is. "token" is the list with that token's details open (beside the list, or in
 * its place in a narrow window); "upcoming" is the expiry timeline.
 */
export type Route =
  | { view: 'tokens' }
  | { view: 'token'; tokenId: string }
  | { view: 'upcoming' }
  | { view: 'connections' }
  | { view: 'settings' };

interface AppState {
  route: Route;
  info: AppInfo | null;
  notices: Notice[];
  settings: Settings | null;
  openOperations: Operation[];
  online: boolean;
  loadError: string | null;
  navigate: (route: Route) => void;
  load: () => Promise<void>;
  loadOperations: () => Promise<void>;
  addNotice: (notice: Notice) => void;
  dismissNotice: (id: string) => Promise<void>;
  acknowledgeOperation: (id: string) => Promise<void>;
  updateSettings: (patch: SettingsPatch) => Promise<Settings | null>;
  setSettings: (settings: Settings) => void;
  setOnline: (online: boolean) => void;
}

export const useApp = create<AppState>()((set, get) => ({
  route: { view: 'tokens' },
  info: null,
  notices: [],
  settings: null,
  openOperations: [],
  online: navigator.onLine,
  loadError: null,
  navigate(route) {
    set({ route });
  },
  async load() {
    try {
      const [info, settings] = await Promise.all([unwrap(api().getAppInfo()), unwrap(api().getSettings())]);
      const known = new Set(get().notices.map((n) => n.id));
      set({
        info,
        settings,
        notices: [...get().notices, ...info.notices.filter((n) => !known.has(n.id))],
        loadError: null,
      });
    } catch (error) {
      set({ loadError: describeError(toApiError(error)) });
    }
    await get().loadOperations();
  },
  async loadOperations() {
    try {
      set({ openOperations: await unwrap(api().listOperations({ onlyOpen: true })) });
    } catch {
      // The list of open operations is advisory; the token detail shows each token's own.
    }
  },
  addNotice(notice) {
    set({ notices: [...get().notices.filter((n) => n.id !== notice.id), notice] });
  },
  async dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
    await api().dismissNotice({ noticeId: id });
  },
  async acknowledgeOperation(id) {
    try {
      await unwrap(api().acknowledgeOperation({ operationId: id }));
      set({
        openOperations: get().openOperations.filter((o) => o.id !== id),
        notices: get().notices.filter((n) => n.id !== `operation:${id}`),
      });
    } catch (error) {
      toast.error(describeError(toApiError(error)));
    }
  },
  async updateSettings(patch) {
    // Show the change at once (a checkbox must not lag a round trip); the core's answer wins.
    const before = get().settings;
    if (before !== null) set({ settings: { ...before, ...patch } });
    try {
      const settings = await unwrap(api().updateSettings(patch));
      set({ settings });
      return settings;
    } catch (error) {
      if (before !== null) set({ settings: before });
      const failure = toApiError(error);
      // Declined in main's own confirmation dialog: the user's choice, not an error.
      if (failure.code !== 'cancelled') toast.error(describeError(failure));
      return null;
    }
  },
  setSettings(settings) {
    set({ settings });
  },
  setOnline(online) {
    set({ online });
  },
}));
