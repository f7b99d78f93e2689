/** Handlers: what needs attention (reminders, tray) and the calendar export. */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { notYet } from './not-yet';

export function reminderHandlers(ctx: CoreContext): Pick<Handlers, 'getAttention' | 'exportCalendar'> {
  return {
    getAttention() {
      const now = ctx.now();
      const page = ctx.queries.list(
        { offset: 0, limit: 50, badges: ['expired', 'grace', 'expires_7', 'expires_30'], sort: { column: 'expiresAt', direction: 'asc' } },
        now,
      );
      const items = page.rows
        .filter((t) => t.snoozedUntil === null || t.snoozedUntil <= now)
        .map((token) => ({
          token,
          reason: token.badges.includes('expired') ? 'Expired' : token.badges.includes('grace') ? 'In grace period' : 'Expires soon',
          dueAt: token.state === 'grace' ? token.graceEndsAt : token.expiresAt,
        }));
      return { count: page.counts.needsAttention, items, paused: ctx.settings.get().remindersPaused, nextWakeAt: null };
    },
    exportCalendar: notYet('Calendar export'),
  };
}
