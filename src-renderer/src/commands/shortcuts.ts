/**
 * The window's keyboard: every command's accelerator, plus the keys that belong to the list
 * itself ("/" to search, Escape and Alt+Left to go back from a token). Listens once, on the
 * window. While a dialog is open the dialog has the keyboard; in a text field only shortcuts
 * with Ctrl or Cmd apply, so typing is never taken over.
 */
import { useDialogs } from '../stores/dialogs';
import { COMMANDS, focusSearch, goBack, runCommand } from './registry';
import { usePalette } from './palette-store';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = {
  Left: 'arrowleft',
  Right: 'arrowright',
  Up: 'arrowup',
  Down: 'arrowdown',
  Esc: 'escape',
  Plus: '+',
};

/** Whether a key event is the accelerator (Electron syntax: "CmdOrCtrl+Shift+N", "Alt+Left", "F5"). */
export function matches(event: KeyboardEvent, accelerator: string, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const want = { ctrl: false, meta: false, alt: false, shift: false };
  for (const part of parts) {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') want[mac ? 'meta' : 'ctrl'] = true;
    else if (part === 'Ctrl' || part === 'Control') want.ctrl = true;
    else if (part === 'Cmd' || part === 'Command') want.meta = true;
    else if (part === 'Alt' || part === 'Option') want.alt = true;
    else if (part === 'Shift') want.shift = true;
  }
  if (
    event.ctrlKey !== want.ctrl ||
    event.metaKey !== want.meta ||
    event.altKey !== want.alt ||
    event.shiftKey !== want.shift
  )
    return false;
  const expected = (KEY_NAMES[key] ?? key).toLowerCase();
  // With Shift held, a letter's key is its capital; compare the physical key for letters and digits.
  const code = event.code.startsWith('Key')
    ? event.code.slice(3)
    : event.code.startsWith('Digit')
      ? event.code.slice(5)
      : null;
  return event.key.toLowerCase() === expected || (code !== null && code.toLowerCase() === expected);
}

/** How an accelerator reads on this platform: "Ctrl+N", "⌘N". */
export function shortcutLabel(accelerator: string, mac: boolean = isMac()): string {
  const parts = accelerator.split('+');
  const names = parts.map((part, i) => {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') return mac ? '⌘' : 'Ctrl';
    if (part === 'Alt') return mac ? '⌥' : 'Alt';
    if (part === 'Shift') return mac ? '⇧' : 'Shift';
    if (i === parts.length - 1) return { Left: '←', Right: '→', Up: '↑', Down: '↓' }[part] ?? part;
    return part;
  });
  return mac ? names.join('') : names.join('+');
}

const inTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));

export function installShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (useDialogs.getState().dialog !== null || usePalette.getState().open) return;
    const mac = isMac();
    const typing = inTextField(event.target);
    const withCommandKey = mac ? event.metaKey : event.ctrlKey;
    for (const command of COMMANDS) {
      if (command.shortcut === null || !matches(event, command.shortcut, mac)) continue;
      // Alt+Left moves by word in a text field; function keys and Ctrl/Cmd shortcuts always apply.
      if (typing && !withCommandKey && !/^F\d+$/.test(command.shortcut)) return;
      event.preventDefault();
      runCommand(command.id);
      return;
    }
    if (typing) return;
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      focusSearch();
    } else if (event.key === 'Escape' && goBack()) {
      event.preventDefault();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
