/**
 * Builds the core from its dependencies: opens the database, wires repositories and services,
 * and returns the handlers table that implements every contract channel. Used identically by the
 * Electron shell and the test host.
 */
import path from 'node:path';
import type { CoreContext, CoreDeps } from './context';
import { openDatabase } from './db/database';
import { auditRepo } from './db/repositories/audit';
import { connectionsRepo } from './db/repositories/connections';
import { operationsRepo } from './db/repositories/operations';
import { remindersSentRepo } from './db/repositories/reminders-sent';
import { settingsRepo } from './db/repositories/settings';
import { tokensRepo } from './db/repositories/tokens';
import { activityHandlers } from './handlers/activity';
import { appHandlers } from './handlers/app';
import { connectionHandlers } from './handlers/connections';
import { secretHandlers } from './handlers/secrets';
import { reminderHandlers } from './handlers/reminders';
import { tokenOperationHandlers } from './handlers/token-operations';
import { tokenHandlers } from './handlers/tokens';
import { dispatch, type Handlers } from './ipc/dispatch';
import { registerSecretShapes } from './log/redact';
import { createNoticeBoard } from './notices';
import { createRegistry } from './providers/registry';
import { ReminderScheduler } from './reminders/scheduler';
import { reminderStore } from './reminders/store';
import { SecretVault } from './services/secret-vault';
import { restoreConnections, writeConnectionManifest } from './services/connection-manifest';
import { shutdownProviders, syncable, syncService } from './services/sync';
import { SettingsService } from './settings/settings-service';
import { tokenQueries } from './tokens/query';

export const DATABASE_FILE = 'tokenkeeper.db';

export interface Core {
  handlers: Handlers;
  context: CoreContext;
  /** Expiry reminders: the shell calls `replanNow()` on resume from sleep and `openToken()` from the tray. */
  reminders: ReminderScheduler;
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
    operations: operationsRepo(db),
    audit: auditRepo(db),
    remindersSent: remindersSentRepo(db),
  };
  const settings = new SettingsService(settingsRepo(db));
  const notices = createNoticeBoard(deps.emit);
  const vault = new SecretVault({
    clock: deps.clock,
    clipboard: deps.clipboard,
    clearDelaySeconds: () => settings.get().clipboardClearSeconds,
    setContentProtection: (on) => deps.system.setContentProtection(on),
    onClipboardCleared: () => deps.emit('clipboardCleared', null),
  });

  const reminders = new ReminderScheduler({
    clock: deps.clock,
    notifier: deps.notifier,
    tray: deps.tray,
    emit: deps.emit,
    log: log.child({ area: 'reminders' }),
    store: reminderStore(db, repos, settings, providers),
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
    now: () => deps.clock.now(),
    emit: (event, payload) => {
      deps.emit(event, payload);
      // A sync, an edit, a rotation or a snooze can move a deadline: re-plan reminders (debounced).
      if (event === 'tokensChanged' || event === 'connectionsChanged') reminders.requestReplan();
      // Kept beside the database, so a damaged cache can be rebuilt from the providers.
      if (event === 'connectionsChanged') writeConnectionManifest(context);
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

  let restored: ReturnType<typeof restoreConnections> = [];
  if (opened.recoveredFrom !== null) {
    restored = restoreConnections(context);
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
  writeConnectionManifest(context);
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

  settings.onChange((next, previous) => {
    if (next.startAtLogin !== previous.startAtLogin) deps.system.setStartAtLogin(next.startAtLogin);
    if (next.theme !== previous.theme) deps.system.setTheme(next.theme);
    deps.emit('settingsChanged', next);
  });
  // Thresholds and "pause reminders" change what is due.
  settings.onChange(() => reminders.requestReplan());

  const handlers: Handlers = {
    ...appHandlers(context),
    ...connectionHandlers(context),
    ...tokenHandlers(context),
    ...tokenOperationHandlers(context),
    ...secretHandlers(context),
    ...activityHandlers(context),
    ...reminderHandlers(context),
  };

  log.info('core started', { schemaApplied: opened.applied, version: deps.appVersion });
  // A rebuilt cache: fetch the restored connections' tokens again.
  const toSync = restored.filter((r) => syncable(r, providers));
  if (toSync.length > 0) syncService(context).start(toSync.map((r) => r.id));
  // Catches up on what fell due while the app was closed (one grouped notification at most).
  reminders.start();

  return {
    handlers,
    context,
    reminders,
    call: (channel, payload) => dispatch(handlers, channel, payload, log),
    async shutdown() {
      reminders.stop();
      try {
        await shutdownProviders(context);
        await vault.shutdown();
      } finally {
        if (db.open) db.close();
      }
    },
  };
}
