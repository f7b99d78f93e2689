/** Settings: reminders, clipboard, window and start-up, theme, data, export, delivery connections, credential storage. */
import {
  CalendarDays,
  Download,
  FileUp,
  FolderOpen,
  Monitor,
  Moon,
  Plus,
  Rows3,
  Rows4,
  Sun,
  X,
} from 'lucide-react';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Settings, Theme } from '../../types';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import { CalendarFileSetting } from './CalendarFileSetting';
import { DeliveryConnectionsSetting } from './DeliveryConnectionsSetting';
import { Spinner } from '../../components/States';
import { describeError, toApiError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useApp } from '../../stores/app';
import { useDialogs } from '../../stores/dialogs';
import { toast } from '../../stores/toasts';

/** Enter in a lone field does what the button beside it does (there is no form to submit). */
const onEnter = (action: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    action();
  }
};

export function SettingsView() {
  const settings = useApp((s) => s.settings);
  return (
    <div className="view settings-view">
      <div className="view-header">
        <div>
          <h1>Settings</h1>
          <p className="view-subtitle">Changes are saved as you make them.</p>
        </div>
      </div>
      {settings === null ? (
        <Spinner label="Loading settings…" />
      ) : (
        <div className="settings-grid">
          <RemindersSection settings={settings} />
          <AppearanceSection settings={settings} />
          <ClipboardSection settings={settings} />
          <WindowSection settings={settings} />
          <ExportSection settings={settings} />
          <Section id="settings-delivery-connections" title="Delivery connections">
            <DeliveryConnectionsSetting />
          </Section>
          <DataSection settings={settings} />
        </div>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function RemindersSection({ settings }: { settings: Settings }) {
  const update = useApp((s) => s.updateSettings);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const thresholds = [...settings.reminderThresholdsDays].sort((a, b) => b - a);

  const add = () => {
    const days = Number(draft.trim());
    if (draft.trim() === '' || !Number.isInteger(days) || days < 0 || days > 365) {
      setError('Enter a whole number of days from 0 (at expiry) to 365.');
      return;
    }
    if (thresholds.includes(days)) {
      setError(`There is already a reminder ${days === 0 ? 'at expiry' : `${days} days before`}.`);
      return;
    }
    if (thresholds.length >= 8) {
      setError('Use at most 8 reminders.');
      return;
    }
    setError(null);
    setDraft('');
    void update({ reminderThresholdsDays: [...thresholds, days].sort((a, b) => b - a) });
  };

  return (
    <Section id="settings-reminders" title="Reminders">
      <p className="field-help">
        Tokenkeeper reminds you from the tray before a token expires. Each reminder fires once per token.
      </p>
      <ul className="chips" aria-label="Reminder times">
        {thresholds.map((days) => (
          <li key={days} className="chip">
            {days === 0 ? 'At expiry' : `${days} ${days === 1 ? 'day' : 'days'} before`}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove the reminder ${days === 0 ? 'at expiry' : `${days} days before`}`}
              disabled={thresholds.length <= 1}
              onClick={() => void update({ reminderThresholdsDays: thresholds.filter((d) => d !== days) })}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <Field label="Add a reminder (days before expiry)" error={error}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={365}
              inputMode="numeric"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onEnter(add)}
            />
          )}
        </Field>
        <button type="button" className="button" onClick={add}>
          <Plus size={16} aria-hidden="true" />
          Add
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.remindersPaused}
          onChange={(event) => void update({ remindersPaused: event.target.checked })}
        />
        Pause all reminders
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.scheduledRotationsPaused}
          onChange={(event) => void update({ scheduledRotationsPaused: event.target.checked })}
        />
        Pause all scheduled rotations
      </label>
    </Section>
  );
}

const THEMES: { value: Theme; label: string; icon: typeof Sun }[] = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
];

const DENSITIES: { value: Settings['density']; label: string; icon: typeof Sun }[] = [
  { value: 'compact', label: 'Compact', icon: Rows4 },
  { value: 'comfortable', label: 'Comfortable', icon: Rows3 },
];

function AppearanceSection({ settings }: { settings: Settings }) {
  const update = useApp((s) => s.updateSettings);
  return (
    <Section id="settings-appearance" title="Appearance">
      <fieldset className="theme-choice">
        <legend className="field-label">Rows in the list</legend>
        {DENSITIES.map(({ value, label, icon: Icon }) => (
          <label key={value} className={`theme-option${settings.density === value ? ' selected' : ''}`}>
            <input
              type="radio"
              name="density"
              value={value}
              checked={settings.density === value}
              onChange={() => void update({ density: value })}
            />
            <Icon size={18} aria-hidden="true" />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="theme-choice">
        <legend className="field-label">Theme</legend>
        {THEMES.map(({ value, label, icon: Icon }) => (
          <label key={value} className={`theme-option${settings.theme === value ? ' selected' : ''}`}>
            <input
              type="radio"
              name="theme"
              value={value}
              checked={settings.theme === value}
              onChange={() => void update({ theme: value })}
            />
            <Icon size={18} aria-hidden="true" />
            {label}
          </label>
        ))}
      </fieldset>
    </Section>
  );
}

function ClipboardSection({ settings }: { settings: Settings }) {
  const update = useApp((s) => s.updateSettings);
  const [value, setValue] = useState(String(settings.clipboardClearSeconds));
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < 5 || seconds > 600) {
      setError('Enter a whole number of seconds from 5 to 600.');
      return;
    }
    setError(null);
    if (seconds !== settings.clipboardClearSeconds)
      void update({ clipboardClearSeconds: seconds }).then(
        (s) => s !== null && toast.success('Clipboard delay saved.'),
      );
  };
  return (
    <Section id="settings-clipboard" title="Clipboard">
      <div className="inline-form">
        <Field
          label="Clear a copied secret after (seconds)"
          error={error}
          help="Only if the clipboard still holds that secret. It is also cleared when you quit. Saved when you leave the field or press Enter."
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={5}
              max={600}
              inputMode="numeric"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              onBlur={save}
              onKeyDown={onEnter(save)}
            />
          )}
        </Field>
      </div>
    </Section>
  );
}

function WindowSection({ settings }: { settings: Settings }) {
  const update = useApp((s) => s.updateSettings);
  return (
    <Section id="settings-window" title="Start-up and window">
      <label className="check">
        <input
          type="checkbox"
          checked={settings.startAtLogin}
          onChange={(event) => void update({ startAtLogin: event.target.checked })}
        />
        Start Tokenkeeper when I log in
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.closeToTray}
          onChange={(event) => void update({ closeToTray: event.target.checked })}
        />
        Keep running in the tray when the window is closed
      </label>
    </Section>
  );
}

function ExportSection({ settings }: { settings: Settings }) {
  const openDialog = useDialogs((s) => s.open);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const run = async (what: 'csv' | 'json' | 'calendar') => {
    setBusy(what);
    setResult(null);
    try {
      const done = await unwrap(
        what === 'calendar' ? api().exportCalendar() : api().exportMetadata({ format: what }),
      );
      setResult(
        done.path === null
          ? 'Export cancelled.'
          : `Saved ${what === 'calendar' ? plural(done.count, 'expiry date', 'expiry dates') : plural(done.count, 'token', 'tokens')} to ${done.path}.`,
      );
    } catch (error) {
      setResult(describeError(toApiError(error)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section id="settings-export" title="Export">
      <p className="field-help">Token metadata only: names, dates, scopes and status. Never a secret.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void run('csv')} disabled={busy !== null}>
          <Download size={16} aria-hidden="true" />
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => void run('json')} disabled={busy !== null}>
          <Download size={16} aria-hidden="true" />
          Export JSON
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void run('calendar')}
          disabled={busy !== null}
        >
          <CalendarDays size={16} aria-hidden="true" />
          Export expiry calendar (.ics)
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'import' })}>
          <FileUp size={16} aria-hidden="true" />
          Import or restore tracked tokens…
        </button>
      </div>
      <p role="status" className="export-result">
        {result}
      </p>
      <CalendarFileSetting settings={settings} />
    </Section>
  );
}

function DataSection({ settings }: { settings: Settings }) {
  const info = useApp((s) => s.info);
  const update = useApp((s) => s.updateSettings);
  const setSettings = useApp((s) => s.setSettings);
  const [ca, setCa] = useState(settings.caCertificatePath ?? '');
  const [caError, setCaError] = useState<string | null>(null);
  // Saved through the core directly (not the optimistic store update): the core checks the file,
  // and what is wrong with it belongs next to the field, not in a toast.
  const saveCa = () => {
    const caCertificatePath = ca.trim() === '' ? null : ca.trim();
    if (caCertificatePath === settings.caCertificatePath) return;
    unwrap(api().updateSettings({ caCertificatePath })).then(
      (saved) => {
        setSettings(saved);
        setCaError(null);
        toast.success(
          caCertificatePath === null
            ? 'Extra CA certificate removed.'
            : 'Extra CA certificate saved: connections to providers now trust it.',
        );
      },
      (error: unknown) => {
        const failure = toApiError(error);
        // Declined in main's confirmation dialog: back to what is saved, nothing to report.
        if (failure.code === 'cancelled') setCa(settings.caCertificatePath ?? '');
        setCaError(failure.code === 'cancelled' ? null : describeError(failure));
      },
    );
  };
  if (info === null) return null;
  const storage = info.credentialStorage;
  return (
    <Section id="settings-data" title="Data and security">
      <dl className="facts facts-wide">
        <div>
          <dt>Data folder</dt>
          <dd className="mono small break">{info.dataDir}</dd>
        </div>
        <div>
          <dt>Token cache</dt>
          <dd className="mono small break">{info.databasePath}</dd>
        </div>
        <div>
          <dt>Logs</dt>
          <dd className="mono small break">{info.logDir}</dd>
        </div>
        <div>
          <dt>Credential storage</dt>
          <dd>
            {storage.backend}
            {storage.weak ? ' (weaker: no system keyring)' : ''}
            {!storage.available && !storage.weak ? ' (unavailable)' : ''}
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {info.name} {info.version} · {info.platform}
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void api().openDataFolder()}>
          <FolderOpen size={16} aria-hidden="true" />
          Open data folder
        </button>
      </div>
      {storage.weak && (
        <label className="check">
          <input
            type="checkbox"
            checked={settings.weakStorageAccepted}
            onChange={(event) => void update({ weakStorageAccepted: event.target.checked })}
          />
          Accept weaker credential storage on this computer (no system keyring is available)
        </label>
      )}
      <div className="inline-form">
        <Field
          label="Extra CA certificate (PEM file path)"
          optional
          error={caError}
          help="For networks that inspect TLS with their own certificate authority. Checked and saved when you leave the field or press Enter."
        >
          {(props) => (
            <input
              {...props}
              type="text"
              className="mono"
              value={ca}
              onChange={(event) => setCa(event.target.value)}
              onBlur={saveCa}
              onKeyDown={onEnter(saveCa)}
            />
          )}
        </Field>
      </div>
    </Section>
  );
}
