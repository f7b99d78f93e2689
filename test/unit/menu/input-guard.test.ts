/**
 * Main's before-input-event guard (core/menu/input-guard.ts), with inputs shaped as Electron's
 * `Input`. A production window never reloads or opens DevTools from the keyboard; development
 * keeps both, except reloading (and history navigation) while main holds a secret the copy-once
 * dialog may be showing. Ordinary shortcuts and key releases are never swallowed.
 */
import { describe, expect, it } from 'vitest';
import { blocksInput, type KeyInput } from '../../../src-main/core/menu/input-guard';

const input = (key: string, m: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...m,
});

const RELOADS: [string, KeyInput, string][] = [
  ['F5', input('F5'), 'linux'],
  ['Shift+F5', input('F5', { shift: true }), 'win32'],
  ['Ctrl+F5', input('F5', { control: true }), 'win32'],
  ['Ctrl+R', input('r', { control: true }), 'linux'],
  ['Ctrl+Shift+R', input('R', { control: true, shift: true }), 'win32'],
  ['Cmd+R', input('r', { meta: true }), 'darwin'],
  ['Cmd+Shift+R', input('R', { meta: true, shift: true }), 'darwin'],
  ['the Refresh key', input('BrowserRefresh'), 'linux'],
];
const DEVTOOLS: [string, KeyInput, string][] = [
  ['F12', input('F12'), 'linux'],
  ['Ctrl+Shift+I', input('I', { control: true, shift: true }), 'win32'],
  ['Ctrl+Shift+J', input('J', { control: true, shift: true }), 'linux'],
  ['Cmd+Alt+I', input('i', { meta: true, alt: true }), 'darwin'],
];
const ORDINARY: [string, KeyInput, string][] = [
  ['Ctrl+C', input('c', { control: true }), 'linux'],
  ['Cmd+C', input('c', { meta: true }), 'darwin'],
  ['Ctrl+V', input('v', { control: true }), 'win32'],
  ['r', input('r'), 'linux'],
  ['Shift+R', input('R', { shift: true }), 'linux'],
  ['Alt+R', input('r', { alt: true }), 'linux'],
  ['Ctrl+F', input('f', { control: true }), 'linux'],
  ['Escape', input('Escape'), 'linux'],
  ['Ctrl+I', input('i', { control: true }), 'linux'],
];

const state = (platform: string, development: boolean, secretHeld: boolean) => ({
  platform,
  development,
  secretHeld,
});

describe("main's input guard", () => {
  it.each(RELOADS)('production swallows %s, with or without a secret', (_name, key, platform) => {
    expect(blocksInput(key, state(platform, false, false))).toBe(true);
    expect(blocksInput(key, state(platform, false, true))).toBe(true);
  });

  it.each(DEVTOOLS)('production swallows %s (DevTools)', (_name, key, platform) => {
    expect(blocksInput(key, state(platform, false, false))).toBe(true);
  });

  it.each(RELOADS)('development lets %s reload, except while a secret is held', (_name, key, platform) => {
    expect(blocksInput(key, state(platform, true, false))).toBe(false);
    expect(blocksInput(key, state(platform, true, true))).toBe(true);
  });

  it.each(DEVTOOLS)('development keeps %s for DevTools, even with a secret held', (_name, key, platform) => {
    expect(blocksInput(key, state(platform, true, true))).toBe(false);
  });

  it.each(ORDINARY)('never swallows %s', (_name, key, platform) => {
    for (const development of [false, true])
      for (const secretHeld of [false, true])
        expect(blocksInput(key, state(platform, development, secretHeld))).toBe(false);
  });

  it('swallows back and forward only while a secret is held', () => {
    const back = input('ArrowLeft', { alt: true });
    const macBack = input('[', { meta: true });
    expect(blocksInput(back, state('linux', false, false))).toBe(false);
    expect(blocksInput(back, state('linux', false, true))).toBe(true);
    expect(blocksInput(macBack, state('darwin', true, true))).toBe(true);
    expect(blocksInput(input('BrowserBack'), state('win32', true, true))).toBe(true);
  });

  it('judges key presses only, not releases', () => {
    expect(blocksInput({ ...input('F5'), type: 'keyUp' }, state('linux', false, true))).toBe(false);
    expect(blocksInput({ ...input('F5'), type: 'rawKeyDown' }, state('linux', false, true))).toBe(true);
  });
});
