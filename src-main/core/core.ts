/**
 * Builds the core from its dependencies: opens the database, builds the repositories and the
 * services (each handed what it uses, nothing looked up later), and returns the handlers table
 * that implements every contract channel. Used identically by the Electron shell and the test
 * host.
 */
import path from 'node:path';
import type { CoreContext, CoreDeps } from './context';
import { openDatabase } from './db/database';
import { auditRepo } from './db/repositories/audit';
import { connectionsRepo } from './db/repositories/connections';
import { deliveryRepo } from './db/repositories/delivery';
import { operationsRepo } from './db/repositories/operations';
import { remindersSentRepo } from './db/repositories/reminders-sent';
import { settingsRepo } from './db/repositories/settings';
import { waitingAnnotationsRepo } from './db/repositories/waiting-annotations';
import { tokensRepo } from './db/repositories/tokens';
import { annotationsRepo } from './db/repositories/annotations';
import { activityHandlers } from './handlers/activity';
import { appHandlers } from './handlers/app';
import { deliveryHandlers } from './handlers/delivery';
import { connectionHandlers } from './handlers/connections';
import { deliveryConnectionHandlers } from './handlers/delivery-connections';
import { secretHandlers } from './handlers/secrets';
import { reminderHandlers } from './handlers/reminders';
import { tokenOperationHandlers } from './handlers/token-operations';
import { tokenHandlers } from './handlers/tokens';
import { importHandlers } from './handlers/import';
import { pastedTokenHandlers } from './handlers/pasted-tokens';
import { dispatch, type Handlers } from './ipc/dispatch';
import { DeliveryConnectionManager } from './services/delivery/delivery-connections';
import { registerSecretShapes } from './log/redact';
import { createNoticeBoard } from './notices';
import { ensurePrivateDir } from './private-files';
import { createRegistry } from './providers/registry';
import { ReminderScheduler } from './reminders/scheduler';
import { reminderStore } from './reminders/store';
import { CalendarFileKeeper, expiryCalendarSource } from './reminders/calendar-file';
import { ConnectionMaintenance, recoverConnectionStates } from './services/connection-maintenance';
import { ConnectionManifest } from './services/connection-manifest';
import { ConnectionSetup } from './services/connection-setup';
import { DELIVERY_TARGET_KINDS } from './services/delivery/kinds';
import { DeliveryHold } from './services/delivery/hold';
import { reportInterruptedDeliveries } from './services/delivery/interrupted';
import { nodeSpawnPort } from './services/delivery/node-spawn';
import { DeliveryPipeline } from './services/delivery/pipeline';
import { RotationSchedules } from './services/delivery/schedule';
import { DeliveryTargets } from './services/delivery/targets';
import { createProviderRuntime, type ProviderRuntime } from './services/provider-runtime';
import { fileClipboardMarker } from './services/clipboard-marker';
import { SecretVault } from './services/secret-vault';
import { shutdownProviders, syncable, SyncService } from './services/sync';
import { PastedTokensService } from './services/pasted-tokens';
import { TokenOperations } from './services/token-operations';
import { TokensService } from './services/tokens';
import { SettingsService } from './settings/settings-service';
import { tokenQueries } from './tokens/query';
import { noUpdater, UpdateService } from './updates/update-service';

export const DATABASE_FILE = 'tokenkeeper.db';
/** A salted hash of a secret on the clipboard, so a start after a crash can clear it. */
export const CLIPBOARD_MARK_FILE = 'clipboard-mark.json';

/** The services core.ts builds; tests and benchmarks reach them here (e.g. `services.sync.whenIdle()`). */
export interface CoreServices {
  runtime: ProviderRuntime;
  sync: SyncService;
  tokens: TokensService;
  operations: TokenOperations;
  connectionSetup: ConnectionSetup;
  connections: ConnectionMaintenance;
  /** Delivery connections and the resolver the delivery pipeline reaches their credentials through. */
  deliveryConnections: DeliveryConnectionManager;
  delivery: DeliveryPipeline;
  schedules: RotationSchedules;
}

