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
import { createFileLogger } from '../core/log/logger';
import { systemClock } from '../core/ports';
import { APP_USER_MODEL_ID } from './app-identity';
import { SafeStorageCredentialStore } from './credential-store';
import { createEmitter, registerIpc } from './ipc';
import { resolveNativeBinding } from './native-binding';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { electronClipboard, electronSystem } from './system-ports';
import { createMainWindow, hardenSession, type WindowBounds } from './window';
import { electronWebSessions, isSignInContents } from './web-sessions';
import { runDemoPlanFile } from '../core/services/demo-connections';
import { createShellNotifier } from './notifier';
import { electronNotificationFactory } from './notifier-electron';
import { forwardWakeEvents } from './power';
import { startAtLogin } from './start-at-login';
import { TrayService, trayIconDir } from './tray';
import { electronTrayFactory } from './tray-electron';
import { closeHidesWindow, statusNotifierHostPresent } from './tray-host';

/**
 * Must match the Windows installer's AppUserModelId, or notifications do not show on Windows: it is
 * defined once in app-identity.ts, which the installer configuration reads as its appId.
 */
export { APP_USER_MODEL_ID };

const here = path.dirname(fileURLToPath(import.meta.url));

export function runApp(): void {
  if (process.env.TOKENKEEPER_USER_DATA)
    app.setPath('userData', path.resolve(process.env.TOKENKEEPER_USER_DATA));
  const demoPlanFile = process.env.TOKENKEEPER_DEMO_PLAN
    ? path.resolve(process.env.TOKENKEEPER_DEMO_PLAN)
    : null;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  app.setAppUserModelId(APP_USER_MODEL_ID);
  app.enableSandbox();

  const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
  const isDev = devServerUrl !== null;
  let win: BrowserWindow | null = null;
  let core: Core | null = null;
  const getWindow = () => win;
  /** Set once the core is up; re-creates the window after it was closed (macOS dock, tray, notification). */
  let openWindow: (() => void) | null = null;
  /** True once quitting starts, so "close to tray" no longer hides the window. */
  let quitting = false;

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
    const store = new Store<Record<string, unknown>>({ name: 'tokenkeeper', clearInvalidConfig: false });
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
    if (tray.available && process.platform === 'linux') {
      void statusNotifierHostPresent().then((present) => {
        trayShown = present;
        if (!present) log.info('no StatusNotifier host: closing the window quits instead of hiding it');
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
        notifier: createShellNotifier({ factory: electronNotificationFactory, focusWindow: focus, log }),
        clipboard: electronClipboard,
        clock: systemClock,
        sessions: electronWebSessions({ parent: getWindow }),
        demo: demoPlanFile !== null,
        system,
        tray,
        emit: createEmitter(getWindow, log),
        log,
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
        resolveProxy: async (url) => session.defaultSession.resolveProxy(url),
      });
    } catch (error) {
      // Both say what happened to the file (unchanged) and, after a failed update, where its backup is.
      if (error instanceof DatabaseTooNewError || error instanceof DatabaseMigrationError) {
        dialog.showErrorBox('Tokenkeeper cannot open its data', error.message);
      } else {
        log.error('start-up failed', { error });
        dialog.showErrorBox(
          'Tokenkeeper could not start',
          'The token cache could not be opened. Details are in the log.',
        );
      }
      app.exit(1);
      return;
    }
    registerIpc(core, devServerUrl);
    // `npm run demo`: connections against the local simulators, created through the contract.
    if (demoPlanFile !== null) void runDemoPlanFile(core, demoPlanFile, log);
    const reminders = core.reminders;
    forwardWakeEvents(powerMonitor, () => reminders.replanNow());
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
      opened.on('close', (event) => {
        if (closeHidesWindow({ closeToTray: settings.get().closeToTray, trayShown, quitting })) {
          event.preventDefault();
          opened.hide();
        }
      });
      // Windows logging off or shutting down: a hidden-instead-of-closed window would block it.
      opened.on('session-end', () => {
        quitting = true;
      });
      opened.on('closed', () => {
        if (win === opened) win = null;
      });
      win = opened;
    };
    openWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch(() => app.exit(1));

  app.on('activate', () => {
    // The dock icon (macOS): show the window, re-creating it if it was closed. Never a second core.
    if (core !== null && BrowserWindow.getAllWindows().length === 0) openWindow?.();
    else focus();
  });
}
