/**
 * The `.ics` file kept up to date at a chosen path: chosen through the save dialog only, rewritten
 * (debounced, atomically, owner-only) after a sync and after a threshold change, left alone once
 * turned off, and a failed write said once as a notice while the last good file stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALENDAR_FILE_DEBOUNCE_MS,
  CALENDAR_FILE_NOTICE,
} from '../../../src-main/core/reminders/calendar-file';
import type { AppInfo, Settings } from '../../../src-preload/contract';
import { DAY, addTrackedConnection } from '../helpers';
import {
  connectMailtrap,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest;
afterEach(async () => {
  await t.shutdown();
});

const read = (file: string) => fs.readFileSync(file, 'utf8');
const triggers = (ics: string) => [...ics.matchAll(/^TRIGGER:(.*)\r$/gm)].map((m) => m[1]);

describe('the kept calendar file', () => {
  it('is chosen in the save dialog, then follows a sync and a threshold change, atomically and owner-only', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    await connectMailtrap(t, sim, seed);

    const settings = await ok<Settings>(t, 'keepCalendarFile', { keep: true });
    const file = t.fakes.system.saved.at(-1)?.path ?? '';
    expect(settings.calendarFilePath).toBe(file);
    expect(t.fakes.system.saved.at(-1)?.request.defaultName).toBe('tokenkeeper-expiries.ics');
    expect(read(file)).toContain('SUMMARY:Mailtrap · CI deploy token expires');
    expect(read(file)).not.toContain('Nightly export');

    // A token created at the provider arrives by sync; the file follows once the burst is over.
    sim.addToken({
      account: seed.accounts.acme,
      name: 'Nightly export',
      expiresAt: t.clock.now() + 40 * DAY,
      access: { [seed.accounts.acme]: 10 },
    });
    await ok(t, 'syncNow', {});
    await t.idle();
    expect(read(file)).not.toContain('Nightly export');
    t.clock.advance(CALENDAR_FILE_DEBOUNCE_MS);
    expect(read(file)).toContain('SUMMARY:Mailtrap · Nightly export token expires');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Written through a temporary file beside it and a rename: nothing else is left in the folder.
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    // Metadata only: the connection's credential and the tokens' values are nowhere in it.
    expect(read(file)).not.toContain(seed.credential);
    for (const token of sim.findByName('Nightly export')) expect(read(file)).not.toContain(token.secret);

    // The alarms are the reminder thresholds: a change rewrites them.
    expect(triggers(read(file))).toContain('-P7D');
    await ok(t, 'updateSettings', { reminderThresholdsDays: [14, 2] });
    t.clock.advance(CALENDAR_FILE_DEBOUNCE_MS);
    const after = triggers(read(file));
    expect(after).toContain('-P14D');
    expect(after).toContain('-P2D');
    expect(after).not.toContain('-P7D');
  });

  it('only the save dialog sets the path; turned off, the file is no longer touched', async () => {
    t = providerCore();
    const elsewhere = path.join(t.dataDir, 'not-chosen.ics');
    expect((await refusal(t, 'updateSettings', { calendarFilePath: elsewhere })).code).toBe('invalid_input');
    t.fakes.system.cancelNextSave = true;
    expect((await ok<Settings>(t, 'keepCalendarFile', { keep: true })).calendarFilePath).toBeNull();

    const file = (await ok<Settings>(t, 'keepCalendarFile', { keep: true })).calendarFilePath ?? '';
    const before = read(file);
    expect((await ok<Settings>(t, 'keepCalendarFile', { keep: false })).calendarFilePath).toBeNull();
    await t.core.handlers.addTrackedToken({
      connectionId: await tracked(t),
      name: 'Late addition',
      accountName: null,
      last4: null,
      createdAt: t.clock.now() - DAY,
      expiresAt: t.clock.now() + 5 * DAY,
      note: null,
    });
    t.clock.advance(CALENDAR_FILE_DEBOUNCE_MS);
    expect(read(file)).toBe(before);
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it('a failed rewrite keeps nothing half-written and says so once; the next good write clears the notice', async () => {
    t = providerCore();
    const file = (await ok<Settings>(t, 'keepCalendarFile', { keep: true })).calendarFilePath ?? '';
    const connectionId = await tracked(t);
    const dir = path.dirname(file);
    fs.rmSync(dir, { recursive: true });
    await t.core.handlers.addTrackedToken({
      connectionId,
      name: 'While the folder is gone',
      accountName: null,
      last4: null,
      createdAt: t.clock.now() - DAY,
      expiresAt: t.clock.now() + 5 * DAY,
      note: null,
    });
    t.clock.advance(CALENDAR_FILE_DEBOUNCE_MS);
    const notices = async () => (await ok<AppInfo>(t, 'getAppInfo', undefined)).notices.map((n) => n.id);
    expect(await notices()).toEqual([CALENDAR_FILE_NOTICE]);
    fs.mkdirSync(dir, { recursive: true });
    await ok(t, 'updateSettings', { reminderThresholdsDays: [3] });
    t.clock.advance(CALENDAR_FILE_DEBOUNCE_MS);
    expect(read(file)).toContain('While the folder is gone');
    expect(await notices()).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });
});

async function tracked(test: ProviderTest): Promise<string> {
  return (await addTrackedConnection(test.core, 'mailtrap', 'Hand-tracked')).id;
}
