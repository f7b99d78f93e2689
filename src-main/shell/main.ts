/**
 * The Electron shell: app lifecycle, single-instance lock, the hardened window, and the wiring
 * of Electron's APIs into the core's ports. This folder (and the preload) is the only code that
 * imports `electron`; everything it hands to the core is a small interface.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, powerMonitor, safeStorage, session } from 'electron';
import Store from 'electron-store';
import { createCore, type Core } from '../core/core';
import { DatabaseMigrationError, DatabaseTooNewError } from '../core/db/database';
import { createFileLogger, type Logger } from '../core/log/logger';
import { systemClock } from '../core/ports';
import { APP_USER_MODEL_ID } from './app-identity';
import { createCrashHandlers, installCrashHandlers, watchRenderer } from './crash-handlers';
import { SafeStorageCredentialStore } from './credential-store';
import { createEmitter, registerIpc } from './ipc';
import { developmentOverrides, refusedSwitches } from './launch-policy';
import { installApplicationMenu, installContextMenu } from './menu';
import { resolveNativeBinding } from './native-binding';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { onSessionEnd } from './session-end';
import { nativeConfirmer } from './native-dialogs';
import { electronClipboard, electronSystem } from './system-ports';
import { createMainWindow, hardenSession, type WindowBounds } from './window';
import { keepsSessionOnDisk } from './web-session-storage';
import { electronWebSessions, isSignInContents } from './web-sessions';
import { runDemoPlanFile } from '../core/services/demo-connections';
import { createShellNotifier } from './notifier';
import { electronNotificationFactory } from './notifier-electron';
import { forwardWakeEvents } from './power';
import { startedHidden } from './launch-hidden';
import { startAtLogin } from './start-at-login';
import { createStartupFailure, failUntilShown } from './startup-failure';
import { TrayService, trayIconDir } from './tray';
import { electronTrayFactory } from './tray-electron';
import { closeHidesWindow, statusNotifierHostPresent } from './tray-host';
import { electronUpdaterPort } from './updates';
import { guardMainWindow } from './window-guards';

/**
 * Must match the Windows installer's AppUserModelId, or notifications do not show on Windows: it is
 * defined once in app-identity.ts, which the installer configuration reads as its appId.
 */
export { APP_USER_MODEL_ID };

const here = path.dirname(fileURLToPath(import.meta.url));

