/** Handlers: what needs attention (the reminder planner's view), the calendar export and the kept calendar file. */
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { expiryCalendarSource } from '../reminders/calendar-file';

const ICS_FILTERS = [{ name: 'iCalendar', extensions: ['ics'] }];

export function reminderHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'getAttention' | 'exportCalendar' | 'keepCalendarFile'> {
  const calendar = expiryCalendarSource(ctx.db, ctx.providers, ctx.repos, ctx.settings);
  return {
    getAttention() {
      return ctx.reminders.attention();
    },
    async exportCalendar() {
      const now = ctx.now();
      const { content, count } = calendar(now);
      if (count === 0) {
        throw new AppError(
          'not_found',
          'No token has an upcoming expiry, so there is nothing to put in a calendar.',
        );
      }
      const stamp = new Date(now).toISOString().slice(0, 10);
      const path = await ctx.deps.system.saveFile({
        defaultName: `tokenkeeper-expiries-${stamp}.ics`,
        content,
        filters: ICS_FILTERS,
      });
      ctx.audit({
        action: 'export.calendar',
        outcome: path === null ? 'info' : 'ok',
        detail:
          path === null ? 'Cancelled' : `${count} upcoming expir${count === 1 ? 'y' : 'ies'} as iCalendar`,
      });
      return { path, count: path === null ? 0 : count };
    },
    async keepCalendarFile({ keep }) {
      if (!keep) {
        if (ctx.settings.get().calendarFilePath === null) return ctx.settings.get();
        ctx.audit({ action: 'export.calendar', outcome: 'ok', detail: 'Stopped keeping the calendar file' });
        return ctx.settings.update({ calendarFilePath: null });
      }
      // The dialog writes the first version; from then on the core rewrites it on every change.
      // An empty calendar is fine here: a subscription fills in as tokens gain expiries.
      const path = await ctx.deps.system.saveFile({
        defaultName: 'tokenkeeper-expiries.ics',
        content: calendar(ctx.now()).content,
        filters: ICS_FILTERS,
      });
      if (path === null) return ctx.settings.get();
      ctx.audit({ action: 'export.calendar', outcome: 'ok', detail: 'Keeping the calendar file up to date' });
      return ctx.settings.update({ calendarFilePath: path });
    },
  };
}
