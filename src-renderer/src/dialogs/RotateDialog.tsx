/**
 * Guided rotation. First says what will happen at this provider (nothing is called yet), then
 * rotates, shows the new secret once, and asks "Have you updated every place that used the old
 * token?" (listing the places its annotation says use it) before finishing (which deletes or retires the old token where the provider needs
 * it). For providers without an API rotation and tracked tokens it guides the manual steps and records the new token.
 * Every way out leaves a clear state: before the call nothing changed; after it, the rotation
 * stays open (and is listed) until the user finishes or abandons it.
 */
import { RotateCw } from 'lucide-react';
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
import { ConfirmStep } from './rotate/ConfirmStep';
import { DeliveryStep } from './rotate/DeliveryStep';
import { DoneStep } from './rotate/DoneStep';
import { ManualStep } from './rotate/ManualStep';
import { SecretStep } from './rotate/SecretStep';

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
      <ManualStep
        name={name}
        plan={plan}
        descriptor={descriptor}
        busy={busy}
        failure={failure}
        manual={manual}
        manualErrors={manualErrors}
        formRef={formRef}
        onChange={setManual}
        onCancel={() => void abandon(started)}
        onSubmit={(event) => void recordManual(event, started)}
      />
    );
  }

  if (step.kind === 'confirm') {
    const started = step.start;
    return (
      <ConfirmStep
        started={started}
        provider={descriptor?.name ?? 'the provider'}
        usedBy={detail?.annotation.usedBy ?? []}
        busy={busy}
        failure={failure}
        onAbandon={() => void abandon(started)}
        onNotYet={notYet}
        onFinish={() => void finish(started)}
      />
    );
  }

  if (step.kind === 'done') {
    const { start: started, result } = step;
    return <DoneStep started={started} name={name} onDone={() => wrapUp(started, result)} />;
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
      <DeliveryStep
        delivery={delivery}
        name={name}
        targets={targets}
        busy={busy}
        failure={failure}
        onClose={onClose}
        onRetry={() => void retry()}
        onAbandon={() => void abandonDelivery()}
      />
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
      <FailureLine failure={failure} />
    </Dialog>
  );
}

function expiryValueOf(expiresAt: number | null): ExpiryValue {
  return expiresAt === null ? { never: true, date: '' } : { never: false, date: toDateInput(expiresAt) };
}

const sameExpiry = (a: ExpiryValue, b: ExpiryValue) => a.never === b.never && (a.never || a.date === b.date);