export interface Core {
  handlers: Handlers;
  context: CoreContext;
  services: CoreServices;
  /** Expiry reminders: the shell calls `replanNow()` on resume from sleep and `openToken()` from the tray. */
  reminders: ReminderScheduler;
  /** Self-update: checks, the Help menu's state, the update notice. */
  updates: UpdateService;
  /** Validates and runs one call (what the shell's ipcMain.handle and the test host call). */
  call(channel: unknown, payload: unknown): ReturnType<typeof dispatch>;
  /** Wipes held secrets, clears a clipboard still holding one, closes the database. */
  shutdown(): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  // Before the database opens: a provider module that contradicts itself stops the start here.
  const providers = createRegistry(deps.providers);
  // Each provider's secret shapes are scrubbed from every log line and message from now on.
  registerSecretShapes(providers.secretShapes);
  const databasePath = path.join(deps.dataDir, DATABASE_FILE);
  ensurePrivateDir(deps.dataDir);
  const opened = openDatabase({
    file: databasePath,
    now: () => deps.clock.now(),
    ...(deps.nativeBinding === undefined ? {} : { nativeBinding: deps.nativeBinding }),
  });
  const db = opened.db;
  const log = deps.log;
  const repos = {
    connections: connectionsRepo(db),
    tokens: tokensRepo(db),
    annotations: annotationsRepo(db),
    waitingAnnotations: waitingAnnotationsRepo(db),
    operations: operationsRepo(db),
    audit: auditRepo(db),
    remindersSent: remindersSentRepo(db),
    delivery: deliveryRepo(db),
  };
  const settings = new SettingsService(settingsRepo(db));
  const now = () => deps.clock.now();
  // Kept beside the database, so a damaged cache can be rebuilt from the providers.
  const manifest = new ConnectionManifest({ dataDir: deps.dataDir, db, repos, log, now });
  const notices = createNoticeBoard(deps.emit);
  const vault = new SecretVault({
    clock: deps.clock,
    clipboard: deps.clipboard,
    clearDelaySeconds: () => settings.get().clipboardClearSeconds,
    setContentProtection: (on) => deps.system.setContentProtection(on),
    onClipboardCleared: () => deps.emit('clipboardCleared', null),
    marker: fileClipboardMarker(path.join(deps.dataDir, CLIPBOARD_MARK_FILE)),
  });

  const updates = new UpdateService({
    updater: deps.updater ?? noUpdater,
    appName: deps.appName,
    version: deps.appVersion,
    clock: deps.clock,
    notices,
    log: log.child({ area: 'updates' }),
  });

  const reminders = new ReminderScheduler({
    clock: deps.clock,
    notifier: deps.notifier,
    tray: deps.tray,
    emit: deps.emit,
    log: log.child({ area: 'reminders' }),
    store: reminderStore(db, repos, settings, providers),
    // Late-bound: the tokens service is built after the scheduler, and presses come later still.
    snooze: (tokenId, until) => services.tokens.snooze(tokenId, until),
  });

  const calendarFile = new CalendarFileKeeper({
    clock: deps.clock,
    settings,
    source: expiryCalendarSource(db, providers, repos, settings),
    notices,
    log: log.child({ area: 'calendar-file' }),
  });

  const context: CoreContext = {
    deps,
    db,
    databasePath,
    logDir: path.join(deps.dataDir, 'logs'),
    repos,
    providers,
    queries: tokenQueries(db, providers.reportingLastUse),
    settings,
    vault,
    notices,
    reminders,
    log,
    now,
    emit: (event, payload) => {
      deps.emit(event, payload);
      // A sync, an edit, a rotation or a snooze can move a deadline: re-plan reminders (debounced).
      if (event === 'tokensChanged' || event === 'connectionsChanged') {
        reminders.requestReplan();
        calendarFile.requestWrite();
      }
      if (event === 'connectionsChanged') manifest.write();
    },
    audit(entry) {
      repos.audit.record({
        at: deps.clock.now(),
        action: entry.action,
        outcome: entry.outcome,
        connectionId: entry.connectionId ?? null,
        tokenId: entry.tokenId ?? null,
        detail: entry.detail ?? '',
      });
    },
  };

  let restored: ReturnType<ConnectionManifest['restore']> = [];
  if (opened.recoveredFrom !== null) {
    restored = manifest.restore();
    log.warn('database was unreadable and was moved aside', {
      movedTo: opened.recoveredFrom,
      connectionsRestored: restored.length,
    });
    const count = `${restored.length} connection${restored.length === 1 ? '' : 's'}`;
    notices.add({
      id: 'database-recovered',
      level: 'warning',
      title: 'The token cache was damaged and has been rebuilt',
      message:
        restored.length > 0
          ? `The damaged file was kept at ${opened.recoveredFrom}. Tokenkeeper restored your ${count} and is fetching ${restored.length === 1 ? 'its' : 'their'} tokens from the providers again; tokens you recorded by hand need to be added again.`
          : `The damaged file was kept at ${opened.recoveredFrom}. Add your connections again and Tokenkeeper fetches their tokens from the providers; tokens you recorded by hand need to be added again.`,
    });
  }
  // Also creates the file for a database from before it existed.
  manifest.write();
  const interrupted = repos.operations.markPendingInterrupted();
  for (const op of repos.operations.listOpen().filter((o) => o.state === 'interrupted')) {
    notices.add({
      id: `operation:${op.id}`,
      level: 'warning',
      title: `An operation on “${op.tokenName}” was interrupted`,
      message:
        op.kind === 'rotate'
          ? 'Tokenkeeper stopped in the middle of a rotation. Open the token to see what to do.'
          : op.kind === 'create' && op.resultTokenId !== null
            ? 'Tokenkeeper stopped before showing you the new token’s secret, which is now lost. Revoke that token and create a new one.'
            : 'Tokenkeeper stopped before it knew the outcome. Sync to see the token’s current state.',
    });
  }
  if (interrupted > 0) log.warn('operations interrupted by the last shutdown', { count: interrupted });
  // Deliveries a crash cut short: which targets have the new secret and which do not.
  reportInterruptedDeliveries(context);

