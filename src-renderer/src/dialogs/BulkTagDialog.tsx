/**
 * Tag the tokens picked in the list: one or more tags (comma-separated) added to each token's
 * annotation, keeping its tags and the rest of it. Each token is its own read and save through the
 * ordinary annotation channels (the core checks every one again); a token that cannot take the
 * tags (too many, or refused by the core) is said beside it and the others go on.
 */
import { Tag } from 'lucide-react';
import { useState } from 'react';
import type { TokenRow } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { DialogFooter } from '../components/DialogFooter';
import { Field } from '../components/Field';
import { checkTag } from '../lib/annotation-checks';
import { describeError, toApiError } from '../lib/errors';
import { plural } from '../lib/format';
import { useSelection } from '../stores/selection';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

/** The tags typed (comma-separated, each checked as the details pane checks it), or the reason not. */
export function parseTags(text: string): { tags: string[] } | { error: string } {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    // Typed twice is meant once.
    if (part.trim() === '' || tags.includes(part.trim().toLowerCase())) continue;
    const checked = checkTag(part, tags);
    if ('error' in checked) return checked;
    tags.push(checked.tag);
  }
  return tags.length === 0 ? { error: 'Type at least one tag.' } : { tags };
}

type Outcome = { state: 'done' } | { state: 'failed'; message: string };

const MAX_TAGS = 20;

/** Adds the tags to one token's annotation, keeping everything else it holds. */
async function addTags(row: TokenRow, tags: readonly string[]): Promise<Outcome> {
  try {
    const annotation = await unwrap(api().getAnnotation({ tokenId: row.id }));
    const merged = [...annotation.tags, ...tags.filter((t) => !annotation.tags.includes(t))];
    if (merged.length > MAX_TAGS)
      return { state: 'failed', message: `it would have ${merged.length} tags; use at most ${MAX_TAGS}.` };
    if (merged.length > annotation.tags.length)
      await unwrap(api().setAnnotation({ tokenId: row.id, annotation: { ...annotation, tags: merged } }));
    return { state: 'done' };
  } catch (error) {
    return { state: 'failed', message: describeError(toApiError(error)) };
  }
}

export function BulkTagDialog({ onClose }: { onClose: () => void }) {
  const [rows] = useState(() => useSelection.getState().rows);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [busy, setBusy] = useState(false);
  const [finished, setFinished] = useState(false);

  const tagAll = async () => {
    const parsed = parseTags(text);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setBusy(true);
    const next: Record<string, Outcome> = {};
    for (const row of rows) {
      next[row.id] = await addTags(row, parsed.tags);
      setOutcomes({ ...next });
    }
    const failed = Object.values(next).filter((o) => o.state === 'failed').length;
    void useTokens.getState().reload({ keepRows: true });
    setBusy(false);
    const what = parsed.tags.map((t) => `“${t}”`).join(', ');
    if (failed === 0) {
      toast.success(`Tagged ${plural(rows.length, 'token', 'tokens')} ${what}.`);
      useSelection.getState().clear();
      onClose();
    } else setFinished(true);
  };

  return (
    <Dialog
      title={`Tag ${plural(rows.length, 'token', 'tokens')}`}
      icon={Tag}
      size="md"
      onDismiss={busy ? () => undefined : onClose}
      footer={
        <DialogFooter onCancel={onClose} cancelLabel={finished ? 'Done' : 'Cancel'}>
          {!finished && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void tagAll()}
              disabled={busy || rows.length === 0}
            >
              {busy ? 'Tagging…' : 'Add tags'}
            </button>
          )}
        </DialogFooter>
      }
    >
      <Field label="Tags" help="Separate tags with commas. Each token keeps the tags it has." error={error}>
        {(props) => (
          <input
            {...props}
            placeholder="e.g. ci, production"
            value={text}
            disabled={busy || finished}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void tagAll();
              }
            }}
          />
        )}
      </Field>
      <ul className="bulk-list" aria-label="Tokens to tag">
        {rows.map((row) => {
          const outcome = outcomes[row.id];
          return (
            <li key={row.id}>
              <span className="strong">{row.name}</span>
              <span className="bulk-provider">{row.connectionLabel}</span>
              {outcome?.state === 'done' && <span className="bulk-done">Tagged</span>}
              {outcome?.state === 'failed' && (
                <span className="form-error bulk-failed" role="alert">
                  Not tagged: {outcome.message}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
