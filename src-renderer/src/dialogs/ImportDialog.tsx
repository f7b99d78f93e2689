/**
 * Import tracked tokens from a CSV or JSON file, or restore Tokenkeeper's own JSON export: the
 * file is chosen in the native dialog and read by main; the window shows a preview, the column
 * each field is read from (changeable), and the connection they go to. Nothing is stored until
 * "Import"; when any row is wrong, nothing is, and each bad row is listed.
 */
import { FileUp } from 'lucide-react';
import { useState } from 'react';
import type { ChannelOutput, ImportField, ImportMapping, ImportPreview } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { describeError, toApiError } from '../lib/errors';
import { useConnections } from '../stores/connections';
import { toast } from '../stores/toasts';

type ImportResult = ChannelOutput<'commitImport'>;

/**
 * What a restore did beside importing: tracked tokens left out because they are already here, and
 * the API-token annotations that found their token here or wait for a sync.
 */
export function restoredText(result: ImportResult): string {
  const here = result.alreadyHere ?? 0;
  const already =
    here > 0
      ? ` ${here} ${here === 1 ? 'was' : 'were'} already here and ${here === 1 ? 'was' : 'were'} left as ${here === 1 ? 'it was' : 'they were'}.`
      : '';
  const restored = result.restoredAnnotations;
  if (restored === undefined || restored.attached + restored.waiting === 0) return already;
  const count = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`;
  const attached = restored.attached > 0 ? ` Attached ${count(restored.attached)} to API tokens here.` : '';
  const waiting =
    restored.waiting > 0
      ? ` ${count(restored.waiting)} ${restored.waiting === 1 ? 'waits' : 'wait'} for a sync to bring ${restored.waiting === 1 ? 'its token' : 'their tokens'}.`
      : '';
  return `${already}${attached}${waiting}`;
}

const FIELD_LABELS: Record<ImportField, string> = {
  name: 'Name',
  accountName: 'Account',
  last4: 'Last 4',
  createdAt: 'Created',
  expiresAt: 'Expires',
  note: 'Note',
  tags: 'Tags',
  owner: 'Owner',
  usedBy: 'Used by',
};

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const connections = useConnections((s) => s.connections);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [connectionId, setConnectionId] = useState(
    () => (connections.find((c) => c.mode === 'tracked') ?? connections[0])?.id ?? '',
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportResult['errors']>([]);
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    setBusy(true);
    setProblem(null);
    setRowErrors([]);
    try {
      const chosen = await unwrap(api().chooseImportFile());
      if (chosen !== null) {
        setPreview(chosen);
        setMapping(chosen.mapping);
      }
    } catch (error) {
      setPreview(null);
      setProblem(describeError(toApiError(error)));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (preview === null || mapping === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await unwrap(api().commitImport({ importId: preview.importId, connectionId, mapping }));
      setRowErrors(result.errors);
      if (result.errors.length === 0) {
        toast.success(
          `Imported ${result.imported} tracked token${result.imported === 1 ? '' : 's'}.${restoredText(result)}`,
        );
        onClose();
      }
    } catch (error) {
      setProblem(describeError(toApiError(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={preview?.restore === true ? 'Restore tracked tokens' : 'Import tracked tokens'}
      icon={FileUp}
      size="lg"
      onDismiss={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button" onClick={() => void choose()} disabled={busy}>
            {preview === null ? 'Choose a file…' : 'Choose another file…'}
          </button>
          {preview !== null && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void commit()}
              disabled={busy || connectionId === '' || mapping?.name === null}
            >
              Import {preview.rowCount} token{preview.rowCount === 1 ? '' : 's'}
            </button>
          )}
        </>
      }
    >
      <p className="field-help">
        A CSV or JSON file with one token per row, or a Tokenkeeper JSON export. Metadata only: a value shaped
        like a token secret refuses the whole file.
      </p>
      {problem !== null && (
        <div className="confirm-box" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {preview !== null && mapping !== null && (
        <>
          <p>
            <strong>{preview.fileName}</strong>: {preview.rowCount} token{preview.rowCount === 1 ? '' : 's'}
            {preview.skipped > 0 && ` (${preview.skipped} left out: ${preview.skippedReason})`}
          </p>
          {preview.restore && (
            <p className="field-help">
              Each token goes back to the tracked connection of the same name where there is one; a token
              already there is left as it is.
            </p>
          )}
          <Field
            label={
              preview.restore ? 'Tokens whose connection is not here go to' : 'Add them to the connection'
            }
          >
            {(props) => (
              <select {...props} value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
                {connections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h3 className="section-title">Columns</h3>
          <div className="import-mapping">
            {(Object.keys(FIELD_LABELS) as ImportField[]).map((field) => (
              <Field key={field} label={FIELD_LABELS[field]}>
                {(props) => (
                  <select
                    {...props}
                    value={mapping[field] ?? ''}
                    onChange={(e) =>
                      setMapping({ ...mapping, [field]: e.target.value === '' ? null : e.target.value })
                    }
                  >
                    <option value="">(not imported)</option>
                    {preview.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
          <h3 className="section-title">Preview</h3>
          <div className="import-preview">
            <table className="table" aria-label="Preview">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, i) => (
                  <tr key={i}>
                    {preview.columns.map((c, j) => (
                      <td key={c}>{row[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {rowErrors.length > 0 && (
        <div className="confirm-box" role="alert">
          <div>
            <p>
              <strong>Nothing was imported.</strong> Fix these rows in the file, then choose it again:
            </p>
            <ul className="plain-list" aria-label="Rows with problems">
              {rowErrors.map((e) => (
                <li key={e.row}>
                  {e.row}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Dialog>
  );
}
