/**
 * Add a connection, in the shape its provider's descriptor gives: an API token (then pick the
 * accounts, where the provider has several), a password sign-in, a web sign-in in a separate
 * window, or tracked by hand (a provider without a token API, or any provider without API access).
 */
import { ArrowLeft, ExternalLink, Globe, PenLine, Plug } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, ConnectionDraft, ProviderDescriptor } from '../../types';
import { api, unwrap } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/DialogFooter';
import { FailureLine } from '../../components/FailureLine';
import { Field } from '../../components/Field';
import { ProviderMark } from '../../components/ProviderMark';
import { describeError, toApiError } from '../../lib/errors';
import { useWebSessionWhere } from '../../lib/web-session';
import { useApp } from '../../stores/app';
import { useConnections } from '../../stores/connections';
import { useTokens } from '../../stores/tokens';
import { toast } from '../../stores/toasts';
import { AddressChoiceField } from './AddressChoiceField';
import { checkFields, CredentialFields, useWeakStorage, WeakStorageConsent } from './CredentialFields';

type Step =
  | { kind: 'provider' }
  | { kind: 'form'; provider: ProviderDescriptor }
  | { kind: 'accounts'; provider: ProviderDescriptor; draft: ConnectionDraft };

export function AddConnectionDialog({ onClose }: { onClose: () => void }) {
  const providers = useConnections((s) => s.providers);
  const [step, setStep] = useState<Step>({ kind: 'provider' });
  const [draftToCancel, setDraftToCancel] = useState<string | null>(null);

  const close = () => {
    if (draftToCancel !== null) void api().cancelConnection({ draftId: draftToCancel });
    onClose();
  };

  if (step.kind === 'provider') {
    return (
      <Dialog
        title="Add connection"
        description="Choose the provider whose tokens you want to see."
        icon={Plug}
        size="lg"
        onDismiss={close}
      >
        <ul className="provider-choices">
          {providers.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="provider-choice"
                onClick={() => setStep({ kind: 'form', provider: p })}
              >
                <ProviderMark provider={p.id} />
                <span className="provider-choice-summary">{p.summary}</span>
                <span className="provider-choice-kind">
                  {p.hasApi
                    ? p.session === 'web'
                      ? 'Web sign-in'
                      : p.session === 'password'
                        ? 'Sign in'
                        : 'API token'
                    : 'Tracked by hand'}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <p className="field-help">
          No API access? Choose the provider anyway, then “Track by hand”: you record its tokens here and get
          reminders.
        </p>
      </Dialog>
    );
  }

  if (step.kind === 'form') {
    return (
      <ConnectionForm
        provider={step.provider}
        onBack={() => setStep({ kind: 'provider' })}
        onClose={close}
        onDraft={(draft) => {
          setDraftToCancel(draft.draftId);
          setStep({ kind: 'accounts', provider: step.provider, draft });
        }}
        onDone={onClose}
      />
    );
  }

  return (
    <AccountsStep
      provider={step.provider}
      draft={step.draft}
      onClose={close}
      onDone={() => {
        setDraftToCancel(null);
        onClose();
      }}
    />
  );
}

async function finishConnection(
  draft: ConnectionDraft,
  label: string,
  accountIds: string[],
  mode: 'api' | 'tracked',
) {
  const connection = await unwrap(api().completeConnection({ draftId: draft.draftId, label, accountIds }));
  useConnections.getState().upsert(connection);
  // The core starts the first sync of an API connection itself; its progress events follow.
  toast.success(
    mode === 'api' ? `Added “${connection.label}”. Fetching its tokens…` : `Added “${connection.label}”.`,
  );
  useApp.getState().navigate({ view: mode === 'api' ? 'tokens' : 'connections' });
}

/** "Already connected as …": the way to the connection that holds the account (its tokens). */
function OpenExisting({ failure, onOpened }: { failure: ApiError | null; onOpened: () => void }) {
  const existing = useConnections((s) =>
    failure?.code === 'conflict' && failure.connectionId !== undefined
      ? s.connections.find((c) => c.id === failure.connectionId)
      : undefined,
  );
  const ref = useRef<HTMLButtonElement>(null);
  // After the failure line has scrolled itself into view: the way out is in view too.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [existing]);
  if (existing === undefined) return null;
  return (
    <button
      ref={ref}
      type="button"
      className="button"
      onClick={() => {
        useTokens.getState().showView(`connection:${existing.id}`, { connectionIds: [existing.id] });
        useApp.getState().navigate({ view: 'tokens' });
        onOpened();
      }}
    >
      Open “{existing.label}”
    </button>
  );
}

/** After the errors have rendered: the first field with one, scrolled into view and focused. */
function useFocusFirstInvalid(formId: string): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const invalid = document.querySelector<HTMLElement>(`#${formId} [aria-invalid="true"]`);
    invalid?.scrollIntoView({ block: 'nearest' });
    invalid?.focus();
  }, [request, formId]);
  return () => setRequest((n) => n + 1);
}

