/**
 * Create a token at a provider: a form shaped by the provider's descriptor (account, name,
 * expiry with its presets, default and maximum, organizations, permission group, or permissions
 * per account from its create form), checked before any call. On success the copy-once dialog
 * takes over.
 */
import { Plus } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiError, Connection, CreateTokenInput, ProviderDescriptor } from '../types';
import { api, unwrap } from '../api';
import { Dialog } from '../components/Dialog';
import { FormFooter } from '../components/DialogFooter';
import { FailureLine } from '../components/FailureLine';
import { defaultExpiry, ExpiryInput, expiryFromValue, type ExpiryValue } from '../components/ExpiryInput';
import {
  IpAllowListField,
  NotBeforeField,
  OwnerField,
  pickedResource,
  ResourceField,
  resourceInput,
  type ResourceValue,
} from '../components/CreateConditionsFields';
import {
  DescriptionField,
  extrasInput,
  noExtras,
  SecondPlacesField,
  validateExtras,
  type ExtraValue,
} from '../components/CreateExtraFields';
import {
  ConfirmationFields,
  confirmationInput,
  NO_CONFIRMATION,
  validateConfirmation,
  type ConfirmationValue,
} from '../components/ConfirmationFields';
import { PermissionGroupsField } from '../components/PermissionGroupsField';
import { PermissionsField } from '../components/PermissionsField';
import { Field } from '../components/Field';
import { NARROWEST, OrganizationsPicker, type OrganizationsValue } from '../components/OrganizationsPicker';
import { coreNow } from '../lib/clock';
import { toApiError } from '../lib/errors';
import {
  allowListEntries,
  notBeforeFromValue,
  validateAllowList,
  validateNotBefore,
} from '../lib/create-conditions';
import { listWords, providerName } from '../lib/providers';
import { validateName, validateNewExpiry, type Errors } from '../lib/validation';
import { providerById, useConnections } from '../stores/connections';
import { useDialogs } from '../stores/dialogs';

type FieldKey =
  | 'connection'
  | 'account'
  | 'name'
  | 'expiresAt'
  | 'organizations'
  | 'permissionGroup'
  | 'permissions'
  | 'resource'
  | 'notBefore'
  | 'allowedIps'
  | 'password'
  | 'oneTimeCode'
  | 'owner'
  | 'description'
  | 'secondPlaces'
  | 'limit';

