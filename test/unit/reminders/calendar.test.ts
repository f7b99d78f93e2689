/**
 * The calendar export: parsed with a small strict RFC 5545 reader (CRLF lines, folding at 75
 * octets, balanced BEGIN/END, NAME[;params]:value) and checked for one VEVENT with one VALARM per
 * upcoming expiry and one VALARM per reminder threshold still ahead, with nothing secret in it.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, addTrackedConnection, makeCore, type TestCore } from '../helpers';

interface Component {
  name: string;
  props: { name: string; params: string; value: string }[];
  children: Component[];
}

function parseICalendar(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const raw = text.slice(0, -2).split('\r\n');
  for (const line of raw) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .slice(0, -2)
    .split('\r\n');
  const root: Component = { name: '', props: [], children: [] };
  const stack: Component[] = [root];
  for (const line of lines) {
    const match = /^([A-Z][A-Z0-9-]*)((?:;[^:]*)?):(.*)$/.exec(line);
    if (match === null) throw new Error(`not a content line: ${line}`);
    const [, name = '', params = '', value = ''] = match;
    const top = stack[stack.length - 1] as Component;
    if (name === 'BEGIN') {
      const child: Component = { name: value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(top.name).toBe(value);
      stack.pop();
    } else {
      top.props.push({ name, params, value });
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(['VCALENDAR']);
  return root.children[0] as Component;
}

const prop = (c: Component, name: string) => c.props.filter((p) => p.name === name).map((p) => p.value);
const icsTime = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

let current: TestCore | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

async function setup() {
  current = makeCore();
  const { core, clock } = current;
  const now = clock.now();
  const connection = await addTrackedConnection(core, 'mailtrap', 'Mailtrap prod');
  const add = async (name: string, expiresAt: number | null) =>
    (
      await core.handlers.addTrackedToken({
        connectionId: connection.id,
        name,
        accountName: 'Acme',
        last4: 'wxyz',
        createdAt: Math.min(now, expiresAt ?? now) - DAY,
        expiresAt,
        note: 'rotate via the CI settings; ask ops',
      })
    ).id;
  const ids = {
    soon: await add('CI deploy', now + 10 * DAY),
    later: await add('Backup, nightly; "full"', now + 90 * DAY),
    expired: await add('Old', now - 2 * DAY),
    never: await add('Forever', null),
    retired: await add('Retired', now + 20 * DAY),
    grace: await add('Rotated', now + 200 * DAY),
  };
  const { repos } = core.context;
  const retired = repos.tokens.get(ids.retired);
  if (retired) repos.tokens.save({ ...retired, state: 'retired' });
  const grace = repos.tokens.get(ids.grace);
  if (grace) repos.tokens.save({ ...grace, state: 'grace', graceEndsAt: now + 20 * 3_600_000 });
  return { core, now, ids, t: current };
}

describe('calendar export', () => {
  it('writes one event per upcoming expiry with an alarm at each threshold ahead, and nothing for expired, retired or never-expiring tokens', async () => {
    const { core, now, ids, t } = await setup();
    const result = await core.call('exportCalendar', undefined);
    expect(result).toMatchObject({ ok: true, value: { count: 3 } });
    const saved = t.fakes.system.saved[0];
    expect(saved?.request.defaultName).toBe('tokenkeeper-expiries-2026-11-25.ics');
    expect(saved?.request.filters).toEqual([{ name: 'iCalendar', extensions: ['ics'] }]);
    const content = fs.readFileSync(saved?.path ?? '', 'utf8');

    const calendar = parseICalendar(content);
    expect(prop(calendar, 'VERSION')).toEqual(['2.0']);
    expect(prop(calendar, 'PRODID')).toEqual(['-//Tokenkeeper//Tokenkeeper//EN']);
    const events = calendar.children.filter((c) => c.name === 'VEVENT');
    expect(events).toHaveLength(3);
    expect(calendar.children).toHaveLength(3);

    const summaries = events.map((e) => prop(e, 'SUMMARY')[0]);
    expect(summaries).toEqual([
      'Mailtrap · Rotated: old token stops working',
      'Mailtrap · CI deploy token expires',
      'Mailtrap · Backup\\, nightly\\; "full" token expires',
    ]);
    expect(events.map((e) => prop(e, 'DTSTART')[0])).toEqual([
      icsTime(now + 20 * 3_600_000),
      icsTime(now + 10 * DAY),
      icsTime(now + 90 * DAY),
    ]);
    const uids = events.map((e) => prop(e, 'UID')[0]);
    expect(new Set(uids).size).toBe(3);
    expect(uids[1]).toBe(`${ids.soon}-${now + 10 * DAY}@tokenkeeper`);

    for (const event of events) {
      expect(event.children.every((c) => c.name === 'VALARM')).toBe(true);
      for (const alarm of event.children) expect(prop(alarm, 'ACTION')).toEqual(['DISPLAY']);
    }
    // The alarms ring at every threshold still ahead (of 30/7/1/0 days: 7, 1 and on the day for the
    // token 10 days out), as the app's own reminders do; a grace end an hour before.
    const triggers = (e: Component) => e.children.map((alarm) => prop(alarm, 'TRIGGER')[0]);
    expect(events.map(triggers)).toEqual([
      ['-PT1H'],
      ['-P7D', '-P1D', 'PT0S'],
      ['-P30D', '-P7D', '-P1D', 'PT0S'],
    ]);
    expect(prop(events[1] as Component, 'DESCRIPTION')[0]).toBe(
      'Account Acme · connection “Mailtrap prod”. Rotate or replace it in Tokenkeeper before then.\\nNote: rotate via the CI settings\\; ask ops',
      // (as written in the file: RFC 5545 escapes the line break and the semicolon)
    );

    // Metadata only: the annotation (never a secret, refused when shaped like one), not the last four characters.
    expect(content).not.toContain('wxyz');
    expect(core.context.repos.audit.recent(1)[0]).toMatchObject({
      action: 'export.calendar',
      outcome: 'ok',
      detail: '3 upcoming expiries as iCalendar',
    });
  });

  it('says so when nothing is upcoming, and reports a cancelled save dialog as no file', async () => {
    current = makeCore();
    expect(await current.core.call('exportCalendar', undefined)).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'No token has an upcoming expiry, so there is nothing to put in a calendar.',
      },
    });
    const { core, t } = await setup();
    t.fakes.system.cancelNextSave = true;
    expect(await core.call('exportCalendar', undefined)).toEqual({
      ok: true,
      value: { path: null, count: 0 },
    });
    expect(t.fakes.system.saved).toEqual([]);
  });
});
