/**
 * The update service (core/updates) with a fake updater port: when it checks, what the Help
 * menu's item says at each step, the notice in the window, what a check the user asked for
 * answers, and that nothing is installed unless a download was verified. Linux packages (notify
 * mode) are only announced; development builds (none) never check.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/log/logger';
import { createNoticeBoard } from '../../../src-main/core/notices';
import {
  UPDATE_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  UpdateService,
  type UpdateMode,
} from '../../../src-main/core/updates/update-service';
import type { Notice } from '../../../src-preload/contract';
import { ManualClock } from '../../host/clock';
import { FakeUpdater } from '../../host/fakes';

function setup(mode: UpdateMode = 'install') {
  const clock = new ManualClock();
  const updater = new FakeUpdater();
  updater.mode = mode;
  const shown: Notice[] = [];
  const notices = createNoticeBoard((event, payload) => {
    if (event === 'notice') shown.push(payload as Notice);
  });
  const service = new UpdateService({
    updater,
    appName: 'Tokenkeeper',
    version: '1.0.0',
    clock,
    notices,
    log: silentLogger,
  });
  const states: string[] = [];
  service.onChange((state) => states.push(state.kind));
  return { clock, updater, service, shown, notices, states };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('updates', () => {
  it('checks 30 seconds after start and then daily', async () => {
    const { clock, updater, service } = setup();
    service.start();
    clock.advance(UPDATE_CHECK_DELAY_MS - 1);
    expect(updater.checks).toBe(0);
    clock.advance(1);
    await flush();
    expect(updater.checks).toBe(1);
    clock.advance(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(updater.checks).toBe(2);
    service.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('downloads a newer version, then offers to install it: menu, notice and answer agree', async () => {
    const { updater, service, shown, states } = setup();
    updater.available = '1.1.0';
    const answer = await service.check();
    expect(states).toEqual(['checking', 'downloading', 'ready']);
    expect(service.state).toEqual({ kind: 'ready', version: '1.1.0' });
    expect(answer.title).toBe('Tokenkeeper 1.1.0 is ready to install');
    expect(shown).toEqual([
      {
        id: 'update-ready',
        level: 'info',
        title: 'Tokenkeeper 1.1.0 is ready to install',
        message:
          'It is installed the next time Tokenkeeper quits, or now with Help › Restart to Install Version 1.1.0.',
      },
    ]);
    // Asking again does not download again.
    await service.check();
    expect(updater.checks).toBe(1);
    expect(updater.downloads).toBe(1);
    service.install();
    expect(updater.installs).toBe(1);
  });

  it('says so when this is the latest version, and when the server cannot be reached', async () => {
    const { updater, service, shown } = setup();
    expect(await service.check()).toEqual({
      title: 'Tokenkeeper is up to date',
      message: 'Tokenkeeper 1.0.0 is the latest version.',
    });
    updater.check = () => Promise.reject(new Error('getaddrinfo ENOTFOUND'));
    expect((await service.check()).title).toBe('Could not check for updates');
    expect(service.state).toEqual({ kind: 'idle' });
    expect(shown).toEqual([]);
  });

  it('installs nothing when the download or its verification fails', async () => {
    const { updater, service, shown } = setup();
    updater.available = '1.1.0';
    updater.downloadFails = true;
    expect((await service.check()).message).toBe(
      'Tokenkeeper 1.1.0 could not be downloaded and verified, so nothing was installed. It will try again later.',
    );
    expect(service.state).toEqual({ kind: 'idle' });
    service.install();
    expect(updater.installs).toBe(0);
    expect(shown).toEqual([]);
  });

  it('only announces a version where nothing can verify a download (Linux packages)', async () => {
    const { updater, service, shown } = setup('notify');
    updater.available = '1.1.0';
    const answer = await service.check();
    expect(updater.downloads).toBe(0);
    expect(answer.title).toBe('Tokenkeeper 1.1.0 is available');
    expect(shown.map((n) => n.id)).toEqual(['update-available']);
    expect(shown[0]?.message).toContain('https://tokenkeeper.io/download');
    expect(service.state).toEqual({ kind: 'idle' });
  });

  it('never checks in a development build, and says why when asked', async () => {
    const { clock, updater, service } = setup('none');
    service.start();
    clock.advance(UPDATE_CHECK_DELAY_MS * 10);
    expect(service.state).toEqual({ kind: 'unsupported' });
    expect((await service.check()).title).toBe('Updates are not available in this build');
    expect(updater.checks).toBe(0);
  });

  it('joins a check already under way instead of starting a second', async () => {
    const { updater, service } = setup();
    await Promise.all([service.check(), service.check(), service.check()]);
    expect(updater.checks).toBe(1);
  });
});