  settings.onChange((next, previous) => {
    if (next.startAtLogin !== previous.startAtLogin) deps.system.setStartAtLogin(next.startAtLogin);
    if (next.theme !== previous.theme) deps.system.setTheme(next.theme);
    deps.emit('settingsChanged', next);
  });
  // Thresholds and "pause reminders" change what is due.
  settings.onChange(() => reminders.requestReplan());
  // The kept calendar's alarms are the thresholds; a newly chosen file was just written by the dialog.
  settings.onChange((next, previous) => {
    if (next.reminderThresholdsDays.join() !== previous.reminderThresholdsDays.join())
      calendarFile.requestWrite();
  });

  const runtime = createProviderRuntime(context);
  const sync = new SyncService(context, runtime);
  const tokens = new TokensService(context);
  const operations = new TokenOperations(context, runtime, tokens);
  const deliveryTargets = new DeliveryTargets(context, deps.deliveryKinds ?? DELIVERY_TARGET_KINDS);
  const deliveryHold = new DeliveryHold(deps.clock);
  // Built before the pipeline: it is the resolver the remote kinds reach their credentials through.
  const deliveryConnections = new DeliveryConnectionManager(context, runtime.http);
  const delivery = new DeliveryPipeline({
    ctx: context,
    operations,
    runtime,
    tokens,
    targets: deliveryTargets,
    hold: deliveryHold,
    spawn: deps.spawn ?? nodeSpawnPort,
    // Tests may pass their own resolver; otherwise the saved delivery connections answer.
    connections: deps.deliveryConnections ?? deliveryConnections,
  });
  const schedules = new RotationSchedules(context, delivery);
  const services: CoreServices = {
    runtime,
    sync,
    tokens,
    operations,
    connectionSetup: new ConnectionSetup(context, runtime, sync),
    connections: new ConnectionMaintenance(context, runtime, sync),
    deliveryConnections,
    delivery,
    schedules,
  };
  recoverConnectionStates(context);
  runtime.restoreSessions(repos.connections.list());

  const handlers: Handlers = {
    ...appHandlers(context),
    ...connectionHandlers(providers, services.connectionSetup, services.connections),
    ...deliveryConnectionHandlers(services.deliveryConnections),
    ...tokenHandlers(context, tokens),
    ...tokenOperationHandlers(services.operations),
    ...deliveryHandlers(context, deliveryTargets, delivery, schedules),
    ...secretHandlers(context),
    ...activityHandlers(context, sync),
    ...reminderHandlers(context),
    ...importHandlers(context),
    ...pastedTokenHandlers(new PastedTokensService(context, runtime, tokens)),
  };

  log.info('core started', { schemaApplied: opened.applied, version: deps.appVersion });
  // A rebuilt cache: fetch the restored connections' tokens again.
  const toSync = restored.filter((r) => syncable(r, providers));
  if (toSync.length > 0) sync.start(toSync.map((r) => r.id));
  // Catches up on what fell due while the app was closed (one grouped notification at most).
  reminders.start();
  // Scheduled rotations that fell due while the app was closed run now.
  schedules.start();
  // Expiries that passed while the app was closed leave the kept calendar.
  calendarFile.requestWrite();
  updates.start();
  void vault.clearLeftoverClipboard().then(
    (cleared) => {
      if (cleared) log.info('cleared a secret the last run left on the clipboard');
    },
    (error: unknown) =>
      log.warn('could not check the clipboard for a secret left by the last run', { error }),
  );

  return {
    handlers,
    context,
    services,
    reminders,
    updates,
    call: (channel, payload) => dispatch(handlers, channel, payload, log),
    async shutdown() {
      reminders.stop();
      schedules.stop();
      deliveryHold.dropAll();
      calendarFile.stop();
      updates.stop();
      try {
        await shutdownProviders(runtime, sync);
        await vault.shutdown();
      } finally {
        if (db.open) db.close();
      }
    },
  };
}
