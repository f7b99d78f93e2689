/**
 * Electron accelerator strings (`CommandOrControl+Shift+R`) matched against a DOM key event, so
 * the test host's bridge can act on the application menu's shortcuts as Electron would. Modifiers
 * must match exactly, as in Electron.
 */

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const KEY_NAMES: Record<string, string> = { plus: '+', space: ' ', esc: 'escape', return: 'enter' };

export function acceleratorMatches(accelerator: string, event: KeyLike, platform: string): boolean {
  const parts = accelerator.split('+');
  // "CommandOrControl+Plus" splits cleanly; a literal "+" key is always spelt "Plus".
  const keyPart = (parts.pop() ?? '').toLowerCase();
  const wanted = { ctrl: false, meta: false, shift: false, alt: false };
  for (const part of parts.map((p) => p.toLowerCase())) {
    if (part === 'commandorcontrol' || part === 'cmdorctrl')
      wanted[platform === 'darwin' ? 'meta' : 'ctrl'] = true;
    else if (part === 'command' || part === 'cmd' || part === 'super' || part === 'meta') wanted.meta = true;
    else if (part === 'control' || part === 'ctrl') wanted.ctrl = true;
    else if (part === 'shift') wanted.shift = true;
    else if (part === 'alt' || part === 'option') wanted.alt = true;
    else return false;
  }
  const key = KEY_NAMES[keyPart] ?? keyPart;
  return (
    event.key.toLowerCase() === key &&
    event.ctrlKey === wanted.ctrl &&
    event.metaKey === wanted.meta &&
    event.shiftKey === wanted.shift &&
    event.altKey === wanted.alt
  );
}