export function runApp(): void {
  // Before anything else: a packaged app never runs with a debugging switch (launch-policy.ts).
  if (app.isPackaged) {
    const refused = refusedSwitches((name) => app.commandLine.hasSwitch(name), process.argv);
    if (refused.length > 0) {
      dialog.showErrorBox(
        'Tokenkeeper did not start',
        `It was started with ${refused.map((name) => `--${name}`).join(', ')}, which would let other programs control it and read the secrets it handles. Start it without.`,
      );
      app.exit(1);
      return;
    }
  }
  // Development and test switches; a packaged app ignores them.
  const overrides = developmentOverrides(process.env, app.isPackaged);
  if (overrides.userData !== null) app.setPath('userData', path.resolve(overrides.userData));
  const demoPlanFile = overrides.demoPlan === null ? null : path.resolve(overrides.demoPlan);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  app.setAppUserModelId(APP_USER_MODEL_ID);
  app.enableSandbox();

  const devServerUrl = overrides.rendererUrl;
  const isDev = devServerUrl !== null;
  let win: BrowserWindow | null = null;
  let core: Core | null = null;
  const getWindow = () => win;
  /** Set once the core is up; re-creates the window after it was closed (macOS dock, tray, notification). */
  let openWindow: (() => void) | null = null;
  /** True once quitting starts, so "close to tray" no longer hides the window. */
  let quitting = false;
  /** Until the window shows, a failure is logged, shown in an error box naming the log, and ends the app. */
  let startupLog: Logger | null = null;
  let startedUp = false;
  const failStart = createStartupFailure({
    log: () => startupLog,
    logDir: () => path.join(app.getPath('userData'), 'logs'),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    exit: (code) => app.exit(code),
  });

  const focus = () => {
    if (win === null) openWindow?.();
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  app.on('second-instance', focus);

  // Defence in depth for any web contents that might ever be created.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Provider sign-in windows (Mirox) navigate within their provider's host; they check that themselves.
    contents.on('will-navigate', (event) => {
      if (!isSignInContents(contents)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for the core to wipe held secrets and clear a clipboard that still holds one.
  let shutdownDone = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutdownDone || core === null) return;
    event.preventDefault();
    const closing = core;
    core = null;
    void closing
      .shutdown()
      .catch(() => undefined)
      .finally(() => {
        shutdownDone = true;
        app.quit();
      });
  });

  const start = async () => {
    hardenSession();
    handleAppProtocol(path.join(here, '../renderer'));
    const userData = app.getPath('userData');
    const log = createFileLogger({ dir: path.join(userData, 'logs'), echo: isDev });
    startupLog = log;
    const store = new Store<Record<string, unknown>>({
      name: 'tokenkeeper',
      clearInvalidConfig: false,
      // Owner-only, like the rest of the data folder (it holds the credentials' ciphertext).
      configFileMode: 0o600,
    });
    const crash = createCrashHandlers({
      log: log.child({ area: 'crash' }),
      now: () => Date.now(),
      notify: (notice) => core?.context.notices.add(notice),
      showError: (title, message) => dialog.showErrorBox(title, message),
      shutdown: async () => {
        const closing = core;
        core = null;
        await closing?.shutdown();
      },
      rendererLost: () => core?.context.vault.rendererLost(),
      reloadWindow: () => {
        if (win !== null && !win.isDestroyed()) win.webContents.reload();
        else openWindow?.();
      },
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
      quitting: () => quitting,
    });
    installCrashHandlers({ process, app }, crash);
    const credentials = new SafeStorageCredentialStore(
      safeStorage,
      {
        get: (k) => store.get(k),
        set: (k, v) => store.set(k, v),
        delete: (k) => store.delete(k),
        has: (k) => store.has(k),
      },
      process.platform,
    );
    // The tray exists before the core so the core's first plan can show the attention count.
    const tray = new TrayService({
      factory: electronTrayFactory,
      platform: process.platform,
      iconDir: trayIconDir({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
      }),
      log: log.child({ area: 'tray' }),
      actions: {
        open: focus,
        openToken: (tokenId) => {
          focus();
          core?.reminders.openToken(tokenId);
        },
        syncNow: () => {
          void core?.call('syncNow', {}).then((result) => {
            if (!result.ok) log.warn('sync from the tray failed', { code: result.error.code });
          });
        },
        setPaused: (paused) => {
          void core?.call('updateSettings', { remindersPaused: paused });
        },
        quit: () => app.quit(),
      },
    });
    // Linux: a tray nobody displays must not swallow the window on close. Until the D-Bus check
    // answers, closing the window quits as usual.
    let trayShown = tray.start() && process.platform !== 'linux';
    /** Resolves once it is known whether the tray can be seen (Linux asks D-Bus). */
    let trayKnown: Promise<boolean> = Promise.resolve(trayShown);
    if (tray.available && process.platform === 'linux') {
      trayKnown = statusNotifierHostPresent().then((present) => {
        trayShown = present;
        if (!present) log.info('no StatusNotifier host: closing the window quits instead of hiding it');
        return present;
      });
    }
    const system = {
      ...electronSystem(getWindow),
      setStartAtLogin: startAtLogin({
        platform: process.platform,
        isPackaged: app.isPackaged,
        setLoginItem: (settings) => app.setLoginItemSettings(settings),
        executable: process.env.APPIMAGE ?? process.execPath,
        ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
        log,
      }),
    };
    const nativeBinding = resolveNativeBinding({
      isPackaged: app.isPackaged,
      appRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
      arch: process.arch,
    });
    try {
      core = createCore({
        dataDir: userData,
        appName: 'Tokenkeeper',
        appVersion: app.getVersion(),
        platform: process.platform,
        credentials,
        notifier: createShellNotifier({
          factory: electronNotificationFactory,
          focusWindow: focus,
          log,
          platform: process.platform,
        }),
        clipboard: electronClipboard,
        clock: systemClock,
        sessions: electronWebSessions({
          parent: getWindow,
          onDisk: async () =>
            keepsSessionOnDisk(
              await credentials.status(),
              core?.context.settings.get().weakStorageAccepted ?? false,
            ),
        }),
        confirm: nativeConfirmer(getWindow),
        updater: electronUpdaterPort({
          isPackaged: app.isPackaged,
          platform: process.platform,
          resourcesPath: process.resourcesPath,
          log: log.child({ area: 'updates' }),
        }),
        demo: demoPlanFile !== null,
        // The simulators listen on loopback: only an unpackaged app may be pointed at them.
        allowLoopbackAddresses: overrides.allowLoopback,
        system,
        tray,
        emit: createEmitter(getWindow, log),
        log,
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
        resolveProxy: async (url) => session.defaultSession.resolveProxy(url),
      });
    } catch (error) {
      // Both say what happened to the file (unchanged) and, after a failed update, where its backup is.
      failStart(
        error,
        error instanceof DatabaseTooNewError || error instanceof DatabaseMigrationError
          ? { title: 'Tokenkeeper cannot open its data', summary: error.message, showError: false }
          : { summary: 'The token cache could not be opened.' },
      );
      return;
    }
    registerIpc(core, devServerUrl);
    installApplicationMenu({ core, development: isDev, getWindow });
    // `npm run demo`: connections against the local simulators, created through the contract.
    if (demoPlanFile !== null) void runDemoPlanFile(core, demoPlanFile, log);
    const reminders = core.reminders;
    forwardWakeEvents(powerMonitor, () => reminders.replanNow());
    // A copied secret must not outlive the session on the clipboard.
    const sessionEnds = onSessionEnd({
      vault: () => core?.context.vault ?? null,
      log,
      markQuitting: () => {
        quitting = true;
      },
    });
    powerMonitor.on('shutdown', sessionEnds);
    // Re-register at each start so an updated app's new path is the one that starts at login.
    if (core.context.settings.get().startAtLogin) system.setStartAtLogin(true);
    const settings = core.context.settings;
    openWindow = () => {
      const opened = createMainWindow({
        preloadDir: path.join(here, '../preload'),
        devServerUrl,
        isDev,
        bounds: {
          load: () => (store.get('window') as WindowBounds | undefined) ?? null,
          save: (bounds) => store.set('window', bounds),
        },
      });
      // Start-up ends when the first window shows; a window re-opened later is not a start.
      if (!startedUp) failUntilShown(opened, failStart, () => (startedUp = true));
      opened.on('close', (event) => {
        if (closeHidesWindow({ closeToTray: settings.get().closeToTray, trayShown, quitting })) {
          event.preventDefault();
          opened.hide();
        }
      });
      guardMainWindow(opened.webContents, {
        platform: process.platform,
        development: isDev,
        secretHeld: () => (core?.context.vault.size ?? 0) > 0,
        onPageReplaced: () => core?.context.vault.rendererLost(),
      });
      watchRenderer(opened.webContents, crash);
      installContextMenu(opened);
      // Windows logging off or shutting down.
      opened.on('session-end', sessionEnds);
      opened.on('closed', () => {
        if (win === opened) win = null;
      });
      win = opened;
    };
    // Started at login: the tray only, until the user asks for the window (launch-hidden.ts).
    const hidden = startedHidden({
      platform: process.platform,
      argv: process.argv,
      wasOpenedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
    });
    if (hidden && tray.available) {
      startedUp = true;
      log.info('started hidden, in the tray');
      // A tray nobody displays would leave the app out of reach: then the window opens after all.
      void trayKnown.then((seen) => {
        if (!seen && win === null) openWindow?.();
      });
    } else openWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStart(error));

  app.on('activate', () => {
    // The dock icon (macOS): show the window, re-creating it if it was closed. Never a second core.
    if (core !== null && BrowserWindow.getAllWindows().length === 0) openWindow?.();
    else focus();
  });
}
