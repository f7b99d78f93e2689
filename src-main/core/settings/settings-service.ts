/** Settings: defaults merged with what the user saved; every change is validated by the contract. */
import { Settings, type Settings as SettingsValue } from '../../../src-preload/contract';
import type { SettingsRepo } from '../db/repositories/settings';

export const DEFAULT_SETTINGS: SettingsValue = {
  reminderThresholdsDays: [30, 7, 1, 0],
  remindersPaused: false,
  scheduledRotationsPaused: false,
  clipboardClearSeconds: 30,
  startAtLogin: false,
  closeToTray: true,
  theme: 'system',
  caCertificatePath: null,
  weakStorageAccepted: false,
  density: 'comfortable',
  detailPaneWidth: 420,
  detailPaneCollapsed: false,
  calendarFilePath: null,
};

export type SettingsListener = (next: SettingsValue, previous: SettingsValue) => void;

export class SettingsService {
  private current: SettingsValue;
  private readonly listeners = new Set<SettingsListener>();

  constructor(private readonly repo: SettingsRepo) {
    this.current = SettingsService.merge(repo.readAll());
  }

  /** Stored values that no longer validate (an older or hand-edited file) fall back to defaults. */
  private static merge(stored: Record<string, unknown>): SettingsValue {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SettingsValue)[]) {
      if (!(key in stored)) continue;
      const candidate = { ...DEFAULT_SETTINGS, [key]: stored[key] };
      if (Settings.safeParse(candidate).success) merged[key] = stored[key];
    }
    return Settings.parse(merged);
  }

  get(): SettingsValue {
    return this.current;
  }

  update(patch: Partial<SettingsValue>): SettingsValue {
    const next = Settings.parse({ ...this.current, ...patch });
    if (patch.reminderThresholdsDays !== undefined) {
      next.reminderThresholdsDays = [...new Set(next.reminderThresholdsDays)].sort((a, b) => b - a);
    }
    this.repo.writeMany(next);
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) listener(next, previous);
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
