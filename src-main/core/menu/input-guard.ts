/**
 * Which key presses main swallows before the page sees them (the shell calls this from the main
 * window's `before-input-event`). Reloading the window drops the copy-once dialog and with it a
 * secret that can never be shown again, and Chromium reloads on Ctrl/Cmd+R, Ctrl/Cmd+Shift+R,
 * F5, Ctrl+F5 and Shift+F5 (and the keyboard's Refresh key) whether or not a menu item has the
 * accelerator; DevTools open on F12 and Ctrl+Shift+I/J/C (Cmd+Alt+I/J/C on macOS).
 *
 * Production: reload and DevTools keys are always swallowed (the app has no use for them).
 * Development: they work, except reloading (and history navigation) while a secret is held.
 */

/** The fields of Electron's `Input` this needs (also what the unit tests build). */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export interface InputGuardState {
  platform: string;
  development: boolean;
  /** Whether main holds a secret the copy-once dialog may be showing. */
  secretHeld: boolean;
}

const isKey = (input: KeyInput, key: string) => input.key.toLowerCase() === key.toLowerCase();

export function isReloadInput(input: KeyInput): boolean {
  if (isKey(input, 'F5') || input.key === 'BrowserRefresh') return true;
  // Ctrl or Cmd (with or without Shift) on every platform: neither has another use in the app.
  return isKey(input, 'r') && !input.alt && (input.control || input.meta);
}

export function isDevToolsInput(input: KeyInput, platform: string): boolean {
  if (isKey(input, 'F12')) return true;
  const letter = ['i', 'j', 'c'].some((k) => isKey(input, k));
  if (!letter) return false;
  return platform === 'darwin' ? input.meta && input.alt : input.control && input.shift;
}

/** Back and forward: the app keeps no history, but nothing may leave the page while a secret is shown. */
export function isHistoryInput(input: KeyInput, platform: string): boolean {
  if (input.key === 'BrowserBack' || input.key === 'BrowserForward') return true;
  const arrow = input.key === 'ArrowLeft' || input.key === 'ArrowRight';
  if (platform === 'darwin') return input.meta && (arrow || input.key === '[' || input.key === ']');
  return input.alt && arrow;
}

/** True when main should `preventDefault()` the input. Only key presses are judged. */
export function blocksInput(input: KeyInput, state: InputGuardState): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const leavesPage = isReloadInput(input) || (state.secretHeld && isHistoryInput(input, state.platform));
  if (state.development) return state.secretHeld && leavesPage;
  return leavesPage || isDevToolsInput(input, state.platform);
}
