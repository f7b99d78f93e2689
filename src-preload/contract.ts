/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel has a zod schema for its input and its output; every event main pushes has a zod
 * schema for its payload. Main validates every input (and its own outputs) against these schemas;
 * preload derives `window.tokenkeeper` from the channel and event names; the renderer imports
 * only the types. No secret is ever part of an output here except `revealSecret`, which carries a
 * freshly minted secret to the copy-once dialog exactly once.
 *
 * Objects are strict: an unknown key (including `__proto__`) is a validation error, not ignored.
 */
import { z } from 'zod';
import { COMMAND_IDS } from './commands';
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  channelWireName,
  eventWireName,
  type ChannelName,
  type EventName,
} from './contract-names';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Milliseconds since the Unix epoch. */
export const Timestamp = z.number().int().min(0).max(8.64e15);
export const Id = z.string().min(1).max(100);
const Label = z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.');
const LongText = z.string().max(4000);
const NoInput = z.undefined();
const Nothing = z.null();

/**
 * A provider's id, as its module in src-main/core/providers/ registers it. Not a closed list: main
 * checks every id it is given against the registry ("Unknown provider").
 */
export const PROVIDER_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
export const ProviderId = z.string().regex(PROVIDER_ID_PATTERN, 'Unknown provider.');
export type ProviderId = z.infer<typeof ProviderId>;

export const ErrorCode = z.enum([
  'invalid_input',
  'untrusted_sender',
  'unknown_channel',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'validation',
  'rate_limited',
  'provider_error',
  'network',
  'timeout',
  'malformed_response',
  'response_too_large',
  'credential_missing',
  'credential_unreadable',
  'weak_storage_refused',
  'needs_sign_in',
  'not_supported',
  'limit_reached',
  'ambiguous',
  'busy',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  /** For `rate_limited`: when the provider allows the next request. */
  retryAt: Timestamp.optional(),
  /** For `invalid_input`: the offending field, when there is one. */
  field: z.string().optional(),
  /** For `conflict` on adding a connection: the connection that already holds the account. */
  connectionId: Id.optional(),
});
export type ApiError = z.infer<typeof ApiError>;

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

export const ScopeKind = z.enum(['resources', 'organizations', 'permission_group', 'workspace', 'none']);
export type ScopeKind = z.infer<typeof ScopeKind>;

export const RotationKind = z.enum([
  /** A new token is issued; the old one keeps working for a short grace period. */
  'reset_with_grace',
  /** The same token gets a new secret; the old secret stops at once. */
  'in_place_immediate',
  /** A new token is created; the old one is deleted once the user confirms. */
  'create_then_delete',
  /** No rotation through an API (and every tracked token): the user does it in the provider's console, guided here. */
  'manual',
]);
export type RotationKind = z.infer<typeof RotationKind>;

export const SessionKind = z.enum(['none', 'password', 'web']);

export const ConnectionField = z.strictObject({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['secret', 'text', 'email', 'password', 'url']),
  required: z.boolean(),
  /** Where the value goes: the OS keychain (secret), memory only (password), or plain metadata. */
  storage: z.enum(['keychain', 'memory', 'metadata']),
  help: z.string(),
  placeholder: z.string().optional(),
});
export type ConnectionField = z.infer<typeof ConnectionField>;

/** One access level a new token's permission can carry, and who may grant it. */
export const PermissionLevel = z.strictObject({
  value: z.string(),
  label: z.string(),
  /** The calling credential's access names (RemoteAccount.access) that may grant this level. */
  grantedBy: z.array(z.string()),
});

/**
 * Extra parts of the create form, generic: the provider module says which it offers and the
 * dialog draws them (it knows no provider). Absent: only the capabilities shape the form.
 */
export const CreateForm = z.strictObject({
  /** One-click expiry choices, in days from now. */
  expiryPresets: z.array(z.number().int().positive()).max(8),
  /**
   * Where the provider's own default is "never" (no `defaultValidityDays`): the form starts at
   * this many days instead, so "never" is chosen on purpose. Absent: the provider's default.
   */
  startDays: z.number().int().positive().optional(),
  /** Non-null: "never expires" is offered (even where dated tokens have a maximum), with this hygiene warning. */
  neverWarning: z.string().nullable(),
  /**
   * True: a token carries several of the capabilities' permission groups (e.g. scopes), picked
   * as checkboxes and sent as `permissionGroups`; absent or false: one, from a list.
   */
  multiplePermissionGroups: z.boolean().optional(),
  /**
   * Where the picked permission group applies, picked from these places (e.g. the account, all
   * of its zones, one zone); each place lists the groups it fits. A `named` place is one thing
   * the user names (e.g. a zone by its name), which the provider looks up when creating; with
   * `choices` the name is picked from the provider's own list for the picked account
   * (`listCreateChoices`) instead of typed. Absent: the group says where it applies.
   */
  resources: z
    .array(
      z.strictObject({
        value: z.string(),
        label: z.string(),
        groups: z.array(z.string()).min(1),
        named: z
          .strictObject({
            label: z.string(),
            help: z.string(),
            placeholder: z.string(),
            choices: z.boolean().optional(),
            /** Present: several names may be given (one a line, up to this many), sent as `resource.names`. */
            several: z.number().int().min(2).max(100).optional(),
          })
          .nullable(),
      }),
    )
    .min(1)
    .optional(),
  /**
   * Present: who owns the new token is chosen: the caller (`self` says how that reads, e.g.
   * "You (user token)") or the picked account (`account` says how that reads), sent as `owner`.
   * Absent: the provider decides.
   */
  owners: z.strictObject({ help: z.string(), self: z.string(), account: z.string() }).optional(),
  /**
   * Present: the token may be limited to one place the user names (e.g. a team, by its id or
   * slug), sent as `resource: {kind: value, name}`; left empty, the token is not limited to one.
   */
  optionalPlace: z
    .strictObject({ value: z.string(), label: z.string(), help: z.string(), placeholder: z.string() })
    .optional(),
  /** Present: a start date ("not before") may be set, with this help. */
  notBefore: z.strictObject({ help: z.string() }).optional(),
  /** Present: an optional free-text description of what the token is for, at most `max` characters. */
  description: z
    .strictObject({ label: z.string(), help: z.string(), max: z.number().int().positive() })
    .optional(),
  /**
   * Present: a second, optional list of places the token also covers (e.g. groups it may
   * manage), named one a line (at most `max`), with a permission level of their own picked from
   * `levels`; sent as `secondPlaces: {names, level}`.
   */
  secondPlaces: z
    .strictObject({
      label: z.string(),
      help: z.string(),
      placeholder: z.string(),
      levelLabel: z.string(),
      levels: z.array(z.strictObject({ value: z.string(), label: z.string() })).min(1),
      max: z.number().int().positive(),
    })
    .optional(),
  /** Present: an optional IP allow list (addresses or CIDR ranges), with this help and limit. */
  ipAllowList: z.strictObject({ help: z.string(), max: z.number().int().positive() }).optional(),
  /**
   * Accounts (by id) whose new tokens carry no permission groups (e.g. one kind of key that has
   * no scopes): the form leaves the groups out when one of these is picked. Absent: every account's do.
   */
  noPermissionGroupsFor: z.array(z.string()).optional(),
  /**
   * Present: the provider asks the user to confirm a create (and a replacement) each time: the
   * account password (sent with the request, never stored), and a one-time code that the form
   * asks for only when the provider challenges for one (`invalid_input` on field `oneTimeCode`).
   * `oneTimeCode.browser`: the provider may instead confirm in the system browser; the dialog
   * says so while it waits.
   */
  confirmation: z
    .strictObject({
      password: z.strictObject({ label: z.string(), help: z.string() }).optional(),
      oneTimeCode: z.strictObject({ label: z.string(), help: z.string(), browser: z.string() }).optional(),
    })
    .optional(),
  /** Non-null: the token's permissions are picked per account of the connection. */
  permissions: z
    .strictObject({
      /** The resource type the picked account stands for in a create request. */
      resourceType: z.string(),
      label: z.string(),
      help: z.string(),
      levels: z.array(PermissionLevel).min(1),
      /** The level picked at first. */
      defaultLevel: z.string(),
    })
    .nullable(),
});
export type CreateForm = z.infer<typeof CreateForm>;

