/**
 * A token's annotation in its details: tags (chips), owner, the places that use it ("used by")
 * and a note, edited in place and saved together. The core refuses a value shaped like a secret;
 * its message shows under the field it names. Its parent keys it by the token and the saved
 * annotation, so another token, a save or a sync starts the form again from what is stored.
 */
import { Plus, X } from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import type { Annotation } from '../../types';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import {
  checkAnnotation,
  checkTag,
  checkUsedBy,
  sameAnnotation,
  type AnnotationField,
} from '../../lib/annotation-checks';
import { describeError, toApiError } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { DeliveryTargets } from './DeliveryTargets';

const onEnter = (action: () => void) => (event: KeyboardEvent) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    action();
  }
};

const FIELDS: readonly AnnotationField[] = ['tags', 'owner', 'usedBy', 'note'];

export function AnnotationPanel({
  tokenId,
  saved,
  onSaved,
}: {
  tokenId: string;
  saved: Annotation;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<Annotation>(saved);
  const [tagText, setTagText] = useState('');
  const [placeText, setPlaceText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<AnnotationField, string>>>({});
  const [busy, setBusy] = useState(false);

  const addTag = () => {
    const checked = checkTag(tagText, draft.tags);
    if ('error' in checked) return setErrors({ ...errors, tags: checked.error });
    setDraft({ ...draft, tags: [...draft.tags, checked.tag] });
    setTagText('');
    setErrors({ ...errors, tags: undefined });
  };
  const addPlace = () => {
    const checked = checkUsedBy(placeText, draft.usedBy);
    if ('error' in checked) return setErrors({ ...errors, usedBy: checked.error });
    setDraft({ ...draft, usedBy: [...draft.usedBy, checked.place] });
    setPlaceText('');
    setErrors({ ...errors, usedBy: undefined });
  };

  const save = async () => {
    const found = checkAnnotation(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await unwrap(api().setAnnotation({ tokenId, annotation: draft }));
      toast.success('Saved the note, tags, owner and used-by.');
      onSaved();
    } catch (error) {
      const apiError = toApiError(error);
      const field = FIELDS.find((f) => f === apiError.field);
      if (field !== undefined) setErrors({ [field]: describeError(apiError) });
      else toast.error(describeError(apiError));
    } finally {
      setBusy(false);
    }
  };

  const changed = !sameAnnotation(draft, saved) || tagText.trim() !== '' || placeText.trim() !== '';

  return (
    <section className="panel annotation-panel" aria-labelledby="annotation-title">
      <h2 id="annotation-title">Notes and ownership</h2>
      <Field label="Tags" optional error={errors.tags ?? null}>
        {(props) => (
          <div className="annotation-list">
            {draft.tags.length > 0 && (
              <ul className="chips" aria-label="Tags">
                {draft.tags.map((tag) => (
                  <li key={tag} className="chip">
                    {tag}
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove the tag ${tag}`}
                      onClick={() => setDraft({ ...draft, tags: draft.tags.filter((t) => t !== tag) })}
                    >
                      <X size={14} aria-hidden="true" />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="input-with-button">
              <input
                {...props}
                placeholder="Add a tag, e.g. ci"
                value={tagText}
                onChange={(event) => setTagText(event.target.value)}
                onKeyDown={onEnter(addTag)}
              />
              <button type="button" className="button" onClick={addTag} aria-label="Add the tag">
                <Plus size={16} aria-hidden="true" />
              </button>
            </div>
          </div>
        )}
      </Field>
      <Field label="Owner" optional help="A person, a team or an email address." error={errors.owner ?? null}>
        {(props) => (
          <input
            {...props}
            value={draft.owner ?? ''}
            onChange={(event) =>
              setDraft({ ...draft, owner: event.target.value === '' ? null : event.target.value })
            }
          />
        )}
      </Field>
      <Field
        label="Used by"
        optional
        help="The places that use this token: a CI variable, a server, a vault entry. Never the secret itself."
        error={errors.usedBy ?? null}
      >
        {(props) => (
          <div className="annotation-list">
            {draft.usedBy.length > 0 && (
              <ul className="used-by" aria-label="Used by">
                {draft.usedBy.map((place) => (
                  <li key={place}>
                    <span>{place}</span>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove ${place}`}
                      onClick={() => setDraft({ ...draft, usedBy: draft.usedBy.filter((p) => p !== place) })}
                    >
                      <X size={14} aria-hidden="true" />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="input-with-button">
              <input
                {...props}
                placeholder="Add a place"
                value={placeText}
                onChange={(event) => setPlaceText(event.target.value)}
                onKeyDown={onEnter(addPlace)}
              />
              <button type="button" className="button" onClick={addPlace} aria-label="Add the place">
                <Plus size={16} aria-hidden="true" />
              </button>
            </div>
          </div>
        )}
      </Field>
      <DeliveryTargets tokenId={tokenId} />
      <Field label="Note" optional error={errors.note ?? null}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={draft.note ?? ''}
            onChange={(event) =>
              setDraft({ ...draft, note: event.target.value === '' ? null : event.target.value })
            }
          />
        )}
      </Field>
      <div className="annotation-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !changed}
          onClick={() => void save()}
        >
          Save notes
        </button>
        {changed && (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => setDraft(saved)}
          >
            Discard changes
          </button>
        )}
      </div>
    </section>
  );
}
