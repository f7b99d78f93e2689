/** A rotation by hand: the provider's steps, then a form that records the new token. */
import { ExternalLink, RotateCw } from 'lucide-react';
import type { FormEvent, RefObject } from 'react';
import type { ApiError, ProviderDescriptor, RotationPlan } from '../../types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FailureLine } from '../../components/FailureLine';
import { TrackedFields, type TrackedKey, type TrackedValues } from '../../components/TrackedFields';
import type { Errors } from '../../lib/validation';

export function ManualStep({
  name,
  plan,
  descriptor,
  busy,
  failure,
  manual,
  manualErrors,
  formRef,
  onChange,
  onCancel,
  onSubmit,
}: {
  name: string;
  plan: RotationPlan | null;
  descriptor: ProviderDescriptor | undefined;
  busy: boolean;
  failure: ApiError | null;
  manual: TrackedValues | null;
  manualErrors: Errors<TrackedKey>;
  formRef: RefObject<HTMLFormElement | null>;
  onChange: (values: TrackedValues) => void;
  onCancel: () => void;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <Dialog
      title={`Rotate “${name}” by hand`}
      description={plan?.summary}
      icon={RotateCw}
      size="lg"
      onDismiss={onCancel}
      closeLabel="Cancel rotation"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel rotation
          </button>
          <button type="submit" form="manual-rotation-form" className="button button-primary" disabled={busy}>
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
      {plan?.adminUrl != null && <AdminLink url={plan.adminUrl} provider={descriptor?.name ?? 'provider'} />}
      <h3 className="section-title">The new token</h3>
      <form id="manual-rotation-form" ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        {manual !== null && descriptor !== undefined && (
          <TrackedFields descriptor={descriptor} values={manual} onChange={onChange} errors={manualErrors} />
        )}
      </form>
      <FailureLine failure={failure} />
    </Dialog>
  );
}

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