/**
 * A tracked provider that can tell what a pasted token is: the token is pasted once into a check
 * field, the core asks the provider with it and records what it learns (never the value).
 */
export const TokenCheck = z.strictObject({
  /** The line offering the check where a token is tracked. */
  offer: z.string(),
  fieldLabel: z.string(),
  help: z.string(),
  placeholder: z.string(),
});
export type TokenCheck = z.infer<typeof TokenCheck>;

/** A provider that revokes leaked tokens by their value (pasted once, sent, discarded). */
export const RevokeByValue = z.strictObject({
  /** What revoking by value does there (who is told, whether it is permanent). */
  help: z.string(),
  /** Which kinds of token it takes, in a sentence. */
  accepts: z.string(),
  maxPerCall: z.number().int().positive(),
});
export type RevokeByValue = z.infer<typeof RevokeByValue>;

/** Everything the renderer knows about a provider: it has no provider names or lists of its own. */
export const ProviderDescriptor = z.strictObject({
  id: ProviderId,
  name: z.string(),
  /** One sentence on how this provider manages tokens, shown when adding a connection. */
  summary: z.string(),
  /** The brand colour of the provider's mark (`#rrggbb`); the name is always written beside it. */
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
  /** What the provider calls the place a token belongs to, e.g. Account, Organization, Workspace. */
  accountNoun: z.strictObject({ one: z.string(), many: z.string() }),
  /** The provider's own address; null for a provider tracked by hand only. */
  defaultBaseUrl: z.string().nullable(),
  /**
   * Where the provider runs in several places (regions, sites): the addresses a connection picks
   * from, with what the provider calls the choice (e.g. "Site"). The picked address is the
   * connection's address, and its origin the credential's. Absent: one address (or the user's own).
   */
  addressChoices: z
    .strictObject({
      label: z.string(),
      help: z.string(),
      choices: z.array(z.strictObject({ label: z.string(), baseUrl: z.string() })).min(2),
    })
    .optional(),
  adminUrl: z.string().nullable(),
  docsUrl: z.string(),
  /** Whether the app can reach the provider's API at all (false: tracked by hand only). */
  hasApi: z.boolean(),
  session: SessionKind,
  connectionFields: z.array(ConnectionField),
  /** After the credential is checked, the user picks which of the accounts it reaches to include. */
  pickAccounts: z.boolean(),
  /** Whether its API reports when a token was last used; elsewhere "never used" is unknown. */
  reportsLastUse: z.boolean(),
  /** The line under the create form's title: where the token is made and what to expect. */
  createDescription: z.string(),
  createForm: CreateForm.optional(),
  /**
   * Where the provider flags a token with a problem of its own finding (e.g. a leak it detected):
   * the badge's short label, its sentence (the badge's title, the details' heading) and what to
   * do (the details). The renderer draws the `reported_problem` badge with them; absent: the
   * provider reports none.
   */
  reportedProblem: z
    .strictObject({ label: z.string(), description: z.string(), advice: z.string() })
    .optional(),
  tokenCheck: TokenCheck.optional(),
  revokeByValue: RevokeByValue.optional(),
  capabilities: z.strictObject({
    list: z.boolean(),
    create: z.boolean(),
    rotate: z.boolean(),
    revoke: z.boolean(),
    usageHistory: z.boolean(),
    rotation: RotationKind,
    scopeKind: ScopeKind,
    permissionGroups: z.array(z.string()),
    /** Whether a create can carry an expiry; `expiryRequired` when it must. */
    expiry: z.enum(['none', 'optional', 'required']),
    defaultValidityDays: z.number().int().nullable(),
    maxValidityDays: z.number().int().nullable(),
    maxTokens: z.number().int().nullable(),
    graceSeconds: z.number().int().nullable(),
  }),
  rotationExplanation: z.string(),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;

// ---------------------------------------------------------------------------------------------
// Connections
// ---------------------------------------------------------------------------------------------

export const ConnectionStatus = z.enum([
  'never_synced',
  'syncing',
  'ok',
  'error',
  'needs_credential',
  'needs_sign_in',
  'tracked',
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const RemoteAccount = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The credential's access level there, e.g. owner, admin or viewer. */
  access: z.string().nullable(),
});
export type RemoteAccount = z.infer<typeof RemoteAccount>;

export const Connection = z.strictObject({
  id: Id,
  provider: ProviderId,
  label: z.string(),
  mode: z.enum(['api', 'tracked']),
  baseUrl: z.string().nullable(),
  effectiveBaseUrl: z.string().nullable(),
  status: ConnectionStatus,
  lastSyncAt: Timestamp.nullable(),
  lastError: ApiError.nullable(),
  accounts: z.array(RemoteAccount),
  /** Non-secret sign-in identity, e.g. the e-mail address signed in with. */
  identity: z.string().nullable(),
  signedIn: z.boolean(),
  credential: z.enum(['stored', 'missing', 'unreadable', 'not_needed']),
  tokenCount: z.number().int(),
  createdAt: Timestamp,
});
export type Connection = z.infer<typeof Connection>;

const FieldValues = z
  .record(z.string().max(64), z.string().max(8192))
  .refine((v) => Object.keys(v).length <= 16, {
    message: 'Too many fields.',
  });

export const BeginConnectionInput = z.strictObject({
  provider: ProviderId,
  mode: z.enum(['api', 'tracked']),
  label: Label,
  baseUrl: z.string().trim().max(2000).nullable(),
  /** Values for the provider's connection fields, keyed by field key. */
  fields: FieldValues,
});

export const ConnectionDraft = z.strictObject({
  draftId: Id,
  provider: ProviderId,
  label: z.string(),
  accounts: z.array(RemoteAccount),
  identity: z.string().nullable(),
  /** A short human line on what the credential can reach, e.g. "2 accounts". */
  summary: z.string(),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

export const TokenState = z.enum(['active', 'grace', 'revoked', 'removed', 'retired']);
export type TokenState = z.infer<typeof TokenState>;

/** Status badges, derived from the metadata at the moment of the query. */
export const Badge = z.enum([
  'expired',
  'expires_7',
  'expires_30',
  'grace',
  'never_expires',
  'never_used',
  'unused_90',
  'broad_scope',
  'legacy',
  'reported_problem',
  'revoked',
  'removed',
  'retired',
  'tracked',
  'credential',
]);
export type Badge = z.infer<typeof Badge>;

export const TokenRow = z.strictObject({
  id: Id,
  connectionId: Id,
  connectionLabel: z.string(),
  provider: ProviderId,
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  name: z.string(),
  last4: z.string().nullable(),
  createdAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  scopeKind: ScopeKind,
  scopeSummary: z.string(),
  state: TokenState,
  graceEndsAt: Timestamp.nullable(),
  origin: z.enum(['synced', 'tracked']),
  isConnectionCredential: z.boolean(),
  snoozedUntil: Timestamp.nullable(),
  replacesId: Id.nullable(),
  replacedById: Id.nullable(),
  badges: z.array(Badge),
});
export type TokenRow = z.infer<typeof TokenRow>;

export const SortColumn = z.enum([
  'provider',
  'account',
  'name',
  'last4',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'scope',
  'status',
]);
export type SortColumn = z.infer<typeof SortColumn>;

export const TokenQuery = z.strictObject({
  search: z.string().max(200).optional(),
  providers: z.array(ProviderId).max(10).optional(),
  connectionIds: z.array(Id).max(500).optional(),
  badges: z.array(Badge).max(20).optional(),
  /** Only tokens with one of these tags (their annotation's). */
  tags: z.array(z.string().max(40)).max(20).optional(),
  /** Only tokens whose annotation names one of these owners (exactly). */
  owners: z.array(z.string().max(200)).max(20).optional(),
  /** Only tokens that expire within this many days from now (expired ones included). */
  expiringWithinDays: z.number().int().min(0).max(3650).optional(),
  /** Revoked, removed and retired tokens are hidden unless asked for. */
  includeInactive: z.boolean().optional(),
  sort: z.strictObject({ column: SortColumn, direction: z.enum(['asc', 'desc']) }).optional(),
  groupBy: z.enum(['none', 'provider', 'connection']).optional(),
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(1000),
});
export type TokenQuery = z.infer<typeof TokenQuery>;

export const TokenCounts = z.strictObject({
  total: z.number().int(),
  expired: z.number().int(),
  expiringSoon: z.number().int(),
  grace: z.number().int(),
  neverUsed: z.number().int(),
  needsAttention: z.number().int(),
});
export type TokenCounts = z.infer<typeof TokenCounts>;

export const TokenPage = z.strictObject({
  rows: z.array(TokenRow),
  /** How many tokens match the query (for the scroll height). */
  matched: z.number().int(),
  /** Header counts over every active token, independent of the query's filters. */
  counts: TokenCounts,
  generatedAt: Timestamp,
});
export type TokenPage = z.infer<typeof TokenPage>;

/**
 * One token as the renderer's list index holds it: what the list shows, filters, sorts and
 * searches, never a secret. A tuple, not an object: 50,000 of them cross to the window in about
 * a third of the bytes TokenRow objects would take. `badges` are the core's at `generatedAt`
 * (the renderer moves the time-dependent ones itself as time passes); `searchText` is the
 * lower-cased text the core's search matches (name, account, last 4, creator, scope); the
 * annotation's (note, tags, owner, used by) is `annotationText`.
 */
export const TokenIndexRow = z.tuple([
  Id, // 0 id
  Id, // 1 connectionId
  z.string().nullable(), // 2 accountId
  z.string().nullable(), // 3 accountName
  z.string(), // 4 name
  z.string().nullable(), // 5 last4
  Timestamp.nullable(), // 6 createdAt
  z.string().nullable(), // 7 createdBy
  Timestamp.nullable(), // 8 lastUsedAt
  Timestamp.nullable(), // 9 expiresAt
  ScopeKind, // 10 scopeKind
  z.string(), // 11 scopeSummary
  TokenState, // 12 state
  Timestamp.nullable(), // 13 graceEndsAt
  z.enum(['synced', 'tracked']), // 14 origin
  z.boolean(), // 15 isConnectionCredential
  Timestamp.nullable(), // 16 snoozedUntil
  Id.nullable(), // 17 replacesId
  Id.nullable(), // 18 replacedById
  z.array(Badge), // 19 badges
  z.string(), // 20 searchText
  ProviderId, // 21 provider (of its connection)
  z.array(z.string()), // 22 tags (annotation)
  z.string().nullable(), // 23 owner (annotation)
  z.string(), // 24 annotationText: the lower-cased text the search matches in the annotation
]);
export type TokenIndexRow = z.infer<typeof TokenIndexRow>;

export const TokenIndexQuery = z.strictObject({
  /** Only these connections' tokens (after a change to them); all tokens when absent. */
  connectionIds: z.array(Id).max(500).optional(),
  /** Keyset paging in id order: the last id of the previous page, or null for the first. */
  after: Id.nullable(),
  limit: z.number().int().min(1).max(5000),
});
export type TokenIndexQuery = z.infer<typeof TokenIndexQuery>;

export const TokenIndexPage = z.strictObject({
  rows: z.array(TokenIndexRow),
  /** The `after` of the next page; null on the last page. */
  next: Id.nullable(),
  generatedAt: Timestamp,
});
export type TokenIndexPage = z.infer<typeof TokenIndexPage>;

export const UsageEvent = z.strictObject({
  at: Timestamp,
  ip: z.string().nullable(),
  location: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
});
export type UsageEvent = z.infer<typeof UsageEvent>;

export const AuditEntry = z.strictObject({
  id: z.number().int(),
  at: Timestamp,
  action: z.string(),
  outcome: z.enum(['ok', 'error', 'info']),
  connectionId: z.string().nullable(),
  tokenId: z.string().nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const OperationKind = z.enum(['create', 'rotate', 'revoke', 'delete_old', 'manual_rotate']);
export const OperationState = z.enum([
  'pending',
  'awaiting_confirmation',
  'succeeded',
  'failed',
  'ambiguous',
  'interrupted',
  'abandoned',
]);
export const Operation = z.strictObject({
  id: Id,
  kind: OperationKind,
  state: OperationState,
  connectionId: z.string().nullable(),
  tokenId: z.string().nullable(),
  resultTokenId: z.string().nullable(),
  tokenName: z.string(),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  error: ApiError.nullable(),
  /** What the user should do about it, in a sentence. */
  advice: z.string(),
});
export type Operation = z.infer<typeof Operation>;

export const RotationPlan = z.strictObject({
  tokenId: Id,
  kind: RotationKind,
  allowed: z.boolean(),
  /** Why rotation is not offered, when `allowed` is false. */
  reason: z.string().nullable(),
  /** What will happen at this provider, before anything is called. */
  summary: z.string(),
  steps: z.array(z.string()),
  graceSeconds: z.number().int().nullable(),
  adminUrl: z.string().nullable(),
  /**
   * Present when the rotation can set the new token's expiry: the default (null: never), which
   * the rotate dialog lets the user change.
   */
  successorExpiresAt: Timestamp.nullable().optional(),
  /**
   * Present when the rotation creates a new token (replace and revoke): the name it gets.
   * `editable` where the provider wants unique names: `proposed` is a free one the user may change.
   */
  successorName: z.strictObject({ proposed: z.string(), editable: z.boolean() }).optional(),
});
export type RotationPlan = z.infer<typeof RotationPlan>;

/**
 * What the user writes about a token, synced or tracked: metadata only, never a secret (main
 * refuses a value shaped like one). Tags are lower-cased; "used by" lists the places that use it.
 */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty.')
  .max(40, 'Use at most 40 characters for a tag.')
  .refine((tag) => !tag.includes(','), 'A tag cannot contain a comma.');
export const Annotation = z.strictObject({
  note: z.string().trim().max(4000, 'Use at most 4000 characters for the note.').nullable(),
  tags: z.array(Tag).max(20, 'Use at most 20 tags.'),
  owner: z.string().trim().max(200, 'Use at most 200 characters for the owner.').nullable(),
  usedBy: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'A “used by” entry cannot be empty.')
        .max(200, 'Use at most 200 characters for a “used by” entry.'),
    )
    .max(50, 'List at most 50 places under “used by”.'),
});
export type Annotation = z.infer<typeof Annotation>;

export const TokenDetail = z.strictObject({
  token: TokenRow,
  scope: z.strictObject({
    permissionGroup: z.string().nullable(),
    organizations: z.array(z.strictObject({ id: z.string(), name: z.string() })).nullable(),
    resources: z
      .array(
        z.strictObject({ type: z.string(), id: z.string(), name: z.string().nullable(), access: z.string() }),
      )
      .nullable(),
    workspace: z.string().nullable(),
    /** What the token is for, as the provider keeps it (its description), where it keeps one. */
    description: z.string().nullable().optional(),
    /** A problem the provider reports about this token (its descriptor's `reportedProblem` says what), and since when. */
    problem: z.strictObject({ reportedAt: Timestamp.nullable() }).optional(),
  }),
  annotation: Annotation,
  usageHistory: z.array(UsageEvent),
  replaces: TokenRow.nullable(),
  replacedBy: TokenRow.nullable(),
  audit: z.array(AuditEntry),
  operations: z.array(Operation),
  rotation: RotationPlan,
  revocable: z.boolean(),
  /** Why Revoke is refused before the click (e.g. the app's own credential), shown beside it; null when it is offered. */
  revokeRefusal: z.string().nullable(),
  revokeEffect: z.string(),
});
export type TokenDetail = z.infer<typeof TokenDetail>;

const ExpiryInput = Timestamp.nullable();

/**
 * What the user typed to confirm a create where the descriptor's create form asks for it
 * (`createForm.confirmation`): used for that one request, never stored, never logged.
 */
export const CreateConfirmation = z.strictObject({
  password: z.string().min(1).max(1024).optional(),
  oneTimeCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4,12}$/, 'Enter the code as your authenticator app shows it (digits only).')
    .optional(),
});
export type CreateConfirmation = z.infer<typeof CreateConfirmation>;

export const CreateTokenInput = z.strictObject({
  connectionId: Id,
  accountId: z.string().max(100).nullable(),
  name: Label,
  /** null: never expires, where the provider allows it; undefined: the provider's default. */
  expiresAt: ExpiryInput.optional(),
  /** Scope `organizations`: organization ids; an empty list means all organizations. */
  organizations: z.array(z.string().max(100)).max(500).optional(),
  /** Scope `permission_group`: the permission group. */
  permissionGroup: z.string().max(100).optional(),
  /** Scope `permission_group` where the create form takes several (`multiplePermissionGroups`). */
  permissionGroups: z.array(z.string().max(100)).min(1).max(50).optional(),
  /** Where the create form offers `resources`: the picked place, and its name for a named one. */
  resource: z
    .strictObject({
      kind: z.string().max(40),
      name: z.string().trim().max(253).optional(),
      /** Where the named place takes several (`named.several`): every name, in the order given. */
      names: z.array(z.string().trim().max(253)).min(1).max(100).optional(),
    })
    .optional(),
  /** Where the create form offers `description`: what the token is for. */
  description: z.string().trim().max(2000).optional(),
  /** Where the create form offers `secondPlaces`: those places by name, and their one level. */
  secondPlaces: z
    .strictObject({
      names: z.array(z.string().trim().min(1).max(253)).min(1).max(100),
      level: z.string().max(40),
    })
    .optional(),
  /** Where the create form offers `owners`: the caller's own token, or one the picked account owns. */
  owner: z.enum(['self', 'account']).optional(),
  /** Where the create form offers `notBefore`: the token works from this time on. */
  notBefore: Timestamp.optional(),
  /** Where the create form offers `ipAllowList`: the token works only from these IPs or CIDR ranges. */
  allowedIps: z.array(z.string().trim().max(64)).min(1).max(100).optional(),
  /** Where the descriptor's create form offers permissions: what the token may do, where. */
  permissions: z
    .array(
      z.strictObject({
        resourceType: z.string().max(40),
        resourceId: z.string().max(100),
        level: z.string().max(40),
      }),
    )
    .max(50)
    .optional(),
  /** Where the create form asks for a confirmation (`createForm.confirmation`). */
  confirmation: CreateConfirmation.optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

/** A thing a named place can be, as the provider lists it (e.g. a zone of the account). */
export const CreateChoice = z.strictObject({ id: z.string(), name: z.string() });
export type CreateChoice = z.infer<typeof CreateChoice>;

export const CreateChoicesQuery = z.strictObject({
  connectionId: Id,
  /** The named place's `value` in the create form's `resources`. */
  kind: z.string().max(40),
  accountId: z.string().max(100),
});

export const NewSecret = z.strictObject({
  operationId: Id,
  token: TokenRow,
  /** Handle for the copy-once dialog; the secret itself stays in main until revealed. */
  secretId: Id,
});
export type NewSecret = z.infer<typeof NewSecret>;

export const TrackedTokenInput = z.strictObject({
  connectionId: Id,
  name: Label,
  accountName: z.string().trim().max(200).nullable(),
  last4: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4}$/, 'Enter exactly the last 4 characters, or leave it empty.')
    .nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  note: LongText.nullable(),
});
export type TrackedTokenInput = z.infer<typeof TrackedTokenInput>;

/** The fields an import can fill, each from one column of the file (or none). */
export const ImportField = z.enum([
  'name',
  'accountName',
  'last4',
  'createdAt',
  'expiresAt',
  'note',
  'tags',
  'owner',
  'usedBy',
]);
export type ImportField = z.infer<typeof ImportField>;
export const ImportMapping = z.record(ImportField, z.string().max(200).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

/** A chosen file as main read it: nothing is stored until the import is committed. */
export const ImportPreview = z.strictObject({
  importId: Id,
  fileName: z.string(),
  format: z.enum(['csv', 'json']),
  /** Tokenkeeper's own JSON export: its hand-tracked tokens come back; API tokens come back by sync. */
  restore: z.boolean(),
  columns: z.array(z.string()),
  /** The column each field is read from, as guessed from the headers; the dialog lets the user change it. */
  mapping: ImportMapping,
  rowCount: z.number().int(),
  /** Rows an import would leave out (a restore's API tokens), with why. */
  skipped: z.number().int(),
  skippedReason: z.string().nullable(),
  /** The first rows, one value per column, for the preview table. */
  sample: z.array(z.array(z.string())),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.strictObject({
  imported: z.number().int(),
  /** Per row, what is wrong; when there is any, nothing was imported. */
  errors: z.array(z.strictObject({ row: z.string(), message: z.string() })),
  /** A restore only: hand-tracked tokens left out because the same token is already here. */
  alreadyHere: z.number().int().optional(),
  /**
   * A restore only: the API tokens' annotations attached to tokens already here, and those
   * waiting for a sync to bring their token.
   */
  restoredAnnotations: z.strictObject({ attached: z.number().int(), waiting: z.number().int() }).optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const RotationStart = z.strictObject({
  operationId: Id,
  kind: RotationKind,
  /** The token that now carries the new secret (the same token for an in-place rotation). Null for manual. */
  newToken: TokenRow.nullable(),
  secretId: Id.nullable(),
  /** True when the user must confirm before the rotation is finished (old token deleted/retired). */
  needsConfirmation: z.boolean(),
  /** Shown after the copy-once dialog, e.g. "The old token stops working at 14:05." */
  afterword: z.string(),
  /** When the reset token was the connection's own credential and the app swapped it. */
  credentialSwapped: z.boolean(),
});
export type RotationStart = z.infer<typeof RotationStart>;

// ---------------------------------------------------------------------------------------------
// Delivery targets (rotation that updates its consumers)
// ---------------------------------------------------------------------------------------------

const DeliveryKindId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Unknown kind of target.');
export const DeliveryTargetFieldInfo = z.strictObject({
  key: z.string().max(40),
  label: z.string().max(200),
  help: z.string().max(400).optional(),
  placeholder: z.string().max(200).optional(),
  type: z.enum(['text', 'path', 'choice', 'flag', 'list']),
  choices: z.array(z.strictObject({ value: z.string().max(100), label: z.string().max(200) })).optional(),
  required: z.boolean(),
});
export type DeliveryTargetFieldInfo = z.infer<typeof DeliveryTargetFieldInfo>;
export const DeliveryTargetKindInfo = z.strictObject({
  id: DeliveryKindId,
  label: z.string().max(200),
  /** Remote kinds deliver through a delivery connection of their own. */
  needsConnection: z.strictObject({ provider: z.string().max(40), label: z.string().max(200) }).nullable(),
  fields: z.array(DeliveryTargetFieldInfo).max(20),
});
export type DeliveryTargetKindInfo = z.infer<typeof DeliveryTargetKindInfo>;
/** A target's settings as its form holds them (a path, a key, arguments); never a secret. */
export const DeliveryTargetConfig = z
  .record(
    z.string().max(40),
    z.union([z.string().max(4000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(64)]),
  )
  .refine((c) => Object.keys(c).length <= 20, 'A target has at most 20 settings.');
export type DeliveryTargetConfig = z.infer<typeof DeliveryTargetConfig>;
export const DeliveryTarget = z.strictObject({
  id: Id,
  kind: DeliveryKindId,
  kindLabel: z.string(),
  /** One line, e.g. "API_TOKEN in /srv/app/.env". */
  description: z.string(),
  label: z.string().nullable(),
  config: DeliveryTargetConfig,
});
export type DeliveryTarget = z.infer<typeof DeliveryTarget>;
export const DeliveryTargetInput = z.strictObject({
  /** An existing target's id (kept), or absent for a new one. */
  id: Id.optional(),
  kind: DeliveryKindId,
  label: z.string().trim().max(200).nullable().optional(),
  config: DeliveryTargetConfig,
});
export type DeliveryTargetInput = z.infer<typeof DeliveryTargetInput>;
export const DeliveryStepState = z.enum(['waiting', 'delivering', 'verified', 'failed', 'interrupted']);
export const DeliveryStep = z.strictObject({
  targetId: Id,
  kind: DeliveryKindId,
  description: z.string(),
  state: DeliveryStepState,
  error: z.string().nullable(),
});
export type DeliveryStep = z.infer<typeof DeliveryStep>;
/** A rotation's deliveries: each target's outcome, and whether the old token was retired. */
export const DeliveryRun = z.strictObject({
  operationId: Id,
  tokenId: Id,
  /** done: every target verified, the new token authenticates, the old one retired; stopped: a step failed. */
  state: z.enum(['done', 'stopped']),
  steps: z.array(DeliveryStep),
  /** Whether the new token authenticated at the provider (null: not checked, the step was not reached or the provider has no check). */
  authenticated: z.boolean().nullable(),
  message: z.string(),
  /** Until when Retry can use the secret main still holds (null: no retry possible). */
  retryUntil: Timestamp.nullable(),
  newToken: TokenRow.nullable(),
});
export type DeliveryRun = z.infer<typeof DeliveryRun>;
export const RotationScheduleRule = z.enum(['before_expiry', 'every']);
export const RotationSchedule = z.strictObject({
  tokenId: Id,
  /** Off: null. */
  rule: RotationScheduleRule.nullable(),
  days: z.number().int().min(1).max(3650),
  /** When it runs next (null: off, or no expiry to count from). */
  nextRunAt: Timestamp.nullable(),
  /** Why a schedule cannot be set for this token, or null. */
  blockedBy: z.string().nullable(),
});
export type RotationSchedule = z.infer<typeof RotationSchedule>;

// ---------------------------------------------------------------------------------------------
// Secrets (copy-once dialog)
// ---------------------------------------------------------------------------------------------

export const SecretRef = z.strictObject({ secretId: Id });
export const RevealedSecret = z.strictObject({
  value: z.string(),
  tokenName: z.string(),
  provider: ProviderId,
});
export const CopyResult = z.strictObject({ clearsAt: Timestamp.nullable() });
/** A secret whose window was lost (crash, reload) while main held it: the reopened window shows it once. */
export const RecoverableSecret = z.strictObject({
  secretId: Id,
  tokenName: z.string(),
  provider: ProviderId,
  /** When main wipes it. */
  expiresAt: Timestamp,
});
export type RecoverableSecret = z.infer<typeof RecoverableSecret>;

// ---------------------------------------------------------------------------------------------
// Settings, reminders, app
// ---------------------------------------------------------------------------------------------

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const Settings = z.strictObject({
  /** Days before expiry at which to remind; 0 means "at expiry". */
  reminderThresholdsDays: z.array(z.number().int().min(0).max(365)).min(1).max(8),
  remindersPaused: z.boolean(),
  /** One switch that pauses every token's scheduled rotation. */
  scheduledRotationsPaused: z.boolean(),
  clipboardClearSeconds: z.number().int().min(5).max(600),
  startAtLogin: z.boolean(),
  closeToTray: z.boolean(),
  theme: Theme,
  /** Extra CA certificate (PEM file path) for corporate TLS interception. */
  caCertificatePath: z.string().max(4000).nullable(),
  /** Linux without a keyring: the user accepted weaker credential storage. */
  weakStorageAccepted: z.boolean(),
  /** The list's rows: one line each (compact) or two (comfortable). */
  density: z.enum(['compact', 'comfortable']),
  /** Width of the token's details beside the list, in CSS pixels. */
  detailPaneWidth: z.number().int().min(320).max(900),
  /** The details replace the list instead of standing beside it. */
  detailPaneCollapsed: z.boolean(),
  /** The `.ics` file kept up to date for calendar subscription; null: none is kept. */
  calendarFilePath: z.string().max(4000).nullable(),
});
export type Settings = z.infer<typeof Settings>;

/**
 * The kept calendar file's path is left out: it is set only through `keepCalendarFile` (main's own
 * save dialog), so the window cannot point a rewrite at a file the user never chose.
 */
export const SettingsPatch = Settings.omit({ calendarFilePath: true }).partial().strict();

export const AttentionItem = z.strictObject({
  token: TokenRow,
  reason: z.string(),
  dueAt: Timestamp.nullable(),
});
export const Attention = z.strictObject({
  count: z.number().int(),
  items: z.array(AttentionItem),
  paused: z.boolean(),
  nextWakeAt: Timestamp.nullable(),
});
export type Attention = z.infer<typeof Attention>;

export const Notice = z.strictObject({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  logDir: z.string(),
  demo: z.boolean(),
  credentialStorage: z.strictObject({
    backend: z.string(),
    weak: z.boolean(),
    available: z.boolean(),
  }),
  notices: z.array(Notice),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ExportResult = z.strictObject({
  /** Null when the user cancelled the save dialog. */
  path: z.string().nullable(),
  count: z.number().int(),
});

/**
 * What the application menu can ask the window to do, by id (the list, with labels and keys, is
 * src-preload/commands.ts): the menu sends `menuCommand`, the window runs its own command of that
 * id, exactly as its shortcut or the command palette would.
 */
export const CommandId = z.enum(COMMAND_IDS);
export type CommandId = z.infer<typeof CommandId>;

export const SyncProgress = z.strictObject({
  connectionId: Id,
  state: z.enum(['syncing', 'ok', 'error']),
  fetched: z.number().int(),
  error: ApiError.nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/**
 * A delivery connection: a credential of its own (e.g. a GitHub fine-grained token with secrets
 * write access) through which a rotated secret is delivered to a remote target. Its token lives
 * only in the OS keychain and is sent only to `credentialOrigin`; the renderer sees this metadata.
 */
/** Which service a delivery connection is for; the core lists the ones it knows (`choices`). */
export const DeliveryConnectionKind = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Choose a service.');
export const DeliveryConnection = z.strictObject({
  id: Id,
  kind: DeliveryConnectionKind,
  label: z.string().max(200),
  baseUrl: z.string().max(2000),
  credentialOrigin: z.string().max(2000),
  /** Who the token belongs to, as the service answered when it was added (its login). */
  account: z.string().max(200).nullable(),
  createdAt: Timestamp,
});
export type DeliveryConnection = z.infer<typeof DeliveryConnection>;

/** What the add form offers, from the core (the renderer names no service itself). */
export const DeliveryConnectionChoice = z.strictObject({
  kind: DeliveryConnectionKind,
  label: z.string().max(200),
  defaultBaseUrl: z.string().max(2000),
  baseUrlHelp: z.string().max(1000),
  tokenHelp: z.string().max(1000),
});

export const DeliveryConnections = z.strictObject({
  connections: z.array(DeliveryConnection),
  choices: z.array(DeliveryConnectionChoice),
});
export type DeliveryConnections = z.infer<typeof DeliveryConnections>;

export const AddDeliveryConnectionInput = z.strictObject({
  kind: DeliveryConnectionKind,
  label: Label,
  /** null: the service's public address (https://api.github.com, https://gitlab.com). */
  baseUrl: z.string().trim().max(2000).nullable(),
  token: z.string().trim().min(1, 'Enter the token.').max(1024),
});

// ---------------------------------------------------------------------------------------------
// Channels and events
// ---------------------------------------------------------------------------------------------

const ConnectionRef = z.strictObject({ connectionId: Id });
/** A token pasted once (never stored): long enough for any provider's, short enough to refuse a paste of anything else. */
const PastedValue = z.string().max(512, 'That is too long to be a token.');
const TokenRef = z.strictObject({ tokenId: Id });
const OperationRef = z.strictObject({ operationId: Id });

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}

export const channels = {
  // App
  getAppInfo: channel(NoInput, AppInfo),
  dismissNotice: channel(z.strictObject({ noticeId: z.string().max(200) }), Nothing),
  getSettings: channel(NoInput, Settings),
  updateSettings: channel(SettingsPatch, Settings),
  openExternal: channel(z.strictObject({ url: z.string().max(2000) }), Nothing),
  openDataFolder: channel(NoInput, Nothing),

  // Providers and connections
  listProviders: channel(NoInput, z.array(ProviderDescriptor)),
  listConnections: channel(NoInput, z.array(Connection)),
  beginConnection: channel(BeginConnectionInput, ConnectionDraft),
  completeConnection: channel(
    z.strictObject({ draftId: Id, label: Label, accountIds: z.array(z.string().max(100)).max(200) }),
    Connection,
  ),
  cancelConnection: channel(z.strictObject({ draftId: Id }), Nothing),
  testConnection: channel(ConnectionRef, z.strictObject({ ok: z.boolean(), message: z.string() })),
  updateConnection: channel(
    z.strictObject({
      connectionId: Id,
      label: Label.optional(),
      baseUrl: z.string().trim().max(2000).nullable().optional(),
    }),
    Connection,
  ),
  updateCredential: channel(z.strictObject({ connectionId: Id, fields: FieldValues }), Connection),
  signIn: channel(
    z.strictObject({
      connectionId: Id,
      email: z.string().trim().max(320).optional(),
      password: z.string().max(1024).optional(),
    }),
    Connection,
  ),
  signOut: channel(ConnectionRef, Connection),
  removeConnection: channel(ConnectionRef, Nothing),

  // Delivery connections (credentials through which rotated secrets reach remote targets)
  addDeliveryConnection: channel(AddDeliveryConnectionInput, DeliveryConnection),
  listDeliveryConnections: channel(NoInput, DeliveryConnections),
  removeDeliveryConnection: channel(z.strictObject({ deliveryConnectionId: Id }), Nothing),

  // Tokens
  listTokens: channel(TokenQuery, TokenPage),
  listTokenIndex: channel(TokenIndexQuery, TokenIndexPage),
  getToken: channel(TokenRef, TokenDetail),
  createToken: channel(CreateTokenInput, NewSecret),
  /** The names a create form's named place may take (`resources[].named.choices`), from the provider. */
  listCreateChoices: channel(CreateChoicesQuery, z.array(CreateChoice).max(2000)),
  addTrackedToken: channel(TrackedTokenInput, TokenRow),
  updateTrackedToken: channel(
    TrackedTokenInput.omit({ connectionId: true }).extend({ tokenId: Id }),
    TokenRow,
  ),
  /** A tracked provider with `tokenCheck`: the pasted value is sent once to the provider and dropped. */
  checkPastedToken: channel(
    z.strictObject({ connectionId: Id, value: PastedValue, name: Label.nullable() }),
    z.strictObject({ token: TokenRow, refreshed: z.boolean() }),
  ),
  /** A provider with `revokeByValue`: leaked tokens' values, sent once and dropped; `tokenId` from its detail. */
  revokeByValue: channel(
    z.strictObject({
      connectionId: Id,
      values: z.array(PastedValue).min(1).max(1000),
      tokenId: Id.optional(),
    }),
    z.strictObject({ submitted: z.number().int(), revoked: z.array(TokenRow) }),
  ),
  planRotation: channel(TokenRef, RotationPlan),
  startRotation: channel(
    TokenRef.extend({
      successorExpiresAt: Timestamp.nullable().optional(),
      /** Where the plan's successor name is editable: the name the user chose. */
      successorName: Label.optional(),
      /** The user consented to give the successor this token's note, tags, owner and used-by. */
      carryOverAnnotation: z.boolean().optional(),
      /** Where a replacement is a create that asks for it (`createForm.confirmation`). */
      confirmation: CreateConfirmation.optional(),
    }),
    RotationStart,
  ),
  recordManualRotation: channel(
    z.strictObject({ operationId: Id, token: TrackedTokenInput.omit({ connectionId: true }) }),
    TokenRow,
  ),
  finishRotation: channel(OperationRef, TokenRow),
  abandonRotation: channel(OperationRef, Nothing),
  revokeToken: channel(TokenRef, TokenRow),
  snoozeToken: channel(z.strictObject({ tokenId: Id, until: Timestamp.nullable() }), TokenRow),
  getAnnotation: channel(TokenRef, Annotation),
  setAnnotation: channel(z.strictObject({ tokenId: Id, annotation: Annotation }), Annotation),

  // Delivery targets: where a rotation writes the new secret, then verifies, before retiring the old token
  listDeliveryTargetKinds: channel(NoInput, z.array(DeliveryTargetKindInfo)),
  listDeliveryTargets: channel(TokenRef, z.array(DeliveryTarget)),
  setDeliveryTargets: channel(
    z.strictObject({ tokenId: Id, targets: z.array(DeliveryTargetInput).max(20) }),
    z.array(DeliveryTarget),
  ),
  /** A native dialog in main picks the file (a target's file, or the program a command runs). */
  chooseDeliveryPath: channel(
    z.strictObject({ purpose: z.enum(['file', 'program']) }),
    z.strictObject({ path: z.string().nullable() }),
  ),
  rotateWithDelivery: channel(
    TokenRef.extend({
      successorExpiresAt: Timestamp.nullable().optional(),
      successorName: Label.optional(),
      carryOverAnnotation: z.boolean().optional(),
      /**
       * As startRotation's: for the successor's create only. Retry never creates again, so it is
       * not held for one.
       */
      confirmation: CreateConfirmation.optional(),
    }),
    DeliveryRun,
  ),
  retryDelivery: channel(OperationRef, DeliveryRun),
  getRotationSchedule: channel(TokenRef, RotationSchedule),
  setRotationSchedule: channel(
    z.strictObject({
      tokenId: Id,
      rule: RotationScheduleRule.nullable(),
      days: z.number().int().min(1).max(3650),
    }),
    RotationSchedule,
  ),

  // Copy-once secret dialog
  revealSecret: channel(SecretRef, RevealedSecret),
  copySecret: channel(SecretRef, CopyResult),
  discardSecret: channel(SecretRef, Nothing),
  recoverableSecrets: channel(NoInput, z.array(RecoverableSecret)),

  // Sync, operations, reminders, export
  syncNow: channel(
    z.strictObject({ connectionIds: z.array(Id).max(500).optional() }),
    z.strictObject({ started: z.array(Id) }),
  ),
  listOperations: channel(z.strictObject({ onlyOpen: z.boolean() }), z.array(Operation)),
  acknowledgeOperation: channel(OperationRef, Nothing),
  getAttention: channel(NoInput, Attention),
  exportMetadata: channel(
    z.strictObject({
      format: z.enum(['csv', 'json']),
      /** Only these tokens (the list's selection, or every row of its current view); absent: all. */
      tokenIds: z.array(Id).min(1).max(100_000).optional(),
    }),
    ExportResult,
  ),
  exportCalendar: channel(NoInput, ExportResult),
  /** keep: choose the file in a save dialog (written at once, then kept up to date); or stop keeping it. */
  keepCalendarFile: channel(z.strictObject({ keep: z.boolean() }), Settings),
  chooseImportFile: channel(NoInput, ImportPreview.nullable()),
  commitImport: channel(
    z.strictObject({ importId: Id, connectionId: Id, mapping: ImportMapping }),
    ImportResult,
  ),
} as const;

export const events = {
  syncProgress: SyncProgress,
  tokensChanged: z.strictObject({ connectionIds: z.array(Id) }),
  connectionsChanged: Nothing,
  attentionChanged: Attention,
  settingsChanged: Settings,
  /** A notification or tray click asked the window to show a token. */
  navigate: z.strictObject({ view: z.enum(['token', 'tokens', 'settings']), tokenId: Id.nullable() }),
  notice: Notice,
  clipboardCleared: Nothing,
  /** A click in the application menu: the window runs the command of that id. */
  menuCommand: z.strictObject({ command: CommandId }),
} as const;

export type Channels = typeof channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// The schema-free name lists (used by the preload) must name exactly these channels and events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: Same<ChannelName, keyof Channels> = true;
const eventNamesMatch: Same<EventName, keyof Events> = true;
void channelNamesMatch;
void eventNamesMatch;

export { channelWireName, eventWireName, type ChannelName, type EventName };
export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;
