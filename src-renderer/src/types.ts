/** The contract's types, in one place for the renderer (types only: never runtime code). */
export type {
  ApiError,
  Annotation,
  AppInfo,
  CommandId,
  Attention,
  Badge,
  Connection,
  ConnectionDraft,
  ConnectionField,
  CreateConfirmation,
  CreateChoice,
  CreateForm,
  CreateTokenInput,
  ImportField,
  ImportMapping,
  ImportPreview,
  NewSecret,
  Notice,
  Operation,
  ProviderDescriptor,
  ProviderId,
  RemoteAccount,
  RotationPlan,
  RotationStart,
  Settings,
  SortColumn,
  SyncProgress,
  Theme,
  TokenCounts,
  TokenDetail,
  TokenIndexPage,
  TokenIndexRow,
  TokenPage,
  TokenQuery,
  TokenRow,
  TrackedTokenInput,
  ChannelInput,
  ChannelOutput,
} from '../../src-preload/contract';
import type { ChannelInput, ChannelOutput } from '../../src-preload/contract';

export type SettingsPatch = ChannelInput<'updateSettings'>;
export type AttentionItem = ChannelOutput<'getAttention'>['items'][number];
export type RevealedSecret = ChannelOutput<'revealSecret'>;
export type DeliveryConnections = ChannelOutput<'listDeliveryConnections'>;
