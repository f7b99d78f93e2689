/**
 * What a packaged app refuses at start and which development switches it ignores
 * (shell/launch-policy.ts), and when a build may install updates (shell/update-policy.ts).
 */
import { describe, expect, it } from 'vitest';
import { developmentOverrides, refusedSwitches } from '../../../src-main/shell/launch-policy';
import { updateMode } from '../../../src-main/shell/update-policy';

describe('debugging switches', () => {
  const none = () => false;
  it('finds them in the command line Chromium parsed and in argv', () => {
    expect(
      refusedSwitches((name) => name === 'remote-debugging-port', ['/opt/Tokenkeeper/tokenkeeper']),
    ).toEqual(['remote-debugging-port']);
    expect(refusedSwitches(none, ['tokenkeeper', '--inspect=9229'])).toEqual(['inspect']);
    expect(refusedSwitches(none, ['tokenkeeper', '--inspect-brk'])).toEqual(['inspect-brk']);
    expect(refusedSwitches(none, ['tokenkeeper', '--remote-debugging-pipe'])).toEqual([
      'remote-debugging-pipe',
    ]);
    expect(refusedSwitches(none, ['tokenkeeper', '--js-flags=--allow-natives-syntax'])).toEqual(['js-flags']);
  });

  it('leaves ordinary starts and look-alike arguments alone', () => {
    expect(refusedSwitches(none, ['tokenkeeper'])).toEqual([]);
    expect(
      refusedSwitches(none, ['tokenkeeper', '--hidden', '/home/u/--inspect.txt', '--inspector']),
    ).toEqual([]);
  });
});

describe('development overrides', () => {
  const env = {
    TOKENKEEPER_USER_DATA: '/tmp/elsewhere',
    TOKENKEEPER_DEMO_PLAN: '/tmp/plan.json',
    ELECTRON_RENDERER_URL: 'http://localhost:5173',
    TOKENKEEPER_ALLOW_LOOPBACK: '1',
  };

  it('are honoured when not packaged', () => {
    expect(developmentOverrides(env, false)).toEqual({
      userData: '/tmp/elsewhere',
      demoPlan: '/tmp/plan.json',
      rendererUrl: 'http://localhost:5173',
      allowLoopback: true,
    });
    expect(developmentOverrides({ TOKENKEEPER_USER_DATA: '' }, false).userData).toBeNull();
    expect(developmentOverrides({ TOKENKEEPER_ALLOW_LOOPBACK: 'yes' }, false).allowLoopback).toBe(false);
  });

  it('are ignored by a packaged app', () => {
    expect(developmentOverrides(env, true)).toEqual({
      userData: null,
      demoPlan: null,
      rendererUrl: null,
      allowLoopback: false,
    });
  });
});

describe('which builds install updates', () => {
  const signed =
    'provider: generic\nurl: https://tokenkeeper.io/updates\npublisherName:\n  - Tokenkeeper Ltd\n';
  const unsigned = 'provider: generic\nurl: https://tokenkeeper.io/updates\n';

  it('none in development or without publish settings', () => {
    expect(updateMode({ isPackaged: false, platform: 'win32', updateConfig: signed })).toBe('none');
    expect(updateMode({ isPackaged: true, platform: 'darwin', updateConfig: null })).toBe('none');
  });

  it('macOS installs (Squirrel checks the code signature)', () => {
    expect(updateMode({ isPackaged: true, platform: 'darwin', updateConfig: unsigned })).toBe('install');
  });

  it('Windows installs only when the publisher is known, else electron-updater would skip the signature check', () => {
    expect(updateMode({ isPackaged: true, platform: 'win32', updateConfig: signed })).toBe('install');
    expect(updateMode({ isPackaged: true, platform: 'win32', updateConfig: unsigned })).toBe('notify');
  });

  it('Linux only announces (its packages are not signed)', () => {
    expect(updateMode({ isPackaged: true, platform: 'linux', updateConfig: unsigned })).toBe('notify');
  });
});
