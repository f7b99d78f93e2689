/**
 * The command palette (Ctrl/Cmd+K): one box that runs any command and jumps to any token,
 * connection or part of Settings by name. Tokens are matched in the window's index, so 50,000 of
 * them answer as fast as ten. A combobox over a listbox: arrows move, Enter runs, Escape closes
 * and gives focus back. (cmdk was considered: its matching does not scale to 50,000 tokens and
 * it brings Radix's dialog; the app's native dialog and index already do both jobs.)
 */
import { CornerDownLeft, KeySquare, Plug, Search, Settings as SettingsIcon, Zap } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ProviderMark } from '../components/ProviderMark';
import { foldAscii } from '../lib/token-index/rows';
import { useApp } from '../stores/app';
import { useConnections } from '../stores/connections';
import { useTokenIndex } from '../stores/token-index';
import { useTokens } from '../stores/tokens';
import { usePalette } from './palette-store';
import { COMMANDS, runCommand } from './registry';
import { shortcutLabel } from './shortcuts';

interface Entry {
  key: string;
  group: 'Commands' | 'Tokens' | 'Connections' | 'Settings';
  label: string;
  detail?: string;
  icon: ReactNode;
  shortcut?: string | null;
  run: () => void;
}

/** The parts of Settings, by the id of their heading. */
const SETTINGS_SECTIONS = [
  { id: 'settings-reminders', label: 'Reminders', keywords: 'thresholds pause notifications' },
  { id: 'settings-appearance', label: 'Appearance', keywords: 'theme density rows dark light' },
  { id: 'settings-clipboard', label: 'Clipboard', keywords: 'clear copy seconds' },
  { id: 'settings-window', label: 'Start-up and window', keywords: 'login tray' },
  { id: 'settings-export', label: 'Export', keywords: 'csv json calendar ics' },
  { id: 'settings-data', label: 'Data and security', keywords: 'folder certificate ca storage version' },
];

const TOKEN_LIMIT = 8;
const STATE_WORDS = {
  active: 'active',
  grace: 'in grace period',
  revoked: 'revoked',
  removed: 'removed',
  retired: 'retired',
};

function score(text: string, query: string): number {
  if (query === '') return 1;
  const at = text.indexOf(query);
  if (at < 0) return query.split(/\s+/).every((word) => text.includes(word)) ? 1 : 0;
  return at === 0 ? 3 : text.charAt(at - 1) === ' ' ? 2 : 1;
}

export function CommandPalette() {
  const open = usePalette((s) => s.open);
  if (!open) return null;
  return <Palette />;
}

