/**
 * The names of the contract's channels and events, without their schemas. The preload and the
 * test host's bridge need only the names to build `window.tokenkeeper`; importing them from here
 * keeps zod (and every schema) out of the sandboxed preload bundle. `contract.ts` checks at
 * compile time that these lists and its schemas name exactly the same channels and events.
 */

export const CHANNEL_NAMES = [
  'getAppInfo',
  'dismissNotice',
  'getSettings',
  'updateSettings',
  'openExternal',
  'openDataFolder',
  'listProviders',
  'listConnections',
  'beginConnection',
  'completeConnection',
  'cancelConnection',
  'testConnection',
  'updateConnection',
  'updateCredential',
  'signIn',
  'signOut',
  'removeConnection',
  'addDeliveryConnection',
  'listDeliveryConnections',
  'removeDeliveryConnection',
  'listTokens',
  'listTokenIndex',
  'getToken',
  'createToken',
  'listCreateChoices',
  'addTrackedToken',
  'updateTrackedToken',
  'checkPastedToken',
  'revokeByValue',
  'planRotation',
  'startRotation',
  'recordManualRotation',
  'finishRotation',
  'abandonRotation',
  'revokeToken',
  'snoozeToken',
  'getAnnotation',
  'setAnnotation',
  'listDeliveryTargetKinds',
  'listDeliveryTargets',
  'setDeliveryTargets',
  'chooseDeliveryPath',
  'rotateWithDelivery',
  'retryDelivery',
  'getRotationSchedule',
  'setRotationSchedule',
  'revealSecret',
  'copySecret',
  'discardSecret',
  'recoverableSecrets',
  'syncNow',
  'listOperations',
  'acknowledgeOperation',
  'getAttention',
  'exportMetadata',
  'exportCalendar',
  'keepCalendarFile',
  'chooseImportFile',
  'commitImport',
] as const;

export const EVENT_NAMES = [
  'syncProgress',
  'tokensChanged',
  'connectionsChanged',
  'attentionChanged',
  'settingsChanged',
  'navigate',
  'notice',
  'clipboardCleared',
  'menuCommand',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Wire names: every IPC channel and event is namespaced so nothing else can collide with them. */
export const channelWireName = (name: ChannelName): string => `tk:${name}`;
export const eventWireName = (name: EventName): string => `tk:event:${name}`;
