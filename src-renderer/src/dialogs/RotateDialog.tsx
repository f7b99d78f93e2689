/**
 * Guided rotation. First says what will happen at this provider (nothing is called yet), then
 * rotates, shows the new secret once, and asks "Have you updated every place that used the old
 * token?" (listing the places its annotation says use it) before finishing (which deletes or retires the old token where the provider needs
 * it). For providers without an API rotation and tracked tokens it guides the manual steps and records the new token.
 * Every way out leaves a clear state: before the call nothing changed; after it, the rotation
 * stays open (and is listed) until the user finishes or abandons it.
 */
import { ExternalLink, RotateCw } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  ApiError,
  DeliveryRun,
  DeliveryTarget,
  ProviderDescriptor,
  RotationPlan,
  RotationStart,
  TokenDetail,
  TokenRow,
} from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { DialogFooter } from '../components/DialogFooter';
import { ExpiryInput, expiryFromValue, type ExpiryValue } from '../components/ExpiryInput';
import { FailureLine } from '../components/FailureLine';
import { Field } from '../components/Field';
import {
  ConfirmationFields,
  confirmationInput,
  NO_CONFIRMATION,
  validateConfirmation,
  type ConfirmationValue,
} from '../components/ConfirmationFields';
import { CoreText } from '../components/When';
import {
  emptyTracked,
  TrackedFields,
  trackedInput,
  validateTracked,
  type TrackedKey,
  type TrackedValues,
} from '../components/TrackedFields';
import { coreNow } from '../lib/clock';
import { toApiError } from '../lib/errors';
import { formatDuration, toDateInput } from '../lib/format';
import { validateNewExpiry, type Errors } from '../lib/validation';
import { useApp } from '../stores/app';
import { providerById, useConnections } from '../stores/connections';
import { useDetail } from '../stores/detail';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';
import { DeliverySteps } from './DeliveryOutcome';
import { SecretDialog } from './SecretDialog';

type Step =
  | { kind: 'plan' }
  | { kind: 'secret'; start: RotationStart }
  | { kind: 'manual'; start: RotationStart }
  | { kind: 'confirm'; start: RotationStart }
  | { kind: 'done'; start: RotationStart; result: TokenRow | null }
  | { kind: 'delivery'; run: DeliveryRun };

const refreshAll = () => {
  void useTokens.getState().reload({ keepRows: true });
  void useDetail.getState().refresh();
  void useApp.getState().loadOperations();
};