function ConnectionForm({
  provider,
  onBack,
  onClose,
  onDraft,
  onDone,
}: {
  provider: ProviderDescriptor;
  onBack: () => void;
  onClose: () => void;
  onDraft: (draft: ConnectionDraft) => void;
  onDone: () => void;
}) {
  const [mode, setMode] = useState<'api' | 'tracked'>(provider.hasApi ? 'api' : 'tracked');
  const [label, setLabel] = useState(provider.name);
  const [baseUrl, setBaseUrl] = useState('');
  const [showServer, setShowServer] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [consent, setConsent] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = mode === 'api' ? provider.connectionFields : [];
  const weak = useWeakStorage(fields);
  const focusFirstInvalid = useFocusFirstInvalid('connection-form');
  const webSessionWhere = useWebSessionWhere();

  // A tracked provider that checks pasted tokens calls its address too (e.g. a company's own server).
  const callsOut = provider.tokenCheck !== undefined || provider.revokeByValue !== undefined;
  const usesAddress = mode === 'api' || callsOut;
  const serverDisclosure = provider.defaultBaseUrl !== null && (
    <div className="advanced">
      <button
        type="button"
        className="disclosure"
        aria-expanded={showServer}
        aria-controls="server-field"
        onClick={() => setShowServer(!showServer)}
      >
        Use a different server address
      </button>
      {showServer && (
        <div id="server-field">
          <Field
            label="Server address"
            optional
            error={errors.baseUrl}
            help={`Leave empty for ${provider.defaultBaseUrl}.`}
          >
            {(props) => (
              <input
                {...props}
                type="url"
                value={baseUrl}
                placeholder={provider.defaultBaseUrl ?? ''}
                onChange={(event) => setBaseUrl(event.target.value)}
              />
            )}
          </Field>
        </div>
      )}
    </div>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string | undefined> = mode === 'api' ? checkFields(fields, values) : {};
    if (label.trim() === '') found.label = 'Enter a name for this connection.';
    if (usesAddress && baseUrl.trim() !== '' && !/^https?:\/\/[^\s/]+/.test(baseUrl.trim()))
      found.baseUrl = 'Enter a full address starting with https://.';
    // A provider with no public host (self-hosted only) needs the address of the user's own server.
    if (mode === 'api' && provider.defaultBaseUrl === null && baseUrl.trim() === '')
      found.baseUrl = `Enter the address of your ${provider.name} server.`;
    if (mode === 'api' && weak.needed && !weak.accepted && !consent)
      found.consent = 'Accept weaker storage, or unlock a keyring and try again.';
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some((e) => e !== undefined)) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'api' && weak.needed && !weak.accepted) {
        if ((await useApp.getState().updateSettings({ weakStorageAccepted: true })) === null) {
          setBusy(false);
          return;
        }
      }
      const fieldValues: Record<string, string> = {};
      for (const field of fields) {
        const value = (values[field.key] ?? '').trim();
        if (value !== '') fieldValues[field.key] = value;
      }
      const draft = await unwrap(
        api().beginConnection({
          provider: provider.id,
          mode,
          label: label.trim(),
          baseUrl: usesAddress && baseUrl.trim() !== '' ? baseUrl.trim() : null,
          fields: fieldValues,
        }),
      );
      // The password is used once; drop it from the form as soon as the sign-in is done.
      setValues(
        Object.fromEntries(
          fields.filter((f) => f.storage === 'metadata').map((f) => [f.key, values[f.key] ?? '']),
        ),
      );
      if (mode === 'api' && provider.pickAccounts) {
        onDraft(draft);
        return;
      }
      await finishConnection(
        draft,
        label.trim(),
        draft.accounts.map((a) => a.id),
        mode,
      );
      onDone();
    } catch (error) {
      // A refused credential is said next to the field that holds it, and focus goes there.
      const apiError = toApiError(error);
      const credentialField = fields.find((f) => f.storage !== 'metadata') ?? fields[0];
      const field =
        apiError.field !== undefined && fields.some((f) => f.key === apiError.field)
          ? apiError.field
          : (apiError.code === 'unauthorized' || apiError.code === 'forbidden') &&
              credentialField !== undefined
            ? credentialField.key
            : undefined;
      if (field !== undefined) {
        setErrors({ [field]: describeError(apiError) });
        focusFirstInvalid();
      } else setFailure(apiError);
      setBusy(false);
    }
  };

  const action =
    mode === 'tracked'
      ? 'Add connection'
      : provider.session === 'web'
        ? 'Sign in and connect'
        : provider.session === 'password'
          ? 'Sign in and connect'
          : provider.pickAccounts
            ? 'Check token'
            : 'Connect';

  return (
    <Dialog
      title={`Add ${provider.name}`}
      description={provider.summary}
      icon={Plug}
      size="md"
      onDismiss={onClose}
      footer={
        <FormFooter
          form="connection-form"
          onCancel={onClose}
          disabled={busy || weak.unavailable}
          leading={
            <>
              <button type="button" className="button button-quiet" onClick={onBack}>
                <ArrowLeft size={16} aria-hidden="true" />
                Back
              </button>
              <span className="spacer" />
            </>
          }
        >
          {busy
            ? provider.session === 'web' && mode === 'api'
              ? 'Waiting for sign-in…'
              : 'Checking…'
            : action}
        </FormFooter>
      }
    >
      <form id="connection-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        {provider.hasApi && (
          <fieldset className="field mode-choice">
            <legend className="field-label">How to connect</legend>
            <label className="check">
              <input type="radio" name="mode" checked={mode === 'api'} onChange={() => setMode('api')} />
              {provider.session === 'web'
                ? `Sign in to ${provider.name} on the web`
                : provider.session === 'password'
                  ? `Sign in to ${provider.name}`
                  : `With a ${provider.name} API token`}
            </label>
            <label className="check">
              <input
                type="radio"
                name="mode"
                checked={mode === 'tracked'}
                onChange={() => setMode('tracked')}
              />
              <PenLine size={14} aria-hidden="true" /> Track by hand (no API access)
            </label>
          </fieldset>
        )}
        {mode === 'tracked' && !callsOut && (
          <p className="field-help">
            You record each token yourself (never its secret) and get reminders before it expires. Nothing is
            sent to {provider.name}.
          </p>
        )}
        {mode === 'tracked' && callsOut && (
          <p className="field-help">
            You record each token yourself, or paste it once for {provider.name} to describe it: only its
            details are kept, never the token. Reminders come before it expires.
          </p>
        )}
        <Field
          label="Connection name"
          error={errors.label}
          help="How this connection appears in Tokenkeeper, e.g. “Acme production”."
        >
          {(props) => (
            <input
              {...props}
              type="text"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              autoFocus
            />
          )}
        </Field>
        {mode === 'tracked' && callsOut && serverDisclosure}
        {mode === 'api' && (
          <>
            {provider.session === 'web' && (
              <p className="info-box">
                <Globe size={16} aria-hidden="true" />
                {provider.name} manages tokens only from a signed-in browser session. A separate sign-in
                window opens; Tokenkeeper never sees your password. {webSessionWhere}
              </p>
            )}
            {provider.addressChoices !== undefined && (
              <AddressChoiceField
                choices={provider.addressChoices}
                defaultBaseUrl={provider.defaultBaseUrl}
                value={baseUrl}
                onChange={setBaseUrl}
                error={showServer ? undefined : errors.baseUrl}
              />
            )}
            <CredentialFields fields={fields} values={values} onChange={setValues} errors={errors} />
            {weak.needed && !weak.accepted && (
              <WeakStorageConsent checked={consent} onChange={setConsent} error={errors.consent} />
            )}
            {weak.unavailable && (
              <p className="form-error" role="alert">
                No secure storage is available on this computer, so Tokenkeeper cannot save the credential.
              </p>
            )}
            {provider.defaultBaseUrl === null && (
              <Field
                label="Server address"
                error={errors.baseUrl}
                help={`The address of your ${provider.name} server, starting with https://.`}
              >
                {(props) => (
                  <input
                    {...props}
                    type="url"
                    value={baseUrl}
                    placeholder="https://"
                    onChange={(event) => setBaseUrl(event.target.value)}
                  />
                )}
              </Field>
            )}
            {serverDisclosure}
          </>
        )}
        <FailureLine failure={failure} />
        <OpenExisting failure={failure} onOpened={onClose} />
        {/* The credential works but lacks the access to manage tokens: where to make a better one. */}
        {failure?.code === 'forbidden' && provider.adminUrl !== null && (
          <p>
            <button
              type="button"
              className="button button-small"
              onClick={() => void api().openExternal({ url: provider.adminUrl! })}
            >
              <ExternalLink size={14} aria-hidden="true" />
              Open {provider.name}’s token page
            </button>
          </p>
        )}
      </form>
    </Dialog>
  );
}

