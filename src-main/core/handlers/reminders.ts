/** Handlers: what needs attention (the reminder planner's view) and the calendar export. */
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { buildExpiryCalendar } from '../reminders/calendar';
import { reminderCandidatesQuery } from '../reminders/candidates';

export function reminderHandlers(ctx: CoreContext): Pick<Handlers, 'getAttention' | 'exportCalendar'> {
  const candidates = reminderCandidatesQuery(ctx.db, ctx.providers);
  return {
    getAttention() {
      return ctx.reminders.attention();
    },
    async exportCalendar() {
      const now = ctx.now();
      const { content, count } = buildExpiryCalendar({
        tokens: candidates(),
        thresholdsDays: ctx.settings.get().reminderThresholdsDays,
        now,
        annotations: new Map(ctx.repos.annotations.listAll().map((a) => [a.tokenId, a])),
      });
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
        filters: [{ name: 'iCalendar', extensions: ['ics'] }],
      });
      ctx.audit({
        action: 'export.calendar',
        outcome: path === null ? 'info' : 'ok',
        detail:
          path === null ? 'Cancelled' : `${count} upcoming expir${count === 1 ? 'y' : 'ies'} as iCalendar`,
      });
      return { path, count: path === null ? 0 : count };
    },
  };
}
