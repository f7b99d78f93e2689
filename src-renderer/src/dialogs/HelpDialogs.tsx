/** Help: the keyboard shortcuts, and what this copy of Tokenkeeper is. */
import { Info, Keyboard } from 'lucide-react';
import { COMMANDS } from '../commands/registry';
import { shortcutLabel } from '../commands/shortcuts';
import { Dialog } from '../components/Dialog';
import { useApp } from '../stores/app';

const LIST_KEYS: [string, string][] = [
  ['/', 'Search the list'],
  ['↑ ↓, Page Up/Down, Home, End', 'Move through the list'],
  ['Enter or Space', 'Open the token'],
  ['Esc, Alt+←', 'Back from a token to the list'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      icon={Keyboard}
      size="md"
      onDismiss={onClose}
      scrollableBody
      footer={
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <table className="table compact shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {COMMANDS.filter((c) => c.shortcut !== null).map((c) => (
            <tr key={c.id}>
              <td>
                <kbd>{shortcutLabel(c.shortcut ?? '')}</kbd>
              </td>
              <td>{c.label.replace(/…$/, '')}</td>
            </tr>
          ))}
          {LIST_KEYS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const info = useApp((s) => s.info);
  return (
    <Dialog
      title="About Tokenkeeper"
      icon={Info}
      size="sm"
      onDismiss={onClose}
      footer={
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        {info === null ? 'Tokenkeeper' : `${info.name} ${info.version} on ${info.platform}`}. Every API token
        you hold, in one list; secrets are shown once and never stored.
      </p>
      {info !== null && <p className="mono small break">{info.dataDir}</p>}
    </Dialog>
  );
}