function AccountsStep({
  provider,
  draft,
  onClose,
  onDone,
}: {
  provider: ProviderDescriptor;
  draft: ConnectionDraft;
  onClose: () => void;
  onDone: () => void;
}) {
  // Only admins and owners can list and manage tokens; viewer accounts are shown but left out.
  const manageable = (access: string | null) => access !== 'viewer';
  const [selected, setSelected] = useState<string[]>(
    draft.accounts.filter((a) => manageable(a.access)).map((a) => a.id),
  );
  const [label, setLabel] = useState(draft.label);
  // Many places to choose from (a user's projects and groups, say): a filter by name narrows the list.
  const [filter, setFilter] = useState('');
  const shown = draft.accounts.filter((a) => a.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const noun = provider.accountNoun.many.toLowerCase();
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) {
      setError(`Choose at least one of the ${noun}.`);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await finishConnection(draft, label.trim() === '' ? draft.label : label.trim(), selected, 'api');
      onDone();
    } catch (e) {
      setFailure(toApiError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Choose ${noun}`}
      description={`The token reaches ${draft.summary}. Choose whose tokens Tokenkeeper should list.`}
      icon={Plug}
      size="md"
      onDismiss={onClose}
      footer={
        <FormFooter form="accounts-form" onCancel={onClose} disabled={busy}>
          Add connection
        </FormFooter>
      }
    >
      <form id="accounts-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Connection name">
          {(props) => (
            <input {...props} type="text" value={label} onChange={(event) => setLabel(event.target.value)} />
          )}
        </Field>
        <fieldset className={`field${error ? ' field-invalid' : ''}`}>
          <legend className="field-label">
            {provider.name} {noun}
          </legend>
          {draft.accounts.length === 0 && <p className="muted">This token reaches none.</p>}
          {draft.accounts.length > 5 && (
            <input
              type="search"
              className="account-filter"
              aria-label={`Filter ${noun}`}
              placeholder={`Filter ${noun} by name`}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          )}
          {shown.length === 0 && draft.accounts.length > 0 && (
            <p className="muted small">None match “{filter.trim()}”.</p>
          )}
          {shown.map((account) => (
            <label key={account.id} className="check account-check">
              <input
                type="checkbox"
                checked={selected.includes(account.id)}
                disabled={!manageable(account.access)}
                onChange={() =>
                  setSelected(
                    selected.includes(account.id)
                      ? selected.filter((id) => id !== account.id)
                      : [...selected, account.id],
                  )
                }
              />
              <span>{account.name}</span>
              {account.access !== null && <span className="access-pill">{account.access}</span>}
              {!manageable(account.access) && (
                <span className="muted small">Viewer access cannot manage tokens</span>
              )}
            </label>
          ))}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </fieldset>
        <FailureLine failure={failure} />
        <OpenExisting failure={failure} onOpened={onClose} />
      </form>
    </Dialog>
  );
}