function Palette() {
  const hide = usePalette((s) => s.hide);
  const navigate = useApp((s) => s.navigate);
  const tokens = useTokenIndex((s) => s.tokens);
  const connections = useConnections((s) => s.connections);
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      dialog.close();
      if (previous?.isConnected === true) previous.focus();
    };
  }, []);

  const entries = useMemo(() => {
    const query = text.trim().toLowerCase();
    const found: (Entry & { score: number })[] = [];
    for (const command of COMMANDS) {
      if (command.id === 'commandPalette' || !command.enabled()) continue;
      const s = Math.max(
        score(command.label.toLowerCase(), query),
        score(command.keywords ?? '', query) > 0 ? 1 : 0,
      );
      if (s > 0)
        found.push({
          key: `command:${command.id}`,
          group: 'Commands',
          label: command.label.replace(/…$/, ''),
          icon: <Zap size={16} aria-hidden="true" />,
          shortcut: command.shortcut,
          run: () => runCommand(command.id),
          score: s,
        });
    }
    if (query !== '') {
      const folded = foldAscii(query);
      const matches: (Entry & { score: number })[] = [];
      for (const t of tokens) {
        const s = score(t.nameKey, folded);
        if (s === 0) continue;
        matches.push({
          key: `token:${t.row.id}`,
          group: 'Tokens',
          label: t.row.name,
          detail:
            t.row.state === 'active'
              ? t.row.connectionLabel
              : `${t.row.connectionLabel} · ${STATE_WORDS[t.row.state]}`,
          icon: <ProviderMark provider={t.row.provider} withName={false} />,
          run: () => {
            navigate({ view: 'token', tokenId: t.row.id });
            useTokens.getState().markChanged(t.row.id);
          },
          score: s + (t.row.state === 'active' || t.row.state === 'grace' ? 0.5 : 0),
        });
        if (matches.length >= 200) break;
      }
      found.push(...matches.sort((a, b) => b.score - a.score).slice(0, TOKEN_LIMIT));
      for (const c of connections) {
        const s = score(c.label.toLowerCase(), query);
        if (s > 0)
          found.push({
            key: `connection:${c.id}`,
            group: 'Connections',
            label: c.label,
            detail: 'Show its tokens',
            icon: <Plug size={16} aria-hidden="true" />,
            run: () => {
              useTokens.getState().showView(`connection:${c.id}`, { connectionIds: [c.id] });
              navigate({ view: 'tokens' });
            },
            score: s,
          });
      }
      for (const section of SETTINGS_SECTIONS) {
        const s = Math.max(
          score(section.label.toLowerCase(), query),
          score(section.keywords, query) > 0 ? 1 : 0,
        );
        if (s > 0)
          found.push({
            key: `settings:${section.id}`,
            group: 'Settings',
            label: section.label,
            detail: 'Settings',
            icon: <SettingsIcon size={16} aria-hidden="true" />,
            run: () => {
              navigate({ view: 'settings' });
              window.requestAnimationFrame(() => {
                const heading = document.getElementById(section.id);
                heading?.scrollIntoView({ block: 'start' });
                heading?.closest('section')?.querySelector<HTMLElement>('input, select, button')?.focus();
              });
            },
            score: s,
          });
      }
    }
    const order = ['Commands', 'Tokens', 'Connections', 'Settings'];
    return found.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || b.score - a.score);
  }, [text, tokens, connections, navigate]);

  const current = entries[Math.min(active, entries.length - 1)];
  const choose = (entry: Entry | undefined) => {
    if (entry === undefined) return;
    hide();
    entry.run();
  };

  const groups = ['Commands', 'Tokens', 'Connections', 'Settings'] as const;
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        hide();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) hide();
      }}
    >
      <div className="palette-box">
        <Search size={18} aria-hidden="true" className="palette-icon" />
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-label="Run a command or go to a token"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current === undefined ? undefined : `palette-${current.key}`}
          placeholder="Run a command, or type a token, connection or setting…"
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setActive(Math.min(entries.length - 1, active + 1));
            else if (event.key === 'ArrowUp') setActive(Math.max(0, active - 1));
            else if (event.key === 'Home' && event.ctrlKey) setActive(0);
            else if (event.key === 'Enter') choose(current);
            else if (event.key === 'Escape') hide();
            else return;
            event.preventDefault();
          }}
        />
      </div>
      <div id={listId} role="listbox" aria-label="Results" className="palette-list">
        {entries.length === 0 && <p className="palette-empty">Nothing matches “{text.trim()}”.</p>}
        {groups.map((group) => {
          const inGroup = entries.filter((e) => e.group === group);
          if (inGroup.length === 0) return null;
          return (
            <div key={group} role="group" aria-label={group} className="palette-group">
              <p className="palette-group-title" aria-hidden="true">
                {group}
              </p>
              {inGroup.map((entry) => {
                const selected = entry === current;
                return (
                  <div
                    key={entry.key}
                    id={`palette-${entry.key}`}
                    role="option"
                    aria-selected={selected}
                    className={`palette-option${selected ? ' active' : ''}`}
                    onMouseMove={() => setActive(entries.indexOf(entry))}
                    onClick={() => choose(entry)}
                  >
                    <span className="palette-option-icon">{entry.icon}</span>
                    <span className="palette-option-label">{entry.label}</span>
                    {entry.detail !== undefined && (
                      <span className="palette-option-detail">{entry.detail}</span>
                    )}
                    {entry.shortcut != null && (
                      <kbd className="palette-kbd">{shortcutLabel(entry.shortcut)}</kbd>
                    )}
                    {selected && <CornerDownLeft size={14} aria-hidden="true" className="palette-enter" />}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      <p className="palette-hint" aria-hidden="true">
        <KeySquare size={13} /> ↑↓ to move · Enter to run · Esc to close
      </p>
    </dialog>
  );
}
