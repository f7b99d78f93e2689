/**
 * What every window of the app shares from Electron's security checklist: the web preferences it
 * starts from and the permission handlers of its session. Each window adds only what is its own:
 * the main window its preload and DevTools in development, a sign-in window its partition.
 */
import type { Session, WebPreferences } from 'electron';

/**
 * Sandboxing, context isolation and the Auxclick switch are not here: each window states them in
 * its own `new BrowserWindow(...)`, where the static hardening check (Electronegativity, run by
 * scripts/check-electron-hardening.mjs) can see them; it does not follow a spread.
 */
export const HARDENED_WEB_PREFERENCES = {
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

/** Refuses every permission request, permission check and device permission on the session. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
