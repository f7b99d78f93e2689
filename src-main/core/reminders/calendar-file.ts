/**
 * The `.ics` file kept up to date at a path the user chose (Settings › Export), for a calendar
 * app to subscribe to. Rewritten, debounced, whenever tokens, connections or the reminder
 * thresholds change, and once at start (expiries may have passed while the app was closed).
 *
 * Why it is written this way:
 * - Atomically: the new text goes to a temporary file in the SAME folder (a rename across file
 *   systems is a copy), then replaces the file in one rename, so a calendar app polling the file
 *   never reads half of it (files/atomic-write.ts, with fsync). The temporary file holds the
 *   same metadata as the file: no secret.
 * - Owner-only (0600): the file says which systems the user holds keys to.
 * - A failed write (the folder was removed, a full disk) leaves the old file, is logged and
 *   shown once as a notice; the next change tries again.
 */
import type { Database } from 'better-sqlite3';
import { writeFileAtomically } from '../files/atomic-write';
import type { NoticeBoard, Repos } from '../context';
import type { Logger } from '../log/logger';
import type { Clock } from '../ports';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsService } from '../settings/settings-service';
import { buildExpiryCalendar } from './calendar';
import { reminderCandidatesQuery } from './candidates';

/** Changes come in bursts (a sync of many connections): one write after this much quiet. */
export const CALENDAR_FILE_DEBOUNCE_MS = 2_000;
export const CALENDAR_FILE_NOTICE = 'calendar-file-failed';

/** The expiry calendar as of `now`, from the cache (what the export and the kept file hold). */
export function expiryCalendarSource(
  db: Database,
  providers: Pick<ProviderRegistry, 'nameOf'>,
  repos: Pick<Repos, 'annotations'>,
  settings: SettingsService,
): (now: number) => { content: string; count: number } {
  const candidates = reminderCandidatesQuery(db, providers);
  return (now) =>
    buildExpiryCalendar({
      tokens: candidates(),
      thresholdsDays: settings.get().reminderThresholdsDays,
      now,
      annotations: new Map(repos.annotations.listAll().map((a) => [a.tokenId, a])),
    });
}

export class CalendarFileKeeper {
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly options: {
      clock: Clock;
      settings: SettingsService;
      source: (now: number) => { content: string };
      notices: NoticeBoard;
      log: Logger;
      debounceMs?: number;
    },
  ) {}

  /** Something the calendar shows changed: rewrite the file once the burst is over. */
  requestWrite(): void {
    if (this.stopped || this.options.settings.get().calendarFilePath === null) return;
    const { clock } = this.options;
    if (this.timer !== null) clock.clearTimeout(this.timer);
    this.timer = clock.setTimeout(() => {
      this.timer = null;
      this.writeNow();
    }, this.options.debounceMs ?? CALENDAR_FILE_DEBOUNCE_MS);
  }

  /** Writes the file now, if one is kept; returns whether it was written. */
  writeNow(): boolean {
    const target = this.options.settings.get().calendarFilePath;
    if (this.stopped || target === null) return false;
    try {
      writeFileAtomically(target, this.options.source(this.options.clock.now()).content, { mode: 0o600 });
      this.options.notices.dismiss(CALENDAR_FILE_NOTICE);
      return true;
    } catch (error) {
      this.options.log.warn('the kept calendar file could not be rewritten', { error });
      this.options.notices.add({
        id: CALENDAR_FILE_NOTICE,
        level: 'warning',
        title: 'The calendar file could not be updated',
        message: `Tokenkeeper could not write ${target}; it keeps the last version and tries again at the next change. Choose another file in Settings › Export if the folder is gone.`,
      });
      return false;
    }
  }

  /** Writes a change still waiting on the debounce (the app is quitting), then stops. */
  stop(): void {
    if (this.timer !== null) {
      this.options.clock.clearTimeout(this.timer);
      this.timer = null;
      this.writeNow();
    }
    this.stopped = true;
  }
}
