/**
 * The delivery targets in a token's "Used by": the places a rotation writes the new secret to,
 * in order, each with its kind and a one-line description. Add, edit, remove and reorder; every
 * change is saved at once (the core checks each target's settings and says what is wrong).
 */
import { ArrowDown, ArrowUp, Pencil, Plus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { DeliveryTarget, DeliveryTargetConfig, DeliveryTargetKindInfo } from '../../types';
import { api, unwrap } from '../../api';
import { describeError, toApiError } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { DeliveryTargetForm } from './DeliveryTargetForm';
import { RotationScheduleForm } from './RotationScheduleForm';

type Editing = { index: number | null; kind: DeliveryTargetKindInfo } | null;
type TargetInput = { id?: string; kind: string; label: string | null; config: DeliveryTargetConfig };

export function DeliveryTargets({ tokenId }: { tokenId: string }) {
  const [kinds, setKinds] = useState<DeliveryTargetKindInfo[]>([]);
  const [targets, setTargets] = useState<DeliveryTarget[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [newKind, setNewKind] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([api().listDeliveryTargetKinds(), api().listDeliveryTargets({ tokenId })]).then(
      ([k, t]) => {
        if (k.ok) {
          setKinds(k.value);
          setNewKind((current) => (current === '' ? (k.value[0]?.id ?? '') : current));
        } else setError(describeError(k.error));
        if (t.ok) setTargets(t.value);
        else setError(describeError(t.error));
      },
    );
  }, [tokenId]);

  const save = async (next: TargetInput[]) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(api().setDeliveryTargets({ tokenId, targets: next }));
      setTargets(saved);
      setEditing(null);
      return true;
    } catch (e) {
      setError(describeError(toApiError(e)));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const asInputs = (list: DeliveryTarget[]): TargetInput[] =>
    list.map((t) => ({ id: t.id, kind: t.kind, label: t.label, config: t.config }));

  const move = (index: number, by: -1 | 1) => {
    const list = [...targets];
    const [moved] = list.splice(index, 1);
    if (moved === undefined) return;
    list.splice(index + by, 0, moved);
    void save(asInputs(list));
  };

  const saveForm = async (config: DeliveryTargetConfig) => {
    if (editing === null) return;
    const inputs = asInputs(targets);
    if (editing.index === null) inputs.push({ kind: editing.kind.id, label: null, config });
    else inputs[editing.index] = { ...inputs[editing.index]!, config };
    if (await save(inputs)) toast.success('Saved the delivery targets.');
  };

  const kindOf = (id: string) => kinds.find((k) => k.id === id);

  return (
    <div className="delivery-targets">
      <h3 className="field-label">Delivery targets</h3>
      <p className="field-help">
        A rotation writes the new token to each target in this order, checks it, and only then retires the old
        one.
      </p>
      {targets.length > 0 && (
        <ol className="used-by delivery-target-list" aria-label="Delivery targets">
          {targets.map((target, index) => (
            <li key={target.id}>
              <span>
                <strong>{target.kindLabel}</strong> {target.description}
              </span>
              <span className="delivery-target-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${target.description} up`}
                  disabled={busy || index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${target.description} down`}
                  disabled={busy || index === targets.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Edit ${target.description}`}
                  disabled={busy || kindOf(target.kind) === undefined}
                  onClick={() => setEditing({ index, kind: kindOf(target.kind)! })}
                >
                  <Pencil size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${target.description}`}
                  disabled={busy}
                  onClick={() => void save(asInputs(targets.filter((t) => t.id !== target.id)))}
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {editing !== null ? (
        <DeliveryTargetForm
          key={`${editing.kind.id}:${editing.index ?? 'new'}`}
          kind={editing.kind}
          config={editing.index === null ? null : (targets[editing.index]?.config ?? null)}
          error={error}
          busy={busy}
          onSave={(config) => void saveForm(config)}
          onCancel={() => {
            setEditing(null);
            setError(null);
          }}
        />
      ) : (
        kinds.length > 0 && (
          <div className="input-with-button">
            <select aria-label="Kind of target" value={newKind} onChange={(e) => setNewKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              onClick={() => {
                const kind = kindOf(newKind);
                if (kind !== undefined) setEditing({ index: null, kind });
              }}
            >
              <Plus size={16} aria-hidden="true" /> Add target
            </button>
          </div>
        )
      )}
      {editing === null && error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {targets.length > 0 && <RotationScheduleForm tokenId={tokenId} targetCount={targets.length} />}
    </div>
  );
}