export function CreateTokenDialog({
  connectionId,
  onClose,
}: {
  connectionId: string | null;
  onClose: () => void;
}) {
  const providers = useConnections((s) => s.providers);
  const connections = useConnections((s) => s.connections).filter(
    (c) => c.mode === 'api' && providerById(providers, c.provider)?.capabilities.create === true,
  );
  const openDialog = useDialogs((s) => s.open);
  const [now] = useState(coreNow);
  const [selectedId, setSelectedId] = useState(connectionId ?? connections[0]?.id ?? '');
  const connection = connections.find((c) => c.id === selectedId);
  const descriptor = connection === undefined ? undefined : providerById(providers, connection.provider);

  const [name, setName] = useState('');
  const [accountId, setAccountId] = useState('');
  const [expiry, setExpiry] = useState<ExpiryValue>(() =>
    descriptor === undefined ? { never: true, date: '' } : defaultExpiry(descriptor, now),
  );
  // The narrowest scope first: no place picked, "all" only on purpose.
  const [organizations, setOrganizations] = useState<OrganizationsValue>(NARROWEST);
  const [permissionGroup, setPermissionGroup] = useState('');
  const [permissionGroups, setPermissionGroups] = useState<string[]>([]);
  const [level, setLevel] = useState(descriptor?.createForm?.permissions?.defaultLevel ?? '');
  const [resource, setResource] = useState<ResourceValue>({ kind: '', name: '' });
  const [owner, setOwner] = useState<'self' | 'account'>('self');
  const [notBefore, setNotBefore] = useState('');
  const [allowList, setAllowList] = useState('');
  const [extras, setExtras] = useState<ExtraValue>(() => noExtras(descriptor?.createForm));
  // The password and code: this dialog's own state only, never a store (ConfirmationFields).
  const [confirmation, setConfirmation] = useState<ConfirmationValue>(NO_CONFIRMATION);
  const [errors, setErrors] = useState<Errors<FieldKey>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const pickConnection = (id: string) => {
    setSelectedId(id);
    const next = connections.find((c) => c.id === id);
    const nextDescriptor = next === undefined ? undefined : providerById(providers, next.provider);
    if (nextDescriptor !== undefined) setExpiry(defaultExpiry(nextDescriptor, now));
    setAccountId('');
    setOrganizations(NARROWEST);
    setPermissionGroup('');
    setPermissionGroups([]);
    setLevel(nextDescriptor?.createForm?.permissions?.defaultLevel ?? '');
    setResource({ kind: '', name: '' });
    setExtras(noExtras(nextDescriptor?.createForm));
    setOwner('self');
    setNotBefore('');
    setAllowList('');
    setConfirmation(NO_CONFIRMATION);
    setErrors({});
    setFailure(null);
  };

  const validate = (c: Connection, d: ProviderDescriptor): Errors<FieldKey> => {
    const found: Errors<FieldKey> = {};
    const nameError = validateName(name);
    if (nameError !== undefined) found.name = nameError;
    if (d.pickAccounts && c.accounts.length > 0 && accountId === '')
      found.account = 'Choose the account the token belongs to.';
    if (d.capabilities.expiry !== 'none') {
      const expiresAt = expiryFromValue(expiry, now);
      const expiryError =
        expiresAt !== null && Number.isNaN(expiresAt)
          ? 'Enter a valid date.'
          : validateNewExpiry(d, expiresAt, now);
      if (expiryError !== undefined) found.expiresAt = expiryError;
    }
    const permissions = d.createForm?.permissions ?? null;
    const account = c.accounts.find((a) => a.id === accountId);
    if (permissions !== null && account !== undefined && account.access !== null) {
      const picked = permissions.levels.find((l) => l.value === level);
      if (picked === undefined) found.permissions = 'Choose what the token may do.';
      else if (!picked.grantedBy.includes(account.access ?? ''))
        found.permissions = `The connection’s credential has ${account.access ?? 'no'} access to ${account.name}, so it cannot grant ${picked.label.toLowerCase()} access there.`;
    }
    if (
      d.capabilities.scopeKind === 'organizations' &&
      !organizations.all &&
      organizations.picked.length === 0
    ) {
      const many = d.accountNoun.many.toLowerCase();
      found.organizations =
        c.accounts.length > 0
          ? `Choose at least one ${d.accountNoun.one.toLowerCase()}, or allow all ${many}.`
          : `Sync the connection to choose its ${many}, or allow all ${many}.`;
    }
    const several = d.createForm?.multiplePermissionGroups === true;
    const grouped = takesGroups(d, accountId);
    if (grouped && !several && permissionGroup === '') found.permissionGroup = 'Choose a permission group.';
    if (grouped && several && permissionGroups.length === 0)
      found.permissionGroup = 'Choose at least one scope.';
    const form = d.createForm;
    if (form?.resources !== undefined && permissionGroup !== '') {
      const place = pickedResource(form.resources, permissionGroup, resource.kind);
      if (place === undefined) found.resource = 'Choose where the permission applies.';
      else if (place.named !== null && resource.name.trim() === '')
        found.resource =
          place.named.choices === true
            ? `Choose the ${place.named.label.toLowerCase()}.`
            : `Enter the ${place.named.label.toLowerCase()}’s name, e.g. ${place.named.placeholder}.`;
    }
    if (form?.notBefore !== undefined) {
      const expiresAt = d.capabilities.expiry === 'none' ? null : expiryFromValue(expiry, now);
      const notBeforeError = validateNotBefore(notBefore, expiresAt, now);
      if (notBeforeError !== undefined) found.notBefore = notBeforeError;
    }
    if (form?.ipAllowList !== undefined) {
      const allowListError = validateAllowList(allowList, form.ipAllowList.max);
      if (allowListError !== undefined) found.allowedIps = allowListError;
    }
    Object.assign(found, validateExtras(form, extras));
    if (form?.confirmation !== undefined)
      Object.assign(found, validateConfirmation(form.confirmation, confirmation));
    if (d.capabilities.maxTokens !== null && c.tokenCount >= d.capabilities.maxTokens) {
      found.limit = `${d.name} allows at most ${d.capabilities.maxTokens} tokens. Revoke one before creating another.`;
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (connection === undefined || descriptor === undefined) {
      setErrors({ connection: 'Choose a connection.' });
      return;
    }
    const found = validate(connection, descriptor);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(
        () => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        0,
      );
      return;
    }
    const input: CreateTokenInput = {
      connectionId: connection.id,
      accountId: accountId === '' ? null : accountId,
      name: name.trim(),
    };
    if (descriptor.capabilities.expiry !== 'none') input.expiresAt = expiryFromValue(expiry, now);
    const permissions = descriptor.createForm?.permissions ?? null;
    if (permissions !== null && accountId !== '' && pickedAccess(connection, accountId) !== null)
      input.permissions = [{ resourceType: permissions.resourceType, resourceId: accountId, level }];
    if (descriptor.capabilities.scopeKind === 'organizations') {
      input.organizations = organizations.all ? [] : organizations.picked;
    }
    if (takesGroups(descriptor, accountId)) {
      if (descriptor.createForm?.multiplePermissionGroups === true)
        input.permissionGroups = descriptor.capabilities.permissionGroups.filter((g) =>
          permissionGroups.includes(g),
        );
      else input.permissionGroup = permissionGroup;
    }
    const form = descriptor.createForm;
    const place =
      form?.resources === undefined
        ? undefined
        : pickedResource(form.resources, permissionGroup, resource.kind);
    if (place !== undefined) input.resource = resourceInput(place, resource.name);
    // An optional place (e.g. a team) only when the user named one.
    if (form?.resources === undefined && form?.optionalPlace !== undefined && resource.name.trim() !== '')
      input.resource = { kind: form.optionalPlace.value, name: resource.name.trim() };
    if (form?.notBefore !== undefined && notBefore !== '') {
      const start = notBeforeFromValue(notBefore, now);
      if (start !== null) input.notBefore = start;
    }
    if (form?.owners !== undefined) input.owner = owner;
    const ips = allowListEntries(allowList);
    if (form?.ipAllowList !== undefined && ips.length > 0) input.allowedIps = ips;
    Object.assign(input, extrasInput(form, extras));
    if (form?.confirmation !== undefined)
      input.confirmation = confirmationInput(form.confirmation, confirmation);
    setBusy(true);
    try {
      const created = await unwrap(api().createToken(input)).finally(() =>
        // A code is good for one try; the password goes with the dialog (below: on success).
        setConfirmation((c) => ({ ...c, oneTimeCode: '' })),
      );
      setConfirmation(NO_CONFIRMATION);
      openDialog({
        kind: 'secret',
        secretId: created.secretId,
        tokenName: created.token.name,
        tokenId: created.token.id,
      });
    } catch (error) {
      const apiError = toApiError(error);
      const field = (apiError.field === 'accountId' ? 'account' : apiError.field) as FieldKey | undefined;
      // The provider asked for a one-time code: the field appears, with its words.
      if (field === 'oneTimeCode') setConfirmation((c) => ({ ...c, oneTimeCode: '', codeAsked: true }));
      if (field !== undefined && FIELD_KEYS.includes(field)) {
        setErrors({ [field]: apiError.message });
        // The field the provider's refusal is about, in view and focused (e.g. the code it asked for).
        window.setTimeout(
          () => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
          0,
        );
      } else setFailure(apiError);
      setBusy(false);
    }
  };

  if (connections.length === 0) {
    return (
      <Dialog
        title="New token"
        icon={Plus}
        onDismiss={onClose}
        footer={
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        }
      >
        <p>
          None of your connections can create tokens through an API. Add a{' '}
          {listWords(
            providers.filter((p) => p.capabilities.create).map((p) => p.name),
            'or',
          )}{' '}
          connection first, or track a token by hand.
        </p>
      </Dialog>
    );
  }

  const caps = descriptor?.capabilities;
  return (
    <Dialog
      title="New token"
      description={descriptor === undefined ? undefined : descriptor.createDescription}
      icon={Plus}
      size="md"
      onDismiss={onClose}
      footer={
        <FormFooter form="create-token-form" onCancel={onClose} disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </FormFooter>
      }
    >
      <form
        id="create-token-form"
        ref={formRef}
        noValidate
        onSubmit={(event) => void submit(event)}
        className="form"
      >
        <Field label="Connection" error={errors.connection}>
          {(props) => (
            <select {...props} value={selectedId} onChange={(event) => pickConnection(event.target.value)}>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {connectionOption(c.label, providerName(providers, c.provider))}
                </option>
              ))}
            </select>
          )}
        </Field>
        {connection !== undefined && descriptor !== undefined && caps !== undefined && (
          <>
            {caps.maxTokens !== null && (
              <p
                className={`limit-line${errors.limit ? ' field-error' : ''}`}
                role={errors.limit ? 'alert' : undefined}
              >
                {errors.limit ??
                  `${connection.tokenCount} of ${caps.maxTokens} tokens used (${descriptor.name} allows at most ${caps.maxTokens}).`}
              </p>
            )}
            {descriptor.pickAccounts && connection.accounts.length > 0 && (
              <Field label={descriptor.accountNoun.one} error={errors.account}>
                {(props) => (
                  <select
                    {...props}
                    value={accountId}
                    onChange={(event) => {
                      setAccountId(event.target.value);
                      // A name picked in another account is not this account's.
                      setResource((r) => ({ ...r, name: '' }));
                    }}
                  >
                    <option value="">Choose…</option>
                    {connection.accounts.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {descriptor.createForm?.owners !== undefined && (
              <OwnerField
                owners={descriptor.createForm.owners}
                value={owner}
                onChange={setOwner}
                error={errors.owner}
              />
            )}
            <Field
              label="Name"
              error={errors.name}
              help="A name that says where the token is used, e.g. “CRM sync – production”."
            >
              {(props) => (
                <input
                  {...props}
                  type="text"
                  value={name}
                  maxLength={250}
                  onChange={(event) => setName(event.target.value)}
                  autoFocus
                />
              )}
            </Field>
            {descriptor.createForm?.description !== undefined && (
              <DescriptionField
                form={descriptor.createForm.description}
                value={extras.description}
                onChange={(description) => setExtras((x) => ({ ...x, description }))}
                error={errors.description}
              />
            )}
            {descriptor.createForm?.optionalPlace !== undefined &&
              descriptor.createForm.resources === undefined && (
                <Field
                  label={descriptor.createForm.optionalPlace.label}
                  error={errors.resource}
                  help={descriptor.createForm.optionalPlace.help}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      value={resource.name}
                      maxLength={253}
                      placeholder={descriptor.createForm?.optionalPlace?.placeholder}
                      onChange={(event) => setResource({ kind: '', name: event.target.value })}
                    />
                  )}
                </Field>
              )}
            {caps.expiry === 'none' ? (
              <p className="field-help">
                {descriptor.name} tokens created through the API have no expiry date.
              </p>
            ) : (
              <ExpiryInput
                descriptor={descriptor}
                value={expiry}
                onChange={setExpiry}
                error={errors.expiresAt}
                now={now}
              />
            )}
            {descriptor.createForm?.permissions != null && pickedAccess(connection, accountId) !== null && (
              <PermissionsField
                form={descriptor.createForm.permissions}
                account={connection.accounts.find((a) => a.id === accountId) ?? null}
                accountNoun={descriptor.accountNoun.one.toLowerCase()}
                value={level}
                onChange={setLevel}
                error={errors.permissions}
              />
            )}
            {takesGroups(descriptor, accountId) &&
              descriptor.createForm?.multiplePermissionGroups === true && (
                <PermissionGroupsField
                  groups={caps.permissionGroups}
                  value={permissionGroups}
                  onChange={setPermissionGroups}
                  error={errors.permissionGroup}
                />
              )}
            {takesGroups(descriptor, accountId) &&
              descriptor.createForm?.multiplePermissionGroups !== true && (
                <Field
                  label="Permission group"
                  error={errors.permissionGroup}
                  help="Choose the narrowest group that covers what the integration does."
                >
                  {(props) => (
                    <select
                      {...props}
                      value={permissionGroup}
                      onChange={(event) => setPermissionGroup(event.target.value)}
                    >
                      <option value="">Choose a permission group…</option>
                      {caps.permissionGroups.map((group) => (
                        <option key={group} value={group}>
                          {group}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            {descriptor.createForm?.resources !== undefined && permissionGroup !== '' && (
              <ResourceField
                resources={descriptor.createForm.resources}
                group={permissionGroup}
                value={resource}
                onChange={setResource}
                error={errors.resource}
                choicesFrom={{
                  connectionId: connection.id,
                  accountId,
                  accountNoun: descriptor.accountNoun.one.toLowerCase(),
                }}
              />
            )}
            {descriptor.createForm?.secondPlaces !== undefined && (
              <SecondPlacesField
                form={descriptor.createForm.secondPlaces}
                value={extras}
                onChange={setExtras}
                error={errors.secondPlaces}
              />
            )}
            {descriptor.createForm?.notBefore !== undefined && (
              <NotBeforeField
                help={descriptor.createForm.notBefore.help}
                value={notBefore}
                onChange={setNotBefore}
                error={errors.notBefore}
                now={now}
              />
            )}
            {descriptor.createForm?.ipAllowList !== undefined && (
              <IpAllowListField
                help={descriptor.createForm.ipAllowList.help}
                value={allowList}
                onChange={setAllowList}
                error={errors.allowedIps}
              />
            )}
            {caps.scopeKind === 'organizations' && (
              <OrganizationsPicker
                places={connection.accounts}
                noun={descriptor.accountNoun}
                providerName={descriptor.name}
                value={organizations}
                onChange={setOrganizations}
                error={errors.organizations}
              />
            )}
            {descriptor.createForm?.confirmation !== undefined && (
              <ConfirmationFields
                form={descriptor.createForm.confirmation}
                value={confirmation}
                onChange={setConfirmation}
                errors={{ password: errors.password, oneTimeCode: errors.oneTimeCode }}
                waiting={busy}
              />
            )}
          </>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}

const FIELD_KEYS: FieldKey[] = [
  'account',
  'name',
  'expiresAt',
  'organizations',
  'permissionGroup',
  'permissions',
  'resource',
  'notBefore',
  'allowedIps',
  'password',
  'oneTimeCode',
  'owner',
  'description',
  'secondPlaces',
];

/** A connection label that already names its provider is shown as is; otherwise the provider follows it in brackets. */
export function connectionOption(label: string, provider: string): string {
  return label.toLowerCase().includes(provider.toLowerCase()) ? label : `${label} (${provider})`;
}

/**
 * The connection's access at the chosen account: '' while none is chosen; null where the account
 * carries no access level, so permissions do not apply there (e.g. the user's own tokens).
 */
/** Whether a new token in this account carries permission groups (some kinds of token have none). */
function takesGroups(descriptor: ProviderDescriptor, accountId: string): boolean {
  return (
    descriptor.capabilities.scopeKind === 'permission_group' &&
    !(descriptor.createForm?.noPermissionGroupsFor ?? []).includes(accountId)
  );
}

function pickedAccess(connection: Connection, accountId: string): string | null {
  if (accountId === '') return '';
  const account = connection.accounts.find((a) => a.id === accountId);
  // `?? ''` would turn an account's null (no access level) into "unknown": keep null as null.
  return account === undefined ? '' : account.access;
}