export function RotateDialog({
  tokenId,
  resumeOperationId = null,
  onClose,
}: {
  tokenId: string;
  resumeOperationId?: string | null;
  onClose: () => void;
}) {
  const providers = useConnections((s) => s.providers);
  const [plan, setPlan] = useState<RotationPlan | null>(null);
  const [detail, setDetail] = useState<TokenDetail | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'plan' });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [now] = useState(coreNow);
  const [manual, setManual] = useState<TrackedValues | null>(null);
  const [manualErrors, setManualErrors] = useState<Errors<TrackedKey>>({});
  const formRef = useRef<HTMLFormElement>(null);
  // The new token's expiry, where the rotation sets one: the plan's default until changed.
  const [expiry, setExpiry] = useState<ExpiryValue | null>(null);
  const [expiryError, setExpiryError] = useState<string | undefined>(undefined);
  // The successor's name where the provider wants unique names: the plan's proposal until changed.
  const [successorName, setSuccessorName] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  // The user's consent that the successor inherits the note, tags, owner and used-by.
  const [carryOver, setCarryOver] = useState(true);
  // A replacement whose create asks for a password and code: this dialog's own state only.
  const [confirmation, setConfirmation] = useState<ConfirmationValue>(NO_CONFIRMATION);
  const [confirmationErrors, setConfirmationErrors] = useState<{ password?: string; oneTimeCode?: string }>(
    {},
  );
  // Where the rotation writes the new token before it retires the old one (none: the user does).
  const [targets, setTargets] = useState<DeliveryTarget[]>([]);

  useEffect(() => {
    void api()
      .listDeliveryTargets({ tokenId })
      .then((result) => {
        if (result.ok) setTargets(result.value);
      });
  }, [tokenId]);

  useEffect(() => {
    void Promise.all([api().planRotation({ tokenId }), api().getToken({ tokenId })]).then(
      ([planResult, detailResult]) => {
        if (planResult.ok) {
          setPlan(planResult.value);
          const proposed = planResult.value.successorExpiresAt;
          if (proposed !== undefined) setExpiry(expiryValueOf(proposed));
          const named = planResult.value.successorName;
          if (named?.editable === true) setSuccessorName(named.proposed);
        } else setFailure(planResult.error);
        if (detailResult.ok) setDetail(detailResult.value);
        // Resuming a manual rotation left open: go straight to recording the new token.
        const resumeDescriptor = detailResult.ok
          ? providerById(useConnections.getState().providers, detailResult.value.token.provider)
          : undefined;
        if (resumeOperationId !== null && detailResult.ok && resumeDescriptor !== undefined) {
          const t = detailResult.value.token;
          setManual({
            ...emptyTracked(resumeDescriptor, now),
            name: t.name,
            accountName: t.accountName ?? '',
            // The new token keeps the old one's note unless the user changes it.
            note: detailResult.value.annotation.note ?? '',
          });
          setStep({
            kind: 'manual',
            start: {
              operationId: resumeOperationId,
              kind: 'manual',
              newToken: null,
              secretId: null,
              needsConfirmation: true,
              afterword: '',
              credentialSwapped: false,
            },
          });
        }
      },
    );
  }, [tokenId, resumeOperationId, now]);

  const delivering = targets.length > 0 && plan !== null && plan.allowed && plan.kind !== 'manual';
  const descriptor: ProviderDescriptor | undefined =
    detail === null ? undefined : providerById(providers, detail.token.provider);
  const name = detail?.token.name ?? 'this token';

  /** Runs a call; `null` when it failed (the failure is shown), else the value in a box. */
  const run = async <T,>(action: () => Promise<T>): Promise<{ value: T } | null> => {
    setBusy(true);
    setFailure(null);
    try {
      return { value: await action() };
    } catch (error) {
      setFailure(toApiError(error));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    const proposed = plan?.successorExpiresAt;
    let successorExpiresAt: number | null | undefined;
    // Sent only when changed: the plan's default is exact (the same lifetime), a picked day is not.
    if (expiry !== null && proposed !== undefined && !sameExpiry(expiry, expiryValueOf(proposed))) {
      successorExpiresAt = expiryFromValue(expiry, now);
      const problem =
        successorExpiresAt !== null && Number.isNaN(successorExpiresAt)
          ? 'Enter a valid date.'
          : descriptor === undefined
            ? undefined
            : validateNewExpiry(descriptor, successorExpiresAt, now);
      setExpiryError(problem);
      if (problem !== undefined) return;
    }
    const chosenName = successorName?.trim();
    if (chosenName !== undefined) {
      const problem = chosenName === '' ? 'Enter a name for the new token.' : undefined;
      setNameError(problem);
      if (problem !== undefined) return;
    }
    const confirming = plan?.kind === 'create_then_delete' ? descriptor?.createForm?.confirmation : undefined;
    if (confirming !== undefined) {
      const problems = validateConfirmation(confirming, confirmation);
      setConfirmationErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    // The same choices for both ways of rotating; with delivery too, the create asks for the confirmation.
    const chosen = {
      tokenId,
      carryOverAnnotation: carryOver,
      ...(successorExpiresAt === undefined ? {} : { successorExpiresAt }),
      ...(chosenName === undefined ? {} : { successorName: chosenName }),
      ...(confirming === undefined ? {} : { confirmation: confirmationInput(confirming, confirmation) }),
    };
    const oneTry = (error: unknown): never => {
      // A code is good for one try; a request for one shows its field.
      const asked = toApiError(error).field === 'oneTimeCode';
      setConfirmation((c) => ({ ...c, oneTimeCode: '', codeAsked: c.codeAsked || asked }));
      throw error;
    };
    if (delivering) {
      const delivered = await run(() => unwrap(api().rotateWithDelivery(chosen)).catch(oneTry));
      if (delivered !== null) {
        // Used once: a Retry only delivers the successor already created, so it is not kept.
        setConfirmation(NO_CONFIRMATION);
        setStep({ kind: 'delivery', run: delivered.value });
      }
      refreshAll();
      return;
    }
    const result = await run(() => unwrap(api().startRotation(chosen)).catch(oneTry));
    if (result === null) return;
    setConfirmation(NO_CONFIRMATION);
    const started = result.value;
    refreshAll();
    if (started.kind === 'manual') {
      if (descriptor !== undefined && detail !== null) {
        setManual({
          ...emptyTracked(descriptor, now),
          name: detail.token.name,
          accountName: detail.token.accountName ?? '',
          note: detail.annotation.note ?? '',
        });
      }
      setStep({ kind: 'manual', start: started });
    } else if (started.secretId !== null) setStep({ kind: 'secret', start: started });
    else
      setStep(
        started.needsConfirmation
          ? { kind: 'confirm', start: started }
          : { kind: 'done', start: started, result: started.newToken },
      );
  };

  /**
   * The end of a rotation: one summary (a toast saying what was done, where the secret dialog
   * did not already say it), and the token that now carries the secret opened, its row marked.
   */
  const wrapUp = (started: RotationStart, result: TokenRow | null) => {
    const successor = result ?? started.newToken;
    const shown = successor?.id ?? tokenId;
    const provider = descriptor?.name ?? 'the provider';
    const newName = successor?.name ?? name;
    onClose();
    toast.success(
      !started.needsConfirmation
        ? `Rotated “${name}”.`
        : started.kind === 'manual'
          ? `Rotated “${name}”: the old token is retired, and the new token “${newName}” replaces it.`
          : `Rotated “${name}”: the old token was deleted at ${provider}, and the new token “${newName}” replaces it.`,
      shown,
    );
    useTokens.getState().markChanged(shown);
    useApp.getState().navigate({ view: 'token', tokenId: shown });
  };

  const finish = async (started: RotationStart) => {
    const finished = await run(() => unwrap(api().finishRotation({ operationId: started.operationId })));
    if (finished === null) return;
    refreshAll();
    wrapUp(started, finished.value);
  };

  const abandon = async (started: RotationStart) => {
    const done = await run(() => unwrap(api().abandonRotation({ operationId: started.operationId })));
    if (done === null) return;
    refreshAll();
    toast.info(
      started.kind === 'manual'
        ? `Rotation of “${name}” abandoned. Nothing was changed here.`
        : `Rotation of “${name}” abandoned. The old token was not deleted; check the token list for the current state.`,
    );
    onClose();
  };

  const notYet = () => {
    toast.info(
      `The rotation of “${name}” stays open. Finish it from the token when every place uses the new token.`,
    );
    onClose();
  };

  const recordManual = async (event: FormEvent, started: RotationStart) => {
    event.preventDefault();
    if (manual === null || descriptor === undefined) return;
    const found = validateTracked(manual, descriptor, now);
    setManualErrors(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(
        () => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        0,
      );
      return;
    }
    const recorded = await run(() =>
      unwrap(api().recordManualRotation({ operationId: started.operationId, token: trackedInput(manual) })),
    );
    if (recorded === null) return;
    refreshAll();
    setStep({ kind: 'confirm', start: { ...started, newToken: recorded.value } });
  };

  const errorLine = <FailureLine failure={failure} />;

  if (step.kind === 'secret') {
    const started = step.start;
    return (
      <SecretStep
        start={started}
        name={name}
        onClosed={() =>
          started.needsConfirmation
            ? setStep({ kind: 'confirm', start: started })
            : wrapUp(started, started.newToken)
        }
      />
    );
  }

  if (step.kind === 'manual') {
    const started = step.start;
    return (
      <Dialog
        title={`Rotate “${name}” by hand`}
        description={plan?.summary}
        icon={RotateCw}
        size="lg"
        onDismiss={() => void abandon(started)}
        closeLabel="Cancel rotation"
        footer={
          <>
            <button type="button" className="button" onClick={() => void abandon(started)} disabled={busy}>
              Cancel rotation
            </button>
            <button
              type="submit"
              form="manual-rotation-form"
              className="button button-primary"
              disabled={busy}
            >
              Record new token
            </button>
          </>
        }
      >
        <ol className="steps">
          {plan?.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        {plan?.adminUrl != null && (
          <AdminLink url={plan.adminUrl} provider={descriptor?.name ?? 'provider'} />
        )}
        <h3 className="section-title">The new token</h3>
        <form
          id="manual-rotation-form"
          ref={formRef}
          className="form"
          noValidate
          onSubmit={(event) => void recordManual(event, started)}
        >
          {manual !== null && descriptor !== undefined && (
            <TrackedFields
              descriptor={descriptor}
              values={manual}
              onChange={setManual}
              errors={manualErrors}
            />
          )}
        </form>
        {errorLine}
      </Dialog>
    );
  }

  if (step.kind === 'confirm') {
    const started = step.start;
    const provider = descriptor?.name ?? 'the provider';
    // The places the user noted as using the old token: the ones to check before it goes.
    const usedBy = detail?.annotation.usedBy ?? [];
    const consequence =
      started.kind === 'create_then_delete'
        ? `When you confirm, Tokenkeeper deletes the old token at ${provider}. Anything still using it stops working immediately.`
        : started.kind === 'manual'
          ? `Confirm once you have deleted the old token in the ${provider} console. Tokenkeeper then retires it here and stops reminding you.`
          : 'When you confirm, Tokenkeeper retires the old token.';
    return (
      <Dialog
        title="Have you updated every place that used the old token?"
        icon={RotateCw}
        tone="warning"
        onDismiss={notYet}
        closeLabel="Close and finish later"
        footer={
          <>
            <button
              type="button"
              className="button button-quiet-danger"
              onClick={() => void abandon(started)}
              disabled={busy}
            >
              Abandon rotation
            </button>
            <button type="button" className="button" onClick={notYet} disabled={busy}>
              Not yet
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void finish(started)}
              disabled={busy}
            >
              Yes, finish rotation
            </button>
          </>
        }
      >
        {/* The core's afterword says what confirming does; the manual steps were shown already. */}
        {started.kind !== 'manual' && started.afterword !== '' ? (
          <p>
            <CoreText text={started.afterword} />
          </p>
        ) : (
          <p>{consequence}</p>
        )}
        {usedBy.length > 0 && (
          <>
            <p className="strong">Its notes say it is used by:</p>
            <ul className="confirm-used-by" aria-label="Used by">
              {usedBy.map((place) => (
                <li key={place}>{place}</li>
              ))}
            </ul>
          </>
        )}
        {started.credentialSwapped && (
          <p className="muted">Tokenkeeper now uses the new token for this connection.</p>
        )}
        {errorLine}
      </Dialog>
    );
  }

  if (step.kind === 'done') {
    // A rotation that showed no secret and needs no confirmation: its one summary is here.
    const started = step.start;
    return (
      <Dialog
        title="Rotation finished"
        icon={RotateCw}
        size="sm"
        onDismiss={() => wrapUp(started, step.result)}
        footer={
          <button
            type="button"
            className="button button-primary"
            onClick={() => wrapUp(started, step.result)}
          >
            Done
          </button>
        }
      >
        <p>
          {started.afterword !== '' ? <CoreText text={started.afterword} /> : `“${name}” has been rotated.`}
        </p>
        {started.credentialSwapped && (
          <p className="muted">Tokenkeeper now uses the new token for this connection.</p>
        )}
      </Dialog>
    );
  }

  if (step.kind === 'delivery') {
    const delivery = step.run;
    const retry = async () => {
      const again = await run(() => unwrap(api().retryDelivery({ operationId: delivery.operationId })));
      if (again !== null) setStep({ kind: 'delivery', run: again.value });
      refreshAll();
    };
    const abandonDelivery = async () => {
      const done = await run(() => unwrap(api().abandonRotation({ operationId: delivery.operationId })));
      if (done === null) return;
      refreshAll();
      onClose();
      toast.info(`Abandoned the rotation of “${name}”; the old token stays active.`);
    };
    return (
      <Dialog
        title={delivery.state === 'done' ? `Rotated “${name}”` : `Rotation of “${name}” stopped`}
        icon={RotateCw}
        size="md"
        onDismiss={onClose}
        footer={
          <DialogFooter onCancel={onClose} cancelLabel="Close">
            {delivery.state === 'stopped' && (
              <button type="button" className="button" disabled={busy} onClick={() => void abandonDelivery()}>
                Abandon rotation
              </button>
            )}
            {delivery.state === 'stopped' && delivery.retryUntil !== null && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void retry()}
              >
                {busy ? 'Retrying…' : 'Retry'}
              </button>
            )}
          </DialogFooter>
        }
      >
        <div
          className={delivery.state === 'done' ? undefined : 'confirm-box'}
          role={delivery.state === 'done' ? 'status' : 'alert'}
        >
          <p>
            <CoreText text={delivery.message} />
          </p>
        </div>
        <DeliverySteps steps={delivery.steps} planned={targets} running={busy} />
        {errorLine}
      </Dialog>
    );
  }

  // The provider's own rotation refused this token; the plan replaces it instead.
  const replacing =
    plan !== null && plan.kind === 'create_then_delete' && descriptor?.capabilities.rotation !== plan.kind;
  // The plan: what will happen, before anything is called.
  return (
    <Dialog
      title={`Rotate “${name}”`}
      icon={RotateCw}
      size="md"
      onDismiss={onClose}
      footer={
        <DialogFooter onCancel={onClose}>
          {plan?.allowed === true && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void start()}
              disabled={busy}
            >
              {busy
                ? delivering
                  ? 'Updating targets…'
                  : 'Rotating…'
                : delivering
                  ? `Rotate and update ${targets.length === 1 ? 'its target' : `${targets.length} targets`}`
                  : plan.kind === 'manual'
                    ? 'Start'
                    : replacing
                      ? 'Create a replacement'
                      : 'Rotate now'}
            </button>
          )}
        </DialogFooter>
      }
    >
      {plan === null && failure === null && <p className="muted">Checking what rotation does here…</p>}
      {plan !== null && !plan.allowed && (
        <div className="confirm-box" role="alert">
          <p>
            <strong>This token cannot be rotated.</strong> <CoreText text={plan.reason ?? ''} />
          </p>
        </div>
      )}
      {plan !== null && plan.allowed && (
        <>
          {!delivering && (
            <>
              <h3 className="section-title">What will happen at {descriptor?.name ?? 'the provider'}</h3>
              <p>
                <CoreText text={plan.summary} />
              </p>
              <ol className="steps">
                {plan.steps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            </>
          )}
          {!delivering && plan.graceSeconds !== null && (
            <p className="muted">
              The old token keeps working for about {formatDuration(plan.graceSeconds)} after the rotation.
            </p>
          )}
          {plan.kind === 'in_place_immediate' && (
            <p className="strong">The old secret stops working the moment you rotate.</p>
          )}
          {successorName !== null && (
            <Field
              label="Name of the new token"
              help={`Names are unique at ${descriptor?.name ?? 'the provider'}, so the new token needs one of its own. Change it if you like.`}
              error={nameError}
            >
              {(props) => (
                <input
                  {...props}
                  className="input"
                  value={successorName}
                  maxLength={200}
                  onChange={(event) => setSuccessorName(event.target.value)}
                />
              )}
            </Field>
          )}
          {expiry !== null && descriptor !== undefined && (
            <ExpiryInput
              descriptor={descriptor}
              value={expiry}
              onChange={setExpiry}
              error={expiryError}
              now={now}
              legend="The new token expires"
            />
          )}
          {plan.kind === 'create_then_delete' && descriptor?.createForm?.confirmation !== undefined && (
            <ConfirmationFields
              form={descriptor.createForm.confirmation}
              value={confirmation}
              onChange={setConfirmation}
              errors={confirmationErrors}
              waiting={busy}
            />
          )}
          {delivering && (
            <>
              <h3 className="section-title">Targets it will update, in order</h3>
              <p>
                Tokenkeeper gets a new token from {descriptor?.name ?? 'the provider'}, writes it to each
                target below in order and checks it there, then checks that the new token works at{' '}
                {descriptor?.name ?? 'the provider'}. Only then is the old token retired. If a target fails,
                the rotation stops and the old token keeps working.
              </p>
              <DeliverySteps steps={null} planned={targets} running={busy} />
            </>
          )}
          {plan.kind !== 'in_place_immediate' && (
            <label className="check">
              <input
                type="checkbox"
                checked={carryOver}
                onChange={(event) => setCarryOver(event.target.checked)}
              />
              Carry over note, tags, owner and used-by
            </label>
          )}
        </>
      )}
      {errorLine}
    </Dialog>
  );
}

/**
 * The new secret, once. What the rotation did is said once: here when nothing follows, else in
 * the confirmation that follows (not in both, the same sentence twice).
 */
function SecretStep({ start, name, onClosed }: { start: RotationStart; name: string; onClosed: () => void }) {
  return (
    <SecretDialog
      secretId={start.secretId!}
      tokenName={start.newToken?.name ?? name}
      context={start.needsConfirmation || start.afterword === '' ? undefined : start.afterword}
      onClosed={onClosed}
    />
  );
}

function expiryValueOf(expiresAt: number | null): ExpiryValue {
  return expiresAt === null ? { never: true, date: '' } : { never: false, date: toDateInput(expiresAt) };
}

const sameExpiry = (a: ExpiryValue, b: ExpiryValue) => a.never === b.never && (a.never || a.date === b.date);

function AdminLink({ url, provider }: { url: string; provider: string }) {
  return (
    <p>
      <button type="button" className="button button-small" onClick={() => void api().openExternal({ url })}>
        <ExternalLink size={14} aria-hidden="true" />
        Open the {provider} console
      </button>
    </p>
  );
}
