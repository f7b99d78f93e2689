/**
 * What the core is built from (CoreDeps: handed in by the shell or the test host) and what its
 * parts share (CoreContext). Handlers and services receive the context; nothing reaches for a
 * global.
 */
import type { AnnotationsRepo } from './db/repositories/annotations';
import type { WaitingAnnotationsRepo } from './db/repositories/waiting-annotations';
import type { Database } from 'better-sqlite3';
import type { Notice } from '../../src-preload/contract';
import type { AuditRepo } from './db/repositories/audit';
import type { ConnectionsRepo } from './db/repositories/connections';
import type { DeliveryRepo } from './db/repositories/delivery';
import type { OperationsRepo } from './db/repositories/operations';
import type { RemindersSentRepo } from './db/repositories/reminders-sent';
import type { TokensRepo } from './db/repositories/tokens';
import type { HttpSettings } from './http/client';
import type { ProxyEnvironment } from './http/proxy';
import type { Logger } from './log/logger';
import type { ProviderModule } from './providers/module';
import type { ProviderRegistry } from './providers/registry';
import type { ReminderScheduler } from './reminders/scheduler';
import type {
  ClipboardPort,
  Clock,
  Confirmer,
  CredentialStore,
  EmitEvent,
  Notifier,
  SessionProvider,
  SystemIntegration,
  TrayPort,
} from './ports';
import type { SecretVault } from './services/secret-vault';
import type {
  DeliveryConnectionResolver,
  DeliveryTargetKind,
  SpawnPort,
} from './services/delivery/target-kind';
import type { SettingsService } from './settings/settings-service';
import type { TokenQueries } from './tokens/query';
import type { UpdaterPort } from './updates/update-service';

export interface CoreDeps {
  /** The app's user-data folder: the database and logs live here. */
  dataDir: string;
  appName: string;
  appVersion: string;
  platform: string;
  demo?: boolean;
  credentials: CredentialStore;
  notifier: Notifier;
  clipboard: ClipboardPort;
  clock: Clock;
  sessions: SessionProvider;
  system: SystemIntegration;
  tray: TrayPort;
  /** Asks the user in a native dialog before a setting that weakens security changes. */
  confirm: Confirmer;
  /** Self-update (electron-updater in a packaged app); none when absent. */
  updater?: UpdaterPort;
  emit: EmitEvent;
  log: Logger;
  /** Electron-ABI copy of better-sqlite3's binary, when main runs under Electron in development. */
  nativeBinding?: string;
  /** Proxy resolved by the shell through Electron's session (e.g. "PROXY host:8080"), if any. */
  resolveProxy?: (url: string) => Promise<string | null>;
  /** Provider HTTP tuning (tests shorten timeouts); defaults in core/http/client.ts. */
  http?: Partial<HttpSettings>;
  /** HTTPS_PROXY / NO_PROXY and friends; defaults to process.env. */
  proxyEnv?: ProxyEnvironment;
  /**
   * The developer setting for loopback addresses (localhost, 127.0.0.0/8, ::1, http or https):
   * off, a connection may not point at this computer. The test host, the unit tests and the
   * demo turn it on for the simulators; the shell only when unpackaged and started with
   * TOKENKEEPER_ALLOW_LOOPBACK=1 (`npm run demo` does). docs/security.md.
   */
  allowLoopbackAddresses?: boolean;
  /** The providers this core speaks to; defaults to the shipped ones (providers/shipped.ts). */
  providers?: readonly ProviderModule[];
  /** Runs a command target's program (no shell); defaults to Node's child_process (delivery/node-spawn.ts). */
  spawn?: SpawnPort;
  /** The delivery target kinds; defaults to every kind (services/delivery/kinds/). */
  deliveryKinds?: readonly DeliveryTargetKind[];
  /** The remote kinds' delivery connections (a credential of their own, in the keychain). */
  deliveryConnections?: DeliveryConnectionResolver;
}

export interface Repos {
  connections: ConnectionsRepo;
  annotations: AnnotationsRepo;
  waitingAnnotations: WaitingAnnotationsRepo;
  tokens: TokensRepo;
  operations: OperationsRepo;
  audit: AuditRepo;
  remindersSent: RemindersSentRepo;
  /** Delivery targets, their per-rotation journal and rotation schedules (migration 0008). */
  delivery: DeliveryRepo;
}

export interface NoticeBoard {
  list(): Notice[];
  add(notice: Notice): void;
  dismiss(id: string): void;
}

export interface CoreContext {
  deps: CoreDeps;
  db: Database;
  databasePath: string;
  logDir: string;
  repos: Repos;
  /** Every provider fact, by provider id (the registry built from `deps.providers`). */
  providers: ProviderRegistry;
  queries: TokenQueries;
  settings: SettingsService;
  vault: SecretVault;
  notices: NoticeBoard;
  /** Expiry reminders: the attention list, notifications, the tray. Emit `tokensChanged` through `emit` so it re-plans. */
  reminders: ReminderScheduler;
  log: Logger;
  now(): number;
  emit: EmitEvent;
  /** Records what the user did, for the audit trail. */
  audit(entry: {
    action: string;
    outcome: 'ok' | 'error' | 'info';
    connectionId?: string | null;
    tokenId?: string | null;
    detail?: string;
  }): void;
}
